import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Logging
import ModelArtsAPI
import ModelArtsClient
import Replay
import SampleProject
import Snapshot

/// Sample archives, a replay upstream on loopback, and snapshot runs against it.
enum SnapshotHarness {
    /// A small sample archive in `dir`.
    static func sample(_ dir: TemporaryDirectory, name: String = "source.sqlite", jobs: Int = 5, logBytes: Int = 400_000) throws -> String {
        var options = SampleArchiveWriter.bundledOptions
        options.jobs = jobs
        options.logBytes = logBytes
        options.v2Jobs = 0
        let path = dir.path(name)
        try SampleArchiveWriter.writeArchive(options, to: path)
        return path
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "test.replay")
        logger.logLevel = .critical
        return logger
    }

    /// Serves `archive` on 127.0.0.1 while `body` runs.
    static func serve<T: Sendable>(
        _ archive: String, configure: @Sendable (inout ReplayConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (String) async throws -> T
    ) async throws -> T {
        var configuration = ReplayConfiguration(archivePath: archive)
        configuration.port = 0
        configure(&configuration)
        return try await onDedicatedThreads { [configuration] in
            try await ReplayServer.withRunningServer(configuration, logger: quietLogger, body)
        }
    }

    /// Fast retries for tests.
    static var fastClient: ClientConfiguration {
        var c = ClientConfiguration()
        c.backoffBase = 0.005
        c.backoffCap = 0.05
        c.maxRetryAfter = 0.05
        c.requestTimeout = 10
        return c
    }

    /// Snapshots `url` into `output` (created or updated).
    static func snapshot(
        url: String, project: String, into output: String, credentials: ClientCredentials = .none,
        configuration: ClientConfiguration = fastClient, options: SnapshotOptions = noRedaction,
        sent: ((_ requests: Int, _ retries: Int) -> Void)? = nil
    ) async throws -> SnapshotReport {
        let archive = FileManager.default.fileExists(atPath: output)
            ? try Archive.open(at: output, mode: .readWrite)
            : try Archive.create(at: output, projectID: project, sourceEndpoint: url)
        let client = ModelArtsClient(endpoint: try ModelArtsEndpoint(url: url, projectID: project), credentials: credentials, configuration: configuration)
        do {
            let report = try await Snapshotter(client: client, archive: archive, options: options).run()
            sent?(client.requestCount, client.retryCount)
            try await client.shutdown()
            try archive.close()
            return report
        } catch {
            sent?(client.requestCount, client.retryCount)
            try? await client.shutdown()
            try? archive.close()
            throw error
        }
    }

    static var noRedaction: SnapshotOptions {
        var o = SnapshotOptions()
        o.redactor = nil
        return o
    }

    static func projectID(_ path: String) throws -> String {
        try Archive.open(at: path).metadata()["project_id"] ?? ""
    }
}
