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

    /// An archive with `count` v2 jobs: the first search page as captured (50 items), the other items and
    /// every details body stored as entities.
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
        for job in all {
            _ = try archive.entities.put(kind: .v2JobDetail, key: job.id, raw: Array(job.detail.utf8), capture: capture)
        }
        try archive.captures.finish(capture, complete: true)
        try archive.close()
        return path
    }
}
