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

    /// Three logs of many chunks whose lines say `hit` now and then, and every such line, in (file, line) order.
    static func manyChunks(_ t: TestArchive) throws -> [(Int64, Int)] {
        var expected: [(Int64, Int)] = []
        for f in 0..<3 {
            var content: [UInt8] = []
            var hits: [Int] = []
            for i in 0..<30_000 {
                let hit = (i * 7 + f) % 97 == 0
                if hit { hits.append(i) }
                content += Array("step \(i) of file \(f) \(hit ? "hit" : "ok") \(String(repeating: "x", count: i % 40))\n".utf8)
            }
            let info = try t.archive.logs.write(jobID: Int64(f + 1), versionID: 1, fileName: "m", content: content, capture: t.capture)
            expected += hits.map { (info.id, $0) }
        }
        return expected
    }

    @Test("a limited search gives the first hits of the full one, stopping at any batch", arguments: [1, 2, 3, 6, 7, 50, 61, 62, 63, 500, 100_000])
    func limitsAcrossBatches(limit: Int) throws {
        let t = try TestArchive()
        let expected = try SearchTests.manyChunks(t)
        #expect(expected.count > 800)
        for query in ["hit", "hit NOT zzz"] {
            var got: [(Int64, Int)] = []
            let stats = try t.archive.search.each(SearchQuery.parse(query), limit: limit) { hit in
                got.append((hit.fileID, hit.line))
                return true
            }
            let want = Array(expected.prefix(limit))
            #expect(got.map(\.0) == want.map(\.0) && got.map(\.1) == want.map(\.1), "\(query) limit \(limit)")
            #expect(stats.truncated == (limit <= expected.count))
            // A visitor that stops is the same as a limit.
            var seen = 0
            try t.archive.search.each(SearchQuery.parse(query)) { _ in
                seen += 1
                return seen < limit
            }
            #expect(seen == min(limit, expected.count))
        }
    }

    @Test("the index path and the full scan find the same lines, restricted to files or not")
    func indexAndScanAgree() throws {
        let t = try TestArchive()
        let expected = try SearchTests.manyChunks(t)
        let files = try t.archive.logs.allFiles()
        // `hit` has an index expression; `NOT ok` has none (every line is scanned).
        let indexed = try t.archive.search.all(SearchQuery.parse("hit"))
        let scanned = try t.archive.search.all(SearchQuery.parse("NOT ok"))
        #expect(indexed.map(\.fileID) == expected.map(\.0) && indexed.map(\.line) == expected.map(\.1))
        #expect(scanned == indexed)
        let second = try t.archive.search.all(SearchQuery.parse("hit"), files: [files[1]])
        #expect(second == indexed.filter { $0.fileID == files[1].id })
        #expect(try t.archive.search.all(SearchQuery.parse("NOT ok"), files: [files[2], files[0]]) == indexed.filter { $0.fileID != files[1].id })
    }

    @Test("a damaged chunk stops the search where it is reached, after the hits before it")
    func damagedChunkMidSearch() throws {
        let t = try TestArchive()
        let expected = try SearchTests.manyChunks(t)
        let files = try t.archive.logs.allFiles()
        // The second file's fourth chunk: hits of the first file and of the second's first chunks come first.
        let firstBad = try DamageTool.flipChunkByte(path: t.path, fileID: files[1].id, chunkIndex: 3, offset: 40)
        let reader = try Archive.open(at: t.path)
        var got: [(Int64, Int)] = []
        #expect(throws: ArchiveError.self) {
            try reader.search.each(SearchQuery.parse("hit")) { hit in
                got.append((hit.fileID, hit.line))
                return true
            }
        }
        let before = expected.filter { $0.0 == files[0].id || ($0.0 == files[1].id && $0.1 < firstBad) }
        #expect(got.map(\.0) == before.map(\.0) && got.map(\.1) == before.map(\.1))
        // A search that stops before the damage does not reach it.
        #expect(try reader.search.all(SearchQuery.parse("hit"), limit: 3).count == 3)
    }

    @Test("a chunk row's line_count is not trusted; a damaged row is an error after the hits before it")
    func damagedChunkRows() throws {
        let t = try TestArchive()
        let expected = try SearchTests.manyChunks(t)
        let files = try t.archive.logs.allFiles()
        let key = { (hits: [SearchHit]) in hits.map { "\($0.fileID):\($0.line)" } }
        let want = expected.map { "\($0.0):\($0.1)" }
        // Line counts that lie, both ways: the lines come from the chunks' bytes.
        try DamageTool.execute(path: t.path, "UPDATE log_chunks SET line_count = 1 WHERE file_id = \(files[0].id) AND first_line = 0")
        try DamageTool.execute(path: t.path, "UPDATE log_chunks SET line_count = 1000000000 WHERE file_id = \(files[1].id) AND first_line = 0")
        #expect(key(try Archive.open(at: t.path).search.all(SearchQuery.parse("hit"))) == want)
        #expect(key(try Archive.open(at: t.path).search.all(SearchQuery.parse("NOT ok"))) == want)
        // A first_line that is text: reached at the third file's chunks, after the first two files' hits.
        try DamageTool.execute(path: t.path, "UPDATE log_chunks SET first_line = 'x' WHERE file_id = \(files[2].id) AND first_line > 0 AND first_line < 3000")
        for query in ["hit", "NOT ok"] {
            var got: [String] = []
            #expect(throws: ArchiveError.self) {
                try Archive.open(at: t.path).search.each(SearchQuery.parse(query)) { hit in
                    got.append("\(hit.fileID):\(hit.line)")
                    return true
                }
            }
            // Every hit of the first two files comes before the error; what comes of the third is real hits, in order
            // (the lines of the damaged rows' chunks are not reached).
            let firstTwo = want.filter { !$0.hasPrefix("\(files[2].id):") }
            #expect(Array(got.prefix(firstTwo.count)) == firstTwo, "\(query): \(got.count) hits before the error, missing \(Set(firstTwo).subtracting(got).sorted().prefix(5))")
            let position = Dictionary(uniqueKeysWithValues: want.enumerated().map { ($0.element, $0.offset) })
            let places = got.compactMap { position[$0] }
            #expect(places.count == got.count && places == places.sorted(), "\(query): hits out of order or not hits")
        }
    }

    @Test("an error thrown by the visitor passes through and stops the search")
    func visitorError() throws {
        struct Stop: Error {}
        let t = try TestArchive()
        _ = try SearchTests.manyChunks(t)
        var calls = 0
        #expect(throws: Stop.self) {
            try t.archive.search.each(SearchQuery.parse("hit")) { _ in
                calls += 1
                throw Stop()
            }
        }
        #expect(calls == 1)
    }
}
