/// Writes the JSON of synthetic version objects, their parameters and metrics.
struct VersionWriter: Sendable {
    let job: ProjectPlan.Job
    let version: ProjectPlan.Version
    let previous: ProjectPlan.Version?
    /// Randomness for this version's body only.
    var rng: SplitMix64

    /// Creates a writer for one version.
    init(job: ProjectPlan.Job, version: ProjectPlan.Version, previous: ProjectPlan.Version?) {
        self.job = job
        self.version = version
        self.previous = previous
        rng = SplitMix64(seed: version.seed, stream: 7)
    }

    /// `V0001`-style name.
    var versionName: String {
        var bytes: [UInt8] = [0x56]
        bytes.putPadded(version.index + 1, width: 4)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// OBS code directory.
    var appURL: String { "/" + job.bucket + "/" + job.name + "/code/" }
    /// OBS output directory.
    var trainURL: String { "/" + job.bucket + "/" + job.name + "/output/" + versionName + "/" }
    /// OBS data directory.
    var dataURL: String {
        switch job.kind {
        case .tensorflow, .pytorch, .mxnet, .mindsporeGPU, .ascend: return "/" + job.bucket + "/datasets/imagenet-1k/"
        case .xgboost, .sklearn: return "/" + job.bucket + "/datasets/churn-2021q3/"
        case .spark: return "/" + job.bucket + "/datasets/ratings-parquet/"
        }
    }
    /// Boot file name inside the code directory.
    var bootFile: String {
        switch job.kind {
        case .tensorflow: return "train.py"
        case .pytorch: return "main.py"
        case .mindsporeGPU, .ascend: return "train.py"
        case .xgboost: return "xgb_train.py"
        case .sklearn: return "sk_train.py"
        case .spark: return "spark_als.py"
        case .mxnet: return "train_imagenet.py"
        }
    }
    /// Custom image URL, if the job uses one.
    var userImageURL: String? {
        guard job.customImage else { return nil }
        switch job.kind {
        case .pytorch: return "swr.cn-north-4.myhuaweicloud.com/ml-team/pytorch-custom:1.8.1-cuda11.1"
        case .tensorflow: return "swr.cn-north-4.myhuaweicloud.com/ml-team/tf-custom:2.4.1-gpu"
        default: return "swr.cn-north-4.myhuaweicloud.com/ml-team/custom-base:1.0"
        }
    }
    /// Custom image start command, if the job uses one.
    var userCommand: String? {
        guard job.customImage else { return nil }
        return "bash -x /home/work/run_train.sh python /home/work/user-job-dir/code/" + bootFile
            + " --data_url /home/work/dataset --epochs " + String(10 + version.index * 5)
    }

    /// Log file names, one per worker (`job-<name>.<worker>`).
    var logFileNames: [String] {
        var stem = "job-"
        for scalar in job.name.unicodeScalars {
            if scalar == "_" { stem += "-" } else { stem += String(scalar).lowercased() }
        }
        return (0..<max(1, version.workers)).map { stem + "." + String($0) }
    }

    // MARK: - Parameters

    /// The run parameters, numbers and strings mixed, secrets on some versions.
    mutating func parameters() -> [Parameter] {
        var list: [Parameter] = []
        func number(_ label: String, _ value: String) -> Parameter { Parameter(label: label, value: value, quoted: false) }
        func text(_ label: String, _ value: String) -> Parameter { Parameter(label: label, value: value, quoted: true) }
        let batch = rng.pick(["16", "32", "64", "128", "256"])
        let batchParameter = rng.chance(40) ? text("batch_size", batch) : number("batch_size", batch)
        let lr = rng.pick(["0.1", "0.01", "0.001", "3e-4", "0.0001", "0.05"])
        if job.customImage {
            list.append(text("NCCL_DEBUG", "INFO"))
            list.append(text("PYTHONUNBUFFERED", "1"))
            list.append(text("EPOCHS", String(10 + version.index * 5)))
            list.append(text("LR", lr))
        } else {
            switch job.kind {
            case .tensorflow:
                list.append(number("learning_rate", lr))
                list.append(batchParameter)
                list.append(number("num_epochs", String(rng.pick([5, 10, 30, 50, 90]))))
                list.append(text("use_fp16", rng.pick(["true", "false"])))
            case .pytorch:
                list.append(text("arch", rng.pick(["resnet50", "resnet101", "vit_b_16"])))
                list.append(number("lr", lr))
                list.append(batchParameter)
                list.append(number("weight_decay", "1e-4"))
                list.append(text("amp", "true"))
            case .mindsporeGPU, .ascend:
                list.append(number("epoch_size", String(rng.pick([10, 40, 90]))))
                list.append(batchParameter)
                list.append(number("lr", lr))
                list.append(text("device_target", job.kind == .ascend ? "Ascend" : "GPU"))
                list.append(text("run_distribute", version.workers > 1 ? "True" : "False"))
            case .xgboost:
                list.append(number("max_depth", String(rng.int(in: 3...10))))
                list.append(number("eta", rng.pick(["0.3", "0.1", "0.05"])))
                list.append(number("num_round", String(rng.pick([100, 200, 500]))))
                list.append(text("objective", "binary:logistic"))
            case .spark:
                list.append(number("maxIter", String(rng.pick([10, 50, 100]))))
                list.append(number("regParam", rng.pick(["0.01", "0.1"])))
                list.append(text("rank", String(rng.pick([8, 10, 20]))))
            case .sklearn:
                list.append(number("n_estimators", String(rng.pick([100, 300, 500]))))
                list.append(text("max_depth", rng.pick(["None", "8", "12"])))
                list.append(text("criterion", rng.pick(["gini", "entropy"])))
            case .mxnet:
                list.append(text("network", "resnet"))
                list.append(number("num_layers", String(rng.pick([18, 34, 50]))))
                list.append(number("num_epochs", String(rng.pick([30, 60, 120]))))
                list.append(batchParameter)
                list.append(number("lr", lr))
            }
        }
        if version.withSecrets {
            list.append(text("obs_access_key", randomToken(alphabet: VersionWriter.upperAlphanumerics, count: 20)))
            list.append(text("obs_secret_key", randomToken(alphabet: VersionWriter.alphanumerics, count: 40)))
            if version.index == 0 || rng.chance(50) {
                list.append(text("api_token", "hf_" + randomToken(alphabet: VersionWriter.alphanumerics, count: 34)))
            }
            if rng.chance(25) {
                list.append(text("db_password", randomToken(alphabet: VersionWriter.alphanumerics, count: 10) + "!#9"))
            }
        }
        return list
    }

    static let alphanumerics: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    static let upperAlphanumerics: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A random string from an alphabet.
    mutating func randomToken(alphabet: [UInt8], count: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count { bytes.append(alphabet[rng.below(alphabet.count)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A random lowercase UUID.
    mutating func uuid() -> String {
        var out = ""
        for (i, length) in [8, 4, 4, 4, 12].enumerated() {
            if i > 0 { out += "-" }
            out += randomToken(alphabet: VersionWriter.hexDigits, count: length)
        }
        return out
    }

    // MARK: - Version object

    /// Writes the job's description, `\\uXXXX`-escaped for some jobs as the real API may send it.
    static func writeJobDesc(_ job: ProjectPlan.Job, _ w: inout JSONWriter) {
        w.key("job_desc")
        if job.escapeDescription { w.raw(escapedNonASCII(job.desc)) } else { w.string(job.desc) }
    }

    /// The detail body: the version object with is_success, job_id, job_name, job_desc and spec_code spliced in first.
    static func detailBody(versionObject: [UInt8], jobID: Int64, jobName: String, writeDesc: (inout JSONWriter) -> Void,
                           specCode: String) -> [UInt8] {
        var w = JSONWriter(capacity: versionObject.count + 160)
        w.beginObject()
        w.field("is_success", true)
        w.field("job_id", jobID)
        w.field("job_name", jobName)
        writeDesc(&w)
        w.field("spec_code", specCode)
        var bytes = w.bytes
        bytes.append(0x2C)
        bytes.append(contentsOf: versionObject.dropFirst())
        return bytes
    }

    /// Writes the version object as the versions list shows it.
    mutating func writeVersionObject(_ w: inout JSONWriter, parameters: [Parameter]) {
        let spec = version.spec
        let pool = version.pool
        w.beginObject()
        w.field("version_id", version.versionID)
        w.field("version_name", versionName)
        if let previous {
            w.field("pre_version_id", previous.versionID)
        } else if job.firstPreStyle == 1 {
            w.field("pre_version_id", 0)
        } else if job.firstPreStyle == 2 {
            w.nullField("pre_version_id")
        }
        w.field("engine_type", version.engine.type)
        w.field("engine_name", version.engine.name)
        w.field("engine_id", version.engine.id)
        w.field("engine_version", version.engine.version)
        w.field("status", version.status)
        w.field("app_url", appURL)
        w.field("boot_file_url", appURL + bootFile)
        w.field("create_time", version.createTime)
        w.parameterField(parameters)
        w.field("duration", version.duration)
        w.field("spec_id", spec.id)
        if version.coreAsNumber { w.field("core", Int(spec.core) ?? 0) } else { w.field("core", spec.core) }
        w.field("cpu", spec.cpu)
        w.field("gpu", spec.accelerator != .cpu)
        w.field("gpu_num", spec.gpuNum)
        w.field("gpu_type", spec.gpuType)
        if job.extendedKeys { w.field("flavor_code", spec.code) }
        w.field("worker_server_num", version.workers)
        let datasetID = version.dataMode == 1 ? uuid() : nil
        let datasetVersionID = version.dataMode == 1 ? uuid() : nil
        w.field("data_url", dataURL)
        w.field("train_url", trainURL)
        w.field("log_url", version.versionID % 3 == 0 ? nil : "/" + job.bucket + "/" + job.name + "/logs/")
        w.field("dataset_version_id", datasetVersionID)
        w.field("dataset_id", datasetID)
        w.key("data_source")
        switch version.dataMode {
        case 0:
            w.beginArray()
            w.beginObject()
            w.field("type", "obs")
            w.field("data_url", dataURL)
            w.endObject()
            w.endArray()
        case 1:
            w.beginArray()
            w.beginObject()
            w.field("dataset_id", datasetID)
            w.field("dataset_version", datasetVersionID)
            w.field("type", "dataset")
            w.field("data_url", dataURL)
            w.endObject()
            w.endArray()
        default:
            w.null()
        }
        w.field("user_image_url", userImageURL)
        w.field("user_command", userCommand)
        switch job.kind {
        case .mxnet: w.field("model_id", 4)
        case .xgboost: w.field("model_id", 0)
        default: w.nullField("model_id")
        }
        w.key("model_metric_list")
        var metrics = JSONWriter()
        writeModelMetrics(&metrics)
        w.string(bytes: metrics.bytes)
        w.key("system_metric_list")
        if version.startTime == nil {
            w.null()
        } else if version.systemMetricsAsString {
            var system = JSONWriter()
            writeSystemMetrics(&system)
            w.string(bytes: system.bytes)
        } else {
            writeSystemMetrics(&w)
        }
        w.field("resource_id", "job" + randomToken(alphabet: VersionWriter.hexDigits, count: 8))
        w.field("dataset_name", version.dataMode == 1 ? "imagenet-subset" : nil)
        w.field("dataset_version_name", version.dataMode == 1 ? "V00" + String(1 + version.index % 9) : nil)
        w.key("start_time")
        if let start = version.startTime { w.int64(start) } else { w.null() }
        let hasNFS = writeVolumes(&w)
        w.field("pool_id", pool.id)
        w.field("pool_name", pool.name)
        w.field("pool_type", pool.type)
        w.field("nas_mount_path", hasNFS ? "/home/work/nas" : nil)
        w.field("nas_share_addr", hasNFS ? "192.168.8.150:/" : nil)
        w.field("nas_type", hasNFS ? "nfs" : "efs")
        if job.extendedKeys {
            w.nullField("model_outputs")
            w.nullField("error_result")
            w.nullField("user_frame_image")
            w.nullField("task_summary")
            w.field("max_num", spec.maxNum)
            w.field("is_zombie", false)
            w.nullField("outputs")
            w.nullField("inputs")
            w.nullField("algorithm_id")
            w.nullField("autosearch_config")
            w.nullField("retrain_model_id")
            w.field("pod_version", job.kind == .ascend ? "1.15.0-cp37-aarch64" : "1.8.0-cp36")
            w.nullField("storage")
            w.field("no_resource", false)
            w.nullField("npu_info")
            w.field("job_type", 1)
        } else if job.index % 2 == 0 {
            w.nullField("npu_info")
        }
        w.endObject()
    }

    /// Writes `volumes`; returns whether an NFS volume is mounted.
    mutating func writeVolumes(_ w: inout JSONWriter) -> Bool {
        w.key("volumes")
        guard version.pool.dedicated else {
            if version.versionID % 2 == 0 { w.beginArray(); w.endArray() } else { w.null() }
            return false
        }
        let mode = rng.below(4)
        w.beginArray()
        if mode == 0 || mode == 2 {
            w.beginObject()
            w.key("nfs")
            w.beginObject()
            w.field("id", uuid())
            w.field("src_path", "192.168.8.150:/")
            w.field("dest_path", "/home/work/nas")
            w.field("read_only", false)
            w.endObject()
            w.endObject()
        }
        if mode == 1 || mode == 2 {
            w.beginObject()
            w.key("host_path")
            w.beginObject()
            w.field("src_path", "/data/shared/" + job.name)
            w.field("dest_path", "/home/work/shared")
            w.field("read_only", true)
            w.endObject()
            w.endObject()
        }
        w.endArray()
        return mode == 0 || mode == 2
    }

    /// Writes the per-class and total model metrics (or `{}`).
    mutating func writeModelMetrics(_ w: inout JSONWriter) {
        w.beginObject()
        guard version.status == 10 || version.status == 6 || version.status == 16 else {
            w.endObject()
            return
        }
        let classNames = ["cat", "dog", "bird", "car", "plane", "ship", "truck", "horse"]
        let classes = rng.int(in: 2...8)
        let namedClasses = rng.chance(50)
        var totals = (0.0, 0.0, 0.0)
        w.key("metric")
        w.beginArray()
        for classID in 0..<classes {
            let recall = 0.5 + rng.unit() * 0.49
            let precision = 0.5 + rng.unit() * 0.49
            let accuracy = 0.6 + rng.unit() * 0.39
            totals.0 += recall
            totals.1 += precision
            totals.2 += accuracy
            w.beginObject()
            w.key("metric_values")
            w.beginObject()
            w.key("recall"); w.fixed(recall, decimals: 6)
            w.key("precision"); w.fixed(precision, decimals: 6)
            w.key("accuracy"); w.fixed(accuracy, decimals: 6)
            w.endObject()
            w.key("reserved_data")
            w.beginObject()
            w.endObject()
            w.key("metric_meta")
            w.beginObject()
            if namedClasses { w.field("class_name", classNames[classID]) } else { w.field("class_name", classID) }
            w.field("class_id", classID)
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.key("total_metric")
        w.beginObject()
        w.key("total_metric_meta")
        w.beginObject()
        w.endObject()
        w.key("total_reserved_data")
        w.beginObject()
        w.endObject()
        w.key("total_metric_values")
        w.beginObject()
        let n = Double(classes)
        let recall = totals.0 / n
        let precision = totals.1 / n
        w.key("recall"); w.fixed(recall, decimals: 6)
        w.field("id", 0)
        w.key("precision"); w.fixed(precision, decimals: 6)
        w.key("accuracy"); w.fixed(totals.2 / n, decimals: 6)
        w.key("f1_score"); w.fixed(2 * recall * precision / (recall + precision), decimals: 6)
        w.endObject()
        w.endObject()
        w.endObject()
    }

    /// Writes the system metric series object.
    mutating func writeSystemMetrics(_ w: inout JSONWriter) {
        let points = rng.int(in: 7...30)
        let series: [(String, Double, Int)] = [
            ("cpuUsage", 100, 2), ("memUsage", 60, 2), ("gpuUtil", version.spec.accelerator == .cpu ? 0 : 100, 2),
            ("gpuMemUsage", version.spec.accelerator == .cpu ? 0 : 95, 2), ("diskReadRate", 150_000, 2),
            ("diskWriteRate", 50, 2), ("recvBytesRate", 9_000_000, 2), ("sendBytesRate", 12_000_000, 2),
        ]
        w.beginObject()
        for (name, scale, decimals) in series {
            w.key(name)
            w.beginArray()
            for point in 0..<points {
                if point == 0 || point == points - 1 || scale == 0 {
                    w.string("0")
                } else {
                    var text: [UInt8] = []
                    text.putFixed(rng.unit() * scale, decimals: decimals)
                    w.string(bytes: text)
                }
            }
            w.endArray()
        }
        w.field("interval", 1)
        w.endObject()
    }

    /// A JSON string literal with every non-ASCII scalar written as `\uXXXX` (surrogate pairs as needed).
    static func escapedNonASCII(_ text: String) -> [UInt8] {
        var ascii: [UInt8] = []
        var plain: [UInt8] = []
        for unit in text.utf16 {
            if unit < 0x80 {
                plain.append(UInt8(unit))
            } else {
                if !plain.isEmpty {
                    var escaped: [UInt8] = []
                    JSONWriter.appendString(bytes: plain, to: &escaped)
                    ascii.append(contentsOf: escaped.dropFirst().dropLast())
                    plain.removeAll()
                }
                ascii.put("\\u")
                for shift in [12, 8, 4, 0] { ascii.append(hexDigits[Int((unit >> UInt16(shift)) & 0xF)]) }
            }
        }
        if !plain.isEmpty {
            var escaped: [UInt8] = []
            JSONWriter.appendString(bytes: plain, to: &escaped)
            ascii.append(contentsOf: escaped.dropFirst().dropLast())
        }
        return [0x22] + ascii + [0x22]
    }
}
