/// A saved training-job parameter configuration: a `configs[]` row of the list, or the details response.
public struct V1Config: Sendable, Equatable {
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

    /// Decodes leniently; throws when `json` is not an object or `config_name` is missing.
    public init(json: JSONValue) throws(ModelDecodingError) {
        let f = try FieldReader(json, model: "V1Config")
        configName = try f.requiredString("config_name")
        configDesc = f.string("config_desc")
        createTime = f.int64("create_time")
        engineType = f.int64("engine_type")
        engineName = f.string("engine_name")
        engineID = f.int64("engine_id")
        engineVersion = f.string("engine_version")
        userImageURL = f.string("user_image_url")
        userCommand = f.string("user_command")
        workerServerNum = f.int64("worker_server_num")
        appURL = f.string("app_url")
        bootFileURL = f.string("boot_file_url")
        modelID = f.int64("model_id")
        parameters = try f.list("parameter") { (v) throws(ModelDecodingError) in try V1Parameter(json: v) }
        specID = f.int64("spec_id")
        specCode = f.string("spec_code")
        dataURL = f.string("data_url")
        datasetID = f.string("dataset_id")
        datasetVersionID = f.string("dataset_version_id")
        datasetName = f.string("dataset_name")
        datasetVersionName = f.string("dataset_version_name")
        dataSources = try f.list("data_source") { (v) throws(ModelDecodingError) in try V1DataSource(json: v) }
        trainURL = f.string("train_url")
        logURL = f.string("log_url")
        gpuType = f.string("gpu_type")
        gpuNum = f.int64("gpu_num")
        cpu = f.string("cpu")
        core = f.string("core")
        poolID = f.string("pool_id")
        poolName = f.string("pool_name")
        volumes = try f.list("volumes") { (v) throws(ModelDecodingError) in try V1Volume(json: v) }
        nasMountPath = f.string("nas_mount_path")
        nasShareAddr = f.string("nas_share_addr")
        nasType = f.string("nas_type")
    }
}
