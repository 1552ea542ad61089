import ArchiveStore
import Foundation
import ModelArtsAPI
import ModelArtsClient

extension Snapshotter {
    /// How much fetched log a crawl holds before writing it (then pages are recorded).
    static let flushBytes = 1 << 20
    /// Pages a walk back to a v2 log's head takes at most (50 million lines of 500-line pages).
    static let maxLogPages = 100_000

    /// A fetched page waiting to be recorded once its lines are stored.
    enum PendingPage: Sendable {
        /// A page of lines this crawl is storing, prepared in the crawling task: the writer only inserts it.
        case prepared(PreparedPage)
        /// A page over lines stored before (a page read again): recorded by reading them back and comparing.
        case overStored(request: PageRequest, body: [UInt8], firstLine: Int, lineCount: Int, style: PageStyle)
    }

    /// Where one log's pages come from: what it belongs to, the key its gaps name, and its page request.
    struct LogSource: Sendable {
        /// What the log belongs to.
        var owner: LogOwner
        /// The key gaps name (`job/version/file` or `uuid/task`).
        var key: String
        /// Whether the service's reading is v1's (known), or v2's (detected from its cursors).
        var generation: APIGeneration
        /// The `lines` each page request sends.
        var lines: Int
        /// The GET of one page from `base_line` in `order`.
        var fetch: @Sendable (_ baseLine: String, _ order: LogReading.Order) async throws(ModelArtsClientError) -> APIResponse
        /// Where a failing page request (an error answer, retries spent, no connection) is noted instead of
        /// recorded as a gap, when the log has another way in; nil: failures are gaps.
        var failure: LogFetchFailure? = nil
    }

    /// Fetches one v1 log file in full through `aom-log`, or continues it from where the archive stops.
    func crawlLog(jobID: Int64, versionID: Int64, fileName: String, terminal: Bool, secrets: SecretScrubber, capture: Int64) async {
        let endpoint = V1Endpoint.aomLog(jobID: jobID, versionID: versionID)
        let lines = String(options.pageLines)
        let source = LogSource(
            owner: .v1(jobID: jobID, versionID: versionID, fileName: fileName),
            key: EntityKey.logFile(jobID: jobID, versionID: versionID, fileName: fileName), generation: .v1, lines: options.pageLines
        ) { [client] base, order throws(ModelArtsClientError) in
            try await client.get(endpoint, query: [("log_file", fileName), ("base_line", base), ("lines", lines), ("order", order.rawValue)])
        }
        await crawlLog(source, terminal: terminal, secrets: secrets, capture: capture)
    }

    /// Fetches one log in full through its line-cursor endpoint, or continues it from where the archive stops.
    ///
    /// From the head, then `base_line = end_line` in the forward order, until a page brings nothing new. The
    /// v1 reading is known (empty `base_line` with `asc` is the head, `desc` reads forward); a v2 service's is
    /// detected from its cursors (``findHead(_:secrets:capture:)``). An upstream that repeats the cursor line
    /// (inclusive `base_line`) is detected and de-duplicated. Lines already stored (a resumed or repeated
    /// crawl) are skipped, not rewritten. The tail (`base_line` empty, `desc`) is compared with the stored end.
    func crawlLog(_ source: LogSource, terminal: Bool, secrets: SecretScrubber, capture: Int64) async {
        let key = source.key
        await state.update { $0.report.logFiles += 1 }
        let info: LogFileInfo
        let lastPage: CapturedPage?
        do {
            (info, lastPage) = try await writer.run { [archive] () -> (LogFileInfo, CapturedPage?) in
                let info = try archive.logs.ensureFile(source.owner, capture: capture)
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
        // Whether the first page is read backwards from its cursor (a v2 head found by walking back from the tail).
        var backwardStart = false
        var baseLine = ""
        var order = LogReading.Order.asc
        var forward = source.generation == .v1 ? LogReading.v1.forward : await state.v2LogReading.forward
        if let lastPage, let end = lastPage.endLine, lastPage.firstLine + lastPage.lineCount <= storedLines, !options.full {
            if forward == nil {
                guard let found = await forwardOrder(source, after: end, secrets: secrets, capture: capture) else { return }
                forward = found
            }
            if openTail != nil {
                // Ask again for the page that ended in the open line.
                position = lastPage.firstLine
                baseLine = lastPage.baseLine ?? ""
                order = lastPage.order.flatMap(LogReading.Order.init(rawValue:)) ?? forward ?? .desc
            } else {
                position = lastPage.firstLine + lastPage.lineCount
                baseLine = end
                order = forward ?? .desc
            }
        } else if source.generation == .v2 {
            guard let head = await findHead(source, secrets: secrets, capture: capture) else { return }
            (baseLine, order) = (head.baseLine, head.order)
            forward = head.forward
            backwardStart = !baseLine.isEmpty
        }
        var pending: [PendingPage] = []
        var buffer: [UInt8] = []
        var bufferLines = 0
        // Lines in the archive, including buffered ones; an open last line counts as not yet written.
        var written = openTail == nil ? storedLines : storedLines - 1
        var tailIsOpen = openTail != nil
        var reachedEnd = false
        var failed = false
        // A head page read back from a cursor may end at that very cursor (inclusive): it is not a repeat.
        var seenCursors: Set<String> = backwardStart ? [] : [baseLine]
        var lastLine: [UInt8]? = nil
        // Whether `lastLine` is a line this crawl stores, or one a recorded page compares with what is stored.
        var lastLineKnown = false

        // The log's stored end, carried from one flush to the next: compression, hashing and index text are
        // worked out here, in parallel with the other crawls, and the writer only runs the SQL.
        var appender: LogAppender? = nil
        func flush() async -> Bool {
            let data = buffer
            let pages = pending
            let lines = bufferLines
            buffer.removeAll(keepingCapacity: true)
            pending.removeAll()
            bufferLines = 0
            do {
                var batches: [PreparedAppend] = []
                var advanced: LogAppender? = nil
                if !data.isEmpty {
                    var current: LogAppender
                    if let appender {
                        current = appender
                    } else {
                        current = try await writer.run { [archive] in try archive.logs.appender(fileID: info.id) }
                    }
                    // Until the batches are committed, the appender stands ahead of the archive.
                    appender = nil
                    try current.prepare(data, complete: false) { batches.append($0) }
                    advanced = current
                }
                let appends = batches
                try await writer.run { [archive] in
                    for batch in appends { try archive.logs.commit(batch, capture: capture) }
                    for page in pages {
                        switch page {
                        case .prepared(let prepared):
                            try archive.pages.insert(prepared, fileID: info.id, capture: capture)
                        case .overStored(let request, let body, let firstLine, let lineCount, let style):
                            try archive.pages.record(
                                fileID: info.id, capture: capture, request: request, body: body, firstLine: firstLine,
                                lineCount: lineCount, style: style)
                        }
                    }
                }
                if let advanced { appender = advanced }
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
            let request = PageRequest(baseLine: baseLine, order: order.rawValue, lines: source.lines)
            guard let (body, page) = await fetchLogPage(source, baseLine, order, secrets: secrets, capture: capture) else {
                failed = true
                break
            }
            var lines = page.lines
            var firstLine = position
            // Whether every line of the page is one this crawl stores or has compared with what it stored.
            var linesKnown = true
            // An upstream whose base_line is inclusive repeats the cursor line first.
            if !baseLine.isEmpty, page.startLine == baseLine, let first = lines.first, first == lastLine || lastLine == nil {
                lines.removeFirst()
                firstLine = position - 1
                linesKnown = lastLineKnown
                if source.generation == .v2 { await state.update { $0.v2LogReading.merge(PartialLogReading(inclusive: true)) } }
            } else if source.generation == .v2, !baseLine.isEmpty, !backwardStart, order == forward, !lines.isEmpty {
                // Only a page known to read forward shows the cursor line is not repeated.
                await state.update { $0.v2LogReading.merge(PartialLogReading(inclusive: false)) }
            }
            // A page that ends at or before its cursor read backwards: nothing after the cursor (a v2 log whose
            // forward order was not needed to detect its reading, being a single page).
            if lines.isEmpty || page.endLine == nil || seenCursors.contains(page.endLine ?? "")
                || (source.generation == .v2 && !backwardStart && LogCursor.value(page.endLine).map { end in LogCursor.value(baseLine).map { end <= $0 } ?? false } ?? false)
            {
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
                    lastLineKnown = true
                } else {
                    linesKnown = false
                    lastLineKnown = false
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
                // A recorded page is compared with the stored lines (the prepared one by this crawl, the other on recording).
                lastLineKnown = true
                if linesKnown {
                    // Prepared here, in parallel with the writer: it only has to insert the row.
                    do {
                        pending.append(.prepared(try PageStore.prepare(
                            request: request, body: body, firstLine: firstLine, lines: page.lines, style: page.style,
                            endsInOpenLine: tailIsOpen && firstLine + page.lines.count == written)))
                    } catch {
                        await gap(capture, kind: "log", key: key, status: 200, code: nil, message: "recording the page at base_line '\(request.baseLine ?? "")' failed: \(error)")
                        failed = true
                        break
                    }
                } else {
                    pending.append(.overStored(request: request, body: body, firstLine: firstLine, lineCount: page.lines.count, style: page.style))
                }
            }
            baseLine = page.endLine ?? baseLine
            order = forward ?? .desc
            backwardStart = false
            if buffer.count >= Snapshotter.flushBytes || pending.count >= 64 {
                guard await flush() else { failed = true; break }
            }
        }
        guard await flush() else { return }
        if failed { return }
        // Cross-check the end with the tail the API serves.
        var tailOK = true
        let total = written
        if terminal, total > 0, let (_, tail) = await fetchLogPage(source, "", .desc, secrets: secrets, capture: capture, counted: false) {
            if !tail.lines.isEmpty {
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

    /// One page of a log, its secrets scrubbed; nil (a gap recorded) when it fails or has no readable content.
    func fetchLogPage(
        _ source: LogSource, _ baseLine: String, _ order: LogReading.Order, secrets: SecretScrubber, capture: Int64, counted: Bool = true
    ) async -> ([UInt8], LogPageReader.Page)? {
        let body: [UInt8]
        do {
            let response = try await source.fetch(baseLine, order)
            if let failure = source.failure {
                // An error answer, an error body with 200, or a body that is not JSON: noted for the fallback.
                // try?: a body that does not parse is exactly such a failure.
                let json = (try? RawJSON.envelope(response.body, keys: RawJSON.envelopeKeys))?.value
                let apiError = json.flatMap { V1Error.detect($0) }
                if !(200...299).contains(response.status) || json == nil || apiError != nil {
                    let what = json == nil && (200...299).contains(response.status) ? "HTTP \(response.status), a body that is not JSON" : "HTTP \(response.status)"
                    failure.note(status: response.status, code: apiError?.errorCode, message: apiError?.errorMessage ?? what)
                    return nil
                }
            }
            guard await acceptJSON(response, capture: capture, kind: "log", key: source.key, full: false) != nil else { return nil }
            body = secrets.scrub(response.body)
        } catch {
            if let failure = source.failure, error.code != .cancelled {
                failure.note(status: error.httpStatus, code: nil, message: error.message)
                return nil
            }
            await gap(capture, kind: "log", key: source.key, status: error.httpStatus, code: nil, message: error.message)
            return nil
        }
        if counted { await state.update { $0.report.pages += 1 } }
        guard let page = LogPageReader.read(body) else {
            await gap(capture, kind: "log", key: source.key, status: 200, code: nil, message: "log page at base_line '\(baseLine)' (\(order.rawValue)) has no readable content")
            return nil
        }
        return (body, page)
    }

    /// Where a v2 log's crawl starts: the request of its first page, and the forward order when known.
    ///
    /// The v2 page words `order` the other way round from v1 and leaves open what an empty `base_line` with
    /// `asc` returns, so nothing is assumed: from the page an empty `base_line` with `asc` gives, each order
    /// is tried from its `end_line` (the one whose page ends at a later cursor reads forward) and from its
    /// `start_line` (the one whose page starts at an earlier cursor reads back). With older lines the page
    /// was the tail: the crawl walks back to the first page, then reads forward from there. What is learnt
    /// is kept for the capture's other logs (and archived), so they need no probes. Nil: a gap was recorded.
    func findHead(_ source: LogSource, secrets: SecretScrubber, capture: Int64) async -> (baseLine: String, order: LogReading.Order, forward: LogReading.Order?)? {
        var known = await state.v2LogReading
        if known.emptyAscIsHead == true, let forward = known.forward { return ("", .asc, forward) }
        guard let (_, first) = await fetchLogPage(source, "", .asc, secrets: secrets, capture: capture) else { return nil }
        guard !first.lines.isEmpty else { return ("", .asc, known.forward) }
        guard let firstStart = LogCursor.value(first.startLine), let firstEnd = LogCursor.value(first.endLine) else {
            await gap(capture, kind: "log", key: source.key, status: 200, code: nil, message: "the log's cursors ('\(first.startLine ?? "")', '\(first.endLine ?? "")') are not numbers, so their order cannot tell which way the pages read; the log is not captured")
            return nil
        }
        var movedForward = false
        if known.forward == nil {
            switch await probeForward(source, from: first.endLine ?? "", after: firstEnd, secrets: secrets, capture: capture, counted: true) {
            case .failed: return nil
            case .unknown: break
            case .forward(let order):
                known.forward = order
                movedForward = true
            }
        }
        // Walk back from the first page to the head.
        var page = (start: first.startLine ?? "", value: firstStart)
        var request = (baseLine: "", order: LogReading.Order.asc)
        var walked = false
        for _ in 0..<Snapshotter.maxLogPages {
            if Task.isCancelled { return nil }
            var older: (start: String, value: UInt64)? = nil
            for order in known.forward.map({ [$0.reversed] }) ?? LogReading.Order.allCases {
                guard let (_, back) = await fetchLogPage(source, page.start, order, secrets: secrets, capture: capture) else { return nil }
                if !back.lines.isEmpty, let start = LogCursor.value(back.startLine), start < page.value {
                    older = (back.startLine ?? "", start)
                    known.forward = order.reversed
                    request = (page.start, order)
                    break
                }
            }
            guard let older else { break }
            walked = true
            page = older
        }
        if walked || movedForward {
            // Head only on evidence: a full first page with nothing older (a short log that grew while probed
            // proves nothing).
            if known.forward != nil, walked || first.lines.count >= source.lines { known.emptyAscIsHead = !walked }
            let learnt = known
            await state.update { $0.v2LogReading.merge(learnt) }
        }
        return (request.baseLine, request.order, known.forward)
    }

    /// The order that reads a v2 log forward from `cursor` (a resumed crawl whose reading is not archived); nil
    /// (a gap recorded) when neither does.
    func forwardOrder(_ source: LogSource, after cursor: String, secrets: SecretScrubber, capture: Int64) async -> LogReading.Order? {
        guard let value = LogCursor.value(cursor) else {
            await gap(capture, kind: "log", key: source.key, status: nil, code: nil, message: "the stored cursor '\(cursor)' is not a number; the log is not continued")
            return nil
        }
        switch await probeForward(source, from: cursor, after: value, secrets: secrets, capture: capture, counted: false) {
        case .failed:
            return nil
        case .forward(let order):
            await state.update { $0.v2LogReading.merge(PartialLogReading(forward: order)) }
            return order
        case .unknown:
            // Nothing after the cursor either way: the log has not grown; either order reads nothing new.
            return LogReading.v2Documented.forward
        }
    }

    /// What asking for the page after a cursor in each order shows.
    enum ForwardProbe {
        /// This order's page ends at a later cursor: it reads forward.
        case forward(LogReading.Order)
        /// Neither page moves past the cursor (nothing after it, or a service that says nothing).
        case unknown
        /// A request failed (a gap was recorded, or the failure noted for a fallback).
        case failed
    }

    /// Asks for the page from `cursor` (whose value is `value`) in each order; the order whose page ends at a
    /// later cursor reads forward.
    func probeForward(
        _ source: LogSource, from cursor: String, after value: UInt64, secrets: SecretScrubber, capture: Int64, counted: Bool
    ) async -> ForwardProbe {
        for order in LogReading.Order.allCases {
            guard let (_, page) = await fetchLogPage(source, cursor, order, secrets: secrets, capture: capture, counted: counted) else { return .failed }
            if !page.lines.isEmpty, let end = LogCursor.value(page.endLine), end > value { return .forward(order) }
        }
        return .unknown
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
