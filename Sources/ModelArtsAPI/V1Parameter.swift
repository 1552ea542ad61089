/// One run parameter `{label, value}`; the value keeps its JSON type and spelling.
public struct V1Parameter: Sendable, Equatable {
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
    public init(json: JSONValue) throws(ModelDecodingError) {
        let f = try FieldReader(json, model: "V1Parameter")
        label = f.string("label") ?? ""
        value = f["value"] ?? .null
    }
}
