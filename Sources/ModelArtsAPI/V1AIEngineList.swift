/// The response of `GET /v1/{project_id}/job/ai-engines`.
public struct V1AIEngineList: Sendable, Equatable, Decodable {
    /// `is_success`.
    public var isSuccess: Bool?
    /// `engines[]`.
    public var engines: [V1AIEngine]

    /// Decodes leniently; throws when `json` is not an object or an engine lacks `engine_id`.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
