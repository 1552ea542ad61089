/// Saved training-job configurations: list bodies and detail bodies.
enum ConfigBodies {
    /// One synthetic configuration.
    struct Config: Sendable {
        var name: String
        var desc: String
        var type: String
        var created: Int64
        var engineID: Int
        var specID: Int
        var workers: Int
        var bucket: String
        var customImage: Bool
        var parameters: [Parameter]
        var poolID: String?
        var poolName: String?
    }

    /// The synthetic configurations (besides the seed's config123), custom then sample.
    static let configs: [Config] = [
        Config(name: "resnet50-gpu-baseline", desc: "ResNet-50 on 1xV100, standard schedule", type: "custom",
               created: 1_615_280_400_000, engineID: 4, specID: 4, workers: 1, bucket: "ml-team-bucket", customImage: false,
               parameters: [Parameter(label: "learning_rate", value: "0.1", quoted: false),
                            Parameter(label: "batch_size", value: "256", quoted: false),
                            Parameter(label: "num_epochs", value: "90", quoted: true)],
               poolID: nil, poolName: nil),
        Config(name: "bert_finetune_4x", desc: "BERT fine-tuning, 4 workers on the dedicated pool", type: "custom",
               created: 1_633_046_400_000, engineID: 125, specID: 5, workers: 4, bucket: "ai-lab-2021", customImage: false,
               parameters: [Parameter(label: "lr", value: "3e-5", quoted: false),
                            Parameter(label: "max_seq_length", value: "128", quoted: false),
                            Parameter(label: "fp16", value: "true", quoted: true),
                            Parameter(label: "api_token", value: "hf_qR7vXk2LmN9pT4wZ8cB1dF6gH3jK5sA0yE", quoted: true)],
               poolID: "pool9928813f", poolName: "pnt1"),
        Config(name: "xgb-churn-cpu", desc: "XGBoost churn model on 8 vCPUs", type: "custom",
               created: 1_646_092_800_000, engineID: 100, specID: 27, workers: 1, bucket: "obs-train-data", customImage: false,
               parameters: [Parameter(label: "max_depth", value: "6", quoted: false),
                            Parameter(label: "eta", value: "0.1", quoted: false),
                            Parameter(label: "objective", value: "binary:logistic", quoted: true)],
               poolID: nil, poolName: nil),
        Config(name: "ascend-910-ms", desc: "MindSpore ResNet-50 on 8x Ascend 910", type: "custom",
               created: 1_656_633_600_000, engineID: 131, specID: 42, workers: 2, bucket: "modelarts-cn-north-4", customImage: false,
               parameters: [Parameter(label: "epoch_size", value: "90", quoted: false),
                            Parameter(label: "device_target", value: "Ascend", quoted: true),
                            Parameter(label: "obs_secret_key", value: "Zt8mQ2xR5vN1bK7pL3wC9dF4hJ6sA0gE2yU8iO5q", quoted: true)],
               poolID: "poolc0ffee42", poolName: "ascend-910-dedicated"),
        Config(name: "custom-image-torch", desc: "custom PyTorch image with run_train.sh", type: "custom",
               created: 1_662_508_800_000, engineID: 125, specID: 51, workers: 1, bucket: "ml-team-bucket", customImage: true,
               parameters: [Parameter(label: "PYTHONUNBUFFERED", value: "1", quoted: true),
                            Parameter(label: "EPOCHS", value: "20", quoted: true)],
               poolID: nil, poolName: nil),
        Config(name: "sample-mnist-tf", desc: "Sample: handwritten digit recognition with TensorFlow", type: "sample",
               created: 1_546_300_800_000, engineID: 4, specID: 7, workers: 1, bucket: "modelarts-samples", customImage: false,
               parameters: [Parameter(label: "max_steps", value: "1000", quoted: false)],
               poolID: nil, poolName: nil),
        Config(name: "sample-flowers-mxnet", desc: "Sample: flower classification with MXNet", type: "sample",
               created: 1_546_300_800_000, engineID: 501, specID: 1, workers: 1, bucket: "modelarts-samples", customImage: false,
               parameters: [Parameter(label: "num_epoch", value: "10", quoted: false),
                            Parameter(label: "lr", value: "0.01", quoted: false)],
               poolID: nil, poolName: nil),
        Config(name: "sample-iris-sklearn", desc: "Sample: iris classification with Scikit_Learn", type: "sample",
               created: 1_546_300_800_000, engineID: 200, specID: 7, workers: 1, bucket: "modelarts-samples", customImage: false,
               parameters: [Parameter(label: "n_estimators", value: "100", quoted: false)],
               poolID: nil, poolName: nil),
    ]

    /// The seed's config123 as a list row.
    static func writeSeedRow(_ w: inout JSONWriter) {
        w.beginObject()
        w.field("config_name", SeedDocument.configName)
        w.field("config_desc", "This is a config desc test")
        w.field("create_time", Int64(1_559_045_426_000))
        w.field("engine_type", 1)
        w.field("engine_name", "TensorFlow")
        w.field("engine_id", 3)
        w.field("engine_version", "TF-1.8.0-python2.7")
        w.field("user_image_url", "100.125.5.235:20202/jobmng/custom-cpu-base:1.0")
        w.field("user_command", "bash -x /home/work/run_train.sh python /home/work/user-job-dir/app/mnist/mnist_softmax.py --data_url /home/work/user-job-dir/app/mnist_data")
        w.endObject()
    }

    /// The engine of a config.
    static func engine(of config: Config) -> Catalog.Engine {
        Catalog.engines.first { $0.id == config.engineID } ?? Catalog.engines[0]
    }

    /// The spec of a config.
    static func spec(of config: Config) -> Catalog.Spec {
        Catalog.specs.first { $0.id == config.specID } ?? Catalog.specs[0]
    }

    /// Image URL and command of a custom-image config.
    static func image(of config: Config) -> (String?, String?) {
        guard config.customImage else { return (nil, nil) }
        return ("swr.cn-north-4.myhuaweicloud.com/ml-team/pytorch-custom:1.8.1-cuda11.1",
                "bash /home/work/run_train.sh python /home/work/user-job-dir/code/main.py")
    }

    /// A list row of a synthetic config.
    static func writeRow(_ config: Config, _ w: inout JSONWriter) {
        let engine = engine(of: config)
        let (image, command) = image(of: config)
        w.beginObject()
        w.field("config_name", config.name)
        w.field("config_desc", config.desc)
        w.field("create_time", config.created)
        w.field("engine_type", engine.type)
        w.field("engine_name", engine.name)
        w.field("engine_id", engine.id)
        w.field("engine_version", engine.version)
        w.field("user_image_url", image)
        w.field("user_command", command)
        w.endObject()
    }

    /// The list body of one config type; rows sorted by name, descending (the API's default order).
    static func listBody(type: String, includeSeed: Bool) -> [UInt8] {
        var rows: [(name: String, config: Config?)] = configs.filter { $0.type == type }.map { ($0.name, $0) }
        if includeSeed && type == "custom" { rows.append((SeedDocument.configName, nil)) }
        rows.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        rows.reverse()
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.field("is_success", true)
        w.field("config_total_count", rows.count)
        w.key("configs")
        w.beginArray()
        for row in rows {
            if let config = row.config { writeRow(config, &w) } else { writeSeedRow(&w) }
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }

    /// The detail body of a synthetic config.
    static func detailBody(_ config: Config) -> [UInt8] {
        let engine = engine(of: config)
        let spec = spec(of: config)
        let (image, command) = image(of: config)
        let app = "/" + config.bucket + "/" + config.name + "/code/"
        let data = "/" + config.bucket + "/datasets/" + config.name + "/"
        var w = JSONWriter(capacity: 2048)
        w.beginObject()
        w.field("is_success", true)
        w.field("config_name", config.name)
        w.field("config_desc", config.desc)
        w.field("worker_server_num", config.workers)
        w.field("app_url", app)
        w.field("boot_file_url", app + (config.customImage ? "main.py" : "train.py"))
        w.field("model_id", engine.id == 501 ? 4 : nil)
        w.parameterField(config.parameters)
        w.field("spec_id", spec.id)
        w.field("spec_code", spec.code)
        w.field("data_url", data)
        w.nullField("dataset_id")
        w.nullField("dataset_version_id")
        w.key("data_source")
        w.beginArray()
        w.beginObject()
        w.field("type", "obs")
        w.field("data_url", data)
        w.endObject()
        w.endArray()
        w.field("engine_type", engine.type)
        w.field("engine_name", engine.name)
        w.field("engine_id", engine.id)
        w.field("engine_version", engine.version)
        w.field("train_url", "/" + config.bucket + "/" + config.name + "/output/")
        w.field("log_url", "/" + config.bucket + "/" + config.name + "/logs/")
        w.field("user_image_url", image)
        w.field("user_command", command)
        w.field("gpu_type", spec.gpuType)
        if config.type == "custom" { w.field("create_time", config.created) }
        w.field("cpu", spec.cpu)
        w.field("gpu_num", spec.gpuNum)
        w.field("core", spec.core)
        w.nullField("dataset_name")
        w.nullField("dataset_version_name")
        w.field("pool_id", config.poolID)
        w.field("pool_name", config.poolName)
        w.key("volumes")
        w.beginArray()
        w.endArray()
        w.nullField("nas_mount_path")
        w.nullField("nas_share_addr")
        w.nullField("nas_type")
        w.endObject()
        return w.bytes
    }
}
