/// The response of `GET /v1/{project_id}/built-in-algorithms`.
public struct V1BuiltInAlgorithmList: Sendable, Equatable {
    /// `is_success`.
    public var isSuccess: Bool?
    /// `model_total_count`.
    public var modelTotalCount: Int64?
    /// `models[]`.
    public var models: [V1BuiltInAlgorithm]

    /// Decodes leniently; throws when `json` is not an object or a model lacks `model_id`.
    public init(json: JSONValue) throws(ModelDecodingError) {
        let f = try FieldReader(json, model: "V1BuiltInAlgorithmList")
        isSuccess = f.bool("is_success")
        modelTotalCount = f.int64("model_total_count")
        models = try f.list("models") { (v) throws(ModelDecodingError) in try V1BuiltInAlgorithm(json: v) }
    }
}
