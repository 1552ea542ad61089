/// Lenient, first-match field access over a JSON object, shared by the wire models.
struct FieldReader {
    let model: String
    private let fields: [String: JSONValue]

    /// Fails unless `json` is an object.
    init(_ json: JSONValue, model: String) throws(ModelDecodingError) {
        guard case .object(let members) = json else {
            throw ModelDecodingError(model: model, message: "expected a JSON object, got \(json.kindName)")
        }
        self.model = model
        var fields: [String: JSONValue] = [:]
        fields.reserveCapacity(members.count)
        for member in members where fields[member.key] == nil {
            fields[member.key] = member.value
        }
        self.fields = fields
    }

    /// The raw value (nil when absent; `.null` is returned as is).
    subscript(key: String) -> JSONValue? { fields[key] }

    func string(_ key: String) -> String? { fields[key]?.string }
    func int64(_ key: String) -> Int64? { fields[key]?.int64 }
    func int(_ key: String) -> Int? { fields[key]?.int64.flatMap { Int(exactly: $0) } }
    func bool(_ key: String) -> Bool? { fields[key]?.bool }
    func double(_ key: String) -> Double? { fields[key]?.double }

    /// Elements of an array field (empty when absent, null or not an array).
    func array(_ key: String) -> [JSONValue] { fields[key]?.array ?? [] }

    /// A required integer id.
    func requiredInt64(_ key: String) throws(ModelDecodingError) -> Int64 {
        guard let value = int64(key) else {
            throw ModelDecodingError(model: model, message: "missing or invalid \"\(key)\"")
        }
        return value
    }

    /// A required string id (numbers accepted by spelling).
    func requiredString(_ key: String) throws(ModelDecodingError) -> String {
        guard let value = string(key) else {
            throw ModelDecodingError(model: model, message: "missing or invalid \"\(key)\"")
        }
        return value
    }

    /// Decodes every element of an array field with `make`.
    func list<T>(_ key: String, _ make: (JSONValue) throws(ModelDecodingError) -> T) throws(ModelDecodingError) -> [T] {
        var result: [T] = []
        for element in array(key) {
            result.append(try make(element))
        }
        return result
    }
}

extension JSONValue {
    /// A short name of this value's kind for messages.
    var kindName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a bool"
        case .null: return "null"
        }
    }
}
