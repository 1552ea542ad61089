/// One AI engine of `GET /v1/{project_id}/job/ai-engines`.
public struct V1AIEngine: Sendable, Equatable, Decodable {
    /// `engine_type`.
    public var engineType: Int64?
    /// `engine_id` (required).
    public var engineID: Int64
    /// `engine_name`, e.g. `TensorFlow`.
    public var engineName: String?
    /// `engine_version`, e.g. `TF-1.8.0-python3.6`.
    public var engineVersion: String?

    /// Decodes leniently; throws when `json` is not an object or `engine_id` is missing.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
