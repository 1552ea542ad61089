import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Damaged copies of `archives/sample.sqlite` (v1 and v2 jobs) run through every read command of the built binary and through
/// `serve`: no crash, no hang, exit 0 or 1, and a failure is one line on stderr.
///
/// Seeded: every failure message names the seed; `JOBARCHIVE_DAMAGE_SEED=N` replays another campaign.
@Suite("damage campaign: damaged archives never crash or hang a command")
struct DamageCampaignTests {
    /// The campaign's seed (the default, or `JOBARCHIVE_DAMAGE_SEED`).
    static let seed: UInt64 = ProcessInfo.processInfo.environment["JOBARCHIVE_DAMAGE_SEED"].flatMap { UInt64($0) } ?? 20_261_202

    static var sample: String { CommandRunner.packageRoot.appendingPathComponent("archives/sample.sqlite").path }

    /// How long one command may run on the sample (a debug build takes well under 2 s for any of them).
    static let runTimeout = 60.0
    /// Commands run at once.
    static let concurrency = 3

    // MARK: - Damage

    /// One damaged copy and how it was damaged.
    struct DamagedCopy: Sendable {
        var path: String
        var how: String
    }

    /// Tables whose typed or structural columns commands read.
    static let targetTables = [
        "revisions", "versions", "jobs", "log_files", "log_chunks", "log_pages", "captures", "list_templates",
        "configs", "parameters", "resource_specs", "ai_engines", "algorithms", "archive_meta", "capture_gaps",
        "data_sources", "volumes", "model_metrics", "system_metrics", "visualization_jobs", "v2_jobs", "log_extents",
    ]

    /// Values that a bad disk or a careless edit can leave in a cell.
    static func badValue(_ rng: inout SplitMix) -> DamageTool.BadValue {
        switch rng.below(8) {
        case 0, 1: return .null
        case 2: return .text("damaged \(rng.below(1000))")
        case 3: return .integer(-Int64(rng.below(1000)) - 1)
        case 4: return .integer(Int64.max - Int64(rng.below(1000)))
        case 5: return .real(1.5)
        case 6: return .blob([0xFF, 0xFE, 0x80, UInt8(rng.below(256))])
        default: return .integer(Int64(rng.below(1 << 40)))
        }
    }

    /// Makes `count` damaged copies of the sample in `directory`: a third with random bytes anywhere, a third
    /// with random bytes in the pages of a chosen table, a third with bad values written into random cells.
    static func makeCopies(count: Int, in directory: String, rng: inout SplitMix) throws -> [DamagedCopy] {
        let size = try FileManager.default.attributesOfItem(atPath: sample)[.size] as? Int ?? 0
        let pageSize = try DamageTool.pageSize(path: sample)
        var pages: [String: [Int]] = [:]
        var columns: [String: [String]] = [:]
        var rowids: [String: [String]] = [:]
        for table in targetTables {
            pages[table] = try DamageTool.pages(path: sample, table: table)
            columns[table] = try DamageTool.columns(path: sample, table: table)
            rowids[table] = try DamageTool.rows(path: sample, table: table)
        }
        var copies: [DamagedCopy] = []
        for i in 0..<count {
            let path = "\(directory)/damaged-\(i).sqlite"
            try FileManager.default.copyItem(atPath: sample, toPath: path)
            switch i % 3 {
            case 0:
                let n = 1 + rng.below(32)
                let damage = (0..<n).map { _ in (offset: rng.below(size), byte: UInt8(rng.below(256))) }
                try DamageTool.overwrite(path: path, damage)
                copies.append(DamagedCopy(path: path, how: "\(n) random bytes at offsets \(damage.map(\.offset))"))
            case 1:
                let table = targetTables[rng.below(targetTables.count)]
                let tablePages = pages[table] ?? []
                guard !tablePages.isEmpty else { fallthrough }
                let page = tablePages[rng.below(tablePages.count)]
                let n = 1 + rng.below(32)
                let damage = (0..<n).map { _ in (offset: (page - 1) * pageSize + rng.below(pageSize), byte: UInt8(rng.below(256))) }
                try DamageTool.overwrite(path: path, damage)
                copies.append(DamagedCopy(path: path, how: "\(n) random bytes in page \(page) of \(table) at \(damage.map(\.offset))"))
            default:
                var hows: [String] = []
                for _ in 0..<(1 + rng.below(3)) {
                    let table = targetTables[rng.below(targetTables.count)]
                    guard let ids = rowids[table], !ids.isEmpty, let cols = columns[table], !cols.isEmpty else { continue }
                    let rowid = ids[rng.below(ids.count)]
                    let column = cols[rng.below(cols.count)]
                    let value = badValue(&rng)
                    do {
                        try DamageTool.setValue(path: path, table: table, row: rowid, column: column, to: value)
                        hows.append("\(table) where \(rowid): \(column) = \(value)")
                    } catch {
                        // A WITHOUT ROWID table's key columns cannot hold NULL (SQLite refuses, even past the schema).
                        hows.append("\(table) where \(rowid): \(column) = \(value) refused")
                    }
                }
                copies.append(DamagedCopy(path: path, how: "cells set: " + hows.joined(separator: "; ")))
            }
        }
        return copies
    }

    /// Cells whose damage the commands are known to reach (the issue's `is_current` crash among them).
    static let knownDamage: [(table: String, column: String, value: DamageTool.BadValue)] = [
        ("revisions", "key", .null), ("revisions", "deleted", .null), ("revisions", "deleted", .integer(7)),
        ("revisions", "capture_id", .text("x")), ("revisions", "kind", .blob([0xFF, 0xFE])),
        ("revisions", "raw", .null), ("versions", "job_id", .null), ("versions", "status", .text("six")),
        ("jobs", "job_id", .blob([0xC3, 0x28])), ("log_files", "line_count", .integer(-5)),
        ("log_files", "byte_count", .integer(Int64.max)), ("log_files", "file_name", .blob([0xFF])),
        ("log_chunks", "raw_length", .integer(1 << 40)), ("log_chunks", "first_line", .integer(-1)),
        ("log_chunks", "data", .null), ("log_pages", "content_offset", .integer(1 << 30)),
        ("log_pages", "style", .text("sideways")), ("list_templates", "items_offset", .integer(1 << 20)),
        ("list_templates", "separators", .text("not json")), ("list_templates", "item_keys", .null),
        ("captures", "started_at", .null), ("archive_meta", "value", .blob([0xFF, 0x00, 0xFE])),
        ("parameters", "redacted", .null), ("configs", "config_name", .null), ("resource_specs", "spec_id", .null),
        ("ai_engines", "engine_id", .text("e")), ("algorithms", "model_id", .null), ("log_files", "job_id", .text("one")), ("log_pages", "first_line", .null),
    ]

    // MARK: - Commands

    /// Every read command, with arguments that are valid on the undamaged sample (`DIR` is a new directory).
    static let commands: [[String]] = [
        ["verify", "A"], ["verify", "A", "--json"], ["info", "A"], ["info", "A", "--json"],
        ["jobs", "A"], ["jobs", "A", "--json"], ["versions", "A"], ["versions", "A", "571581", "--json"],
        ["show", "A", "10"], ["show", "A", "10/10", "--json"], ["show", "A", "585024/1121512", "--raw"],
        ["show", "A", "571581/1112489", "--raw", "--detail"],
        ["log", "A", "10", "10"], ["log", "A", "571581", "1112489", "--worker", "1", "--tail", "40"],
        ["log", "A", "10", "--list", "--json"], ["log", "A", "567927", "1109131", "--head", "30"],
        ["search", "\"CUDA out of memory\"", "A", "-C", "1"], ["search", "loss", "A", "--json"],
        ["search", "NCCL", "A", "--json"],
        ["diff", "A", "585024/1119020", "585024/1121512"], ["diff", "A", "585024/1119020", "1121512", "--json"],
        ["metrics", "A", "10"], ["metrics", "A", "10", "--json"], ["history", "A"], ["history", "A", "--json"],
        ["configs", "A"], ["configs", "A", "custom/config123", "--json"], ["engines", "A"], ["engines", "A", "--json"],
        ["specs", "A"], ["specs", "A", "--json"], ["algorithms", "A", "--json"], ["pools", "A", "--json"],
        ["export", "A", "--jsonl"], ["export", "A", "DIR"], ["get-job", "A"], ["get-job", "A", "--job-id", "10", "--json"],
        ["get-log", "A", "--job-id", "10"], ["get-log", "A", "--job-id", "571581/1112489", "--tail", "20"],
        // The bundled sample's v2 jobs (a completed one and a failed one).
        ["jobs", "A", "--api", "v2", "--json"], ["show", "A", completedV2], ["show", "A", failedV2, "--json"],
        ["log", "A", completedV2, "--task", "worker-0", "--tail", "40"], ["get-log", "A", "-i", failedV2, "-t", "worker-0"],
        ["get-event", "A", "-i", completedV2], ["diff", "A", completedV2, failedV2], ["search", "loss", "A", "--api", "v2", "--json"],
    ]
    /// A completed and a failed v2 job of the bundled sample.
    static let completedV2 = "0f7adb05-827b-4b0b-8835-dc3831f5ed7f"
    static let failedV2 = "960647f5-f7c6-43bb-88d4-048879f8d4bc"

    /// One planned run.
    struct Run: Sendable {
        var arguments: [String]
        var copy: DamagedCopy
    }

    /// What went wrong with a run, or nil when it behaved.
    static func problem(_ run: Run, _ result: TimedProcess.Result) -> String? {
        let command = run.arguments.first ?? ""
        switch result.ending {
        case .signaled(let signal):
            return "crashed (signal \(signal)); stderr: \(result.stderr.suffix(400))"
        case .timedOut:
            return "hung (no exit within \(Int(runTimeout)) s)"
        case .exited(0):
            return nil
        case .exited(1):
            let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            if lines.isEmpty {
                // A check that did not pass (verify) or no search hit: exit 1 with nothing on stderr.
                if command == "verify", result.output.contains("FAILED") || result.output.contains("\"ok\" : false") { return nil }
                if command == "search" { return nil }
                return "exit 1 with nothing on stderr"
            }
            guard lines.count == 1, lines[0].hasPrefix("jobarchive: "), result.stderr.hasSuffix("\n") else {
                return "exit 1, but stderr is not one 'jobarchive: ' line: \(result.stderr.prefix(600))"
            }
            return nil
        case .exited(let status):
            return "exit \(status) (expected 0 or 1); stderr: \(result.stderr.prefix(400))"
        }
    }

    /// Runs `runs` through the built binary, `concurrency` at a time; returns the problems found.
    static func execute(_ runs: [Run], binary: String, directory: String) -> [String] {
        /// The next run to take and the problems found, shared by the worker threads under a lock.
        final class Progress: @unchecked Sendable {
            let lock = NSLock()
            var next = 0
            var problems: [String] = []
        }
        let shared = Progress()
        let lock = shared.lock
        let group = DispatchGroup()
        for _ in 0..<concurrency {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while true {
                    lock.lock()
                    let index = shared.next
                    shared.next += 1
                    lock.unlock()
                    guard index < runs.count else { return }
                    let run = runs[index]
                    var arguments = run.arguments.map { $0 == "A" ? run.copy.path : $0 }
                    let exportDir = "\(directory)/export-\(index)"
                    arguments = arguments.map { $0 == "DIR" ? exportDir : $0 }
                    let found: String?
                    do {
                        let result = try TimedProcess.run(binary, arguments, directory: directory, timeout: runTimeout)
                        found = problem(run, result)
                    } catch {
                        found = "cannot run: \(error)"
                    }
                    try? FileManager.default.removeItem(atPath: exportDir)
                    if let found {
                        lock.lock()
                        shared.problems.append("jobarchive \(run.arguments.joined(separator: " ")) on \(run.copy.path) (\(run.copy.how)): \(found)")
                        lock.unlock()
                    }
                }
            }
        }
        group.wait()
        return shared.problems
    }

    /// ``execute(_:binary:directory:)`` awaited from a thread of its own, so the minutes it waits never hold a
    /// thread of Swift's cooperative pool (on a 2-core machine that pool has two, and every other async test
    /// running meanwhile needs them).
    static func executeOffPool(_ runs: [Run], binary: String, directory: String) async -> [String] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: execute(runs, binary: binary, directory: directory)) }
        }
    }

    static func binaryPath() throws -> String {
        let binary = CommandRunner.binary.path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "no built jobarchive at \(binary); run swift build first")
        return binary
    }

    // MARK: - Tests

    @Test("every read command, on the sample and on 60 damaged copies plus known bad cells: exit 0 or 1, one-line error, no crash or hang")
    func readCommands() async throws {
        let binary = try Self.binaryPath()
        let dir = try TemporaryDirectory()
        var rng = SplitMix(seed: Self.seed)
        let start = Date()
        let pristine = DamagedCopy(path: dir.path("pristine.sqlite"), how: "undamaged")
        try FileManager.default.copyItem(atPath: Self.sample, toPath: pristine.path)
        // The arguments are valid: on the undamaged sample every command succeeds.
        for command in Self.commands {
            let result = try TimedProcess.run(binary, command.map { $0 == "A" ? pristine.path : $0 == "DIR" ? dir.path("baseline-export") : $0 },
                                              directory: dir.url.path, timeout: Self.runTimeout)
            #expect(result.ending == .exited(0), "jobarchive \(command.joined(separator: " ")) on the sample: \(result.ending), \(result.stderr)")
            try? FileManager.default.removeItem(atPath: dir.path("baseline-export"))
        }

        var copies = try Self.makeCopies(count: 60, in: dir.url.path, rng: &rng)
        for (i, damage) in Self.knownDamage.enumerated() {
            let path = dir.path("known-\(i).sqlite")
            try FileManager.default.copyItem(atPath: Self.sample, toPath: path)
            let ids = try DamageTool.rows(path: path, table: damage.table)
            let rowid = ids[rng.below(ids.count)]
            try DamageTool.setValue(path: path, table: damage.table, row: rowid, column: damage.column, to: damage.value)
            copies.append(DamagedCopy(path: path, how: "\(damage.table) where \(rowid): \(damage.column) = \(damage.value)"))
        }
        // verify on every copy, and a rotating window of 9 other commands, so each command meets ~20 copies.
        var runs: [Run] = []
        let others = Self.commands.filter { $0 != ["verify", "A"] }
        for (i, copy) in copies.enumerated() {
            runs.append(Run(arguments: ["verify", "A"], copy: copy))
            for k in 0..<9 { runs.append(Run(arguments: others[(i * 9 + k) % others.count], copy: copy)) }
        }
        let problems = await Self.executeOffPool(runs, binary: binary, directory: dir.url.path)
        let seconds = Date().timeIntervalSince(start)
        print("damage campaign (seed \(Self.seed)): \(runs.count + Self.commands.count) command runs on \(copies.count) damaged copies in \(String(format: "%.1f", seconds)) s, \(problems.count) problem(s)")
        #expect(runs.count >= 500)
        #expect(problems.isEmpty, "seed \(Self.seed): \(problems.count) of \(runs.count) runs misbehaved:\n\(problems.prefix(40).joined(separator: "\n"))")
    }

    @Test("serve on damaged copies: every request gets an HTTP response, and the server stays up until SIGTERM")
    func serveDamaged() async throws {
        let binary = try Self.binaryPath()
        let dir = try TemporaryDirectory()
        var rng = SplitMix(seed: Self.seed &+ 1)
        var copies: [DamagedCopy] = []
        // Cells the server reads (lists, entities, logs, pages), and random bytes in their pages.
        for (i, damage) in Self.knownDamage.enumerated() where i % 2 == 0 {
            let path = dir.path("serve-known-\(i).sqlite")
            try FileManager.default.copyItem(atPath: Self.sample, toPath: path)
            let ids = try DamageTool.rows(path: path, table: damage.table)
            let rowid = ids[rng.below(ids.count)]
            try DamageTool.setValue(path: path, table: damage.table, row: rowid, column: damage.column, to: damage.value)
            copies.append(DamagedCopy(path: path, how: "\(damage.table) where \(rowid): \(damage.column) = \(damage.value)"))
        }
        let pageSize = try DamageTool.pageSize(path: Self.sample)
        for (i, table) in ["revisions", "log_chunks", "log_pages", "list_templates", "log_files", "versions"].enumerated() {
            let path = dir.path("serve-pages-\(i).sqlite")
            try FileManager.default.copyItem(atPath: Self.sample, toPath: path)
            let pages = try DamageTool.pages(path: path, table: table)
            let page = pages[rng.below(pages.count)]
            let n = 1 + rng.below(32)
            let damage = (0..<n).map { _ in (offset: (page - 1) * pageSize + rng.below(pageSize), byte: UInt8(rng.below(256))) }
            try DamageTool.overwrite(path: path, damage)
            copies.append(DamagedCopy(path: path, how: "\(n) random bytes in page \(page) of \(table)"))
        }
        let v1 = "/v1/0a1b2c3d4e5f60718293a4b5c6d7e8f9"
        let v2 = "/v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9"
        let requests = [
            "/health", "\(v1)/training-jobs", "\(v1)/training-jobs?per_page=2&page=1", "\(v1)/training-jobs?status=6",
            "\(v1)/training-jobs/10/versions", "\(v1)/training-jobs/571581/versions?per_page=2",
            "\(v1)/training-jobs/10/versions/10", "\(v1)/training-jobs/571581/versions/1112489",
            "\(v1)/training-jobs/10/versions/10/log/file-names",
            "\(v1)/training-jobs/10/versions/10/aom-log?log_file=log1.log&lines=50&order=asc",
            "\(v1)/training-jobs/10/versions/10/aom-log?log_file=log1.log&lines=500&order=desc",
            "\(v1)/training-jobs/571581/versions/1112489/aom-log?log_file=job-bert-finetune-cls.0&lines=200&order=asc",
            "\(v1)/training-jobs/567927/versions/1109131/aom-log?log_file=job-resnet50-imagenet.1&lines=500&order=desc",
            "\(v1)/training-job-configs?config_type=custom", "\(v1)/training-job-configs?config_type=sample",
            "\(v1)/training-job-configs/config123?config_type=custom", "\(v1)/job/resource-specs", "\(v1)/job/ai-engines",
            "\(v1)/built-in-algorithms", "\(v1)/visualization-jobs", "\(v1)/training-jobs/999/versions",
            "\(v2)/training-jobs/\(Self.completedV2)", "\(v2)/training-jobs/\(Self.failedV2)/tasks",
            "\(v2)/training-jobs/\(Self.failedV2)/events?offset=0&limit=10", "\(v2)/training-jobs/\(Self.completedV2)/metrics/worker-0",
            "\(v2)/training-jobs/\(Self.completedV2)/logs/worker-0?lines=50&order=asc",
            "\(v2)/training-jobs/\(Self.failedV2)/logs/worker-0?lines=500&order=desc",
            "\(v2)/training-job-flavors", "\(v2)/training-job-engines", "\(v2)/pools", "\(v2)/algorithms?offset=0&limit=10",
            "\(v2)/training-jobs/00000000-0000-4000-8000-000000000000",
        ]
        var problems: [String] = []
        var served = 0
        var answered = 0
        for copy in copies {
            let server = try TimedProcess(binary, ["serve", copy.path, "--port", "0", "--log-level", "error"], directory: dir.url.path)
            defer {
                server.stop(signal: SIGTERM, timeout: 10)
                server.removeFiles()
            }
            let context = "serve \(copy.path) (\(copy.how)) [seed \(Self.seed)]"
            // The first stdout line names the port; a server that refuses the archive exits 1 with one line.
            var port: Int?
            let deadline = Date().addingTimeInterval(Self.runTimeout)
            while port == nil, server.isRunning, Date() < deadline {
                let text = server.result().output
                if let line = text.split(separator: "\n").first, text.contains("\n"),
                    let range = line.range(of: "listening on http://127.0.0.1:")
                {
                    port = Int(line[range.upperBound...].trimmingCharacters(in: .whitespaces))
                } else {
                    usleep(20_000)
                }
            }
            guard let port else {
                if server.isRunning {
                    problems.append("\(context): printed no 'listening on' line within \(Int(Self.runTimeout)) s")
                    continue
                }
                let result = server.result()
                if let problem = Self.problem(Run(arguments: ["serve"], copy: copy), result) {
                    problems.append("\(context): did not start: \(problem)")
                } else if result.ending == .exited(0) {
                    problems.append("\(context): exited 0 without listening")
                }
                continue
            }
            served += 1
            for path in requests {
                switch HTTPProbe.get(port: port, path: path) {
                case .success(let status):
                    answered += 1
                    if !(200..<600).contains(status) { problems.append("\(context): GET \(path): status \(status)") }
                case .failure(let message):
                    problems.append("\(context): GET \(path): no HTTP response (\(message)); server \(server.isRunning ? "running" : "gone: \(server.result().ending)")")
                }
            }
            if !server.isRunning {
                problems.append("\(context): the server died: \(server.result().ending); stderr: \(server.result().stderr.suffix(400))")
                continue
            }
            let ending = server.stop(signal: SIGTERM, timeout: 10)
            if ending != .exited(0) { problems.append("\(context): on SIGTERM: \(ending)") }
        }
        print("damage campaign, serve (seed \(Self.seed)): \(copies.count) damaged copies, \(served) served, \(answered) requests answered")
        #expect(served >= copies.count / 2, "seed \(Self.seed): only \(served) of \(copies.count) damaged copies could be served")
        #expect(problems.isEmpty, "\(problems.prefix(40).joined(separator: "\n"))")
    }

    @Test("verify names a NULL in a typed column as a failed typed check of that entity; show answers with one line")
    func verifyNamesTypedNull() async throws {
        let binary = try Self.binaryPath()
        let dir = try TemporaryDirectory()
        let path = dir.path("typed-null.sqlite")
        try FileManager.default.copyItem(atPath: Self.sample, toPath: path)
        // The versions row of job 10's version 10 list element: its status becomes NULL.
        let revision = try #require(try DamageTool.scalar(path: path, "SELECT id FROM revisions WHERE kind = 'version' AND key = '10/10' ORDER BY capture_id DESC LIMIT 1"))
        try DamageTool.setValue(path: path, table: "versions", row: "revision_id = \(revision)", column: "status", to: .null)
        let verify = try TimedProcess.run(binary, ["verify", path], directory: dir.url.path, timeout: Self.runTimeout)
        #expect(verify.ending == .exited(1))
        #expect(verify.output.contains("FAIL typed: revision \(revision) (version 10/10): typed columns disagree with the raw JSON: versions: column status is NULL in storage, integer 10 in the raw JSON"), "\(verify.output)")
        // A NOT NULL typed column holding NULL: the reading command names table, row and column. (`versions` lists
        // a version from its details body when that is as new as its list element.)
        let detail = try #require(try DamageTool.scalar(path: path, "SELECT id FROM revisions WHERE kind = 'version_detail' AND key = '10/10' ORDER BY capture_id DESC LIMIT 1"))
        try DamageTool.setValue(path: path, table: "versions", row: "revision_id = \(detail)", column: "job_id", to: .null)
        let versions = try TimedProcess.run(binary, ["versions", path], directory: dir.url.path, timeout: Self.runTimeout)
        #expect(versions.ending == .exited(1))
        #expect(versions.stderr == "jobarchive: \(path): damaged value in versions row \(detail) column job_id: NULL where an integer is expected\n")
    }

    @Test("verify prints a WARN line for an entity whose raw JSON has no typed rows, and still passes")
    func verifyWarnsTypedDerivation() async throws {
        let binary = try Self.binaryPath()
        let dir = try TemporaryDirectory()
        let path = dir.path("warn.sqlite")
        try FileManager.default.copyItem(atPath: Self.sample, toPath: path)
        // A job whose job_id is not a number: valid JSON, stored byte-exact, but no typed row.
        let archive = try Archive.open(at: path, mode: .readWrite)
        let capture = try archive.captures.begin(source: "test: a job with a text job_id")
        try archive.entities.put(kind: .job, key: "12", raw: Array(#"{"job_id":"twelve","job_name":"odd"}"#.utf8), capture: capture)
        try archive.captures.finish(capture, complete: true)
        try archive.close()
        let verify = try TimedProcess.run(binary, ["verify", path], directory: dir.url.path, timeout: Self.runTimeout)
        #expect(verify.ending == .exited(0), "\(verify.output)\(verify.stderr)")
        #expect(verify.output.contains("WARN typed: job 12: raw JSON does not decode as V1JobListEntry: missing or invalid \"job_id\""), "\(verify.output)")
        let json = try TimedProcess.run(binary, ["verify", path, "--json"], directory: dir.url.path, timeout: Self.runTimeout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(warnings.contains { $0["item"] as? String == "job 12" && $0["check"] as? String == "typed" })
        #expect(object["ok"] as? Bool == true)
    }
}

/// A tiny, seeded random number generator (SplitMix64), so a campaign can be replayed.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A number in `0 ..< bound`.
    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
}

/// One HTTP/1.1 GET over a plain socket, for telling a response from a dropped connection.
enum HTTPProbe {
    enum Outcome {
        case success(Int)
        case failure(String)
    }

    static func get(port: Int, path: String, timeout: Int = 30) -> Outcome {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return .failure("socket: \(errno)") }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return .failure("connect: errno \(errno)") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        guard sent == request.count else { return .failure("send: errno \(errno)") }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                response += buffer[0..<n]
                continue
            }
            if n == 0 { break }
            return response.isEmpty ? .failure("recv: errno \(errno)") : .failure("recv after \(response.count) bytes: errno \(errno)")
        }
        let head = String(decoding: response.prefix(64), as: UTF8.self)
        guard head.hasPrefix("HTTP/1.1 "), let status = Int(head.dropFirst(9).prefix(3)) else {
            return .failure("not an HTTP response: \(head.debugDescription)")
        }
        return .success(status)
    }
}
