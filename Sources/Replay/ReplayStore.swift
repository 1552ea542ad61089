import ArchiveStore
import Foundation
import ModelArtsAPI
import NIOCore

/// The archive as the server reads it: several read-only handles, the served capture, and caches.
///
/// The capture is resolved once, at start; everything is read "as of" it, so answers stay
/// consistent even if a snapshot adds a newer capture while the server runs. Lists, entities, log
/// file rows, cursor maps and inflated log chunks are cached in memory, each cache within a byte
/// budget (emptied when full), so a warm server answers most requests without SQLite.
public final class ReplayStore: Sendable {
    /// The archive file.
    public let path: String
    /// The capture served.
    public let capture: Int64
    /// The project id of the archive (`archive_meta.project_id`).
    public let projectID: String
    /// What `offset` counts in v2 job searches, as the captured service used it.
    let v2Offset: V2OffsetMeaning
    /// Whether the archive holds a v2 job search as of the capture (otherwise v2 is "not offered").
    let v2Offered: Bool
    /// How v2 log cursors read, as the captured service read them.
    let v2LogReading: LogReading

    private let handles: [Archive]
    private let nextHandle = LockedBox(0)
    /// Loaded lists (nil: not captured), by list key.
    private let lists = BoundedCache<String, LoadedList?>(budget: 128 << 20)
    /// Live entity bytes (nil: absent or deleted), by kind and key.
    private let entities = BoundedCache<String, ByteBuffer?>(budget: 64 << 20)
    /// Composed list bodies, by list key and query.
    private let windows = BoundedCache<ListWindowKey, ByteBuffer>(budget: 32 << 20)
    /// Job existence, by job id.
    private let jobs = BoundedCache<Int64, Bool>(budget: 1 << 20)
    /// Stored log files (nil: not stored), by job, version and name.
    private let files = BoundedCache<String, LogFileInfo?>(budget: 16 << 20)
    /// Cursor maps and captured-page tables, by log file id.
    private let logs = BoundedCache<Int64, LogFileState>(budget: 64 << 20)
    /// Inflated log chunks.
    private let chunks = LogChunkCache()
    /// The last line of a log as the served capture left it, when it was unfinished then and grew since (nil:
    /// the stored line is the line then), by log file id.
    private let lastLines = BoundedCache<Int64, [UInt8]?>(budget: 4 << 20)
    /// The v2 search items, once read.
    private let v2Items = LockedBox<[[UInt8]]?>(nil)
    /// Captured page bodies, by page id.
    private let pages = BoundedCache<Int64, ByteBuffer>(budget: 64 << 20)

    /// Opens `readers` read-only handles on the archive at `path` and resolves `capture` (nil = latest).
    ///
    /// - Throws: ``ReplayError`` (`.archive`) when the archive cannot be opened read-only or has no such capture.
    public init(
        path: String, capture requested: Int64?, readers: Int, v2Offset: V2OffsetMeaning? = nil, v2LogReading: LogReading? = nil
    ) throws(ReplayError) {
        self.path = path
        var handles: [Archive] = []
        do {
            for _ in 0..<max(1, readers) {
                handles.append(try Archive.open(at: path, mode: .readOnly))
            }
            let capture = try handles[0].captures.resolve(requested)
            self.capture = capture
            let meta = try handles[0].metadata()
            projectID = meta["project_id"] ?? ""
            self.v2Offset = v2Offset ?? meta["v2_search_offset"].flatMap(V2OffsetMeaning.init(rawValue:)) ?? .records
            self.v2LogReading = v2LogReading ?? meta["v2_log_reading"].flatMap(LogReading.init(parsing:)) ?? .v2Documented
            v2Offered = try handles[0].jobs.v2SearchCaptured(asOf: capture)
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
    func entity(_ kind: EntityKind, _ key: String) throws -> ByteBuffer? {
        try entities.value(for: "\(kind.rawValue)|\(key)", cost: { ($0?.readableBytes ?? 0) + key.utf8.count + 64 }) {
            try read { archive in
                guard let revision = try archive.entities.entity(kind: kind, key: key, asOf: capture), !revision.deleted,
                    let raw = revision.raw
                else { return nil }
                return ByteBuffer(bytes: raw)
            }
        }
    }

    /// Whether a training job exists as of the served capture.
    func jobExists(_ jobID: Int64) throws -> Bool {
        try jobs.value(for: jobID, cost: { _ in 32 }) {
            try read { archive in
                if let revision = try archive.entities.entity(kind: .job, key: EntityKey.job(jobID), asOf: capture) {
                    return !revision.deleted
                }
                return try archive.lists.stored(EntityKey.versionList(jobID: jobID), asOf: capture) != nil
            }
        }
    }

    /// The bytes of a version: its detail body, else its list element, else nil.
    func version(jobID: Int64, versionID: Int64) throws -> ByteBuffer? {
        let key = EntityKey.version(jobID: jobID, versionID: versionID)
        return try entity(.versionDetail, key) ?? entity(.version, key)
    }

    // MARK: - v2

    /// The captured bytes of a v2 list (a job search or events page) as of the served capture, or nil.
    func capturedList(_ listKey: String) throws -> ByteBuffer? {
        try entities.value(for: "list|\(listKey)", cost: { ($0?.readableBytes ?? 0) + listKey.utf8.count + 64 }) {
            try read { archive in try archive.lists.render(listKey, asOf: capture).map { ByteBuffer(bytes: $0) } }
        }
    }

    /// A v2 job's bytes as of the served capture: its details body, else its search item, else nil.
    func v2Job(_ id: String) throws -> ByteBuffer? {
        let key = EntityKey.v2Job(id)
        return try entity(.v2JobDetail, key) ?? entity(.v2Job, key)
    }

    /// A v2 job's events as of the served capture, oldest first, and how the captured first page wrote
    /// `total` (true: as a string, as the API documents it).
    func v2Events(jobID: String) throws -> (events: [[UInt8]], totalIsString: Bool) {
        try read { archive in
            let events = try archive.jobs.v2EventBodies(jobID: jobID, asOf: capture)
            var totalIsString = true
            if let first = try archive.lists.render(EntityKey.v2Events(jobID: jobID, offset: 0, limit: V2Endpoint.maxEventLimit), asOf: capture),
                let members = try? RawJSON.objectMembers(first), let total = members.first(where: { $0.key == "total" })
            {
                totalIsString = first[total.valueRange].first == UInt8(ascii: "\"")
            }
            return (events, totalIsString)
        }
    }

    /// The v2 algorithms in the order the captured pages listed them (pages by offset), as raw items.
    func v2AlgorithmItems() throws -> [[UInt8]] {
        try read { archive in
            let keys = try archive.entities.liveKeys(kind: .list, prefix: EntityKey.v2AlgorithmsPrefix, asOf: capture)
            let pages = keys.compactMap { key -> (Int, String)? in
                // `v2/algorithms@offset=O&limit=L`: order by O.
                let rest = key.dropFirst(EntityKey.v2AlgorithmsPrefix.count + "offset=".count)
                return Int(rest.prefix { $0.isNumber }).map { ($0, key) }
            }.sorted { $0.0 < $1.0 }
            var items: [[UInt8]] = []
            for (_, key) in pages {
                guard let body = try archive.lists.render(key, asOf: capture),
                    let ranges = try RawJSON.arrayElements(body, key: "items")
                else { continue }
                items += ranges.map { Array(body[$0]) }
            }
            return items
        }
    }

    /// Whether any v2 algorithms page was captured as of the served capture.
    func v2AlgorithmsCaptured() throws -> Bool {
        try read { try $0.lists.anyCaptured(prefix: EntityKey.v2AlgorithmsPrefix, asOf: capture) }
    }

    /// The raw search items of every live v2 job, oldest first (read once per server).
    func v2SearchItems() throws -> [[UInt8]] {
        if let cached = v2Items.withLock({ $0 }) { return cached }
        let items = try read { try $0.jobs.v2SearchItems(asOf: capture) }
        v2Items.withLock { $0 = items }
        return items
    }

    // MARK: - Lists

    /// The list `key`, loaded once and cached.
    func list(_ key: String, spec: ListSpec) throws -> LoadedList? {
        try lists.value(for: key, cost: { ($0?.byteSize ?? 0) + 64 }) {
            try read { try LoadedList.load(key, spec: spec, archive: $0, capture: capture) }
        }
    }

    /// The body of a list window, composed once per distinct query and cached.
    func listWindow(_ key: String, spec: ListSpec, query: ListQuery) throws -> ByteBuffer? {
        let cacheKey = ListWindowKey(list: key, query: query)
        if let cached = windows[cacheKey] { return cached }
        guard let list = try list(key, spec: spec) else { return nil }
        let body: ByteBuffer
        if spec.perPage == nil {
            body = ByteBuffer(bytes: list.compose(list.items.indices))
        } else {
            let (window, matched) = list.select(query)
            let override = query.isFiltered ? spec.countMember.map { (member: $0, value: matched) } : nil
            body = ByteBuffer(bytes: list.compose(window, countOverride: override))
        }
        windows.insert(body, for: cacheKey, cost: body.readableBytes + key.utf8.count + 128)
        return body
    }

    // MARK: - Logs

    /// The stored log file of a version as of the served capture, or nil.
    func logFile(jobID: Int64, versionID: Int64, name: String) throws -> LogFileInfo? {
        try files.value(for: EntityKey.logFile(jobID: jobID, versionID: versionID, fileName: name), cost: { _ in name.utf8.count + 160 }) {
            try read { archive in
                guard let info = try archive.logs.file(jobID: jobID, versionID: versionID, fileName: name) else { return nil }
                return try archive.logs.asOf(info, capture: capture)
            }
        }
    }

    /// The stored log of a v2 job's task as of the served capture (its latest scheduling run then), or nil.
    func v2LogFile(jobID: String, taskID: String) throws -> LogFileInfo? {
        try files.value(for: "v2\u{0}\(jobID)\u{0}\(taskID)", cost: { _ in jobID.utf8.count + taskID.utf8.count + 160 }) {
            try read { archive -> LogFileInfo? in
                // Ordered by task and run: the last one stored by the capture is the run it served.
                for file in try archive.logs.files(v2JobID: jobID).reversed() where file.fileName == taskID {
                    if let then = try archive.logs.asOf(file, capture: capture) { return then }
                }
                return nil
            }
        }
    }

    /// The stored log files of a version as of the served capture.
    func logFiles(jobID: Int64, versionID: Int64) throws -> [LogFileInfo] {
        try read { archive in
            try archive.logs.files(jobID: jobID, versionID: versionID).compactMap { try archive.logs.asOf($0, capture: capture) }
        }
    }

    /// The cached state of a log file (cursor map, style, captured pages).
    func logState(_ info: LogFileInfo, versionJSON: () -> JSONValue?) throws -> LogFileState {
        try logs.value(for: info.id, cost: { 256 + $0.map.anchors.count * 64 + $0.capturedPages.count * 96 }) {
            let base = LogFileState.syntheticBase(versionJSON: versionJSON())
            return try read { try LogFileState.load(info, archive: $0, capture: capture, syntheticBase: base) }
        }
    }

    /// The stored chunk of log `fileID` that holds `line` (cached), with its line offsets.
    func chunk(fileID: Int64, containing line: Int) throws -> LogChunkCache.Entry {
        if let cached = chunks.lookup(fileID: fileID, line: line) { return cached }
        guard let chunk = try read({ try $0.logs.chunk(fileID: fileID, containing: line) }) else {
            throw ReplayStoreFailure(message: "log file \(fileID) has no line \(line)")
        }
        return chunks.insert(fileID: fileID, chunk: chunk)
    }

    /// The last line of `info` (a view as of the served capture) when it differs from the stored one: a line
    /// unfinished at that capture and continued since. Nil when the stored line is the line then.
    func lastLineThen(_ info: LogFileInfo) throws -> [UInt8]? {
        guard info.lineCount > 0 else { return nil }
        return try lastLines.value(for: info.id, cost: { ($0?.count ?? 0) + 64 }) {
            try read { try $0.logs.lastLineThen(info) }
        }
    }

    /// The `aom-log` body for lines `range` of a log (non-empty) as `info` describes it, cut from cached chunks
    /// and escaped by hand; a last line that was unfinished at the served capture ends where it ended then.
    func renderPage(
        _ info: LogFileInfo, range: Range<Int>, style: PageStyle, startLine: String, endLine: String, isSuccess: Bool = true
    ) throws -> ByteBuffer {
        let fileID = info.id
        let cutLast = range.upperBound == info.lineCount ? try lastLineThen(info) : nil
        var segments: [(entry: LogChunkCache.Entry, lines: Range<Int>)] = []
        var line = range.lowerBound
        while line < range.upperBound {
            let entry = try chunk(fileID: fileID, containing: line)
            let end = min(range.upperBound, entry.firstLine + entry.lineCount)
            guard end > line else { throw ReplayStoreFailure(message: "log file \(fileID): chunk at line \(entry.firstLine) is inconsistent") }
            segments.append((entry, line..<end))
            line = end
        }
        var pieces: [ArraySlice<UInt8>] = []
        for (entry, segment) in segments {
            // The line unfinished then is served as it was; the lines before it as stored.
            let lines = cutLast != nil && segment.upperBound == info.lineCount ? segment.lowerBound..<(segment.upperBound - 1) : segment
            switch style {
            case .concat:
                if !lines.isEmpty { pieces.append(entry.bytes[entry.byteRange(lines)]) }
            case .joined:
                for l in lines {
                    if l > range.lowerBound { pieces.append(Self.newline[...]) }
                    pieces.append(entry.bytes[entry.byteRange(l..<(l + 1))])
                }
            }
            if let cutLast, lines.upperBound != segment.upperBound {
                if style == .joined, segment.upperBound - 1 > range.lowerBound { pieces.append(Self.newline[...]) }
                pieces.append(cutLast[...])
            }
        }
        return PageBodyWriter.render(startLine: startLine, endLine: endLine, lines: range.count, pieces: pieces, isSuccess: isSuccess)
    }

    private static let newline: [UInt8] = [0x0A]

    /// The byte-identical body of a captured page (cached).
    func capturedPageBody(id: Int64) throws -> ByteBuffer {
        try pages.value(for: id, cost: { $0.readableBytes + 64 }) {
            ByteBuffer(bytes: try read { try $0.pages.render(id: id) })
        }
    }
}

