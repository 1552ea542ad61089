import ArchiveStore
import Foundation
import Logging
import Replay
import SampleProject

/// The bundled sample archive served in-process on a loopback port, as the upstream of `snapshot --demo`.
enum DemoUpstream {
    /// The bundled archive when run from a checkout; otherwise the same sample generated into a temporary file.
    static func archivePath() throws -> (path: String, temporary: URL?) {
        let bundled = "archives/sample.sqlite"
        if FileManager.default.fileExists(atPath: bundled) { return (bundled, nil) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jobarchive-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("sample.sqlite").path
        try SampleArchiveWriter.writeArchive(SampleArchiveWriter.bundledOptions, to: path)
        return (path, dir)
    }

    /// Serves the sample on 127.0.0.1 (a free port) while `body` runs with its URL and project id.
    static func withServer<T: Sendable>(_ body: @escaping @Sendable (String, String) async throws -> T) async throws -> T {
        let (path, temporary) = try archivePath()
        // try?: removing a temporary copy; a leftover file in the temporary directory harms nothing.
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let project = try Archive.open(at: path).metadata()["project_id"] ?? ""
        var configuration = ReplayConfiguration(archivePath: path)
        configuration.port = 0
        var logger = Logger(label: "jobarchive.demo")
        logger.logLevel = .error
        printError("demo: serving \(path) on loopback as project \(project)")
        return try await ReplayServer.withRunningServer(configuration, logger: logger) { url in
            try await body(url, project)
        }
    }
}
