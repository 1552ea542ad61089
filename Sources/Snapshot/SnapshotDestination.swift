import ArchiveStore
import ModelArtsClient
import Foundation

/// The archive file a snapshot writes: an existing archive of the same project is updated, a new path
/// becomes a new archive, and a first run that failed before it captured any job leaves nothing behind.
///
/// This is the part of `jobarchive snapshot` that is not flag handling; an embedding tool calls
/// ``check(_:)`` before it starts (so a bad `-o` fails fast) and ``capture(endpoint:credentials:configuration:options:progress:)``
/// to run.
public struct SnapshotDestination: Sendable {
    /// The archive's path.
    public let path: String

    /// A destination at `path` (nothing is opened yet).
    public init(path: String) {
        self.path = path
    }

    /// Refuses a path that cannot become an archive: a directory, a file that is not a readable archive,
    /// a new file in a folder that cannot be written.
    ///
    /// - Throws: ``ArchiveError`` (`.invalidArgument` for a directory or an unwritable folder; the open's
    ///   own error for a file that is not an archive).
    public func check() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw ArchiveError(.invalidArgument, "\(path) is a directory; -o names an archive file") }
            _ = try Archive.open(at: path)
        } else {
            let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
            guard FileManager.default.isWritableFile(atPath: parent) else {
                throw ArchiveError(.invalidArgument, "\(path): cannot create a file in \(parent)")
            }
        }
    }

    /// Opens the archive for writing, or creates it for `endpoint`'s project; `createdNow` says which.
    ///
    /// - Throws: ``ArchiveError``: `.invalidArgument` when the archive holds another project; the open's
    ///   or create's own error otherwise.
    public func open(for endpoint: ModelArtsEndpoint) throws -> (archive: Archive, createdNow: Bool) {
        guard FileManager.default.fileExists(atPath: path) else {
            return (try Archive.create(at: path, projectID: endpoint.projectID, sourceEndpoint: endpoint.baseURL), true)
        }
        let archive = try Archive.open(at: path, mode: .readWrite)
        let existing = try archive.metadata()["project_id"] ?? ""
        guard existing == endpoint.projectID else {
            throw ArchiveError(.invalidArgument, "\(path) holds project \(existing), not \(endpoint.projectID); use another -o")
        }
        return (archive, false)
    }

    /// Captures `endpoint`'s project into this archive with a client of its own, and closes both.
    ///
    /// When the run fails, the error is rethrown after the client and archive are closed; an archive this
    /// call created whose capture holds no job (the project could not even be listed) is removed.
    ///
    /// - Throws: ``ArchiveError`` from opening or writing the archive; ``ModelArtsClientError`` when the
    ///   project cannot be listed (authentication, transport, cancellation).
    public func capture(
        endpoint: ModelArtsEndpoint, credentials: ClientCredentials, configuration: ClientConfiguration,
        options: SnapshotOptions, progress: (@Sendable (SnapshotProgress) -> Void)? = nil
    ) async throws -> SnapshotReport {
        let (archive, createdNow) = try open(for: endpoint)
        let client = ModelArtsClient(endpoint: endpoint, credentials: credentials, configuration: configuration)
        let report: SnapshotReport
        do {
            report = try await Snapshotter(client: client, archive: archive, options: options, progress: progress).run()
        } catch {
            // try?: cleanup on the way out; the error being thrown is what the caller needs to see.
            try? await client.shutdown()
            try? archive.close()
            if createdNow { discardIfEmpty(archive) }
            throw error
        }
        try await client.shutdown()
        try archive.close()
        return report
    }

    /// Removes a just-created archive whose capture holds no job.
    private func discardIfEmpty(_ archive: Archive) {
        // try?: an archive whose statistics cannot be read is kept, not removed.
        guard (try? archive.captures.latestID()).flatMap({ $0 }) != nil, (try? archive.statistics()).map({ $0.jobs + $0.v2Jobs }) == 0 else { return }
        try? FileManager.default.removeItem(atPath: path)  // try?: an empty archive left behind is harmless
    }
}
