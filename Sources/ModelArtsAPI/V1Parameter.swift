/// One run parameter `{label, value}`; the value keeps its JSON type and spelling.
public struct V1Parameter: Sendable, Equatable, Decodable {
    /// `label` (empty when absent).
    public var label: String
    /// `value`, e.g. `.number("0.01")` or `.string("32")`; `.null` when absent.
    public var value: JSONValue

    /// Creates a parameter.
    public init(label: String, value: JSONValue) {
        self.label = label
        self.value = value
    }

    /// Decodes leniently; throws when `json` is not an object.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }

    private enum CodingKeys: CodingKey { case label }

    /// `value` is taken as it stands (first member of that name), whatever its type.
    public init(from decoder: any Decoder) throws {
        label = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .label) ?? ""
        value = try JSONValueDecoder.json(of: decoder)["value"] ?? .null
    }
}
