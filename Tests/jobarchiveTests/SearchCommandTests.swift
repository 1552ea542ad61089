import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

@Suite("search")
struct SearchCommandTests {
    /// A log prepared for the reference scan: its text read as Latin-1 (one UTF-16 unit per byte) and line starts.
    struct ReferenceFile {
        var jobID: Int64
        var lines: [[UInt8]]
        var text: NSString
        var lineStarts: [Int]

        init(jobID: Int64, content: [UInt8]) {
            self.jobID = jobID
            lines = splitLines(content)
            text = String(decoding: content.map { UInt16($0) }, as: UTF16.self) as NSString
            var starts = [0]
            for (i, b) in content.enumerated() where b == 0x0A && i + 1 < content.count { starts.append(i + 1) }
            lineStarts = starts
        }

        /// 1-based numbers of the lines where `regex` matches (the pattern never crosses a newline).
        func matchingLines(_ regex: NSRegularExpression) -> [Int] {
            var out: [Int] = []
            regex.enumerateMatches(in: text as String, range: NSRange(location: 0, length: text.length)) { match, _, _ in
                guard let start = match?.range.location else { return }
                var lo = 0
                var hi = lineStarts.count - 1
                while lo < hi {
                    let mid = (lo + hi + 1) / 2
                    if lineStarts[mid] <= start { lo = mid } else { hi = mid - 1 }
                }
                if out.last != lo + 1 { out.append(lo + 1) }
            }
            return out
        }
    }

    /// Word bytes, as the search defines them.
    static let w = "A-Za-z0-9_\\x{80}-\\x{ff}"
    /// A whole word.
    static func word(_ text: String) -> String { "(?<![\(w)])\(text)(?![\(w)])" }
    /// Words in a row, whatever separates them on the line.
    static func phrase(_ words: [String]) -> String {
        "(?<![\(w)])" + words.joined(separator: "[^\(w)\\n]+") + "(?![\(w)])"
    }
    /// The start of a line.
    static let lineStart = "(?<![^\\n])"
    /// Any text on the same line.
    static let sameLine = "[^\\n]*"

    /// (query, the same condition as a regular expression that never crosses a newline)
    static let cases: [(String, String)] = [
        ("loss", word("loss")),
        ("Traceback", word("traceback")),
        ("\"out of memory\"", phrase(["out", "of", "memory"])),
        ("step AND lr", lineStart + "(?=\(sameLine)\(word("step")))(?=\(sameLine)\(word("lr")))"),
        ("error OR exception", word("(?:error|exception)")),
        ("val_loss", word("val_loss")),
        ("epoch -loss", lineStart + "(?!\(sameLine)\(word("loss")))\(sameLine)\(word("epoch"))"),
        ("accur*", "(?<![\(w)])accur[\(w)]*"),
        ("\"train_time:\"", word("train_time")),
        ("(warning OR warn) NOT deprecated", lineStart + "(?!\(sameLine)\(word("deprecated")))\(sameLine)\(word("(?:warning|warn)"))"),
        ("2048", word("2048")),
        ("zzzznotthere", "zzzznotthere"),
    ]

    @Test("hits are exactly the lines a scan of the real training logs finds", .timeLimit(.minutes(2)))
    func exactOnRealLogs() async throws {
        let real = try #require(Fixtures.realLogs, "../shared/corpus/real-logs is needed for this test")
        #expect(real.files.reduce(0) { $0 + $1.content.count } > 1_000_000)
        let files = real.files.map { ReferenceFile(jobID: $0.jobID, content: $0.content) }
        for (query, pattern) in SearchCommandTests.cases {
            let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            var expected: [String] = []
            for file in files { expected += file.matchingLines(regex).map { "\(file.jobID):\($0)" } }
            let r = await CLI.run(["search", query, real.path, "--json"])
            #expect(r.status == (expected.isEmpty ? 1 : 0), "\(query): \(r.stderr)")
            let doc = try r.object()
            let hits = try #require(doc["hits"] as? [[String: Any]])
            let got = hits.map { "\($0["job"] as? Int ?? -1):\($0["line"] as? Int ?? -1)" }
            #expect(got == expected, "query \(query): \(got.count) hits, the scan finds \(expected.count)")
            #expect(doc["total"] as? Int == expected.count)
            // The text is the line itself.
            for hit in hits.prefix(20) {
                let file = try #require(files.first { $0.jobID == Int64(hit["job"] as? Int ?? -1) })
                let line = file.lines[(hit["line"] as? Int ?? 1) - 1]
                #expect(hit["text"] as? String == SearchCommandTests.text(line))
            }
        }
    }

    static func text(_ line: [UInt8]) -> String {
        var bytes = line
        if bytes.last == 0x0A { bytes.removeLast() }
        if bytes.last == 0x0D { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("several archives are searched in order, each hit naming its archive")
    func multiArchive() async throws {
        let real = try #require(Fixtures.realLogs)
        let one = try await CLI.run(["search", "Traceback OR error", Fixtures.sample, "--count", "--json"]).object()
        let two = try await CLI.run(["search", "Traceback OR error", real.path, "--count", "--json"]).object()
        let both = await CLI.run(["search", "Traceback OR error", Fixtures.sample, real.path, "--json"])
        #expect(both.status == 0)
        let doc = try both.object()
        let hits = try #require(doc["hits"] as? [[String: Any]])
        #expect(hits.count == (one["total"] as? Int ?? 0) + (two["total"] as? Int ?? 0))
        #expect(Set(hits.compactMap { $0["archive"] as? String }) == [Fixtures.sample, real.path])
        #expect(hits.first?["archive"] as? String == Fixtures.sample)
        let text = await CLI.run(["search", "Traceback", Fixtures.sample, real.path])
        #expect(text.text.contains(Fixtures.sample + " · job "))
    }

    @Test("grouped text output with line numbers usable by log --lines")
    func groupedText() async throws {
        let r = await CLI.run(["search", "\"out of memory\"", Fixtures.sample])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "job 571581 bert-finetune-cls · version 1112489 V0004 · job-bert-finetune-cls.0")
        let hit = try #require(lines.dropFirst().first)
        let number = try #require(Int(hit.prefix { $0 != ":" }))
        let line = await CLI.run(["log", Fixtures.sample, "571581", "1112489", "--worker", "0", "--lines", "\(number)"])
        #expect(String(decoding: line.stdout, as: UTF8.self) == String(hit.drop { $0 != ":" }.dropFirst()) + "\n")
        #expect(!r.text.contains("\u{1B}["))
        let coloured = await CLI.run(["search", "\"out of memory\"", Fixtures.sample, "--color", "always"])
        #expect(coloured.text.contains("\u{1B}[1;31mout\u{1B}[0m"))
    }

    @Test("filters: job, version, status, since; unknown job")
    func filters() async throws {
        func hits(_ args: [String]) async throws -> [[String: Any]] {
            let r = await CLI.run(["search", "loss OR Traceback", Fixtures.sample, "--json"] + args)
            #expect(r.status == 0 || r.status == 1, "\(args): \(r.stderr)")
            return (try r.object()["hits"] as? [[String: Any]]) ?? []
        }
        let all = await try hits([])
        #expect(!all.isEmpty)
        let job = await try hits(["--job", "bert-finetune-cls"])
        #expect(!job.isEmpty && job.allSatisfy { $0["job"] as? Int == 571581 })
        #expect(job.count == all.filter { $0["job"] as? Int == 571581 }.count)
        let version = await try hits(["--job", "571581/V0004"])
        #expect(!version.isEmpty && version.allSatisfy { $0["version"] as? Int == 1112489 })
        let failed = await try hits(["--status", "failed"])
        let failedVersions = try await CLI.run(["versions", Fixtures.sample, "--status", "failed", "--json"]).array().compactMap { $0["version_id"] as? Int }
        #expect(!failed.isEmpty && failed.allSatisfy { failedVersions.contains($0["version"] as? Int ?? -1) })
        let recent = await try hits(["--since", "2023-01-01"])
        let recentVersions = try await CLI.run(["versions", Fixtures.sample, "--since", "2023-01-01", "--json"]).array().compactMap { $0["version_id"] as? Int }
        #expect(!recent.isEmpty && recent.count < all.count)
        #expect(recent.allSatisfy { recentVersions.contains($0["version"] as? Int ?? -1) })
        let unknown = await CLI.run(["search", "loss", Fixtures.sample, "--job", "424242"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no job 424242"))
        let atCapture = await CLI.run(["search", "loss", Fixtures.sample, "--job", "10/10@1"])
        #expect(atCapture.status == 64)
        let unknownVersion = await CLI.run(["search", "loss", Fixtures.sample, "--job", "10/12"])
        #expect(unknownVersion.status == 1)
        #expect(unknownVersion.stderr.contains("no version 12 in job 10"))
    }

    @Test("-C context, --count, --limit, --regex and --csv")
    func options() async throws {
        let context = try await CLI.run(["search", "Traceback", Fixtures.sample, "--job", "571581", "-C", "2", "--json"]).object()
        let hits = try #require(context["hits"] as? [[String: Any]])
        #expect(!hits.isEmpty)
        for hit in hits {
            let around = try #require(hit["context"] as? [[String: Any]])
            let line = hit["line"] as? Int ?? 0
            #expect(around.map { $0["line"] as? Int ?? 0 }.allSatisfy { abs($0 - line) <= 2 && $0 != line })
            #expect(around.count >= 2)
        }
        let text = await CLI.run(["search", "Traceback", Fixtures.sample, "--job", "571581", "-C", "1"]).text
        #expect(text.contains("-") && text.contains(":Traceback"))

        let all = try await CLI.run(["search", "loss", Fixtures.sample, "--json"]).object()
        let count = try await CLI.run(["search", "loss", Fixtures.sample, "--count", "--json"]).object()
        #expect(count["total"] as? Int == all["total"] as? Int)
        let files = try #require(count["files"] as? [[String: Any]])
        #expect(files.reduce(0) { $0 + ($1["matches"] as? Int ?? 0) } == count["total"] as? Int)
        let countText = await CLI.run(["search", "loss", Fixtures.sample, "--count"]).text
        #expect(countText.contains("matching lines in \(files.count) files"))

        let limited = try await CLI.run(["search", "loss", Fixtures.sample, "--limit", "3", "--json"]).object()
        #expect((limited["hits"] as? [[String: Any]])?.count == 3)
        #expect(limited["truncated"] as? Bool == true)

        let regex = try await CLI.run(["search", "loss", Fixtures.sample, "--regex", "loss = [0-9.]+", "--json"]).object()
        let regexHits = try #require(regex["hits"] as? [[String: Any]])
        #expect(!regexHits.isEmpty)
        #expect(regexHits.count < (all["total"] as? Int ?? 0))
        #expect(regexHits.allSatisfy { ($0["text"] as? String ?? "").range(of: "loss = [0-9.]+", options: .regularExpression) != nil })

        let csv = await CLI.run(["search", "\"out of memory\"", Fixtures.sample, "--csv"]).text.split(separator: "\n")
        #expect(csv.first == "archive,api,job_id,version_id,file,run,line,text")
        #expect(csv.count == 5)
    }

    @Test("a malformed query is pointed at; no hit exits 1")
    func badQueries() async throws {
        let r = await CLI.run(["search", "loss AND (\"CUDA out", Fixtures.sample])
        #expect(r.status == 64)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.first == "jobarchive: bad search query at column 11: unclosed quote")
        #expect(lines.count == 3)
        #expect(lines.last == "            ^")
        for bad in ["", "(loss", "loss)", "loss OR", "=="] {
            let e = await CLI.run(["search", bad, Fixtures.sample])
            #expect(e.status == 64, "query \(bad)")
            #expect(e.stderr.contains("bad search query at column"), "query \(bad): \(e.stderr)")
        }
        let regex = await CLI.run(["search", "loss", Fixtures.sample, "--regex", "(unclosed"])
        #expect(regex.status == 64)
        let none = await CLI.run(["search", "zzzznotthere", Fixtures.sample])
        #expect(none.status == 1)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr.isEmpty)
        let missing = await CLI.run(["search", "loss", Fixtures.sample, "/nonexistent/x.sqlite"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/x.sqlite: no such file"))
    }
}
