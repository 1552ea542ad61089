import ArchiveStore
import Foundation
import ModelArtsAPI

/// The archive as the server reads it: several read-only handles, the served capture, and caches.
///
/// The capture is resolved once, at start; everything is read "as of" it, so answers stay
/// consistent even if a snapshot adds a newer capture while the server runs. Lists and per-log
/// cursor maps are cached in memory within a byte budget (the cache is emptied when full).
public final class ReplayStore: Sendable {
    /// The archive file.
    public let path: String
    /// The capture served.
    public let capture: Int64
    /// The project id of the archive (`archive_meta.project_id`).
    public let projectID: String

    private let handles: [Archive]
    private let nextHandle = LockedBox(0)
    private let lists = LockedBox(ListCache())
    private let logs = LockedBox([Int64: LogFileState]())
    private let chunks = LogChunkCache()

    private struct ListCache {
        var entries: [String: LoadedList] = [:]
        var bytes = 0
    }

    /// Memory the list cache may hold before it is emptied.
    static let listCacheBudget = 128 << 20
    /// Log files whose state is kept before the cache is emptied.
    static let logCacheLimit = 8192

    /// Opens `readers` read-only handles on the archive at `path` and resolves `capture` (nil = latest).
    public init(path: String, capture requested: Int64?, readers: Int) throws(ReplayError) {
        self.path = path
        var handles: [Archive] = []
        do {
            for _ in 0..<max(1, readers) {
                handles.append(try Archive.open(at: path, mode: .readOnly))
            }
            capture = try handles[0].resolveCapture(requested)
            projectID = try handles[0].metadata()["project_id"] ?? ""
        } catch let error as ArchiveError {
            throw ReplayError(.archive, error.message)
        } catch {
            throw ReplayError(.archive, "\(path): \(error)")
        }
        self.handles = handles
    }

    /// The next handle, round robin.
    func archive() -> Archive {
        let index = nextHandle.withLock { value -> Int in
            value = (value + 1) % handles.count
            return value
        }
        return handles[index]
    }

    /// Runs archive reads, turning store errors into an internal-error log line and a 500 for the client.
    func read<T>(_ body: (Archive) throws -> T) throws -> T {
        do {
            return try body(archive())
        } catch let error as ReplayAPIError {
            throw error
        } catch let error as ArchiveError {
            throw ReplayStoreFailure(message: error.message)
        } catch {
            throw ReplayStoreFailure(message: "\(error)")
        }
    }

    // MARK: - Entities

    /// The live revision bytes of an entity as of the served capture, or nil.
    func entityBytes(_ kind: EntityKind, _ key: String) throws -> [UInt8]? {
        try read { archive in
            guard let revision = try archive.entity(kind: kind, key: key, asOf: capture), !revision.deleted else { return nil }
            return revision.raw
        }
    }

    /// Whether a training job exists as of the served capture.
    func jobExists(_ jobID: Int64) throws -> Bool {
        try read { archive in
            if let revision = try archive.entity(kind: .job, key: String(jobID), asOf: capture) {
                return !revision.deleted
            }
            return try archive.storedList("versions/\(jobID)", asOf: capture) != nil
        }
    }

    /// The bytes of a version (its detail body, else its list element), or nil.
    func versionBytes(jobID: Int64, versionID: Int64) throws -> (detail: [UInt8]?, element: [UInt8]?) {
        let key = "\(jobID)/\(versionID)"
        return (try entityBytes(.versionDetail, key), try entityBytes(.version, key))
    }

    // MARK: - Lists

    /// The list `key`, loaded once and cached.
    func list(_ key: String, spec: ListSpec) throws -> LoadedList? {
        if let cached = lists.withLock({ $0.entries[key] }) { return cached }
        guard let loaded = try read({ try LoadedList.load(key, spec: spec, archive: $0, capture: capture) }) else { return nil }
        let size = loaded.byteSize
        lists.withLock { cache in
            if cache.bytes + size > Self.listCacheBudget {
                cache.entries.removeAll()
                cache.bytes = 0
            }
            if size <= Self.listCacheBudget {
                cache.entries[key] = loaded
                cache.bytes += size
            }
        }
        return loaded
    }

    // MARK: - Logs

    /// The stored log file of a version as of the served capture, or nil.
    func logFile(jobID: Int64, versionID: Int64, name: String) throws -> LogFileInfo? {
        try read { archive in
            guard let info = try archive.logFile(jobID: jobID, versionID: versionID, fileName: name),
                info.firstCaptureID <= capture
            else { return nil }
            return info
        }
    }

    /// The stored log files of a version as of the served capture.
    func logFiles(jobID: Int64, versionID: Int64) throws -> [LogFileInfo] {
        try read { archive in
            try archive.logFiles(jobID: jobID, versionID: versionID).filter { $0.firstCaptureID <= capture }
        }
    }

    /// The cached state of a log file (cursor map, style, captured pages).
    func logState(_ info: LogFileInfo, versionJSON: () -> JSONValue?) throws -> LogFileState {
        if let cached = logs.withLock({ $0[info.id] }), cached.info == info { return cached }
        let base = LogFileState.syntheticBase(versionJSON: versionJSON())
        let state = try read { try LogFileState.load(info, archive: $0, capture: capture, syntheticBase: base) }
        logs.withLock { cache in
            if cache.count >= Self.logCacheLimit { cache.removeAll() }
            cache[info.id] = state
        }
        return state
    }

    /// The `aom-log` body for lines `range` of a log (non-empty), cut from cached chunks and escaped by hand.
    func renderPage(fileID: Int64, range: Range<Int>, style: PageStyle, startLine: String, endLine: String) throws -> [UInt8] {
        var segments: [(entry: LogChunkCache.Entry, lines: Range<Int>)] = []
        var line = range.lowerBound
        while line < range.upperBound {
            let entry: LogChunkCache.Entry
            if let cached = chunks.lookup(fileID: fileID, line: line) {
                entry = cached
            } else {
                guard let chunk = try read({ try $0.logChunk(fileID: fileID, containing: line) }) else {
                    throw ReplayStoreFailure(message: "log file \(fileID) has no line \(line)")
                }
                entry = chunks.insert(fileID: fileID, chunk: chunk)
            }
            let end = min(range.upperBound, entry.firstLine + entry.lineCount)
            guard end > line else { throw ReplayStoreFailure(message: "log file \(fileID): chunk at line \(entry.firstLine) is inconsistent") }
            segments.append((entry, line..<end))
            line = end
        }
        if style == .concat, segments.count == 1, let only = segments.first {
            // The common case: one chunk, escaped straight from the cached bytes.
            return only.entry.bytes.withUnsafeBufferPointer { buffer in
                V1LogPage.renderBody(
                    startLine: startLine, endLine: endLine, lines: range.count,
                    content: UnsafeBufferPointer(rebasing: buffer[only.entry.byteRange(only.lines)]))
            }
        }
        var content: [UInt8] = []
        for (entry, lines) in segments {
            switch style {
            case .concat:
                content += entry.bytes[entry.byteRange(lines)]
            case .joined:
                for l in lines {
                    if l > range.lowerBound { content.append(0x0A) }
                    content += entry.bytes[entry.byteRange(l..<(l + 1))]
                }
            }
        }
        return V1LogPage.renderBody(startLine: startLine, endLine: endLine, lines: range.count, content: content)
    }

    /// The byte-identical body of a captured page.
    func capturedPageBody(id: Int64) throws -> [UInt8] {
        try read { try $0.renderCapturedPage(id: id) }
    }
}

/// The archive failed while answering (a damaged file, an I/O error): logged, answered with a 500.
struct ReplayStoreFailure: Error, Sendable {
    /// What the store reported.
    var message: String
}
