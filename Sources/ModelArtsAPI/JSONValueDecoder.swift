/// A lenient `Decoder` over a parsed `JSONValue`: how every v1 wire model is read.
///
/// - Keys: a Swift key is looked up by its snake_case spelling (`engineID` → `engine_id`,
///   `modelDescriptionURL` → `model_description_url`); a key that is already snake_case (an explicit
///   `CodingKeys` raw value) is used as is. The first member of a duplicated key wins.
/// - Scalars are read as the `JSONValue` accessors read them: a string field accepts a number by its
///   spelling (and a bool), an integer accepts a numeric string, and so on.
/// - An optional field that is absent, `null` or of the wrong type decodes to nil; an array field that is
///   absent, `null` or not an array decodes as empty.
/// - A required field that is absent or invalid throws `ModelDecodingError` naming the type being decoded:
///   `cannot decode V1Version: missing or invalid "version_id"`.
struct JSONValueDecoder: Decoder {
    /// The value being decoded.
    let value: JSONValue
    /// The name of the type being decoded, for error messages.
    let model: String
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: JSONValue, model: String, codingPath: [any CodingKey] = []) {
        self.value = value
        self.model = model
        self.codingPath = codingPath
    }

    /// Decodes `type` from `json`; any failure is reported as a `ModelDecodingError`.
    static func decode<T: Decodable>(_ type: T.Type, from json: JSONValue) throws(ModelDecodingError) -> T {
        do {
            return try T(from: JSONValueDecoder(json, model: modelName(T.self)))
        } catch let error as ModelDecodingError {
            throw error
        } catch {
            throw ModelDecodingError(model: modelName(T.self), message: "\(error)")
        }
    }

    /// The raw value under `decoder`, for models whose shape keyed containers do not express (dynamic keys,
    /// wrapper objects, JSON-encoded strings). Other decoders are refused.
    static func json(of decoder: any Decoder) throws -> JSONValue {
        guard let decoder = decoder as? JSONValueDecoder else {
            throw DecodingError.typeMismatch(
                JSONValue.self,
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "decodable only from a JSONValue"))
        }
        return decoder.value
    }

    /// A decoder for `value`, a member or element of this one, being decoded as the type named `model`
    /// (nil: a nested container of this model).
    func child(_ value: JSONValue, model: String? = nil, at key: any CodingKey) -> JSONValueDecoder {
        JSONValueDecoder(value, model: model ?? self.model, codingPath: codingPath + [key])
    }

    static func modelName<T>(_ type: T.Type) -> String { String(describing: type) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw ModelDecodingError(model: model, message: "expected a JSON object, got \(value.kindName)")
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, members: members))
    }

    /// An array's elements; anything else (absent, `null`, a scalar) reads as no elements.
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedContainer(decoder: self, elements: value.array ?? [])
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValueContainer(decoder: self) }

    /// The wire spelling of a Swift key (``WireName/snakeCase(_:)``).
    static func snakeCase(_ name: String) -> String { WireName.snakeCase(name) }
}

/// A coding key for array indices and super decoders.
struct JSONValueKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// A scalar the containers read leniently, as the `JSONValue` accessors do.
protocol LenientScalar {
    static func lenient(_ json: JSONValue) -> Self?
}

extension String: LenientScalar {
    static func lenient(_ json: JSONValue) -> String? { json.string }
}

extension Bool: LenientScalar {
    static func lenient(_ json: JSONValue) -> Bool? { json.bool }
}

extension Double: LenientScalar {
    static func lenient(_ json: JSONValue) -> Double? { json.double }
}

extension Float: LenientScalar {
    static func lenient(_ json: JSONValue) -> Float? { json.double.map { Float($0) } }
}

extension LenientScalar where Self: FixedWidthInteger {
    /// An integer value that fits `Self` exactly; nil otherwise.
    static func lenient(_ json: JSONValue) -> Self? { json.int64.flatMap { Self(exactly: $0) } }
}

extension Int: LenientScalar {}
extension Int8: LenientScalar {}
extension Int16: LenientScalar {}
extension Int32: LenientScalar {}
extension Int64: LenientScalar {}
extension UInt: LenientScalar {}
extension UInt8: LenientScalar {}
extension UInt16: LenientScalar {}
extension UInt32: LenientScalar {}
extension UInt64: LenientScalar {}
