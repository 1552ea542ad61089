import ArchiveStore
import Crypto
import Foundation
import JobArchiveTestSupport
import Testing

@Suite("export")
struct ExportCommandTests {
    @Test("export writes byte-identical logs and JSON, with a manifest of SHA-256s")
    func directory() async throws {
        let dir = try TemporaryDirectory()
        let target = dir.path("export")
        let r = await CLI.run(["export", Fixtures.sample, target, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try r.object()
        #expect(summary["as_of_capture"] as? Int == 1)
        let archive = try Archive.open(at: Fixtures.sample)
        let manifestData = try Data(contentsOf: URL(fileURLWithPath: target + "/manifest.json"))
        let manifest = try JSONOutput.decoder().decode(ExportManifest.self, from: manifestData)
        #expect(manifest.format == "jobarchive-export")
        #expect(manifest.files.count == summary["files"] as? Int)

        // Every file matches its manifest entry.
        for file in manifest.files {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: target + "/" + file.path)))
            #expect(bytes.count == file.bytes, "\(file.path)")
            #expect(Archive.sha256Hex(bytes) == file.sha256, "\(file.path)")
        }
        // Logs: byte-identical to the store's content.
        let logs = manifest.files.filter { $0.role == "log" }
        #expect(logs.count == (try archive.logs.files().count))
        for file in try archive.logs.files() {
            let entry = try #require(logs.first { $0.job == file.jobID && $0.version == file.versionID && $0.fileName == file.fileName })
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: target + "/" + entry.path)))
            #expect(bytes == (try archive.logs.content(fileID: file.id)), "\(entry.path)")
            #expect(entry.path.hasSuffix(".log"))
        }
        // Entities: the captured JSON, byte for byte.
        let seed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: target + "/entities/version/10/10.json")))
        #expect(seed == (try archive.entities.entity(kind: .version, key: "10/10")?.raw))
        for file in manifest.files where file.role == "entity" {
            let kind = try #require(EntityKind(rawValue: file.kind ?? ""))
            let raw = try archive.entities.entity(kind: kind, key: file.key ?? "")?.raw
            #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: target + "/" + file.path))) == raw, "\(file.path)")
        }
        // Lists: re-assembled responses, byte for byte (the seed's versions list is the seed document itself).
        let versions10 = [UInt8](try Data(contentsOf: URL(fileURLWithPath: target + "/lists/versions/10.json")))
        #expect(versions10 == Array(SeedFixtures.versionList.utf8))
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: target + "/lists/training-jobs.json"))) == (try archive.lists.render("training-jobs")))
        // SHA256SUMS lists every file.
        let sums = try String(contentsOfFile: target + "/SHA256SUMS", encoding: .utf8)
        #expect(sums.split(separator: "\n").count == manifest.files.count)
        #expect(FileManager.default.fileExists(atPath: target + "/captures.json"))

        let again = await CLI.run(["export", Fixtures.sample, target])
        #expect(again.status == 1)
        #expect(again.stderr.contains("directory is not empty"))
    }

    @Test("export keeps history: every revision, deletions in the manifest, --at")
    func history() async throws {
        let dir = try TemporaryDirectory()
        let latest = dir.path("latest")
        #expect(try await CLI.run(["export", Fixtures.twoCaptures, latest]).status == 0)
        let manifest = try JSONOutput.decoder().decode(ExportManifest.self, from: Data(contentsOf: URL(fileURLWithPath: latest + "/manifest.json")))
        #expect(manifest.asOfCapture == 2)
        #expect(manifest.deleted.contains { $0.kind == "job" && $0.key == "585560" })
        #expect(!FileManager.default.fileExists(atPath: latest + "/entities/job/585560.json"))
        #expect(FileManager.default.fileExists(atPath: latest + "/revisions/job/585560/1.json"))
        let v1 = try String(contentsOfFile: latest + "/revisions/version/585024/1121512/1.json", encoding: .utf8)
        let v2 = try String(contentsOfFile: latest + "/revisions/version/585024/1121512/2.json", encoding: .utf8)
        #expect(v1.contains("\"status\":6") && v2.contains("\"status\":10"))
        #expect(try String(contentsOfFile: latest + "/entities/version/585024/1121512.json", encoding: .utf8) == v2)

        let first = dir.path("first")
        #expect(try await CLI.run(["export", Fixtures.twoCaptures, first, "--at", "1"]).status == 0)
        #expect(try String(contentsOfFile: first + "/entities/version/585024/1121512.json", encoding: .utf8) == v1)
        #expect(FileManager.default.fileExists(atPath: first + "/entities/job/585560.json"))
        #expect(!FileManager.default.fileExists(atPath: first + "/revisions/version/585024/1121512/2.json"))
    }

    @Test("export --jsonl streams records whose texts rebuild each log and entity exactly")
    func jsonl() async throws {
        let r = await CLI.run(["export", Fixtures.sample, "--jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        let archive = try Archive.open(at: Fixtures.sample)
        var logs: [String: [UInt8]] = [:]
        var types: [String: Int] = [:]
        var seedRaw: String?
        for line in r.stdout.split(separator: 0x0A) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let type = try #require(object["type"] as? String)
            types[type, default: 0] += 1
            if type == "line" {
                let key = "\(object["job"] as? Int ?? 0)/\(object["version"] as? Int ?? 0)/\(object["file"] as? String ?? "")"
                if let text = object["text"] as? String {
                    logs[key, default: []] += Array(text.utf8)
                } else {
                    let base64 = try #require(object["text_base64"] as? String, "a line record without text")
                    logs[key, default: []] += [UInt8](try #require(Data(base64Encoded: base64)))
                    types["base64", default: 0] += 1
                }
            }
            if type == "revision", object["kind"] as? String == "version", object["key"] as? String == "10/10" {
                seedRaw = object["raw"] as? String
            }
        }
        #expect(types["archive"] == 1)
        #expect(types["capture"] == 1)
        #expect(types["log"] == (try archive.logs.files().count))
        #expect(types["revision"] == 174 - 16)
        #expect(types["list"] == 16)
        #expect(seedRaw.map { Array($0.utf8) } == (try archive.entities.entity(kind: .version, key: "10/10")?.raw))
        #expect(types["base64", default: 0] > 0, "the sample has invalid UTF-8 lines")
        for file in try archive.logs.files() {
            let content = try archive.logs.content(fileID: file.id)
            #expect(logs["\(file.jobID)/\(file.versionID)/\(file.fileName)", default: []] == content, "\(file.fileName)")
        }
        let both = await CLI.run(["export", Fixtures.sample, "/tmp/x", "--jsonl"])
        #expect(both.status == 64)
        let neither = await CLI.run(["export", Fixtures.sample])
        #expect(neither.status == 64)
    }
}
