/// A training-job version, as in `versions[]` of the version list or the version-details response.
///
/// Covers every documented field plus the extra ones seen in real responses (`flavor_code`, `pool_type`).
/// All fields but `versionID` are optional and decoded leniently.
public struct V1Version: Sendable, Equatable, Decodable {
    /// `version_id` (required).
    public var versionID: Int64
    /// `version_name`, e.g. `V0001`.
    public var versionName: String?
    /// `pre_version_id`.
    public var preVersionID: Int64?
    /// `job_id` (version details only).
    public var jobID: Int64?
    /// `job_name` (version details only).
    public var jobName: String?
    /// `job_desc` (version details only).
    public var jobDesc: String?
    /// `engine_type`.
    public var engineType: Int64?
    /// `engine_name`.
    public var engineName: String?
    /// `engine_id`.
    public var engineID: Int64?
    /// `engine_version`.
    public var engineVersion: String?
    /// `status` (see `JobStatus`).
    public var status: Int?
    /// `app_url`: OBS code directory.
    public var appURL: String?
    /// `boot_file_url`.
    public var bootFileURL: String?
    /// `create_time`, epoch milliseconds.
    public var createTime: Int64?
    /// `start_time`, epoch milliseconds.
    public var startTime: Int64?
    /// `duration`, milliseconds.
    public var duration: Int64?
    /// `parameter[]`.
    public var parameters: [V1Parameter]
    /// `spec_id`.
    public var specID: Int64?
    /// `spec_code`.
    public var specCode: String?
    /// `flavor_code` (real responses).
    public var flavorCode: String?
    /// `core` (numbers accepted by spelling).
    public var core: String?
    /// `cpu` (numbers accepted by spelling).
    public var cpu: String?
    /// `gpu`.
    public var gpu: Bool?
    /// `gpu_num`.
    public var gpuNum: Int64?
    /// `gpu_type`.
    public var gpuType: String?
    /// `worker_server_num`.
    public var workerServerNum: Int64?
    /// `data_url`.
    public var dataURL: String?
    /// `train_url`.
    public var trainURL: String?
    /// `log_url`.
    public var logURL: String?
    /// `dataset_id`.
    public var datasetID: String?
    /// `dataset_version_id`.
    public var datasetVersionID: String?
    /// `dataset_name`.
    public var datasetName: String?
    /// `dataset_version_name`.
    public var datasetVersionName: String?
    /// `data_source[]`.
    public var dataSources: [V1DataSource]
    /// `model_id`.
    public var modelID: Int64?
    /// `model_metric_list`, parsed (nil when absent, null or unparseable).
    public var modelMetrics: V1ModelMetrics?
    /// `system_metric_list`, parsed (nil when absent, null or unparseable).
    public var systemMetrics: V1SystemMetrics?
    /// `user_image_url`.
    public var userImageURL: String?
    /// `user_command`.
    public var userCommand: String?
    /// `resource_id`.
    public var resourceID: String?
    /// `volumes[]`.
    public var volumes: [V1Volume]
    /// `pool_id`.
    public var poolID: String?
    /// `pool_name`.
    public var poolName: String?
    /// `pool_type` (real responses), e.g. `SYSTEM_DEFINED`.
    public var poolType: String?
    /// `nas_mount_path`.
    public var nasMountPath: String?
    /// `nas_share_addr`.
    public var nasShareAddr: String?
    /// `nas_type`.
    public var nasType: String?

    /// Wire keys: snake_case of each name, but for the irregular ones named here.
    private enum CodingKeys: String, CodingKey {
        case versionID, versionName, preVersionID, jobID, jobName, jobDesc, engineType, engineName
        case engineID, engineVersion, status, appURL, bootFileURL, createTime, startTime, duration
        case specID, specCode, flavorCode, core, cpu, gpu, gpuNum, gpuType, workerServerNum, dataURL
        case trainURL, logURL, datasetID, datasetVersionID, datasetName, datasetVersionName, modelID
        case userImageURL, userCommand, resourceID, volumes, poolID, poolName, poolType, nasMountPath
        case nasShareAddr, nasType
        case parameters = "parameter", dataSources = "data_source"
        case modelMetrics = "model_metric_list", systemMetrics = "system_metric_list"
    }

    /// Decodes leniently; throws when `json` is not an object or `version_id` is missing.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
