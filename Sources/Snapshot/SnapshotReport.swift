import ArchiveStore

/// What a snapshot did: counts, gaps and whether it is complete.
public struct SnapshotReport: Sendable, Codable, Equatable {
    /// The capture id written.
    public var captureID: Int64 = 0
    /// Jobs seen upstream.
    public var jobs = 0
    /// Jobs crawled (after filters).
    public var jobsCrawled = 0
    /// Versions seen.
    public var versions = 0
    /// v2 training jobs seen.
    public var v2Jobs = 0
    /// Entities added or changed in this capture.
    public var changed = 0
    /// Entities marked deleted in this capture.
    public var deleted = 0
    /// Log files seen.
    public var logFiles = 0
    /// Log files skipped because they were already complete.
    public var logFilesUpToDate = 0
    /// v2 task logs fetched whole through their OBS link because their pages failed.
    public var logFilesByLink = 0
    /// New log lines stored.
    public var logLines = 0
    /// New raw log bytes stored.
    public var logBytes = 0
    /// Log pages fetched.
    public var pages = 0
    /// HTTP requests sent (retries included).
    public var requests = 0
    /// Retries made.
    public var retries = 0
    /// Wall-clock seconds.
    public var seconds = 0.0
    /// Raw ÷ stored log bytes over the whole archive.
    public var compressionRatio = 0.0
    /// Everything that could not be captured, with why.
    public var gaps: [CaptureGap] = []
    /// Catalog lists the endpoint does not offer at all (HTTP 404 with `APIGW.0101`, or `ModelArts.0015`
    /// on a list): nothing to capture, so not a gap.
    public var notOffered: [String] = []
    /// Objects stored byte for byte whose typed columns could not be derived (see `verify`).
    public var warnings: [String] = []
    /// The run was stopped (SIGINT, SIGTERM, task cancellation) before it finished; what it fetched is stored.
    public var interrupted = false
    /// The archive's content digest after the run ("" when interrupted: not computed).
    public var digest = ""
    /// True when nothing is missing and the run was not interrupted.
    public var complete: Bool { gaps.isEmpty && !interrupted }
}

/// Progress of a running snapshot, for bars and periodic lines.
public struct SnapshotProgress: Sendable {
    /// Jobs finished.
    public var jobsDone = 0
    /// Jobs to crawl.
    public var jobsTotal = 0
    /// Versions finished.
    public var versionsDone = 0
    /// New log bytes so far.
    public var logBytes = 0
    /// Requests so far.
    public var requests = 0
    /// Gaps so far.
    public var gaps = 0
    /// What is happening ("listing jobs", "job 12 version 3 logs", …).
    public var phase = ""
}
