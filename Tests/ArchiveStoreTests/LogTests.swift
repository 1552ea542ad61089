import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

@Suite("Logs: byte-exact storage, windows, growth")
struct LogTests {
    static let awkward: [(String, [UInt8])] = [
        ("empty", []),
        ("one line no newline", Array("only line".utf8)),
        ("crlf", Array("a\r\nb\r\n\r\nc\r\n".utf8)),
        ("invalid utf8 and NUL", [0x61, 0xFF, 0xFE, 0x0A, 0x00, 0x62, 0xC3, 0x0A, 0xE2, 0x82]),
        ("no final newline", Array("first\nsecond\nthird".utf8)),
        ("blank lines", Array("\n\n\n".utf8)),
        ("one MB line", Array(repeating: UInt8(ascii: "x"), count: 1_048_576) + [0x0A] + Array("after\n".utf8)),
    ]

    @Test("awkward logs come back byte for byte and verify", arguments: 0..<awkward.count)
    func byteExact(index: Int) throws {
        let (name, content) = LogTests.awkward[index]
        let t = try TestArchive()
        let info = try t.archive.logs.write(jobID: 1, versionID: 2, fileName: "job-x.0", content: content, capture: t.capture)
        #expect(try t.archive.logs.content(fileID: info.id) == content, "\(name)")
        #expect(info.byteCount == content.count)
        let expectedLines = content.split(separator: 0x0A, omittingEmptySubsequences: false).count - (content.last == 0x0A || content.isEmpty ? 1 : 0)
        #expect(info.lineCount == expectedLines, "\(name)")
        #expect(info.sha256 == Archive.sha256Hex(content))
        #expect(info.complete)
        let report = try t.archive.verify()
        #expect(report.ok, "\(name): \(report.failures)")
    }

    @Test("windows at the start, middle and end of a multi-chunk log")
    func windows() throws {
        let t = try TestArchive()
        var content: [UInt8] = []
        var lines: [[UInt8]] = []
        for i in 0..<20_000 {
            let line = Array("step \(i) loss=\(Double(i % 97) / 7.0) lr=3e-4 \(String(repeating: "x", count: i % 13))\n".utf8)
            lines.append(line)
            content += line
        }
        let info = try t.archive.logs.write(jobID: 1, versionID: 1, fileName: "w.0", content: content, capture: t.capture)
        #expect(info.lineCount == 20_000)
        for range in [0..<500, 9_750..<10_250, 19_500..<20_000, 19_999..<20_000, 0..<1, 5_000..<5_000] {
            #expect(try t.archive.logs.readLines(fileID: info.id, range: range) == Array(lines[range]), "\(range)")
        }
        #expect(try t.archive.logs.readLines(fileID: info.id, range: 19_990..<30_000) == Array(lines[19_990...]))
    }

    @Test("a growing log is appended to, partial last lines completed, and the index follows")
    func growth() throws {
        let t = try TestArchive()
        var content = Array("alpha one\nbeta two\ngamm".utf8)
        let first = try t.archive.logs.write(jobID: 1, versionID: 1, fileName: "g.0", content: content, capture: t.capture, complete: false)
        #expect(first.lineCount == 3)
        #expect(!first.endsWithNewline)
        #expect(!first.complete)
        let c2 = try t.archive.captures.begin(source: "test")
        content += Array("a three\ndelta four\n".utf8)
        for i in 0..<5_000 { content += Array("more line \(i) epsilon\n".utf8) }
        let grown = try t.archive.logs.write(jobID: 1, versionID: 1, fileName: "g.0", content: content, capture: c2)
        #expect(grown.id == first.id)
        #expect(try t.archive.logs.content(fileID: grown.id) == content)
        #expect(grown.lineCount == 5_004)
        #expect(grown.lastCaptureID == c2)
        #expect(try t.archive.search.all(SearchQuery.parse("gamma")).map(\.line) == [2])
        #expect(try t.archive.search.all(SearchQuery.parse("gamm")).isEmpty, "the stale partial line left the index")
        #expect(try t.archive.search.all(SearchQuery.parse("epsilon")).count == 5_000)
        let report = try t.archive.verify()
        #expect(report.ok, "\(report.failures)")
    }

    @Test("a changed (not grown) log replaces the stored one")
    func replace() throws {
        let t = try TestArchive()
        let a = try t.archive.logs.write(jobID: 1, versionID: 1, fileName: "r.0", content: Array("old words here\n".utf8), capture: t.capture)
        let b = try t.archive.logs.write(jobID: 1, versionID: 1, fileName: "r.0", content: Array("new text\n".utf8), capture: t.capture)
        #expect(a.id == b.id)
        #expect(try t.archive.logs.content(fileID: b.id) == Array("new text\n".utf8))
        #expect(try t.archive.search.all(SearchQuery.parse("old")).isEmpty)
        #expect(try t.archive.search.all(SearchQuery.parse("new")).count == 1)
        #expect(try t.archive.verify().ok)
    }

    @Test("a flipped byte in a chunk makes verify name that chunk")
    func flippedByte() throws {
        let t = try TestArchive()
        var content: [UInt8] = []
        for i in 0..<4_000 { content += Array("line \(i) of a log that needs two chunks at least\n".utf8) }
        let info = try t.archive.logs.write(jobID: 7, versionID: 8, fileName: "f.0", content: content, capture: t.capture)
        try t.archive.close()
        // Flip one byte of the second chunk's blob through plain SQLite, as a bad disk would.
        let line = try DamageTool.flipChunkByte(path: t.path, fileID: info.id, chunkIndex: 1, offset: 100)
        let report = try Archive.open(at: t.path).verify()
        #expect(!report.ok)
        let failure = try #require(report.failures.first { $0.check == "chunk" })
        #expect(failure.item.contains("job 7 version 8 f.0"))
        #expect(failure.item.contains("chunk at line \(line)"), "\(failure)")
    }

    @Test("a captured page re-renders byte-identically, canonical or not")
    func pages() throws {
        let t = try TestArchive()
        let log = Array("Done exporting!\n[Modelarts Service Log]Training completed.\npath /tmp/x\n".utf8)
        let info = try t.archive.logs.write(jobID: 1, versionID: 1, fileName: "job-jobtest-tf.0", content: log, capture: t.capture)
        let joined = #"{"start_line":"1609121886518240330","lines":3,"is_success":true,"end_line":"1609121900042593083","content":"Done exporting!\n\n[Modelarts Service Log]Training completed.\n\npath /tmp/x\n"}"#
        let page = try t.archive.pages.record(
            fileID: info.id, capture: t.capture, request: PageRequest(baseLine: nil, order: "desc", lines: 3),
            body: Array(joined.utf8), firstLine: 0, lineCount: 3, style: .joined)
        #expect(page.startLine == "1609121886518240330")
        #expect(try t.archive.pages.render(id: page.id) == Array(joined.utf8))
        // Escaped slashes: not our canonical form, kept as sent.
        let escaped = #"{"is_success":true,"start_line":1551252759254000002,"content":"path \/tmp\/x\n","end_line":"1551252759254000003","lines":"1"}"#
        let p2 = try t.archive.pages.record(
            fileID: info.id, capture: t.capture, request: PageRequest(baseLine: "1551252759254000001", order: "desc", lines: 1),
            body: Array(escaped.utf8), firstLine: 2, lineCount: 1, style: .concat)
        #expect(p2.startLine == "1551252759254000002", "19-digit cursor given as a number keeps every digit")
        #expect(try t.archive.pages.render(id: p2.id) == Array(escaped.utf8))
        #expect(try t.archive.pages.page(fileID: info.id, request: PageRequest(baseLine: "1551252759254000001", order: "desc", lines: 1))?.id == p2.id)
        #expect(try t.archive.verify().ok)
        // A page whose content is not the stored lines is refused.
        #expect(throws: ArchiveError.self) {
            try t.archive.pages.record(
                fileID: info.id, capture: t.capture, request: PageRequest(baseLine: nil, order: nil, lines: nil),
                body: Array(#"{"content":"nope\n"}"#.utf8), firstLine: 0, lineCount: 1, style: .concat)
        }
    }
}


@Suite("Index blocks across transactions and appends")
struct IndexBlockTests {
    @Test("a log grown in uneven pieces, across many transactions, searches exactly like a scan")
    func unevenGrowth() throws {
        let t = try TestArchive()
        let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
        var content: [UInt8] = []
        var seed: UInt64 = 42
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        for i in 0..<40_000 {
            content += Array("\(words[next() % 8]) \(i) \(words[next() % 8])_x\(next() % 5 == 0 ? " rare\(i % 3)" : "")\n".utf8)
        }
        // Appends of uneven sizes, some cutting lines in half.
        var written = 0
        var capture = t.capture
        for cut in [1_000, 1_001, 1_500_000, 1_500_007, 1_700_000, content.count] {
            let piece = Array(content[0..<min(cut, content.count)])
            try t.archive.logs.write(jobID: 1, versionID: 1, fileName: "u.0", content: piece, capture: capture, complete: cut == content.count)
            written = piece.count
            capture = try t.archive.captures.begin(source: "grow")
        }
        #expect(written == content.count)
        let info = try #require(try t.archive.logs.file(jobID: 1, versionID: 1, fileName: "u.0"))
        #expect(try t.archive.logs.content(fileID: info.id) == content)
        let lines = content.split(separator: 0x0A).map { Array($0) + [0x0A] }
        for query in ["rare0", "gamma", "theta_x", "beta AND rare1", "delta OR eta", "12345", "rare2 NOT alpha"] {
            let parsed = try SearchQuery.parse(query)
            let expected = lines.indices.filter { parsed.matches(lines[$0]) }
            let got = try t.archive.search.all(parsed).map(\.line)
            #expect(got == expected, "\(query): \(got.count) vs \(expected.count)")
        }
        #expect(try t.archive.verify().ok)
    }

    @Test("a batch from an appender the log has moved past is refused and stores nothing")
    func staleAppender() throws {
        let t = try TestArchive()
        let info = try t.archive.logs.write(jobID: 1, versionID: 1, fileName: "s", content: Array("a\nb\n".utf8), capture: t.capture, complete: false)
        var stale = try t.archive.logs.appender(fileID: info.id)
        try t.archive.logs.append(fileID: info.id, data: Array("c\n".utf8), capture: t.capture, complete: false)
        #expect(throws: ArchiveError.self) {
            try stale.prepare(Array("d\n".utf8), complete: false) { try t.archive.logs.commit($0, capture: t.capture) }
        }
        #expect(try t.archive.logs.content(fileID: info.id) == Array("a\nb\nc\n".utf8))
        #expect(try t.archive.search.all(SearchQuery.parse("d")).isEmpty)
        #expect(try t.archive.verify().ok)
    }
}
