// The three containers of `JSONValueDecoder`. Each scalar overload the protocols require is one line
// forwarding to a generic lenient read.

/// An object's members, first occurrence of a key winning, looked up by snake_case key.
struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: JSONValueDecoder
    private let fields: [String: JSONValue]

    init(decoder: JSONValueDecoder, members: [(key: String, value: JSONValue)]) {
        self.decoder = decoder
        var fields: [String: JSONValue] = [:]
        fields.reserveCapacity(members.count)
        for member in members where fields[member.key] == nil {
            fields[member.key] = member.value
        }
        self.fields = fields
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    /// The members' keys that are also keys of `Key` (by wire spelling as given).
    var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { field(key) != nil }

    /// True when the member is absent or `null`.
    func decodeNil(forKey key: Key) throws -> Bool { field(key)?.isNull ?? true }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try required(key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try required(key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try required(key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try required(key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try required(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try required(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try required(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try required(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try required(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try required(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try required(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try required(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try required(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try required(key) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { scalar(key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { scalar(key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { scalar(key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { scalar(key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { scalar(key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { scalar(key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { scalar(key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { scalar(key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { scalar(key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { scalar(key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { scalar(key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { scalar(key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { scalar(key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { scalar(key) }

    /// A nested value; an absent member is decoded from `null` (so an array field reads as empty).
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: child(key, model: JSONValueDecoder.modelName(type)))
    }

    /// A nested value, or nil when the member is absent, `null`, or does not decode.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = field(key), !value.isNull else { return nil }
        // try?: a malformed optional member reads as absent, as every optional field does.
        return try? T(from: decoder.child(value, model: JSONValueDecoder.modelName(type), at: key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder { child(key) }

    // MARK: - Lenient reads

    private func field(_ key: Key) -> JSONValue? {
        fields[JSONValueDecoder.snakeCase(key.stringValue)]
    }

    private func child(_ key: Key, model: String? = nil) -> JSONValueDecoder {
        decoder.child(field(key) ?? .null, model: model, at: key)
    }

    private func scalar<T: LenientScalar>(_ key: Key) -> T? { field(key).flatMap(T.lenient) }

    private func required<T: LenientScalar>(_ key: Key) throws -> T {
        guard let value: T = scalar(key) else {
            throw ModelDecodingError(
                model: decoder.model, message: "missing or invalid \"\(JSONValueDecoder.snakeCase(key.stringValue))\"")
        }
        return value
    }
}

/// An array's elements in order.
struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: JSONValueDecoder
    let elements: [JSONValue]
    private(set) var currentIndex = 0

    init(decoder: JSONValueDecoder, elements: [JSONValue]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try scalar() }
    mutating func decode(_ type: String.Type) throws -> String { try scalar() }
    mutating func decode(_ type: Double.Type) throws -> Double { try scalar() }
    mutating func decode(_ type: Float.Type) throws -> Float { try scalar() }
    mutating func decode(_ type: Int.Type) throws -> Int { try scalar() }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try scalar() }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try scalar() }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try scalar() }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try scalar() }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try scalar() }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar() }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar() }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar() }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar() }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: next(model: JSONValueDecoder.modelName(type))) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }

    /// A decoder for the next element; throws past the end.
    private mutating func next(model: String? = nil) throws -> JSONValueDecoder {
        guard !isAtEnd else {
            throw ModelDecodingError(model: decoder.model, message: "no element at index \(currentIndex)")
        }
        defer { currentIndex += 1 }
        return decoder.child(elements[currentIndex], model: model, at: JSONValueKey(intValue: currentIndex))
    }

    private mutating func scalar<T: LenientScalar>() throws -> T { try SingleValueContainer(decoder: next()).scalar() }
}

/// The decoder's value itself.
struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: JSONValueDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool { try scalar() }
    func decode(_ type: String.Type) throws -> String { try scalar() }
    func decode(_ type: Double.Type) throws -> Double { try scalar() }
    func decode(_ type: Float.Type) throws -> Float { try scalar() }
    func decode(_ type: Int.Type) throws -> Int { try scalar() }
    func decode(_ type: Int8.Type) throws -> Int8 { try scalar() }
    func decode(_ type: Int16.Type) throws -> Int16 { try scalar() }
    func decode(_ type: Int32.Type) throws -> Int32 { try scalar() }
    func decode(_ type: Int64.Type) throws -> Int64 { try scalar() }
    func decode(_ type: UInt.Type) throws -> UInt { try scalar() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar() }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }

    func scalar<T: LenientScalar>() throws -> T {
        guard let value = T.lenient(decoder.value) else {
            throw ModelDecodingError(
                model: decoder.model, message: "expected \(JSONValueDecoder.modelName(T.self)), got \(decoder.value.kindName)")
        }
        return value
    }
}
