import ModelArtsAPI

/// Generates v2 training jobs for a sample project: every phase, one to four tasks, tasks rescheduled up to
/// three times (a log per run), events (one job with more than a page of 100), running records, metrics
/// with `-1` gaps, and realistic per-task logs from the same composer as v1's.
enum V2SampleGenerator {
    static let phases = ["Completed", "Failed", "Running", "Terminated", "Abnormal", "Completed", "Pending"]
    static let engines: [(id: String, name: String, version: String, kind: EngineKind)] = [
        ("pytorch-1.8.0", "PyTorch", "pytorch_1.8.0-cuda_10.2-py_3.7-ubuntu_18.04-x86_64", .pytorch),
        ("mindspore-1.8.1", "MindSpore", "mindspore_1.8.1-cann_5.1.2-py_3.7-euler_2.8.3-aarch64", .ascend),
        ("tensorflow-2.1.0", "TensorFlow", "tensorflow_2.1.0-cuda_10.1-py_3.7-ubuntu_18.04-x86_64", .tensorflow),
    ]
    static let flavors: [(id: String, name: String, type: String, cores: Int, memory: Int, accelerator: (count: Int, name: String)?)] = [
        ("modelarts.vm.cpu.8u", "CPU: 8 vCPUs 32GB", "CPU", 8, 32, nil),
        ("modelarts.p3.large.public", "GPU: 1*NVIDIA-V100(32GB) | CPU: 8 vCPUs 64GB", "GPU", 8, 64, (1, "NVIDIA-V100")),
        ("modelarts.kat1.8xlarge.public", "Ascend: 8*Ascend-910(32GB) | ARM: 192 vCPUs 768GB", "Ascend", 192, 768, (8, "Ascend-910")),
    ]
    static let pools = ["pool-7c3e1a", "pool-b81d22"]

    /// `count` jobs from `seed`, their logs sharing `logBytes`.
    static func generate(count: Int, seed: UInt64, logBytes: Int, corpus: RealLogCorpus) -> [GeneratedV2Job] {
        guard count > 0 else { return [] }
        let perJob = max(2_000, logBytes / count)
        return (0..<count).map { generateJob(index: $0, seed: seed, logBytes: perJob, corpus: corpus) }
    }

    /// `n` (0–99) as two digits.
    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// A UUID-shaped id from the seed and index.
    static func uuid(_ rng: inout SplitMix64) -> String {
        let a = rng.next()
        let b = rng.next()
        func hex(_ v: UInt64, _ digits: Int) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, digits - s.count)) + s.suffix(digits)
        }
        return "\(hex(a >> 32, 8))-\(hex((a >> 16) & 0xFFFF, 4))-4\(hex(a & 0xFFF, 3))-8\(hex(b >> 52, 3))-\(hex(b & 0xFFFF_FFFF_FFFF, 12))"
    }

    static func generateJob(index i: Int, seed: UInt64, logBytes: Int, corpus: RealLogCorpus) -> GeneratedV2Job {
        var rng = SplitMix64(seed: seed, stream: 0x7632 &+ UInt64(i))
        let id = uuid(&rng)
        let phase = phases[i % phases.count]
        let terminal = !["Running", "Pending"].contains(phase)
        let engine = engines[i % engines.count]
        let flavor = flavors[engine.kind == .ascend ? 2 : (i % 3 == 0 ? 0 : 1)]
        let nodeCount = [1, 2, 1, 4, 1, 2, 1][i % 7]
        let tasks = (0..<nodeCount).map { "worker-\($0)" }
        // Scheduling runs per task (`schedule_count`): none yet for a pending job; an abnormal one was rescheduled.
        let runs = tasks.map { _ in phase == "Pending" ? 0 : (phase == "Abnormal" ? 3 : (rng.chance(20) ? 2 : 1)) }
        let createTime = 1_700_000_000_000 + Int64(i) * 3_600_000 + Int64(rng.below(600_000))
        let startTime = phase == "Pending" ? nil : createTime + 30_000 + Int64(rng.below(60_000))
        let duration = phase == "Pending" ? 0 : 600_000 + Int64(rng.below(7_200_000))
        let name = "v2-\(["resnet50", "bert-base", "yolov5", "wide-deep"][i % 4])-\(i)"
        let lr = [0.1, 0.01, 0.001, 0.0003][i % 4]
        let parameters: [(name: String, value: String, sensitive: Bool)] = [
            ("learning_rate", String(lr), false), ("batch_size", String([32, 64, 128][i % 3]), false), ("epochs", String(10 + i % 20), false),
            ("obs_secret_key", "sk-\(i)-do-not-store", true),
        ]
        let pool = i % 2 == 0 ? nil : pools[i % pools.count]
        let codeDir = "obs://ml-team/\(name)/code/"
        let outputURL = "obs://ml-team/\(name)/output/"

        func metadata(_ w: inout JSONWriter) {
            w.key("metadata"); w.beginObject()
            w.field("id", id); w.field("name", name); w.field("description", "v2 sample job \(i): \(engine.name) on \(flavor.type)")
            w.field("create_time", createTime); w.field("workspace_id", "0"); w.field("user_name", ["alice", "bob", "chen"][i % 3])
            w.key("annotations"); w.beginObject(); w.field("job_template", "Template DL"); w.field("key_task", "worker"); w.endObject()
            w.endObject()
        }
        func status(_ w: inout JSONWriter) {
            w.key("status"); w.beginObject()
            w.field("phase", phase); w.field("secondary_phase", phase == "Running" ? "Running" : phase)
            w.field("duration", Int(duration)); if let startTime { w.field("start_time", startTime) }
            w.key("tasks"); w.beginArray(); for t in tasks { w.string(t) }; w.endArray()
            w.field("node_count_metrics", nil as String?)
            w.endObject()
        }
        func algorithm(_ w: inout JSONWriter) {
            w.key("algorithm"); w.beginObject()
            w.field("code_dir", codeDir); w.field("boot_file", "\(codeDir)train.py")
            w.key("engine"); w.beginObject()
            w.field("engine_id", engine.id); w.field("engine_name", engine.name); w.field("engine_version", engine.version)
            w.endObject()
            w.key("parameters"); w.beginArray()
            for p in parameters {
                w.beginObject(); w.field("name", p.name); w.field("value", p.value); w.field("description", "")
                w.key("constraint"); w.beginObject(); w.field("type", p.sensitive ? "String" : "Float"); w.field("editable", true); w.field("required", false); w.field("sensitive", p.sensitive); w.endObject()
                w.endObject()
            }
            w.endArray()
            w.key("inputs"); w.beginArray()
            w.beginObject(); w.field("name", "data_url"); w.key("remote"); w.beginObject(); w.key("obs"); w.beginObject(); w.field("obs_url", "obs://ml-team/datasets/\(name)/"); w.endObject(); w.endObject(); w.endObject()
            w.endArray()
            w.key("outputs"); w.beginArray()
            w.beginObject(); w.field("name", "train_url"); w.key("remote"); w.beginObject(); w.key("obs"); w.beginObject(); w.field("obs_url", outputURL); w.endObject(); w.endObject(); w.endObject()
            w.endArray()
            w.key("environments"); w.beginObject(); w.field("NCCL_DEBUG", "INFO"); w.field("HF_TOKEN", "hf_\(i)_secret"); w.endObject()
            w.endObject()
        }
        func spec(_ w: inout JSONWriter) {
            w.key("spec"); w.beginObject()
            w.key("resource"); w.beginObject()
            w.field("flavor_id", flavor.id); w.field("flavor_name", flavor.name); w.field("node_count", nodeCount)
            if let pool { w.field("pool_id", pool) }
            w.endObject()
            w.key("log_export_path"); w.beginObject(); w.field("obs_url", "obs://ml-team/\(name)/logs/"); w.endObject()
            w.endObject()
        }
        var item = JSONWriter()
        item.beginObject(); item.field("kind", "job"); metadata(&item); status(&item); algorithm(&item); spec(&item); item.endObject()
        var detail = JSONWriter()
        detail.beginObject(); detail.field("kind", "job"); metadata(&detail); status(&detail); algorithm(&detail); spec(&detail)
        detail.key("endpoints"); detail.beginObject(); detail.endObject()
        detail.endObject()

        var tasksBody = JSONWriter()
        tasksBody.beginArray()
        for (n, t) in tasks.enumerated() {
            tasksBody.beginObject(); tasksBody.field("task", t); tasksBody.field("ip", "192.168.\(i % 250).\(10 + n)")
            tasksBody.field("host_ip", "10.0.\(i % 250).\(n + 1)"); tasksBody.field("schedule_count", runs[n]); tasksBody.endObject()
        }
        tasksBody.endArray()

        var stages = JSONWriter()
        stages.beginObject(); stages.field("total_count", runs.max() ?? 0); stages.key("running_records"); stages.beginArray()
        for record in stride(from: 1, through: runs.max() ?? 0, by: 1) {
            stages.beginObject(); stages.field("record_order", record); stages.key("stages"); stages.beginArray()
            for (n, stage) in ["scheduling", "preparing", "running"].enumerated() {
                stages.beginObject(); stages.field("name", stage); stages.field("en_message", "\(stage) (run \(record))")
                stages.field("start_time", String((startTime ?? createTime) / 1000 + Int64(n * 30)))
                if phase != "Running" || record < (runs.max() ?? 1) || n < 2 { stages.field("end_time", String((startTime ?? createTime) / 1000 + Int64(n * 30 + 30))) } else { stages.nullField("end_time") }
                stages.endObject()
            }
            stages.endArray(); stages.endObject()
        }
        stages.endArray(); stages.endObject()

        let eventCount = i == 3 ? 130 : 4 + rng.below(8)
        let events: [[UInt8]] = (0..<eventCount).map { n in
            var e = JSONWriter()
            let level = n == eventCount - 1 && !["Completed", "Running", "Pending"].contains(phase) ? "Error" : (n % 9 == 4 ? "Warning" : "Info")
            e.beginObject()
            e.field("time", "2023-11-\(two(14 + i % 14))T\(two((n / 60) % 24)):\(two(n % 60)):00+08:00")
            e.field("level", level); e.field("source", n == 0 ? "Scheduler" : "Job")
            e.field("message", n == 0 ? "Job \(name) created; \"scheduling\" \(nodeCount) node(s)" : (level == "Error" ? "Job \(phase.lowercased()): exit code 137 on worker-0" : "step \(n * 100) reached; 训练 progress \(n)"))
            e.endObject()
            return e.bytes
        }

        let metrics: [(task: String, body: [UInt8])] = tasks.map { t in
            var m = JSONWriter()
            m.beginObject(); m.key("metrics"); m.beginArray()
            for metric in ["cpuUsage", "memUsage", flavor.accelerator == nil ? nil : (engine.kind == .ascend ? "npuUtil" : "gpuUtil")].compactMap({ $0 }) {
                m.beginObject(); m.field("metric", metric); m.key("value"); m.beginArray()
                for s in 0..<(12 + rng.below(12)) {
                    if rng.chance(12) || (phase == "Pending") { m.int(-1) } else { m.fixed(Double(20 + (s * 7 + rng.below(30)) % 80) + rng.unit(), decimals: 2) }
                }
                m.endArray(); m.endObject()
            }
            m.endArray(); m.endObject()
            return (t, m.bytes)
        }

        var logs: [(task: String, run: Int, content: [UInt8])] = []
        if phase == "Pending" {
            // Not scheduled yet: the log endpoint answers an empty log.
            logs = tasks.map { ($0, 0, []) }
        } else {
            let perLog = max(1_000, logBytes / max(1, runs.reduce(0, +)))
            let kind = engine.kind
            let logParameters = parameters.filter { !$0.sensitive }.map { Parameter(label: $0.name, value: $0.value, quoted: false) }
            for (n, t) in tasks.enumerated() {
                for run in 1...runs[n] {
                    let lastRun = run == runs[n]
                    let ending: LogRequest.Ending
                    switch phase {
                    case "Completed": ending = lastRun ? .completed : .lost
                    case "Failed": ending = lastRun ? .failed : .lost
                    case "Running": ending = lastRun ? .running : .lost
                    case "Terminated": ending = .killed
                    default: ending = lastRun ? .outOfMemory : .lost
                    }
                    let request = LogRequest(
                        kind: kind, customImage: false, jobName: name, versionName: "run-\(run)", workers: nodeCount, worker: n,
                        ending: ending, startMs: startTime ?? createTime, durationMs: max(1_000, duration), target: perLog,
                        features: i % 3 == 0 ? [.crlf, .invalidUTF8] : (i % 3 == 1 ? [.longLine] : []),
                        seed: seed ^ (UInt64(i + 1) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(n * 8 + run) &* 0xBF58_476D_1CE4_E5B9),
                        appURL: codeDir, bootFile: "\(codeDir)train.py", dataURL: "obs://ml-team/datasets/\(name)/", trainURL: outputURL,
                        gpuType: flavor.accelerator?.name, devicesPerWorker: flavor.accelerator?.count ?? 0, parameters: logParameters,
                        userCommand: nil)
                    logs.append((t, run, LogComposer.compose(request, corpus: corpus)))
                }
            }
        }
        return GeneratedV2Job(
            id: id, item: item.bytes, detail: detail.bytes, tasks: tasksBody.bytes, stages: stages.bytes, events: events, metrics: metrics,
            logs: logs, terminal: terminal)
    }

    /// The saved algorithms of the sample's algorithm management, one per engine: `GET algorithms`'s one
    /// page (`offset` 0, `limit` 50, newest first), items with `metadata`, `job_config`, `resource_requirements`
    /// (`key`, `operator`, `value`) and `advanced_config` as the v2 reference lists them.
    static func algorithms() -> [UInt8] {
        var a = JSONWriter()
        a.beginObject(); a.field("total", engines.count); a.field("count", engines.count); a.field("limit", V2Endpoint.maxAlgorithmLimit)
        a.field("offset", 0); a.field("sort_by", "create_time"); a.field("order", "desc")
        a.key("items"); a.beginArray()
        for (n, engine) in engines.enumerated().reversed() {
            var rng = SplitMix64(seed: 1, stream: 0xA160 &+ UInt64(n))
            let name = "\(engine.name.lowercased())-train-template"
            let codeDir = "obs://ml-team/algorithms/\(name)/"
            a.beginObject()
            a.key("metadata"); a.beginObject()
            a.field("id", uuid(&rng)); a.field("name", name); a.field("description", "saved \(engine.name) training algorithm")
            a.field("create_time", 1_699_000_000_000 + Int64(n) * 86_400_000); a.field("workspace_id", "0"); a.field("ai_project", "default-ai-project")
            a.field("user_name", ["alice", "bob", "chen"][n % 3]); a.field("source", "custom"); a.field("is_valid", true); a.field("version_num", 0)
            a.endObject()
            a.key("job_config"); a.beginObject()
            a.field("code_dir", codeDir); a.field("boot_file", "\(codeDir)train.py"); a.field("command", "")
            a.key("parameters"); a.beginArray()
            for (p, value) in [("learning_rate", "0.01"), ("epochs", "10")] {
                a.beginObject(); a.field("name", p); a.field("value", value); a.field("description", "")
                a.key("constraint"); a.beginObject(); a.field("type", p == "epochs" ? "Integer" : "Float"); a.field("editable", true); a.field("required", false); a.field("sensitive", false); a.endObject()
                a.endObject()
            }
            a.endArray()
            a.field("parameters_customization", true)
            a.key("inputs"); a.beginArray()
            a.beginObject(); a.field("name", "data_url"); a.field("description", "training data")
            a.key("remote_constraints"); a.beginArray(); a.beginObject(); a.field("data_type", "obs"); a.endObject(); a.endArray(); a.endObject()
            a.endArray()
            a.key("outputs"); a.beginArray(); a.beginObject(); a.field("name", "train_url"); a.field("description", "model output"); a.endObject(); a.endArray()
            a.key("engine"); a.beginObject(); a.field("engine_id", engine.id); a.field("engine_name", engine.name); a.field("engine_version", engine.version); a.endObject()
            a.endObject()
            a.key("resource_requirements"); a.beginArray()
            a.beginObject(); a.field("key", "flavor_type"); a.field("operator", "in"); a.key("value"); a.beginArray(); a.string(engine.kind == .ascend ? "Ascend" : "GPU"); a.endArray(); a.endObject()
            a.endArray()
            a.key("advanced_config"); a.beginObject(); a.endObject()
            a.endObject()
        }
        a.endArray(); a.endObject()
        return a.bytes
    }

    /// The v2 catalogs as the service lists them: `training-job-flavors`, `training-job-engines`, `pools`.
    static func catalogs() -> (flavors: [UInt8], engines: [UInt8], pools: [UInt8]) {
        var f = JSONWriter()
        f.beginObject(); f.field("total_count", flavors.count); f.key("flavors"); f.beginArray()
        for flavor in flavors {
            f.beginObject(); f.field("flavor_id", flavor.id); f.field("flavor_name", flavor.name); f.field("max_num", flavor.type == "CPU" ? 1 : 16)
            f.field("flavor_type", flavor.type)
            f.key("billing"); f.beginObject(); f.field("code", flavor.id); f.field("unit_num", 1); f.endObject()
            f.key("flavor_info"); f.beginObject()
            f.key("cpu"); f.beginObject(); f.field("arch", flavor.type == "Ascend" ? "aarch64" : "x86"); f.field("core_num", flavor.cores); f.endObject()
            if let a = flavor.accelerator {
                f.key(flavor.type == "Ascend" ? "npu" : "gpu"); f.beginObject(); f.field("unit_num", a.count); f.field("product_name", a.name); f.field("memory", "32GB"); f.endObject()
            }
            f.key("memory"); f.beginObject(); f.field("size", flavor.memory); f.field("unit", "GB"); f.endObject()
            f.endObject()
            f.endObject()
        }
        f.endArray(); f.endObject()
        var e = JSONWriter()
        e.beginObject(); e.field("total", engines.count); e.key("items"); e.beginArray()
        for engine in engines {
            e.beginObject(); e.field("engine_id", engine.id); e.field("engine_name", engine.name); e.field("engine_version", engine.version)
            e.field("v1_compatible", engine.kind != .ascend); e.field("run_user", "1000"); e.endObject()
        }
        e.endArray(); e.endObject()
        var p = JSONWriter()
        p.beginObject(); p.field("kind", "PoolList"); p.field("apiVersion", "v2"); p.key("metadata"); p.beginObject(); p.field("continue", ""); p.endObject()
        p.key("items"); p.beginArray()
        for (n, pool) in pools.enumerated() {
            p.beginObject(); p.field("kind", "Pool")
            p.key("metadata"); p.beginObject(); p.field("name", pool); p.key("labels"); p.beginObject(); p.field("os.modelarts/name", ["team-gpu", "team-ascend"][n]); p.endObject(); p.endObject()
            p.key("spec"); p.beginObject(); p.field("type", "Dedicate"); p.key("scope"); p.beginArray(); p.string("Train"); p.endArray(); p.endObject()
            p.key("status"); p.beginObject(); p.field("phase", "Running"); p.endObject()
            p.endObject()
        }
        p.endArray(); p.endObject()
        return (f.bytes, e.bytes, p.bytes)
    }
}
