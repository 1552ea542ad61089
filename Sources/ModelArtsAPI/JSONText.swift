/// A wire field kept as the text the server sent: a string as is, any other non-null value as its compact
/// JSON (`V1BuiltInAlgorithm.parameter`). Decodable only through `JSONValueDecoder`, as the models are.
@propertyWrapper
public struct JSONText: Sendable, Equatable, Decodable {
    /// The text; nil for an absent or `null` field.
    public var wrappedValue: String?

    /// Wraps `wrappedValue`.
    public init(wrappedValue: String?) { self.wrappedValue = wrappedValue }

    /// Reads the raw value under `decoder`.
    public init(from decoder: any Decoder) throws {
        switch try JSONValueDecoder.json(of: decoder) {
        case .null: wrappedValue = nil
        case .string(let text): wrappedValue = text
        case let other: wrappedValue = other.serialized()
        }
    }
}
