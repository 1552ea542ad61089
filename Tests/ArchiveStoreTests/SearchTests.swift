import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

@Suite("Full-text search")
struct SearchTests {
    /// An independent reference: the query as a regular expression over each line (bytes read as Latin-1).
    static func reference(_ pattern: String, lines: [[UInt8]]) throws -> [Int] {
        let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        var out: [Int] = []
        for (i, line) in lines.enumerated() {
            let text = String(decoding: line.map { UInt16($0) }, as: UTF16.self)
            if regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil { out.append(i) }
        }
        return out
    }

    static let w = "A-Za-z0-9_\\x{80}-\\x{ff}"
    /// (query, reference regex over a line)
    static let cases: [(String, String)] = [
        ("loss", "(?<![\(w)])loss(?![\(w)])"),
        ("Traceback", "(?<![\(w)])traceback(?![\(w)])"),
        ("\"CUDA out of memory\"", "(?<![\(w)])cuda[^\(w)]+out[^\(w)]+of[^\(w)]+memory(?![\(w)])"),
        ("NCCL WARN", "^(?=.*(?<![\(w)])nccl(?![\(w)]))(?=.*(?<![\(w)])warn(?![\(w)]))"),
        ("error OR exception", "(?<![\(w)])(error|exception)(?![\(w)])"),
        ("val_loss", "(?<![\(w)])val_loss(?![\(w)])"),
        ("epoch NOT loss", "^(?!.*(?<![\(w)])loss(?![\(w)])).*(?<![\(w)])epoch(?![\(w)])"),
        ("accur*", "(?<![\(w)])accur[\(w)]*"),
        ("ss=0.5", "(?<![\(w)])ss[^\(w)]+0[^\(w)]+5(?![\(w)])"),
        ("2048", "(?<![\(w)])2048(?![\(w)])"),
        ("zzzznotthere", "zzzznotthere"),
    ]

    @Test("hits equal a plain scan over real training logs")
    func exactOnRealLogs() throws {
        let files = SharedFolder.realLogs
        try #require(!files.isEmpty, "../shared/corpus/real-logs is needed for this test")
        let t = try TestArchive()
        var all: [Int64: [[UInt8]]] = [:]
        var total = 0
        for (i, url) in files.enumerated() {
            let content = [UInt8](try Data(contentsOf: url))
            if total + content.count > 6_000_000 { continue }
            total += content.count
            let info = try t.archive.logs.write(jobID: Int64(i), versionID: 1, fileName: url.lastPathComponent, content: content, capture: t.capture)
            var lines: [[UInt8]] = []
            var start = 0
            for (j, b) in content.enumerated() where b == 0x0A {
                lines.append(Array(content[start...j]))
                start = j + 1
            }
            if start < content.count { lines.append(Array(content[start...])) }
            all[info.id] = lines
        }
        #expect(total > 1_000_000)
        for (query, pattern) in SearchTests.cases {
            let parsed = try SearchQuery.parse(query)
            let hits = try t.archive.search.all(parsed)
            var expected: [String] = []
            for fileID in all.keys.sorted() {
                let lines = all[fileID] ?? []
                expected += try SearchTests.reference(pattern, lines: lines).map { "\(fileID):\($0)" }
            }
            let got = hits.map { "\($0.fileID):\($0.line)" }
            #expect(got == expected, "query \(query): \(got.count) hits, scan finds \(expected.count)")
            for hit in hits.prefix(50) {
                #expect(hit.text == all[hit.fileID]?[hit.line])
            }
        }
    }

    @Test("user text never reaches FTS5 as syntax")
    func safeQueries() throws {
        let t = try TestArchive()
        try t.archive.logs.write(jobID: 1, versionID: 1, fileName: "a", content: Array("col:val a-b \"q\" (x) * NEAR/3 ^start\n".utf8), capture: t.capture)
        for q in ["col:val", "a-b", "\"q\"", "(x)", "NEAR/3", "^start", "x*", "\"a b", "AND", "()", "-", "*"] {
            do {
                _ = try t.archive.search.all(SearchQuery.parse(q))
            } catch let error as SearchQueryError {
                #expect(error.column >= 1, "\(q)")
            }
        }
        #expect(try t.archive.search.all(SearchQuery.parse("col:val")).count == 1)
        #expect(try t.archive.search.all(SearchQuery.parse("NEAR/3")).count == 1)
    }

    @Test("malformed queries name the problem and its column")
    func parseErrors() {
        let cases: [(String, Int, String)] = [
            ("\"unclosed", 1, "unclosed quote"),
            ("(loss", 1, "unclosed '('"),
            ("loss)", 5, "unmatched ')'"),
            ("loss OR", 8, "expected a word"),
            ("", 1, "empty query"),
            ("==", 1, "no letters or digits"),
        ]
        for (query, column, message) in cases {
            do {
                _ = try SearchQuery.parse(query)
                Issue.record("\(query) parsed")
            } catch {
                #expect(error.column == column, "\(query): \(error)")
                #expect(error.message.contains(message), "\(query): \(error)")
            }
        }
    }

    @Test("searches can be restricted to some files and limited")
    func restrictAndLimit() throws {
        let t = try TestArchive()
        let a = try t.archive.logs.write(jobID: 1, versionID: 1, fileName: "a", content: Array("hit\nmiss\nhit\n".utf8), capture: t.capture)
        _ = try t.archive.logs.write(jobID: 2, versionID: 1, fileName: "b", content: Array("hit\n".utf8), capture: t.capture)
        #expect(try t.archive.search.all(SearchQuery.parse("hit")).count == 3)
        #expect(try t.archive.search.all(SearchQuery.parse("hit"), files: [a]).map(\.line) == [0, 2])
        #expect(try t.archive.search.all(SearchQuery.parse("hit"), limit: 2).count == 2)
    }
}
