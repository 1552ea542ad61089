import ArchiveStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import JobArchiveTestSupport
import ModelArtsAPI
import NIOCore
@testable import Replay
import Testing

@Suite("Log paging: cursors round-trip, edges, captured pages")
struct LogPagingTests {
    static let prefix = "/v1/\(ReplayFixtures.smallProject)/training-jobs/1/versions/2/aom-log"

    static func uri(_ file: String, base: String?, order: String?, lines: Int?) -> String {
        var uri = "\(prefix)?log_file=\(file)"
        if let base { uri += "&base_line=\(base)" }
        if let order { uri += "&order=\(order)" }
        if let lines { uri += "&lines=\(lines)" }
        return uri
    }

    /// One page: content bytes, line count and cursors.
    struct Page {
        var content: [UInt8]
        var lines: Int
        var start: String
        var end: String
    }

    static func page(_ client: some TestClientProtocol, _ file: String, base: String?, order: String?, lines: Int?) async throws -> Page {
        let response = try await client.get(uri(file, base: base, order: order, lines: lines))
        #expect(response.status == .ok)
        // One scan of the body: the members' byte ranges, then only the small values are decoded.
        let bytes = response.bytes
        var page = Page(content: [], lines: -1, start: "?", end: "?")
        for member in try RawJSON.objectMembers(bytes) {
            let value = bytes[member.valueRange]
            switch member.key {
            case "content": page.content = try #require(JSONStringLiteral.decode(value))
            case "lines": page.lines = Int(String(decoding: value, as: UTF8.self)) ?? -1
            case "start_line": page.start = String(decoding: try #require(JSONStringLiteral.decode(value)), as: UTF8.self)
            case "end_line": page.end = String(decoding: try #require(JSONStringLiteral.decode(value)), as: UTF8.self)
            default: break
            }
        }
        return page
    }

    /// Walks head → tail (`""`+asc, then end_line+desc) and tail → head (`""`+desc, then start_line+asc).
    static func walk(_ client: some TestClientProtocol, _ file: String, size: Int) async throws -> (forward: [UInt8], backward: [UInt8], requests: Int) {
        var forward: [UInt8] = []
        var requests = 0
        var p = try await page(client, file, base: "", order: "asc", lines: size)
        requests += 1
        while p.lines > 0 {
            forward += p.content
            let cursor = p.end
            p = try await page(client, file, base: cursor, order: "desc", lines: size)
            requests += 1
            if p.lines == 0 {
                #expect(p.start == cursor && p.end == cursor && p.content.isEmpty, "past the end echoes the cursor")
            }
        }
        var chunks: [[UInt8]] = []
        p = try await page(client, file, base: "", order: "desc", lines: size)
        requests += 1
        while p.lines > 0 {
            chunks.append(p.content)
            let cursor = p.start
            p = try await page(client, file, base: cursor, order: "asc", lines: size)
            requests += 1
            if p.lines == 0 {
                #expect(p.start == cursor && p.end == cursor && p.content.isEmpty, "past the head echoes the cursor")
            }
        }
        return (forward, chunks.reversed().flatMap { $0 }, requests)
    }

    @Test("every page size 1…500 reconstructs the log exactly, head to tail and tail to head")
    func everyPageSize() async throws {
        let expected = ReplayFixtures.smallLogA.flatMap { $0 }
        try await ReplayTest.withApp(ReplayTest.configuration(ReplayFixtures.small.path)) { client async throws in
            // Two interleaved halves of the sizes run side by side (the machine has two cores).
            let total = try await withThrowingTaskGroup(of: Int.self) { group in
                for half in 0..<2 {
                    group.addTask {
                        var requests = 0
                        for size in stride(from: 1 + half, through: 500, by: 2) {
                            let (forward, backward, count) = try await Self.walk(client, "a.0", size: size)
                            #expect(forward == expected, "forward, page size \(size)")
                            #expect(backward == expected, "backward, page size \(size)")
                            requests += count
                            if forward != expected || backward != expected { break }
                        }
                        return requests
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(total > 9000)
        }
    }

    @Test("logs without captured pages (synthetic cursors) and joined-style logs walk exactly too", arguments: ["b.0", "c.0"])
    func otherLogs(file: String) async throws {
        let archive = try Archive.open(at: ReplayFixtures.small.path)
        let info = try #require(try archive.logs.file(jobID: 1, versionID: 2, fileName: file))
        let lines = try archive.logs.readLines(fileID: info.id, range: 0..<info.lineCount)
        try await ReplayTest.withApp(ReplayTest.configuration(ReplayFixtures.small.path)) { client async throws in
            for size in [1, 2, 7, 29, 30, 59, 60, 61, 89, 90, 91, 120, 500] {
                let (forward, backward, _) = try await Self.walk(client, file, size: size)
                // Joined pages add a "\n" between lines; compare line by line.
                let rendered = file == "c.0" ? Self.joinedPages(of: lines, size: size) : nil
                if let rendered {
                    #expect(forward == rendered.forward, "\(file) forward \(size)")
                    #expect(backward == rendered.backward, "\(file) backward \(size)")
                } else {
                    #expect(forward == lines.flatMap { $0 }, "\(file) forward \(size)")
                    #expect(backward == lines.flatMap { $0 }, "\(file) backward \(size)")
                }
            }
        }
    }

    /// What walking a joined-style log yields: each page's lines joined by "\n", pages concatenated.
    static func joinedPages(of lines: [[UInt8]], size: Int) -> (forward: [UInt8], backward: [UInt8]) {
        var forward: [UInt8] = []
        var start = 0
        while start < lines.count {
            forward += PageStore.content(Array(lines[start..<min(start + size, lines.count)]), style: .joined)
            start += size
        }
        var pages: [[UInt8]] = []
        var end = lines.count
        while end > 0 {
            pages.append(PageStore.content(Array(lines[max(0, end - size)..<end]), style: .joined))
            end -= size
        }
        return (forward, pages.reversed().flatMap { $0 })
    }

    @Test("edges: head, tail, exclusive cursor, cursors between lines, past both ends, lines=0, captured cursors kept")
    func edges() async throws {
        let lines = ReplayFixtures.smallLogA
        let cursor = ReplayFixtures.smallCursor
        try await ReplayTest.withApp(ReplayTest.configuration(ReplayFixtures.small.path)) { client async throws in
            let head = try await Self.page(client, "a.0", base: "", order: "asc", lines: 3)
            #expect(head.content == lines[0..<3].flatMap { $0 })
            #expect(head.start == cursor(0))
            let tail = try await Self.page(client, "a.0", base: nil, order: "desc", lines: 3)
            #expect(tail.content == lines[697..<700].flatMap { $0 })
            #expect(tail.end == cursor(699))
            // Captured anchors keep their cursors; desc after line 499's cursor starts at line 500.
            let after = try await Self.page(client, "a.0", base: cursor(499), order: "desc", lines: 2)
            #expect(after.content == lines[500..<502].flatMap { $0 })
            #expect(after.start == cursor(500))
            let before = try await Self.page(client, "a.0", base: cursor(500), order: "asc", lines: 2)
            #expect(before.content == lines[498..<500].flatMap { $0 })
            #expect(before.end == cursor(499))
            // A cursor between two lines' cursors: desc gives the later line, asc the earlier.
            let middle = String(UInt64(cursor(499))! + 1)
            let next = try await Self.page(client, "a.0", base: middle, order: "desc", lines: 1)
            #expect(next.content == lines[500])
            let previous = try await Self.page(client, "a.0", base: middle, order: "asc", lines: 1)
            #expect(previous.content == lines[499])
            // Before the first line and after the last.
            let early = "1000000000000000000"
            let fromEarly = try await Self.page(client, "a.0", base: early, order: "desc", lines: 1)
            #expect(fromEarly.content == lines[0])
            let pastHead = try await Self.page(client, "a.0", base: early, order: "asc", lines: 5)
            #expect(pastHead.lines == 0 && pastHead.content.isEmpty && pastHead.start == early && pastHead.end == early)
            let late = "9999999999999999999"
            let pastTail = try await Self.page(client, "a.0", base: late, order: "desc", lines: 5)
            #expect(pastTail.lines == 0 && pastTail.start == late && pastTail.end == late)
            let fromLate = try await Self.page(client, "a.0", base: late, order: "asc", lines: 1)
            #expect(fromLate.content == lines[699])
            // lines=0: nothing, cursor echoed.
            let zero = try await Self.page(client, "a.0", base: cursor(10), order: "desc", lines: 0)
            #expect(zero.lines == 0 && zero.start == cursor(10))
            // Cursors are 19-digit strings and strictly increase along the log.
            var previousValue: UInt64 = 0
            var p = try await Self.page(client, "a.0", base: "", order: "asc", lines: 37)
            while p.lines > 0 {
                #expect(p.start.count == 19 && p.end.count == 19)
                let start = try #require(UInt64(p.start))
                let end = try #require(UInt64(p.end))
                #expect(start > previousValue && end >= start)
                previousValue = end
                p = try await Self.page(client, "a.0", base: p.end, order: "desc", lines: 37)
            }
        }
    }

    @Test("a captured joined-style page comes back byte for byte; the same window without the exact request is rendered")
    func capturedJoinedPage() async throws {
        let archive = try Archive.open(at: ReplayFixtures.small.path)
        let file = try #require(try archive.logs.file(jobID: 1, versionID: 2, fileName: "c.0"))
        let page = try #require(try archive.pages.list(fileID: file.id).first)
        let captured = try archive.pages.render(id: page.id)
        try await ReplayTest.withApp(ReplayTest.configuration(ReplayFixtures.small.path)) { client async throws in
            for uri in [Self.uri("c.0", base: nil, order: "desc", lines: 60), Self.uri("c.0", base: "", order: "desc", lines: 60), Self.uri("c.0", base: nil, order: nil, lines: 60)] {
                let response = try await client.get(uri)
                #expect(response.bytes == captured, "\(uri)")
                #expect(Archive.sha256Hex(response.bytes) == page.bodySHA256)
            }
            // Same lines, another request: our key order, same cursors and content.
            let other = try await client.get(Self.uri("c.0", base: "1600000000000000029", order: "desc", lines: 60))
            let json = try other.json()
            #expect(json["start_line"]?.string == "1600000000000000030")
            #expect(json["end_line"]?.string == "1600000000000000089")
            let literal = try #require(try RawJSON.member(captured, key: "content"))
            #expect(try other.pageContent() == JSONStringLiteral.decode(literal))
        }
    }

    @Test("the ByteBuffer page writer gives exactly V1LogPage.renderBody's bytes, for every byte value")
    func pageWriterMatchesReference() {
        var generator = SplitMix(seed: 11)
        var contents: [[UInt8]] = [[], Array(0...255), Array("plain ascii line\n".utf8), Array("é \u{1F600} \"q\" \\ /".utf8)]
        for _ in 0..<200 {
            contents.append((0..<Int(generator.next() % 300)).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        for content in contents {
            let reference = V1LogPage.renderBody(startLine: "1600000000000000001", endLine: "1600000000000000009", lines: 7, content: content)
            let split = content.count / 3
            let pieces = [content[..<split], content[split...]]
            let written = PageBodyWriter.render(startLine: "1600000000000000001", endLine: "1600000000000000009", lines: 7, pieces: pieces)
            #expect(Array(written.readableBytesView) == reference)
        }
    }
}

/// A small deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
