/// A saved training-job parameter configuration: a `configs[]` row of the list, or the details response.
public struct V1Config: Sendable, Equatable, Decodable {
    /// `config_name` (required).
    public var configName: String
    /// `config_desc`.
    public var configDesc: String?
    /// `create_time`, epoch milliseconds.
    public var createTime: Int64?
    /// `engine_type`.
    public var engineType: Int64?
    /// `engine_name`.
    public var engineName: String?
    /// `engine_id`.
    public var engineID: Int64?
    /// `engine_version`.
    public var engineVersion: String?
    /// `user_image_url`.
    public var userImageURL: String?
    /// `user_command`.
    public var userCommand: String?
    /// `worker_server_num`.
    public var workerServerNum: Int64?
    /// `app_url`.
    public var appURL: String?
    /// `boot_file_url`.
    public var bootFileURL: String?
    /// `model_id`.
    public var modelID: Int64?
    /// `parameter[]`.
    public var parameters: [V1Parameter]
    /// `spec_id`.
    public var specID: Int64?
    /// `spec_code`.
    public var specCode: String?
    /// `data_url`.
    public var dataURL: String?
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
    /// `train_url`.
    public var trainURL: String?
    /// `log_url`.
    public var logURL: String?
    /// `gpu_type`.
    public var gpuType: String?
    /// `gpu_num`.
    public var gpuNum: Int64?
    /// `cpu` (numbers accepted by spelling).
    public var cpu: String?
    /// `core` (numbers accepted by spelling).
    public var core: String?
    /// `pool_id`.
    public var poolID: String?
    /// `pool_name`.
    public var poolName: String?
    /// `volumes[]`.
    public var volumes: [V1Volume]
    /// `nas_mount_path`.
    public var nasMountPath: String?
    /// `nas_share_addr`.
    public var nasShareAddr: String?
    /// `nas_type`.
    public var nasType: String?

    /// Wire keys: snake_case of each name, but for the irregular ones named here.
    private enum CodingKeys: String, CodingKey {
        case configName, configDesc, createTime, engineType, engineName, engineID, engineVersion
        case userImageURL, userCommand, workerServerNum, appURL, bootFileURL, modelID, specID, specCode
        case dataURL, datasetID, datasetVersionID, datasetName, datasetVersionName, trainURL, logURL
        case gpuType, gpuNum, cpu, core, poolID, poolName, volumes, nasMountPath, nasShareAddr, nasType
        case parameters = "parameter", dataSources = "data_source"
    }

    /// Decodes leniently; throws when `json` is not an object or `config_name` is missing.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
