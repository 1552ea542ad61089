import Foundation
import GRDB
import ModelArtsAPI

/// One captured `aom-log` response page (a row of `log_pages`).
package struct CapturedPage: Sendable, Equatable {
    /// The page's row id.
    package var id: Int64
    /// The log file it belongs to.
    package var fileID: Int64
    /// The capture that fetched it.
    package var captureID: Int64
    /// The request's `base_line` (nil when not sent).
    package var baseLine: String?
    /// The request's `order`.
    package var order: String?
    /// The request's `lines`.
    package var linesRequested: Int?
    /// The response's `start_line` cursor, as the literal digits.
    package var startLine: String?
    /// The response's `end_line` cursor, as the literal digits.
    package var endLine: String?
    /// The 0-based index of the page's first line in the stored log.
    package var firstLine: Int
    /// How many stored lines the page holds.
    package var lineCount: Int
    /// How `content` is laid out.
    package var style: PageStyle
    /// SHA-256 of the page's `content` literal as sent (quotes and escapes included).
    package var contentSHA256: String
    /// SHA-256 of the whole response body.
    package var bodySHA256: String
}

/// A captured page ready to store: what ``PageStore/insert(_:fileID:capture:)`` writes to `log_pages`.
package struct PreparedPage: Sendable, Equatable {
    /// The request that fetched it.
    package var request: PageRequest
    /// The response's `start_line` cursor.
    package var startLine: String?
    /// The response's `end_line` cursor.
    package var endLine: String?
    /// The 0-based index of the page's first line in the stored log.
    package var firstLine: Int
    /// How many stored lines the page holds.
    package var lineCount: Int
    /// How `content` is laid out.
    package var style: PageStyle
    /// The body without the `content` literal.
    package var envelope: Data
    /// Where the literal goes back into `envelope`.
    package var contentOffset: Int
    /// The literal, zlib-compressed, when it is not the canonical encoding of the lines (or ends in an unfinished line).
    package var storedLiteral: Data?
    /// SHA-256 of the `content` literal as sent.
    package var contentSHA256: String
    /// SHA-256 of the whole body.
    package var bodySHA256: String
}

/// What the caller asked for when a page was fetched.
package struct PageRequest: Sendable, Equatable {
    /// `base_line` as sent (nil when absent).
    package var baseLine: String?
    /// `order` as sent.
    package var order: String?
    /// `lines` as sent.
    package var lines: Int?

    /// Creates a request description.
    package init(baseLine: String?, order: String?, lines: Int?) {
        self.baseLine = baseLine
        self.order = order
        self.lines = lines
    }
}

/// The archive's captured log pages: each `aom-log` response page as cursors and a line range, re-rendered byte for byte.
///
/// Reach it as ``Archive/pages``; the snapshot records pages and the replay server re-serves them.
package struct PageStore: ArchiveDomain {
    /// The archive this works on.
    let archive: Archive
}

extension PageStore {
    /// Renders lines as a page's `content` bytes in a style.
    package static func content(_ lines: [[UInt8]], style: PageStyle) -> [UInt8] {
        var out: [UInt8] = []
        for (i, line) in lines.enumerated() {
            if style == .joined, i > 0 { out.append(0x0A) }
            out.append(contentsOf: line)
        }
        return out
    }

    /// Records a captured page: its cursors, the line range it covers and enough to re-render its body byte for byte.
    ///
    /// The stored lines `firstLine ..< firstLine + lineCount` must already be in the archive; they are read back
    /// and compared with the page. When the page's `content` literal is the canonical encoding of those lines,
    /// only the envelope is kept; otherwise the literal itself is kept compressed. A caller that knows the lines
    /// (it has just stored them) prepares the page off the writer with ``prepare(request:body:firstLine:lines:style:endsInOpenLine:)``
    /// and stores it with ``insert(_:fileID:capture:)``.
    @discardableResult
    package func record(
        fileID: Int64, capture: Int64, request: PageRequest, body: [UInt8], firstLine: Int, lineCount: Int, style: PageStyle
    ) throws -> CapturedPage {
        let lines = try archive.logs.readLines(fileID: fileID, range: firstLine..<(firstLine + lineCount))
        guard lines.count == lineCount else {
            throw ArchiveError(.invalidArgument, "aom-log page covers lines \(firstLine)..<\(firstLine + lineCount) but the log holds \(firstLine + lines.count)")
        }
        // A page ending in the log's unfinished last line would stop matching once that line is completed:
        // keep its literal.
        let info = try archive.logs.file(id: fileID)
        let endsInOpenLine = !info.endsWithNewline && firstLine + lineCount == info.lineCount
        let page = try PageStore.prepare(
            request: request, body: body, firstLine: firstLine, lines: lines, style: style, endsInOpenLine: endsInOpenLine)
        return try insert(page, fileID: fileID, capture: capture)
    }

    /// Makes a captured page ready to store (parsing, the canonical-content check, hashes, a kept literal's
    /// compression), on any thread.
    ///
    /// `lines` must be exactly the stored lines the page covers from `firstLine`; `endsInOpenLine` says the last
    /// of them is the log's unfinished last line (its literal is then kept).
    ///
    /// - Throws: ``ArchiveError`` `.invalidArgument` when the body is not an `aom-log` page or its content does not
    ///   match `lines` in `style`.
    package static func prepare(
        request: PageRequest, body: [UInt8], firstLine: Int, lines: [[UInt8]], style: PageStyle, endsInOpenLine: Bool
    ) throws -> PreparedPage {
        let members: [RawMember]
        let page: V1LogPage
        do {
            let envelope = try RawJSON.envelope(body, keys: ["is_success", "start_line", "end_line", "lines"])
            members = envelope.members
            page = try V1LogPage(json: envelope.value)
        } catch {
            throw ArchiveError(.invalidArgument, "aom-log page: \(error)")
        }
        guard let content = members.first(where: { $0.key == "content" }) else {
            throw ArchiveError(.invalidArgument, "aom-log page has no content field")
        }
        let literal = Array(body[content.valueRange])
        let text = PageStore.content(lines, style: style)
        var storedLiteral: Data? = nil
        if endsInOpenLine || JSONStringLiteral.encode(text) != literal {
            guard let decoded = JSONStringLiteral.decode(literal), decoded == text else {
                throw ArchiveError(.invalidArgument, "aom-log page content does not match stored lines \(firstLine)..<\(firstLine + lines.count) in style \(style.rawValue)")
            }
            storedLiteral = try literal.withUnsafeBytes { Data(try Zlib.compress($0)) }
        }
        var envelope = Array(body[..<content.valueRange.lowerBound])
        envelope += body[content.valueRange.upperBound...]
        return PreparedPage(
            request: request, startLine: page.startLine, endLine: page.endLine, firstLine: firstLine, lineCount: lines.count,
            style: style, envelope: Data(envelope), contentOffset: content.valueRange.lowerBound, storedLiteral: storedLiteral,
            contentSHA256: Archive.sha256Hex(literal), bodySHA256: Archive.sha256Hex(body))
    }

    /// Stores a prepared page of a log (its lines must be stored) as captured by `capture`.
    @discardableResult
    package func insert(_ page: PreparedPage, fileID: Int64, capture: Int64) throws -> CapturedPage {
        let id = try withWriter { db -> Int64 in
            // A cached statement: one page per 500 lines, thousands a snapshot.
            try db.cachedStatement(
                sql: """
                    INSERT INTO log_pages(file_id, capture_id, base_line, page_order, lines_requested, start_line, end_line,
                        first_line, line_count, style, envelope, content_offset, content_literal, content_sha256, body_sha256)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    fileID, capture, page.request.baseLine, page.request.order, page.request.lines, page.startLine, page.endLine,
                    page.firstLine, page.lineCount, page.style.rawValue, page.envelope, page.contentOffset, page.storedLiteral,
                    page.contentSHA256, page.bodySHA256,
                ])
            return db.lastInsertedRowID
        }
        return CapturedPage(
            id: id, fileID: fileID, captureID: capture, baseLine: page.request.baseLine, order: page.request.order,
            linesRequested: page.request.lines, startLine: page.startLine, endLine: page.endLine, firstLine: page.firstLine,
            lineCount: page.lineCount, style: page.style, contentSHA256: page.contentSHA256, bodySHA256: page.bodySHA256)
    }

    /// Every captured page of a log, ordered by first line.
    package func list(fileID: Int64) throws -> [CapturedPage] {
        try withReader { db in
            try Row.fetchAll(db, sql: "SELECT * FROM log_pages WHERE file_id = ? ORDER BY first_line, id", arguments: [fileID])
                .map(PageStore.capturedPage(from:))
        }
    }

    /// The captured page answering exactly this request, if one was captured.
    package func page(fileID: Int64, request: PageRequest) throws -> CapturedPage? {
        try withReader { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM log_pages WHERE file_id = ? AND base_line IS ? AND page_order IS ? AND lines_requested IS ?
                    ORDER BY capture_id DESC LIMIT 1
                    """,
                arguments: [fileID, request.baseLine, request.order, request.lines]
            ).map(PageStore.capturedPage(from:))
        }
    }

    static func capturedPage(from row: Row) throws -> CapturedPage {
        let row = row.stored("log_pages")
        let styleText: String = try row["style"]
        guard let style = PageStyle(rawValue: styleText) else {
            throw DamagedValue(table: "log_pages", row: row.rowName, column: "style", found: "text '\(StoredRow.clip(styleText))'", expected: "concat or joined")
        }
        return try CapturedPage(
            id: row["id"], fileID: row["file_id"], captureID: row["capture_id"], baseLine: row["base_line"],
            order: row["page_order"], linesRequested: row["lines_requested"], startLine: row["start_line"],
            endLine: row["end_line"], firstLine: row.count("first_line"), lineCount: row.count("line_count"),
            style: style, contentSHA256: row["content_sha256"],
            bodySHA256: row["body_sha256"])
    }

    /// Re-renders a captured page's response body from the stored lines and envelope.
    package func render(id: Int64) throws -> [UInt8] {
        let row = try withReader { db in
            try Row.fetchOne(db, sql: "SELECT * FROM log_pages WHERE id = ?", arguments: [id])
        }
        guard let row else { throw ArchiveError(.noSuchItem, "no captured page \(id)") }
        let page = try translating { try PageStore.capturedPage(from: row) }
        let stored = row.stored("log_pages")
        let (envelope, offset, storedLiteral) = try translating { () -> (Data, Int, Data?) in
            (try stored["envelope"], try stored.count("content_offset"), try stored["content_literal"])
        }
        let literal: [UInt8]
        if let stored = storedLiteral {
            // The uncompressed size is not stored; inflate with a growing buffer.
            literal = try PageStore.inflateUnknownSize(stored, what: "page \(id) content")
        } else {
            let lines = try archive.logs.readLines(fileID: page.fileID, range: page.firstLine..<(page.firstLine + page.lineCount))
            literal = JSONStringLiteral.encode(PageStore.content(lines, style: page.style))
        }
        let env = [UInt8](envelope)
        guard offset <= env.count else { throw ArchiveError(.corrupted, "captured page \(id): content offset past its envelope") }
        return Array(env[..<offset]) + literal + Array(env[offset...])
    }

    static func inflateUnknownSize(_ data: Data, what: String) throws -> [UInt8] {
        guard let out = data.withUnsafeBytes({ Zlib.inflateGrowing($0) }) else {
            throw ArchiveError(.corrupted, "\(what): zlib data cannot be inflated")
        }
        return out
    }
}
