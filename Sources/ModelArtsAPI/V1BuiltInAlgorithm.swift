/// One built-in algorithm ("model") of `GET /v1/{project_id}/built-in-algorithms`.
public struct V1BuiltInAlgorithm: Sendable, Equatable {
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
    public var parameter: String?
    /// `create_time`, epoch milliseconds.
    public var createTime: Int64?
    /// `engine_id`.
    public var engineID: Int64?
    /// `engine_name`.
    public var engineName: String?
    /// `engine_version`.
    public var engineVersion: String?

    /// Decodes leniently; throws when `json` is not an object or `model_id` is missing.
    public init(json: JSONValue) throws(ModelDecodingError) {
        let f = try FieldReader(json, model: "V1BuiltInAlgorithm")
        modelID = try f.requiredInt64("model_id")
        modelName = f.string("model_name")
        modelUsage = f.int64("model_usage")
        modelPrecision = f.string("model_precision")
        modelSize = f.int64("model_size")
        modelTrainDataset = f.string("model_train_dataset")
        modelDatasetFormat = f.string("model_dataset_format")
        modelDescriptionURL = f.string("model_description_url")
        switch f["parameter"] {
        case nil, .null?: parameter = nil
        case .string(let text)?: parameter = text
        case let other?: parameter = other.serialized()
        }
        createTime = f.int64("create_time")
        engineID = f.int64("engine_id")
        engineName = f.string("engine_name")
        engineVersion = f.string("engine_version")
    }
}
