/// One built-in algorithm ("model") of `GET /v1/{project_id}/built-in-algorithms`.
public struct V1BuiltInAlgorithm: Sendable, Equatable, Decodable {
    /// `model_id` (required).
    public var modelID: Int64
    /// `model_name`.
    public var modelName: String?
    /// `model_usage` (1–5).
    public var modelUsage: Int64?
    /// `model_precision` (numbers accepted by spelling).
    public var modelPrecision: String?
    /// `model_size`.
    public var modelSize: Int64?
    /// `model_train_dataset`.
    public var modelTrainDataset: String?
    /// `model_dataset_format`.
    public var modelDatasetFormat: String?
    /// `model_description_url`.
    public var modelDescriptionURL: String?
    /// `parameter`: the raw JSON string as sent (a non-string value is kept as its compact JSON).
    @JSONText public var parameter: String?
    /// `create_time`, epoch milliseconds.
    public var createTime: Int64?
    /// `engine_id`.
    public var engineID: Int64?
    /// `engine_name`.
    public var engineName: String?
    /// `engine_version`.
    public var engineVersion: String?

    /// Decodes leniently; throws when `json` is not an object or `model_id` is missing.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
