import ArchiveStore
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI

/// Archives holding the seed document's job 10 version 10, its config and a redacted version.
enum CloneFixtures {
    /// The seed job's list row.
    static let jobRow = #"{"job_id":10,"job_name":"testModelArtsJob","version_id":10,"status":10,"create_time":1524189990635,"duration":532003,"job_desc":"testModelArtsJob desc","version_count":2}"#

    /// Version 11 of job 10: a built-in engine run whose secret parameter was redacted at capture time.
    static let redactedVersion = #"{"version_id":11,"version_name":"V0005","pre_version_id":10,"engine_type":1,"engine_name":"TensorFlow","engine_id":4,"engine_version":"TF-1.8.0-python3.6","status":10,"app_url":"/bucket/code/","boot_file_url":"/bucket/code/train.py","parameter":[{"label":"epochs","value":"20"},{"label":"obs_secret_key","value":"[redacted by jobarchive]"},{"label":"lr","value":0.001}],"spec_id":27,"flavor_code":"modelarts.vm.cpu.8u","worker_server_num":1,"data_url":"/bucket/data/","train_url":"/bucket/out/","log_url":"/bucket/log/","pool_id":"pool7d1e384a","pool_type":"SYSTEM_DEFINED","volumes":[]}"#

    /// A new archive with the seed's job row, version 10 (the seed list element, byte for byte), version 11
    /// (redacted) and config custom/config123; closed, so other processes can read it.
    static func seedArchive() throws -> TestArchive {
        let test = try TestArchive(projectID: "proj")
        let list = Array(SeedFixtures.versionList.utf8)
        guard let elements = try RawJSON.arrayElements(list, key: "versions"), let first = elements.first else {
            throw CocoaError(.fileReadCorruptFile)
        }
        try test.archive.entities.put(kind: .job, key: "10", raw: Array(jobRow.utf8), capture: test.capture)
        try test.archive.entities.put(kind: .version, key: "10/10", raw: Array(list[first]), capture: test.capture)
        try test.archive.entities.put(kind: .version, key: "10/11", raw: Array(redactedVersion.utf8), capture: test.capture)
        try test.archive.entities.put(kind: .config, key: "custom/config123", raw: Array(SeedFixtures.configDetail.utf8), capture: test.capture)
        try test.archive.captures.finish(test.capture, complete: true)
        try test.archive.close()
        return test
    }

    /// The fixture file's text.
    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtureURL(name), encoding: .utf8)
    }

    /// Where a fixture lives in the source tree.
    static func fixtureURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    /// Compares `actual` with a golden file; `UPDATE_GOLDEN=1` rewrites it instead.
    static func matchesGolden(_ actual: String, _ name: String) throws -> Bool {
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: fixtureURL(name))
            return true
        }
        return try fixture(name) == actual
    }
}

extension CloneFixtures {
    /// Runs `jobarchive ARGS…` in-process (``CommandRunner/runInProcess(_:environment:)``); the receiver it
    /// submits to runs on threads of its own.
    static func run(_ arguments: [String]) async throws -> CommandRunner.Result {
        await CommandRunner.runInProcess(arguments)
    }
}
