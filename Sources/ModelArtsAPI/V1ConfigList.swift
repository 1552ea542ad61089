/// The response of `GET /v1/{project_id}/training-job-configs`.
public struct V1ConfigList: Sendable, Equatable {
    /// `is_success`.
    public var isSuccess: Bool?
    /// `config_total_count`.
    public var configTotalCount: Int64?
    /// `configs[]`.
    public var configs: [V1Config]

    /// Decodes leniently; throws when `json` is not an object or a config lacks `config_name`.
    public init(json: JSONValue) throws(ModelDecodingError) {
        let f = try FieldReader(json, model: "V1ConfigList")
        isSuccess = f.bool("is_success")
        configTotalCount = f.int64("config_total_count")
        configs = try f.list("configs") { (v) throws(ModelDecodingError) in try V1Config(json: v) }
    }
}
