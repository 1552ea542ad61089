import ArchiveStore
import Foundation
import ModelArtsAPI

/// v2 training jobs for tests: realistic search items and details bodies, and an archive holding them.
public enum V2Fixture {
    /// The project id of ``archive(in:count:)``'s archives.
    public static let projectID = "p2"

    /// `count` v2 jobs oldest first: search items and details bodies, with the surprises the live API has
    /// (key order, unknown keys, escapes, non-ASCII text, numbers as strings).
    public static func jobs(_ count: Int) -> [(id: String, item: String, detail: String)] {
        (0..<count).map { i in
            let id = String(format: "%08x-0000-4000-8000-%012x", 0x5eed_0000 + i, i * 7919)
            let phase = ["Completed", "Failed", "Running", "Terminated", "Abnormal"][i % 5]
            let metadata = #"{"id":"\#(id)","name":"train-é-\#(i)","description":"line one\n\"quoted\" \u00e9","create_time":\#(1_700_000_000_000 + Int64(i) * 60_000),"user_name":"alice","workspace_id":"0"}"#
            let status = #"{"phase":"\#(phase)","secondary_phase":"\#(phase)","duration":"\#(i * 1000)","start_time":\#(1_700_000_000_500 + Int64(i) * 60_000),"tasks":["worker-0","worker-1"]}"#
            let algorithm = #"{"code_dir":"obs://bucket/code/","boot_file":"train.py","engine":{"engine_name":"PyTorch","engine_version":"pytorch_1.8.0-cuda_10.2-py_3.7-ubuntu_18.04-x86_64"},"parameters":[{"name":"lr","value":"0.01","constraint":{"type":"Float","editable":true,"required":false,"sensitive":false}}]}"#
            let spec = #"{"resource":{"flavor_id":"modelarts.p3.large.public","node_count":\#(1 + i % 3),"pool_id":"pool-\#(i % 2)"}}"#
            let item = #"{"kind":"job","metadata":\#(metadata),"status":\#(status),"algorithm":\#(algorithm),"spec":\#(spec),"zz_extra":[1,null,{"k":"v"}]}"#
            let detail = #"{"status":\#(status),"kind":"job","metadata":\#(metadata),"algorithm":\#(algorithm),"spec":\#(spec),"endpoints":{}}"#
            return (id, item, detail)
        }
    }

    /// The bodies around one job: tasks, stages, events (130 for every tenth job: two pages) and each task's
    /// metrics (with `-1`, no data).
    public static func extras(_ id: String, index i: Int) -> (tasks: String, stages: String, events: [String], metrics: [String: String]) {
        let tasks = #"[{"task":"worker-0","ip":"192.168.0.\#(i % 250)","host_ip":"10.0.0.1","schedule_count":1},{"task":"worker-1","ip":"192.168.1.\#(i % 250)","host_ip":"10.0.0.2","schedule_count":1}]"#
        let stages = #"{"total_count":1,"running_records":[{"record_order":1,"stages":[{"name":"scheduling","en_message":"Scheduled","start_time":"1700000000","end_time":"1700000010"},{"name":"running","en_message":"Running \"ok\"","start_time":"1700000010","end_time":null}]}]}"#
        let events = (0..<(i % 10 == 0 ? 130 : 3)).map { n in
            #"{"time":"2023-11-15T06:\#(String(format: "%02d", n % 60)):00+08:00","level":"\#(n % 7 == 0 ? "Warning" : "Info")","message":"event \#(n) of job \#(i): 训练 \"step\"","source":"Job"}"#
        }
        var metrics: [String: String] = [:]
        for task in ["worker-0", "worker-1"] {
            metrics[task] = #"{"metrics":[{"metric":"cpuUsage","value":[12.5,-1,40.0,\#(i % 10)]},{"metric":"gpuUtil","value":[-1,-1,99]}]}"#
        }
        return (tasks, stages, events, metrics)
    }

    /// The log of task `task` of the `i`-th job: 1234 lines for worker-0 of every tenth job (three 500-line
    /// pages), a few lines otherwise; worker-1 of every seventh job from the fourth is empty, and of every
    /// tenth from the sixth ends without a newline. Lines carry CRLF, tabs, quotes, non-ASCII text and a byte
    /// that is not UTF-8.
    public static func taskLog(index i: Int, task: String) -> [UInt8] {
        let count: Int
        if task == "worker-0" { count = i % 10 == 0 ? 1234 : (i % 4) * 3 + 1 } else { count = i % 7 == 3 ? 0 : 5 }
        var out: [UInt8] = []
        for n in 0..<count {
            out += Array("[\(task)] step \(n) loss=\(Double((n * 37 + i) % 1000) / 250) 训练 \"q\"\tlr=3e-4".utf8)
            if n % 97 == 5 { out.append(0xFF) }
            out += n % 50 == 7 ? [0x0D, 0x0A] : [0x0A]
        }
        if task == "worker-1", i % 10 == 5, count > 0 { out.removeLast() }
        return out
    }

    /// The first page of a job's events as the service answers it (`total` a string, as documented).
    public static func eventPage(_ events: [String], offset: Int, limit: Int) -> String {
        let window = events.dropFirst(offset).prefix(limit)
        return #"{"total":"\#(events.count)","limit":\#(limit),"offset":\#(offset),"order":"asc","events":[\#(window.joined(separator: ","))]}"#
    }

    /// An archive with `count` v2 jobs: the first search page as captured (50 items), the other items and
    /// every details body stored as entities, and each job's tasks, stages, events (the first page as captured)
    /// and metrics.
    public static func archive(in dir: TemporaryDirectory, count: Int) throws -> String {
        let path = dir.path("v2-source.sqlite")
        let archive = try Archive.create(at: path, projectID: "p2", sourceEndpoint: "http://127.0.0.1:1/")
        let capture = try archive.captures.begin(source: "test")
        let all = jobs(count)
        let first = all.prefix(50)
        let page = #"{"total":\#(count),"count":\#(first.count),"limit":50,"offset":0,"sort_by":"create_time","order":"asc","group_by":"","items":[\#(first.map(\.item).joined(separator: ","))],"workspace_id":"0"}"#
        _ = try archive.lists.put(
            listKey: EntityKey.v2JobSearch(offset: 0, limit: 50), body: Array(page.utf8), itemsKey: "items", itemKind: .v2Job, capture: capture
        ) { $0["metadata"]?["id"]?.string }
        for job in all.dropFirst(50) {
            _ = try archive.entities.put(kind: .v2Job, key: job.id, raw: Array(job.item.utf8), capture: capture)
        }
        for (i, job) in all.enumerated() {
            _ = try archive.entities.put(kind: .v2JobDetail, key: job.id, raw: Array(job.detail.utf8), capture: capture)
            let extra = extras(job.id, index: i)
            _ = try archive.entities.put(kind: .v2Tasks, key: job.id, raw: Array(extra.tasks.utf8), capture: capture)
            _ = try archive.entities.put(kind: .v2Stages, key: job.id, raw: Array(extra.stages.utf8), capture: capture)
            for (task, body) in extra.metrics {
                _ = try archive.entities.put(kind: .v2Metrics, key: EntityKey.v2Metrics(jobID: job.id, taskID: task), raw: Array(body.utf8), capture: capture)
            }
            var position = 0
            _ = try archive.lists.put(
                listKey: EntityKey.v2Events(jobID: job.id, offset: 0, limit: 100), body: Array(eventPage(extra.events, offset: 0, limit: 100).utf8),
                itemsKey: "events", itemKind: .v2Event, capture: capture
            ) { _ in
                defer { position += 1 }
                return EntityKey.v2Event(jobID: job.id, position: position)
            }
            for (n, event) in extra.events.enumerated().dropFirst(100) {
                _ = try archive.entities.put(kind: .v2Event, key: EntityKey.v2Event(jobID: job.id, position: n), raw: Array(event.utf8), capture: capture)
            }
            for task in ["worker-0", "worker-1"] {
                try archive.logs.write(.v2(jobID: job.id, taskID: task, run: 1), content: taskLog(index: i, task: task), capture: capture, complete: true)
            }
        }
        try putCatalogs(archive, capture: capture)
        try archive.captures.finish(capture, complete: true)
        try archive.close()
        return path
    }

    /// The v2 catalogs as captured: 3 flavors, 2 engines, 3 pools over two `continue` pages, 55 algorithms
    /// over two pages of 50.
    public static let catalogs: [(listKey: String, itemsKey: String, kind: EntityKind, body: String)] = {
        let flavors = #"{"total_count":3,"flavors":[{"flavor_id":"modelarts.vm.cpu.8u","flavor_name":"CPU 8U","max_num":1,"flavor_type":"CPU","billing":{"code":"x","unit_num":1},"flavor_info":{"cpu":{"arch":"x86","core_num":8}}},{"flavor_id":"modelarts.p3.large","flavor_name":"GPU P100","flavor_type":"GPU","max_num":8},{"flavor_id":"modelarts.kat1.xlarge","flavor_name":"Ascend 910","flavor_type":"Ascend","attributes":{"é":"ü"}}]}"#
        let engines = #"{"total":2,"items":[{"engine_id":"pytorch-1.8.0","engine_name":"PyTorch","engine_version":"pytorch_1.8.0-cuda_10.2-py_3.7","v1_compatible":true,"run_user":"1102"},{"engine_id":"mindspore-1.3.0","engine_name":"MindSpore","engine_version":"mindspore_1.3.0-cann_5.0.2-py_3.7","v1_compatible":false}]}"#
        let pools1 = #"{"kind":"PoolList","apiVersion":"v2","metadata":{"continue":"tok-1"},"items":[{"kind":"Pool","metadata":{"name":"pool-0","labels":{"os.modelarts/name":"dedicated"}},"status":{"phase":"Running"}},{"kind":"Pool","metadata":{"name":"pool-1"},"status":{"phase":"Running"}}]}"#
        let pools2 = #"{"kind":"PoolList","apiVersion":"v2","metadata":{"continue":""},"items":[{"kind":"Pool","metadata":{"name":"pool-2"},"status":{"phase":"Abnormal"}}]}"#
        func algorithm(_ n: Int) -> String {
            #"{"metadata":{"id":"alg-\#(String(format: "%04d", n))","name":"algorithm \#(n)","create_time":\#(1_690_000_000_000 + n)},"job_config":{"code_dir":"obs://b/alg/\#(n)/","boot_file":"train.py"}}"#
        }
        let page1 = #"{"total":55,"count":50,"limit":50,"offset":0,"items":[\#((0..<50).map(algorithm).joined(separator: ","))]}"#
        let page2 = #"{"total":55,"count":5,"limit":50,"offset":50,"items":[\#((50..<55).map(algorithm).joined(separator: ","))]}"#
        return [
            (EntityKey.v2Catalog(.flavors), "flavors", .v2Flavor, flavors),
            (EntityKey.v2Catalog(.engines), "items", .v2Engine, engines),
            (EntityKey.v2Catalog(.pools), "items", .v2Pool, pools1),
            (EntityKey.v2Catalog(.pools, continue: "tok-1"), "items", .v2Pool, pools2),
            (EntityKey.v2Algorithms(offset: 0, limit: 50), "items", .v2Algorithm, page1),
            (EntityKey.v2Algorithms(offset: 50, limit: 50), "items", .v2Algorithm, page2),
        ]
    }()

    /// Stores ``catalogs`` in `archive` under `capture`, each element as an entity keyed as the snapshot keys it.
    public static func putCatalogs(_ archive: Archive, capture: Int64) throws {
        for list in catalogs {
            _ = try archive.lists.put(listKey: list.listKey, body: Array(list.body.utf8), itemsKey: list.itemsKey, itemKind: list.kind, capture: capture) { item in
                item["flavor_id"]?.string ?? item["engine_id"]?.string ?? item["metadata"]?["id"]?.string ?? item["metadata"]?["name"]?.string
            }
        }
    }
}
