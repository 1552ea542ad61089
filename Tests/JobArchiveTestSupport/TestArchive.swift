import ArchiveStore
import Foundation

/// A fresh directory per test, removed when the value is released.
public final class TemporaryDirectory: Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("jobarchive-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A new archive in its own temporary directory, with one capture started.
public struct TestArchive {
    public let directory: TemporaryDirectory
    public let archive: Archive
    public let capture: Int64

    public init(projectID: String = "proj") throws {
        directory = try TemporaryDirectory()
        archive = try Archive.create(at: directory.path("test.sqlite"), projectID: projectID, sourceEndpoint: "http://user:pw@127.0.0.1:8080/x?token=abc")
        capture = try archive.captures.begin(source: "test")
    }

    public var path: String { archive.path }
}

/// Where ../shared lives relative to this package, if present.
public enum SharedFolder {
    public static var url: URL? {
        var dir = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<4 { dir.deleteLastPathComponent() }  // Tests/JobArchiveTestSupport/File.swift -> checkout -> parent
        let shared = dir.appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }

    public static var realLogs: [URL] {
        guard let dir = url?.appendingPathComponent("corpus/real-logs") else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0 != "SOURCES.tsv" }.sorted().map { dir.appendingPathComponent($0) }
    }
}
