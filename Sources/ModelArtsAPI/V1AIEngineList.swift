/// The response of `GET /v1/{project_id}/job/ai-engines`.
public struct V1AIEngineList: Sendable, Equatable {
    /// `is_success`.
    public var isSuccess: Bool?
    /// `engines[]`.
    public var engines: [V1AIEngine]

    /// Decodes leniently; throws when `json` is not an object or an engine lacks `engine_id`.
    public init(json: JSONValue) throws(ModelDecodingError) {
        let f = try FieldReader(json, model: "V1AIEngineList")
        isSuccess = f.bool("is_success")
        engines = try f.list("engines") { (v) throws(ModelDecodingError) in try V1AIEngine(json: v) }
    }
}
