import GRDB

/// One domain of an archive (its captures, entities, logs, …): a small value holding the ``Archive`` whose
/// connection it reads and writes through.
protocol ArchiveDomain: Sendable {
    /// The archive this works on.
    var archive: Archive { get }
}

extension ArchiveDomain {
    /// The archive file's path, for messages.
    var path: String { archive.path }

    /// Runs `body` in a read transaction of the archive, translating errors to ``ArchiveError``.
    func withReader<T>(_ body: (Database) throws -> T) throws -> T { try archive.withReader(body) }

    /// Runs `body` in one write transaction of the archive, translating errors to ``ArchiveError``.
    func withWriter<T>(_ body: (Database) throws -> T) throws -> T { try archive.withWriter(body) }

    /// Runs `body` outside a transaction, translating errors to ``ArchiveError``.
    func translating<T>(_ body: () throws -> T) throws -> T { try archive.translating(body) }

    /// Running SHA-256 states of logs being appended to.
    var logHashes: LogHashCache { archive.logHashes }
}

extension Archive {
    /// The captures: each snapshot run, its status and counts, and its gaps.
    public var captures: CaptureLog { CaptureLog(archive: self) }
    /// The entities: captured JSON bodies as revisions, with their typed rows.
    public var entities: EntityStore { EntityStore(archive: self) }
    /// The stored list responses (for re-serving them byte for byte).
    package var lists: ListStore { ListStore(archive: self) }
    /// The training logs: byte-exact files in compressed, indexed chunks.
    public var logs: LogStore { LogStore(archive: self) }
    /// The captured log pages (for re-serving them byte for byte).
    package var pages: PageStore { PageStore(archive: self) }
    /// The catalogue: configurations, engines, specs, algorithms and pools.
    public var catalog: CatalogReader { CatalogReader(archive: self) }
    /// The training jobs and their versions.
    public var jobs: JobReader { JobReader(archive: self) }
    /// What each capture changed.
    public var history: HistoryReader { HistoryReader(archive: self) }
    /// Full-text search over the log lines.
    public var search: SearchIndex { SearchIndex(archive: self) }
    /// The clone records and their lineage.
    public var clones: CloneLedger { CloneLedger(archive: self) }
    /// Writing the archive back out as plain files or JSON Lines.
    public var export: ArchiveExporter { ArchiveExporter(archive: self) }
}
