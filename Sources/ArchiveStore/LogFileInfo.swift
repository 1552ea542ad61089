/// One archived log file (a row of `log_files`).
public struct LogFileInfo: Sendable, Equatable, Codable {
    /// The file's id; also the high 32 bits of its lines' index rowids.
    public var id: Int64
    /// The job the log belongs to.
    public var jobID: Int64
    /// The version the log belongs to.
    public var versionID: Int64
    /// The name from `log/file-names` (one file per worker).
    public var fileName: String
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
}

/// How a captured `aom-log` page's `content` is laid out from stored lines.
package enum PageStyle: String, Sendable, Codable {
    /// The lines' bytes concatenated, each with its own terminator.
    case concat
    /// Each line with its own terminator, joined by an extra `\n` (the live service's observed form).
    case joined
}
