/// One archived log file (a row of `log_files`).
public struct LogFileInfo: Sendable, Equatable, Codable {
    /// The file's id; also the high 32 bits of its lines' index rowids.
    public var id: Int64
    /// The v1 job the log belongs to (0 for a v2 log).
    public var jobID: Int64
    /// The v1 version the log belongs to (0 for a v2 log).
    public var versionID: Int64
    /// The name from `log/file-names` (one file per worker); a v2 log's task id (`worker-0`, …).
    public var fileName: String
    /// The v2 job (a UUID) of a task log; nil for a v1 log.
    public var v2JobID: String?
    /// The task's scheduling run of a v2 log (its `schedule_count`, 0 when unknown); nil for a v1 log.
    public var run: Int?
    /// Lines stored (a final line without `\n` counts).
    public var lineCount: Int
    /// Raw bytes stored.
    public var byteCount: Int
    /// Whether the stored bytes end with `\n` (true for an empty file).
    public var endsWithNewline: Bool
    /// Lowercase hex SHA-256 of the stored bytes.
    public var sha256: String
    /// Whether the capture saw the whole log (the version was terminal and the crawl reached the end).
    public var complete: Bool
    /// The capture that first stored this file.
    public var firstCaptureID: Int64
    /// The last capture that wrote or confirmed this file.
    public var lastCaptureID: Int64

    /// What the log belongs to.
    public var owner: LogOwner {
        if let v2JobID { return .v2(jobID: v2JobID, taskID: fileName, run: run ?? 0) }
        return .v1(jobID: jobID, versionID: versionID, fileName: fileName)
    }
}

/// How a captured `aom-log` page's `content` is laid out from stored lines.
package enum PageStyle: String, Sendable, Codable {
    /// The lines' bytes concatenated, each with its own terminator.
    case concat
    /// Each line with its own terminator, joined by an extra `\n` (the live service's observed form).
    case joined
}
