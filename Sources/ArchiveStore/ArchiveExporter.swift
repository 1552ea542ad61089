import Crypto
import Foundation
import GRDB
import ModelArtsAPI

/// One file written by an export, as listed in its manifest.
public struct ExportedFile: Sendable, Equatable, Codable {
    /// Path relative to the export directory, `/`-separated.
    public var path: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String
    /// The file's size.
    public var bytes: Int
    /// `entity` (current revision), `revision` (every stored revision), `list` (a re-assembled list
    /// response), `log`, or `captures`.
    public var role: String
    /// The entity kind (entities, revisions) or `list`.
    public var kind: String?
    /// The entity or list key.
    public var key: String?
    /// The capture that stored the revision.
    public var capture: Int64?
    /// The v1 job (v1 logs).
    public var job: Int64?
    /// The v1 version (v1 logs).
    public var version: Int64?
    /// The v2 job, a UUID (v2 task logs).
    public var v2Job: String?
    /// The scheduling run (v2 task logs).
    public var run: Int?
    /// The log file's name as the API gave it (logs); a v2 log's task id.
    public var fileName: String?
    /// Lines in the log (logs).
    public var lines: Int?
    /// Whether the capture saw the whole log (logs).
    public var complete: Bool?
}

/// An entity gone upstream at the exported capture: listed, with no file.
public struct ExportedDeletion: Sendable, Equatable, Codable {
    /// The entity kind.
    public var kind: String
    /// The entity key.
    public var key: String
    /// The capture that marked it deleted.
    public var capture: Int64
}

/// `manifest.json` of an export directory.
public struct ExportManifest: Sendable, Equatable, Codable {
    /// Always `jobarchive-export`.
    public var format: String
    /// The manifest's format version.
    public var formatVersion: Int
    /// When the export ran (ISO 8601 UTC).
    public var exportedAt: String
    /// The archive file exported.
    public var archivePath: String
    /// The archive's metadata (`archive_meta`).
    public var archive: [String: String]
    /// The capture exported as current.
    public var asOfCapture: Int64
    /// Every file written besides this manifest and `SHA256SUMS`.
    public var files: [ExportedFile]
    /// Entities gone upstream at `asOfCapture`.
    public var deleted: [ExportedDeletion]
}

/// Writes an archive back out as plain files (a directory with a manifest) or as JSON Lines.
///
/// Reach it as ``Archive/export``.
public struct ArchiveExporter: ArchiveDomain {
    /// The archive this works on.
    let archive: Archive
}

extension ArchiveExporter {
    /// Writes everything back out as plain files under `directory` (created; must be empty if it exists).
    ///
    /// Layout: `entities/KIND/KEY.json` (each entity's captured JSON as of the capture, byte-exact),
    /// `revisions/KIND/KEY/CAPTURE.json` (every stored revision), `lists/KEY.json` (list responses
    /// re-assembled byte for byte), `logs/JOB/VERSION/FILE.log` (each log byte-exact), `captures.json`,
    /// then `manifest.json` (every file with its SHA-256) and `SHA256SUMS` (for `sha256sum -c`).
    /// Logs are streamed chunk by chunk and checked against their stored SHA-256.
    ///
    /// - Throws: ``ArchiveError``: `.invalidArgument` when `directory` is not an empty directory or cannot be written, `.noSuchItem` when the capture does not exist, `.corrupted` when a log or list fails its stored SHA-256; `.damagedValue` for a damaged row.
    @discardableResult
    public func directory(to directory: String, asOf requested: Int64? = nil, progress: ((String) -> Void)? = nil) throws
        -> ExportManifest
    {
        let capture = try archive.captures.resolve(requested)
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &isDir) {
            guard isDir.boolValue else { throw ArchiveError(.invalidArgument, "\(directory): exists and is not a directory") }
            // try?: an unreadable directory fails the first write below, with the file named
            let contents = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
            guard contents.isEmpty else {
                throw ArchiveError(.invalidArgument, "\(directory): directory is not empty; export into a new or empty directory")
            }
        }
        var writer = ExportWriter(root: URL(fileURLWithPath: directory))
        try writer.makeDirectory("")

        // Captures and gaps.
        struct CapturesFile: Encodable { var captures: [CaptureInfo]; var gaps: [CaptureGap] }
        let encoder = JSONOutput.encoder()
        let capturesJSON: Data
        do {
            capturesJSON = try encoder.encode(CapturesFile(captures: try archive.captures.list().filter { $0.id <= capture }, gaps: try archive.captures.gaps().filter { $0.captureID <= capture }))
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError(.invalidArgument, "captures.json: \(error)")
        }
        var files: [ExportedFile] = []
        files.append(try writer.write([UInt8](capturesJSON) + [0x0A], to: "captures.json", role: "captures"))

        // Entities (current) and every revision.
        var deleted: [ExportedDeletion] = []
        var listRevisions: [(key: String, capture: Int64)] = []
        try forEachRevision(asOf: capture) { revision, kind, isCurrent in
            if kind == EntityKind.list.rawValue {
                if !revision.deleted { listRevisions.append((revision.key, revision.captureID)) }
                return
            }
            guard let raw = revision.raw else {
                if isCurrent { deleted.append(ExportedDeletion(kind: kind, key: revision.key, capture: revision.captureID)) }
                return
            }
            if Archive.sha256Hex(raw) != revision.sha256 {
                throw ArchiveError(.corrupted, "\(kind) \(revision.key) (revision \(revision.id)): stored JSON does not match its SHA-256")
            }
            let keyPath = ExportWriter.keyPath(revision.key)
            var file = try writer.write(raw, to: "revisions/\(kind)/\(keyPath)/\(revision.captureID).json", role: "revision")
            file.kind = kind
            file.key = revision.key
            file.capture = revision.captureID
            files.append(file)
            if isCurrent {
                file.path = "entities/\(kind)/\(keyPath).json"
                file.role = "entity"
                try writer.write(raw, to: file.path)
                files.append(file)
            }
        }
        progress?("\(files.count) JSON files")

        // Lists, re-assembled byte for byte: the current one and one per stored revision.
        let currentLists = Dictionary(listRevisions.map { ($0.key, $0.capture) }, uniquingKeysWith: { max($0, $1) })
        for (key, listCapture) in listRevisions {
            guard let body = try archive.lists.render(key, asOf: listCapture) else { continue }
            let keyPath = ExportWriter.keyPath(key)
            var file = try writer.write(body, to: "revisions/list/\(keyPath)/\(listCapture).json", role: "revision")
            file.kind = "list"
            file.key = key
            file.capture = listCapture
            files.append(file)
            if currentLists[key] == listCapture {
                file.path = "lists/\(keyPath).json"
                file.role = "list"
                try writer.write(body, to: file.path)
                files.append(file)
            }
        }

        // Logs, streamed, each as the capture left it.
        let logs = try exportedLogs(asOf: capture)
        var usedNames: Set<String> = []
        for (i, log) in logs.enumerated() {
            var name = ExportWriter.segment(log.fileName)
            if !name.hasSuffix(".log") { name += ".log" }
            let folder = log.v2JobID.map { "logs/v2/\(ExportWriter.segment($0))/\(log.run ?? 0)" } ?? "logs/\(log.jobID)/\(log.versionID)"
            var path = "\(folder)/\(name)"
            var n = 2
            while usedNames.contains(path) {
                path = "\(folder)/\(name.dropLast(4))~\(n).log"
                n += 1
            }
            usedNames.insert(path)
            var file = try writer.stream(to: path, role: "log") { sink in try archive.logs.stream(log, sink) }
            guard file.sha256 == log.sha256, file.bytes == log.byteCount else {
                throw ArchiveError(.corrupted, "log \(log.owner.description): stored bytes do not match their SHA-256")
            }
            if let v2 = log.v2JobID {
                file.v2Job = v2
                file.run = log.run
            } else {
                file.job = log.jobID
                file.version = log.versionID
            }
            file.fileName = log.fileName
            file.lines = log.lineCount
            file.complete = log.complete
            files.append(file)
            if (i + 1) % 100 == 0 { progress?("\(i + 1)/\(logs.count) logs") }
        }

        let manifest = ExportManifest(
            format: "jobarchive-export", formatVersion: 1, exportedAt: Archive.timestamp(), archivePath: path,
            archive: try archive.metadata(), asOfCapture: capture, files: files, deleted: deleted)
        do {
            try writer.write([UInt8](try encoder.encode(manifest)) + [0x0A], to: "manifest.json")
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError(.invalidArgument, "manifest.json: \(error)")
        }
        let sums = files.map { "\($0.sha256)  \($0.path)\n" }.joined()
        try writer.write(Array(sums.utf8), to: "SHA256SUMS")
        return manifest
    }

    /// Streams the archive as JSON Lines to `sink`: one record per line, in this order: `archive`, each
    /// `capture`, each `revision` (raw JSON as a string, byte-exact), each re-assembled `list`, then per
    /// log file a `log` record followed by one `line` record per line (`text` keeps the terminator, so
    /// concatenating a file's texts gives its bytes). Bytes that are not valid UTF-8 go in `raw_base64` /
    /// `text_base64` instead, so every line is valid JSON.
    ///
    /// - Throws: ``ArchiveError``: `.noSuchItem` when the capture does not exist, `.corrupted` when the file is damaged, `.damagedValue` for a damaged row; errors `sink` throws pass through.
    public func jsonl(asOf requested: Int64? = nil, _ sink: ([UInt8]) throws -> Void) throws {
        let capture = try archive.captures.resolve(requested)
        var line = JSONLine()
        line.begin("archive")
        line.field("as_of_capture", capture)
        line.field("path", path)
        for (key, value) in try archive.metadata().sorted(by: { $0.key < $1.key }) { line.field(key, value) }
        try sink(line.end())
        for c in try archive.captures.list() where c.id <= capture {
            line.begin("capture")
            line.field("id", c.id)
            line.field("started_at", c.startedAt)
            line.field("finished_at", c.finishedAt)
            line.field("source", c.source)
            line.field("status", c.status)
            line.rawField("counts", Array(c.counts.utf8))
            try sink(line.end())
        }
        var lists: [(String, Int64)] = []
        try forEachRevision(asOf: capture) { revision, kind, isCurrent in
            if revision.kind == .list {
                if !revision.deleted { lists.append((revision.key, revision.captureID)) }
                return
            }
            line.begin("revision")
            line.field("kind", kind)
            line.field("key", revision.key)
            line.field("capture", revision.captureID)
            line.field("current", isCurrent)
            line.field("deleted", revision.deleted)
            line.field("sha256", revision.sha256)
            if let raw = revision.raw { line.bytesField("raw", raw) }
            try sink(line.end())
        }
        for (key, listCapture) in lists {
            guard let body = try archive.lists.render(key, asOf: listCapture) else { continue }
            line.begin("list")
            line.field("key", key)
            line.field("capture", listCapture)
            line.bytesField("raw", body)
            try sink(line.end())
        }
        for log in try exportedLogs(asOf: capture) {
            line.begin("log")
            line.logOwner(log)
            line.field("lines", Int64(log.lineCount))
            line.field("bytes", Int64(log.byteCount))
            line.field("sha256", log.sha256)
            line.field("complete", log.complete)
            try sink(line.end())
            var number = 0
            try archive.logs.stream(log) { piece in
                var start = 0
                for end in LogText.lineEnds(piece) {
                    number += 1
                    line.begin("line")
                    line.logOwner(log)
                    line.field("line", Int64(number))
                    line.bytesField("text", UnsafeRawBufferPointer(rebasing: piece[start..<end]))
                    try sink(line.end())
                    start = end
                }
            }
        }
    }
}

extension ArchiveExporter {
    /// The logs an export as of `capture` writes, each as that capture left it: v1 logs by job, version and
    /// name, then v2 task logs by job, task and run.
    func exportedLogs(asOf capture: Int64) throws -> [LogFileInfo] {
        let all = try archive.logs.asOf(archive.logs.allFiles(), capture: capture)
        let v1 = all.filter { $0.v2JobID == nil }.sorted { ($0.jobID, $0.versionID, $0.fileName) < ($1.jobID, $1.versionID, $1.fileName) }
        let v2 = all.filter { $0.v2JobID != nil }.sorted { ($0.v2JobID ?? "", $0.fileName, $0.run ?? 0) < ($1.v2JobID ?? "", $1.fileName, $1.run ?? 0) }
        return v1 + v2
    }
}

/// Builds one JSON Lines record by hand, keeping string bytes exact.
struct JSONLine {
    /// A log's owner fields: `job`, `version` for a v1 log; `api` "v2", `job` (the UUID), `task` and `run` for a
    /// v2 one; then `file`.
    mutating func logOwner(_ log: LogFileInfo) {
        if let v2 = log.v2JobID {
            field("api", "v2")
            field("job", v2)
            field("task", log.fileName)
            field("run", Int64(log.run ?? 0))
        } else {
            field("job", log.jobID)
            field("version", log.versionID)
        }
        field("file", log.fileName)
    }

    private var out: [UInt8] = []
    private var first = true

    mutating func begin(_ type: String) {
        out.removeAll(keepingCapacity: true)
        out.append(0x7B)
        first = true
        field("type", type)
    }

    mutating func end() -> [UInt8] {
        out.append(0x7D)
        out.append(0x0A)
        return out
    }

    private mutating func key(_ name: String) {
        if !first { out.append(0x2C) }
        first = false
        out += JSONStringLiteral.encode(Array(name.utf8))
        out.append(0x3A)
    }

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { out += JSONStringLiteral.encode(Array(value.utf8)) } else { out += Array("null".utf8) }
    }

    mutating func field(_ name: String, _ value: Int64) {
        key(name)
        out += Array(String(value).utf8)
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        out += Array((value ? "true" : "false").utf8)
    }

    mutating func rawField(_ name: String, _ json: [UInt8]) {
        key(name)
        out += json
    }

    /// Bytes as a JSON string under `name` when they are valid UTF-8, else base64 under `name_base64`,
    /// so every record is valid JSON and the bytes come back exactly either way.
    mutating func bytesField(_ name: String, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { bytesField(name, $0) }
    }

    mutating func bytesField(_ name: String, _ bytes: UnsafeRawBufferPointer) {
        let buffer = bytes.bindMemory(to: UInt8.self)
        if JSONLine.isValidUTF8(buffer) {
            key(name)
            JSONStringLiteral.append(buffer, to: &out)
        } else {
            key(name + "_base64")
            out.append(0x22)
            out += Array(Data(buffer).base64EncodedString().utf8)
            out.append(0x22)
        }
    }

    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Fast path: pure ASCII.
        if !bytes.contains(where: { $0 >= 0x80 }) { return true }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}

/// Writes an export's files, hashing each as it goes.
struct ExportWriter {
    let root: URL
    private var made: Set<String> = []

    init(root: URL) { self.root = root }

    mutating func makeDirectory(_ relative: String) throws {
        guard !made.contains(relative) else { return }
        do {
            try FileManager.default.createDirectory(
                at: relative.isEmpty ? root : root.appendingPathComponent(relative), withIntermediateDirectories: true)
        } catch {
            throw ArchiveError(.invalidArgument, "\(root.path)/\(relative): cannot create directory: \(error.localizedDescription)")
        }
        made.insert(relative)
    }

    /// Writes `bytes` to `relative` and describes the file.
    @discardableResult
    mutating func write(_ bytes: [UInt8], to relative: String, role: String = "") throws -> ExportedFile {
        if let slash = relative.lastIndex(of: "/") { try makeDirectory(String(relative[..<slash])) }
        let url = root.appendingPathComponent(relative)
        do {
            try Data(bytes).write(to: url)
        } catch {
            throw ArchiveError(.invalidArgument, "\(url.path): cannot write: \(error.localizedDescription)")
        }
        return ExportedFile(path: relative, sha256: Archive.sha256Hex(bytes), bytes: bytes.count, role: role)
    }

    /// Creates `relative` and lets `body` stream pieces into it.
    mutating func stream(
        to relative: String, role: String, _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws -> ExportedFile {
        if let slash = relative.lastIndex(of: "/") { try makeDirectory(String(relative[..<slash])) }
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = FileHandle(forWritingAtPath: url.path) else {
            throw ArchiveError(.invalidArgument, "\(url.path): cannot create file")
        }
        defer { try? handle.close() }  // try?: every write was checked; the file is hashed as written
        var hasher = SHA256()
        var count = 0
        try body { piece in
            hasher.update(bufferPointer: piece)
            count += piece.count
            do {
                try handle.write(contentsOf: Data(piece))
            } catch {
                throw ArchiveError(.invalidArgument, "\(url.path): cannot write: \(error.localizedDescription)")
            }
        }
        return ExportedFile(path: relative, sha256: Archive.hex(Array(hasher.finalize())), bytes: count, role: role)
    }

    /// A key as path segments: each `/`-separated part made safe with ``segment(_:)``.
    static func keyPath(_ key: String) -> String {
        key.split(separator: "/", omittingEmptySubsequences: false).map { segment(String($0)) }.joined(separator: "/")
    }

    /// A file-name-safe segment: ASCII letters, digits, `.`, `_`, `-` kept; every other byte as `%XX`;
    /// empty, `.` and `..` escaped too.
    static func segment(_ text: String) -> String {
        if text.isEmpty { return "%" }
        if text == "." || text == ".." { return text.replacingOccurrences(of: ".", with: "%2E") }
        var out = ""
        for b in text.utf8 {
            let c = Character(Unicode.Scalar(b))
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x5F || b == 0x2D {
                out.append(c)
            } else {
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }
}

extension ArchiveExporter {
    /// Calls `body` with every revision written at or before `capture`, ordered by kind, key and capture,
    /// with its kind as stored and whether it is the entity's current revision as of that capture.
    func forEachRevision(asOf capture: Int64, _ body: (EntityRevision, String, Bool) throws -> Void) throws {
        try withReader { db in
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.*, (r.capture_id = (SELECT max(r2.capture_id) FROM revisions r2 WHERE r2.kind = r.kind
                                 AND r2.key = r.key AND r2.capture_id <= ?)) AS is_current
                    FROM revisions r WHERE r.capture_id <= ? ORDER BY r.kind, r.key, r.capture_id
                    """,
                arguments: [capture, capture])
            while let row = try cursor.next() {
                let stored = row.stored("revisions")
                try body(EntityStore.revision(from: row), stored["kind"], stored.flag("is_current"))
            }
        }
    }
}
