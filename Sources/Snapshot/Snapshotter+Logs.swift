import ArchiveStore
import Foundation
import ModelArtsAPI
import ModelArtsClient

extension Snapshotter {
    /// How much fetched log a crawl holds before writing it (then pages are recorded).
    static let flushBytes = 1 << 20

    /// A fetched page waiting to be recorded once its lines are stored.
    struct PendingPage: Sendable {
        var request: PageRequest
        var body: [UInt8]
        var firstLine: Int
        var lineCount: Int
        var style: PageStyle
    }

    /// Fetches one log file in full through `aom-log`, or continues it from where the archive stops.
    ///
    /// From the head: `base_line` empty with `asc`, then `base_line = end_line` with `desc`, until a page
    /// brings nothing new. An upstream that repeats the cursor line (inclusive `base_line`) is detected
    /// and de-duplicated. Lines already stored (a resumed or repeated crawl) are skipped, not rewritten.
    /// The tail (`base_line` empty, `desc`) is compared with the stored end.
    func crawlLog(jobID: Int64, versionID: Int64, fileName: String, terminal: Bool, secrets: SecretScrubber, capture: Int64) async {
        let key = EntityKey.logFile(jobID: jobID, versionID: versionID, fileName: fileName)
        let endpoint = V1Endpoint.aomLog(jobID: jobID, versionID: versionID)
        await state.update { $0.report.logFiles += 1 }
        let info: LogFileInfo
        let lastPage: CapturedPage?
        do {
            (info, lastPage) = try await writer.run { [archive] () -> (LogFileInfo, CapturedPage?) in
                let info = try archive.logs.ensureFile(jobID: jobID, versionID: versionID, fileName: fileName, capture: capture)
                let last = try archive.pages.list(fileID: info.id).max { ($0.firstLine + $0.lineCount, $0.id) < ($1.firstLine + $1.lineCount, $1.id) }
                return (info, last)
            }
        } catch {
            await gap(capture, kind: "log", key: key, status: nil, code: nil, message: "cannot open the log in the archive: \(error)")
            return
        }
        if info.complete, terminal, !options.full {
            await state.update { $0.report.logFilesUpToDate += 1 }
            await markComplete(info, true, key: key, capture: capture)
            return
        }
        let storedLines = info.lineCount
        // An unfinished last line (no `\n` yet) is fetched again: its continuation is appended.
        var openTail: [UInt8]? = nil
        if storedLines > 0, !info.endsWithNewline {
            do {
                openTail = try await writer.run { [archive] in try archive.logs.readLines(fileID: info.id, range: (storedLines - 1)..<storedLines) }.first
            } catch {
                await gap(capture, kind: "log", key: key, status: nil, code: nil, message: "cannot read the log's unfinished last line from the archive: \(error)")
                return
            }
            guard openTail != nil else {
                await gap(capture, kind: "log", key: key, status: nil, code: nil, message: "the archive's log has no line \(storedLines) although it counts \(storedLines) lines")
                return
            }
        }
        var position = 0
        var baseLine = ""
        var order = "asc"
        if let lastPage, let end = lastPage.endLine, lastPage.firstLine + lastPage.lineCount <= storedLines, !options.full {
            if openTail != nil {
                // Ask again for the page that ended in the open line.
                position = lastPage.firstLine
                baseLine = lastPage.baseLine ?? ""
                order = lastPage.order ?? "desc"
            } else {
                position = lastPage.firstLine + lastPage.lineCount
                baseLine = end
                order = "desc"
            }
        }
        var pending: [PendingPage] = []
        var buffer: [UInt8] = []
        var bufferLines = 0
        // Lines in the archive, including buffered ones; an open last line counts as not yet written.
        var written = openTail == nil ? storedLines : storedLines - 1
        var tailIsOpen = openTail != nil
        var reachedEnd = false
        var failed = false
        var seenCursors: Set<String> = [baseLine]
        var lastLine: [UInt8]? = nil

        func flush() async -> Bool {
            let data = buffer
            let pages = pending
            let lines = bufferLines
            buffer.removeAll(keepingCapacity: true)
            pending.removeAll()
            bufferLines = 0
            do {
                try await writer.run { [archive] in
                    if !data.isEmpty {
                        try archive.logs.append(fileID: info.id, data: data, capture: capture, complete: false)
                    }
                    for page in pages {
                        try archive.pages.record(
                            fileID: info.id, capture: capture, request: page.request, body: page.body, firstLine: page.firstLine,
                            lineCount: page.lineCount, style: page.style)
                    }
                }
                await state.update {
                    $0.report.logLines += lines
                    $0.report.logBytes += data.count
                    $0.progress.logBytes += data.count
                }
                return true
            } catch {
                await gap(capture, kind: "log", key: key, status: nil, code: nil, message: "storing fetched lines failed: \(error)")
                return false
            }
        }

        while !reachedEnd {
            if Task.isCancelled {
                failed = true
                break
            }
            let request = PageRequest(baseLine: baseLine, order: order, lines: options.pageLines)
            let query: [(String, String)] = [("log_file", fileName), ("base_line", baseLine), ("lines", String(options.pageLines)), ("order", order)]
            let body: [UInt8]
            do {
                let response = try await client.get(endpoint, query: query)
                guard await acceptJSON(response, capture: capture, kind: "log", key: key, full: false) != nil else {
                    failed = true
                    break
                }
                body = secrets.scrub(response.body)
            } catch {
                await gap(capture, kind: "log", key: key, status: error.httpStatus, code: nil, message: error.message)
                failed = true
                break
            }
            await state.update { $0.report.pages += 1 }
            guard let page = LogPageReader.read(body) else {
                await gap(capture, kind: "log", key: key, status: 200, code: nil, message: "aom-log page at base_line '\(baseLine)' has no readable content")
                failed = true
                break
            }
            var lines = page.lines
            var firstLine = position
            // An upstream whose base_line is inclusive repeats the cursor line first.
            if !baseLine.isEmpty, page.startLine == baseLine, let first = lines.first, first == lastLine || lastLine == nil {
                lines.removeFirst()
                firstLine = position - 1
            }
            if lines.isEmpty || page.endLine == nil || seenCursors.contains(page.endLine ?? "") {
                reachedEnd = true
                break
            }
            seenCursors.insert(page.endLine ?? "")
            var inconsistent: String? = nil
            for line in lines {
                if position >= written {
                    if let open = openTail, position == storedLines - 1 {
                        // The stored unfinished line: only its continuation is new.
                        guard line.starts(with: open) else {
                            inconsistent = "the log's unfinished last line changed upstream"
                            break
                        }
                        buffer += line[open.count...]
                        openTail = nil
                    } else if tailIsOpen, line.last != nil {
                        inconsistent = "the upstream sent more lines after an unfinished line without finishing it"
                        break
                    } else {
                        buffer += line
                        bufferLines += 1
                    }
                    tailIsOpen = line.last != 0x0A
                }
                position += 1
            }
            if let inconsistent {
                await gap(capture, kind: "log", key: key, status: 200, code: nil, message: inconsistent)
                failed = true
                break
            }
            if position > written { written = position }
            lastLine = lines.last
            if firstLine >= 0, position <= written {
                pending.append(PendingPage(request: request, body: body, firstLine: firstLine, lineCount: page.lines.count, style: page.style))
            }
            baseLine = page.endLine ?? baseLine
            order = "desc"
            if buffer.count >= Snapshotter.flushBytes || pending.count >= 64 {
                guard await flush() else { failed = true; break }
            }
        }
        guard await flush() else { return }
        if failed { return }
        // Cross-check the end with the tail the API serves.
        var tailOK = true
        let total = written
        if terminal, total > 0, let tailBody = await fetch(endpoint, query: [("log_file", fileName), ("base_line", ""), ("lines", String(options.pageLines)), ("order", "desc")], kind: "log", key: key, capture: capture) {
            if let tail = LogPageReader.read(secrets.scrub(tailBody)), !tail.lines.isEmpty {
                let count = tail.lines.count
                let stored: [[UInt8]]?
                do {
                    stored = try await writer.run { [archive] in try archive.logs.readLines(fileID: info.id, range: max(0, total - count)..<total) }
                } catch {
                    stored = nil
                    tailOK = false
                    await gap(capture, kind: "log", key: key, status: nil, code: nil, message: "cannot read the stored end of the log to compare with the tail: \(error)")
                }
                if let stored, stored != tail.lines {
                    tailOK = false
                    await gap(capture, kind: "log", key: key, status: 200, code: nil, message: "the log's tail differs from the lines crawled from the head (the log may still be growing)")
                }
            }
        } else if terminal, total > 0 {
            tailOK = false
        }
        let complete = terminal && tailOK && !Task.isCancelled
        await markComplete(info, complete, key: key, capture: capture)
    }

    /// Records whether a log is complete; a failure to record it is a gap (the next run fetches the log again).
    func markComplete(_ info: LogFileInfo, _ complete: Bool, key: String, capture: Int64) async {
        do {
            try await writer.run { [archive] in try archive.logs.markComplete(fileID: info.id, complete: complete, capture: capture) }
        } catch {
            await gap(capture, kind: "log", key: key, status: nil, code: nil, message: "cannot record the log as \(complete ? "complete" : "incomplete"): \(error)")
        }
    }
}

/// Reads an `aom-log` page: cursors, and content split back into the log's lines.
enum LogPageReader {
    struct Page {
        var startLine: String?
        var endLine: String?
        var lines: [[UInt8]]
        var style: PageStyle
    }

    /// Parses a page body; nil when it has no decodable `content`.
    static func read(_ body: [UInt8]) -> Page? {
        // try?: nil is recorded by the caller as a gap ("no readable content"), with the page's cursor.
        guard let (json, members) = try? RawJSON.envelope(body, keys: ["is_success", "start_line", "end_line", "lines"]),
            let page = try? V1LogPage(json: json)
        else { return nil }
        guard let contentMember = members.first(where: { $0.key == "content" }) else {
            return Page(startLine: page.startLine, endLine: page.endLine, lines: [], style: .concat)
        }
        guard let content = JSONStringLiteral.decode(body[contentMember.valueRange]) else { return nil }
        let reported = page.lines.map(Int.init)
        let (lines, style) = split(content, reported: reported)
        return Page(startLine: page.startLine, endLine: page.endLine, lines: lines, style: style)
    }

    /// Splits content into lines: each line's bytes concatenated (`concat`), or each line with its own
    /// `\n` joined by another `\n` (`joined`, as the live service was seen to send), told apart by the
    /// page's `lines` count.
    static func split(_ content: [UInt8], reported: Int?) -> ([[UInt8]], PageStyle) {
        var pieces: [[UInt8]] = []
        var start = 0
        for (i, b) in content.enumerated() where b == 0x0A {
            pieces.append(Array(content[start...i]))
            start = i + 1
        }
        if start < content.count { pieces.append(Array(content[start...])) }
        if let reported, reported > 1, pieces.count == 2 * reported - 1 {
            let separators = stride(from: 1, to: pieces.count, by: 2).allSatisfy { pieces[$0] == [0x0A] }
            if separators {
                return (stride(from: 0, to: pieces.count, by: 2).map { pieces[$0] }, .joined)
            }
        }
        return (pieces, .concat)
    }
}
