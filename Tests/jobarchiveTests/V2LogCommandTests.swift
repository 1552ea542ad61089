import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

@Suite("v2 task logs in the query commands: log, get-log, show, search, export, and --at N")
struct V2LogCommandTests {
    /// Words appended by the second capture: in no fixture log.
    static let grownWord = "ZEBRAGROWTH"

    /// The fixture archive with 12 v2 jobs, then a second capture that grows two logs: worker-0 of job 0 gets two
    /// new lines, and worker-1 of job 5 (which ended without a newline) gets its unfinished last line finished.
    static func grownArchive(in dir: TemporaryDirectory) throws -> (path: String, jobs: [(id: String, item: String, detail: String)]) {
        let path = try V2Fixture.archive(in: dir, count: 12)
        let jobs = V2Fixture.jobs(12)
        let archive = try Archive.open(at: path, mode: .readWrite)
        let capture = try archive.captures.begin(source: "test")
        let first = try #require(try archive.logs.file(.v2(jobID: jobs[0].id, taskID: "worker-0", run: 1)))
        _ = try archive.logs.append(fileID: first.id, data: Array("grown line \(grownWord)\nand another\n".utf8), capture: capture, complete: true)
        let partial = try #require(try archive.logs.file(.v2(jobID: jobs[5].id, taskID: "worker-1", run: 1)))
        _ = try archive.logs.append(fileID: partial.id, data: Array(" \(grownWord) tail\n".utf8), capture: capture, complete: true)
        try archive.captures.finish(capture, complete: true)
        try archive.close()
        return (path, jobs)
    }

    @Test("log and get-log print a task's log byte for byte by UUID or name; --task, --worker, --run, --list; errors list what exists")
    func logByTask() async throws {
        let dir = try TemporaryDirectory()
        let path = try V2Fixture.archive(in: dir, count: 12)
        let jobs = V2Fixture.jobs(12)
        for (i, task) in [(0, "worker-0"), (5, "worker-1"), (3, "worker-1"), (10, "worker-0")] {
            let expected = V2Fixture.taskLog(index: i, task: task)
            let byTask = await CLI.run(["log", path, jobs[i].id, "--task", task])
            #expect(byTask.status == 0, "\(byTask.stderr)")
            #expect(byTask.stdout == expected, "job \(i) \(task)")
            let byWorker = await CLI.run(["log", path, jobs[i].id, "--worker", String(task.last ?? "0")])
            #expect(byWorker.stdout == expected)
            let getLog = await CLI.run(["get-log", path, "-i", jobs[i].id, "-t", task])
            #expect(getLog.status == 0, "\(getLog.stderr)")
            #expect(getLog.stdout == expected)
        }
        // Default: worker-0; by name; a run; line selections.
        let zero = V2Fixture.taskLog(index: 0, task: "worker-0")
        #expect(await CLI.run(["log", path, jobs[0].id]).stdout == zero)
        #expect(await CLI.run(["log", path, "train-é-0", "--run", "1"]).stdout == zero)
        #expect(await CLI.run(["get-log", path, "-i", "train-é-0"]).stdout == zero)
        let lines = splitLines(zero)
        #expect(await CLI.run(["log", path, jobs[0].id, "--tail", "3"]).stdout == Array(lines.suffix(3).joined()))
        #expect(await CLI.run(["log", path, jobs[0].id, "--lines", "500:501"]).stdout == Array(lines[499...500].joined()))

        let list = await CLI.run(["log", path, jobs[0].id, "--list"])
        #expect(list.status == 0)
        #expect(list.text.hasPrefix("TASK"), "\(list.text)")
        #expect(list.text.contains("worker-0") && list.text.contains("1234"))
        let json = try await CLI.run(["log", path, jobs[0].id, "--list", "--json"]).array()
        #expect(json.compactMap { $0["file_name"] as? String } == ["worker-0", "worker-1"])
        #expect(json.allSatisfy { $0["v2_job_id"] as? String == jobs[0].id && $0["run"] as? Int == 1 })

        let noTask = await CLI.run(["log", path, jobs[0].id, "--task", "worker-7"])
        #expect(noTask.status == 1)
        #expect(noTask.stderr.contains("no task 'worker-7' in v2 job \(jobs[0].id); tasks: worker-0, worker-1"), "\(noTask.stderr)")
        let noRun = await CLI.run(["log", path, jobs[0].id, "--run", "4"])
        #expect(noRun.status == 1)
        #expect(noRun.stderr.contains("no run 4 of worker-0 in v2 job \(jobs[0].id); runs: 1"), "\(noRun.stderr)")
        #expect(await CLI.run(["get-log", path, "-i", jobs[0].id, "-t", "nosuch"]).status == 1)
        #expect(await CLI.run(["log", path, "no-such-job"]).status == 1)
        #expect(await CLI.run(["log", path, jobs[0].id, "--task", "worker-0", "--worker", "0"]).status == 64)
        #expect(await CLI.run(["log", path, jobs[0].id, "--run", "-1"]).status == 64)
    }

    @Test("show lists a v2 job's task logs")
    func showListsLogs() async throws {
        let dir = try TemporaryDirectory()
        let path = try V2Fixture.archive(in: dir, count: 3)
        let job = V2Fixture.jobs(3)[0]
        let text = await CLI.run(["show", path, job.id])
        #expect(text.status == 0, "\(text.stderr)")
        let lines0 = splitLines(V2Fixture.taskLog(index: 0, task: "worker-0")).count
        #expect(text.text.contains("logs (2 task logs, \(lines0 + 5) lines"), "\(text.text)")
        #expect(text.text.contains("worker-0 run 1  \(lines0) lines"), "\(text.text)")
        let json = try await CLI.run(["show", path, job.id, "--json"]).object()
        #expect((json["logs"] as? [[String: Any]])?.compactMap { $0["line_count"] as? Int } == [lines0, 5])
    }

    @Test("search finds v2 task log lines exactly, groups them by job and task, and --api, --job and --status select them")
    func searchV2() async throws {
        let dir = try TemporaryDirectory()
        let path = try V2Fixture.archive(in: dir, count: 12)
        let jobs = V2Fixture.jobs(12)
        // Every fixture line holds "step" and the digit word of its number: the reference is a count of lines.
        func reference(_ indices: [Int], word: String) -> Int {
            indices.reduce(0) { sum, i in
                sum + ["worker-0", "worker-1"].reduce(0) { s, task in
                    s + splitLines(V2Fixture.taskLog(index: i, task: task)).filter { line in
                        String(decoding: line, as: UTF8.self).split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).contains { $0.lowercased() == word }
                    }.count
                }
            }
        }
        let all = try await CLI.run(["search", "step", path, "--json"]).object()
        let hits = try #require(all["hits"] as? [[String: Any]])
        #expect(hits.count == reference(Array(0..<12), word: "step"))
        let firstHit = try #require(hits.first)
        #expect(firstHit["api"] as? String == "v2")
        #expect(firstHit["job"] as? String == jobs[0].id)
        #expect(firstHit["job_name"] as? String == "train-é-0")
        #expect(firstHit["task"] as? String == "worker-0")
        #expect(firstHit["run"] as? Int == 1)
        #expect(firstHit["line"] as? Int == 1)
        #expect(firstHit["version"] == nil)

        let text = await CLI.run(["search", "\"step 1233\"", path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.text.contains("v2 job \(jobs[0].id) train-é-0 · worker-0 (run 1)"), "\(text.text)")
        #expect(text.text.contains("1234:[worker-0] step 1233"), "\(text.text)")

        let one = try await CLI.run(["search", "step", path, "--job", jobs[10].id, "--count", "--json"]).object()
        #expect(one["total"] as? Int == reference([10], word: "step"))
        let failed = try await CLI.run(["search", "step", path, "--status", "failed", "--count", "--json"]).object()
        #expect(failed["total"] as? Int == reference([1, 6, 11], word: "step"))
        #expect(await CLI.run(["search", "step", path, "--api", "v1"]).status == 1)
        #expect(await CLI.run(["search", "step", path, "--param", "lr=1"]).status == 1)
        let csv = await CLI.run(["search", "\"step 1233\"", path, "--csv"]).text.split(separator: "\n")
        #expect(csv.first == "archive,api,job_id,version_id,file,run,line,text")
        #expect(csv.dropFirst().first?.hasPrefix("\(path),v2,\(jobs[0].id),,worker-0,1,1234,") == true, "\(csv)")
    }

    @Test("--at N reads v2 and grown logs as capture N left them: log, get-log, search (an unfinished line cut), export")
    func asOfCapture() async throws {
        let dir = try TemporaryDirectory()
        let (path, jobs) = try Self.grownArchive(in: dir)
        let zero = V2Fixture.taskLog(index: 0, task: "worker-0")
        let five = V2Fixture.taskLog(index: 5, task: "worker-1")
        #expect(five.last != 0x0A)
        let grownZero = zero + Array("grown line \(Self.grownWord)\nand another\n".utf8)
        #expect(await CLI.run(["log", path, jobs[0].id]).stdout == grownZero)
        #expect(await CLI.run(["log", path, jobs[0].id, "--at", "1"]).stdout == zero)
        #expect(await CLI.run(["log", path, "\(jobs[0].id)@1"]).stdout == zero)
        #expect(await CLI.run(["get-log", path, "-i", "\(jobs[0].id)@1"]).stdout == zero)
        #expect(await CLI.run(["log", path, jobs[0].id, "--at", "1", "--tail", "1"]).stdout == Array(splitLines(zero).suffix(1).joined()))
        // The unfinished last line, as it was, and finished.
        #expect(await CLI.run(["log", path, jobs[5].id, "--task", "worker-1", "--at", "1"]).stdout == five)
        #expect(await CLI.run(["log", path, jobs[5].id, "--task", "worker-1", "--at", "1", "--tail", "1"]).stdout == Array(splitLines(five).suffix(1).joined()))
        #expect(await CLI.run(["log", path, jobs[5].id, "--task", "worker-1"]).stdout == five + Array(" \(Self.grownWord) tail\n".utf8))
        let list = try await CLI.run(["log", path, jobs[0].id, "--list", "--json", "--at", "1"]).array()
        #expect(list.first?["line_count"] as? Int == splitLines(zero).count)
        #expect(await CLI.run(["log", path, jobs[0].id, "--at", "9"]).status == 1)

        // search: the grown words exist only after capture 1, also on the line that was unfinished then.
        let now = try await CLI.run(["search", Self.grownWord, path, "--json"]).object()
        #expect((now["hits"] as? [[String: Any]])?.compactMap { $0["job"] as? String } == [jobs[0].id, jobs[5].id])
        #expect(await CLI.run(["search", Self.grownWord, path, "--at", "1"]).status == 1)
        #expect(await CLI.run(["search", Self.grownWord, path, "--job", jobs[5].id, "--at", "1"]).status == 1)
        let lastThen = String(decoding: splitLines(five).last ?? [], as: UTF8.self)
        let thenHits = try await CLI.run(["search", "\"step 4\"", path, "--job", jobs[5].id, "--api", "v2", "--at", "1", "--json", "-C", "1"]).object()
        let thenHit = try #require((thenHits["hits"] as? [[String: Any]])?.first { $0["task"] as? String == "worker-1" })
        #expect(thenHit["text"] as? String == lastThen, "\(thenHit)")
        let context = thenHit["context"] as? [[String: Any]]
        #expect(context?.count == 1)

        // export: the directory and JSON Lines as of capture 1 hold the logs as they were.
        let then = dir.path("at-1")
        let exported = await CLI.run(["export", path, then, "--at", "1"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(then)/logs/v2/\(jobs[0].id)/1/worker-0.log"))) == zero)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(then)/logs/v2/\(jobs[5].id)/1/worker-1.log"))) == five)
        let latest = dir.path("latest")
        #expect(await CLI.run(["export", path, latest]).status == 0)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(latest)/logs/v2/\(jobs[0].id)/1/worker-0.log"))) == grownZero)
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(then)/manifest.json"))) as? [String: Any])
        let logEntries = (manifest["files"] as? [[String: Any]] ?? []).filter { $0["role"] as? String == "log" }
        #expect(logEntries.count == 24)
        #expect(logEntries.allSatisfy { $0["v2_job"] is String && $0["run"] as? Int == 1 && $0["job"] == nil })
        let jsonl = await CLI.run(["export", path, "--jsonl", "--at", "1"])
        let records = try jsonl.text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let logRecord = try #require(records.first { $0["type"] as? String == "log" && $0["job"] as? String == jobs[0].id && $0["task"] as? String == "worker-0" })
        #expect(logRecord["lines"] as? Int == splitLines(zero).count)
        #expect(logRecord["api"] as? String == "v2")
        #expect(!jsonl.text.contains(Self.grownWord))
    }

    @Test("--at N reads a v1 log that grew after capture N as it was then: log, search, export")
    func v1AsOfCapture() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("sample-copy.sqlite")
        try FileManager.default.copyItem(atPath: Fixtures.sample, toPath: path)
        let archive = try Archive.open(at: path, mode: .readWrite)
        let before = try #require(try archive.captures.list().last?.id)
        let log = try #require(try archive.logs.files().first { $0.lineCount > 10 })
        let original = try archive.logs.content(fileID: log.id)
        let capture = try archive.captures.begin(source: "test")
        _ = try archive.logs.append(fileID: log.id, data: Array("later \(Self.grownWord)\n".utf8), capture: capture, complete: true)
        try archive.captures.finish(capture, complete: true)
        try archive.close()

        let args = ["log", path, String(log.jobID), String(log.versionID), "--file", log.fileName]
        #expect(await CLI.run(args + ["--at", String(before)]).stdout == original)
        #expect(await CLI.run(args).stdout == original + Array("later \(Self.grownWord)\n".utf8))
        #expect(await CLI.run(["search", Self.grownWord, path]).status == 0)
        #expect(await CLI.run(["search", Self.grownWord, path, "--at", String(before)]).status == 1)
        let then = dir.path("then")
        #expect(await CLI.run(["export", path, then, "--at", String(before)]).status == 0)
        let name = log.fileName.hasSuffix(".log") ? log.fileName : log.fileName + ".log"
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(then)/logs/\(log.jobID)/\(log.versionID)/\(name)"))) == original)
    }

    @Test("search --at N matches a line cut mid-word as it was, which the index (holding the line now) cannot propose")
    func cutMidWord() async throws {
        let dir = try TemporaryDirectory()
        let path = try V2Fixture.archive(in: dir, count: 2)
        let job = V2Fixture.jobs(2)[0]
        let archive = try Archive.open(at: path, mode: .readWrite)
        let file = try #require(try archive.logs.file(.v2(jobID: job.id, taskID: "worker-1", run: 1)))
        for piece in ["unfinished wor", "dplay ok\n"] {
            let capture = try archive.captures.begin(source: "test")
            _ = try archive.logs.append(fileID: file.id, data: Array(piece.utf8), capture: capture, complete: true)
            try archive.captures.finish(capture, complete: true)
        }
        try archive.close()
        // Capture 2 left "unfinished wor"; capture 3 finished it as "unfinished wordplay ok".
        let then = try await CLI.run(["search", "wor", path, "--at", "2", "--json"]).object()
        let hits = try #require(then["hits"] as? [[String: Any]])
        #expect(hits.count == 1, "\(hits)")
        #expect(hits.first?["text"] as? String == "unfinished wor")
        #expect(hits.first?["line"] as? Int == 6)
        #expect(await CLI.run(["search", "wordplay", path, "--at", "2"]).status == 1)
        #expect(await CLI.run(["search", "wor", path]).status == 1, "now the word is wordplay")
        #expect(await CLI.run(["search", "wordplay", path]).status == 0)
        // The same through the index-free path (a regex-only query still needs a word: a prefix query).
        let prefix = try await CLI.run(["search", "unfinished", path, "--at", "2", "--json"]).object()
        #expect((prefix["hits"] as? [[String: Any]])?.first?["text"] as? String == "unfinished wor")
        let list = try await CLI.run(["log", path, job.id, "--task", "worker-1", "--list", "--json", "--at", "2"]).array()
        #expect(list.first { $0["file_name"] as? String == "worker-1" }?["ends_with_newline"] as? Bool == false)
        let now = try await CLI.run(["log", path, job.id, "--list", "--json"]).array()
        #expect(now.first { $0["file_name"] as? String == "worker-1" }?["ends_with_newline"] as? Bool == true)
    }
}
