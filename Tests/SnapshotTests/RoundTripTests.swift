import ArchiveStore
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI
import ModelArtsClient
import Replay
import SampleProject
import Snapshot
import Testing

@Suite("Snapshot through replay: round trip, increments, redaction, faults, auth")
struct RoundTripTests {
    @Test("sample → serve → snapshot gives the same content, logs and pages, and a second run changes nothing")
    func roundTrip() async throws {
        let dir = try TemporaryDirectory()
        let source = try SnapshotHarness.sample(dir)
        let project = try SnapshotHarness.projectID(source)
        let output = dir.path("copy.sqlite")
        let (first, second) = try await SnapshotHarness.serve(source) { url in
            let a = try await SnapshotHarness.snapshot(url: url, project: project, into: output)
            let b = try await SnapshotHarness.snapshot(url: url, project: project, into: output)
            return (a, b)
        }
        let original = try Archive.open(at: source)
        let copy = try Archive.open(at: output)
        #expect(first.complete, "\(first.gaps)")
        #expect(first.digest == (try original.contentDigest()))
        #expect(try copy.verify().ok)
        // Captured pages: the same requests give byte-identical bodies.
        for file in try original.logs.files() {
            let mirror = try #require(try copy.logs.file(jobID: file.jobID, versionID: file.versionID, fileName: file.fileName))
            #expect(try copy.logs.content(fileID: mirror.id) == original.logs.content(fileID: file.id))
            for page in try original.pages.list(fileID: file.id) {
                let request = PageRequest(baseLine: page.baseLine, order: page.order, lines: page.linesRequested)
                let twin = try #require(try copy.pages.page(fileID: mirror.id, request: request), "page \(page.id) of \(file.fileName)")
                #expect(try copy.pages.render(id: twin.id) == original.pages.render(id: page.id))
            }
        }
        // Second run: only a capture row; the digest is unchanged.
        #expect(second.complete)
        #expect(second.changed == 0)
        #expect(second.logLines == 0)
        #expect(second.digest == first.digest)
        #expect(try copy.captures.list().count == 2)
        #expect(second.requests < first.requests / 2, "finished versions with complete logs are not fetched again")
    }

    @Test("a sample with v2 jobs → serve → snapshot: every v2 body as generated, and each task's log of its current run byte-exact")
    func roundTripV2() async throws {
        let dir = try TemporaryDirectory()
        let source = dir.path("both.sqlite")
        var options = SampleProjectOptions()
        options.jobs = 3
        options.v2Jobs = 14
        options.logBytes = 1_500_000
        try SampleArchiveWriter.writeArchive(options, to: source)
        let output = dir.path("both-copy.sqlite")
        let project = options.projectID
        let report = try await SnapshotHarness.serve(source) { url in
            try await SnapshotHarness.snapshot(url: url, project: project, into: output)
        }
        #expect(report.complete, "\(report.gaps)")
        #expect(report.v2Jobs == 14)
        let original = try Archive.open(at: source)
        let copy = try Archive.open(at: output)
        var all = V2JobFilter()
        all.deleted = .all
        let jobs = try original.jobs.v2Jobs(all)
        #expect(jobs.count == 14)
        var earlierRuns = 0
        for job in jobs {
            let key = EntityKey.v2Job(job.jobID)
            for kind in [EntityKind.v2JobDetail, .v2Tasks, .v2Stages] {
                #expect(try copy.entities.liveEntity(kind: kind, key: key)?.raw == original.entities.liveEntity(kind: kind, key: key)?.raw, "\(kind) \(job.jobID)")
            }
            #expect(try copy.entities.liveKeys(kind: .v2Event, prefix: job.jobID + "/") == original.entities.liveKeys(kind: .v2Event, prefix: job.jobID + "/"))
            #expect(try copy.entities.liveKeys(kind: .v2Metrics, prefix: job.jobID + "/") == original.entities.liveKeys(kind: .v2Metrics, prefix: job.jobID + "/"))
            // A snapshot sees each task's current run (the service serves that one); earlier runs are the
            // archive's memory of earlier captures.
            let want = try original.logs.files(v2JobID: job.jobID)
            let current = Dictionary(want.map { ($0.fileName, $0) }, uniquingKeysWith: { ($0.run ?? 0) >= ($1.run ?? 0) ? $0 : $1 })
            earlierRuns += want.count - current.count
            let got = try copy.logs.files(v2JobID: job.jobID)
            #expect(Set(got.map(\.owner)) == Set(current.values.map(\.owner)), "\(job.jobID)")
            for file in got {
                guard let source = current[file.fileName] else { continue }
                #expect(try copy.logs.content(fileID: file.id) == original.logs.content(fileID: source.id), "\(file.owner)")
                #expect(file.complete == source.complete, "\(file.owner)")
            }
        }
        #expect(earlierRuns > 0, "the sample holds logs of earlier scheduling runs")
        #expect(try copy.verify().ok)
        // With redaction (the default), the sample's made-up v2 secrets stay out of the archive.
        let redacted = dir.path("both-redacted.sqlite")
        var options2 = SnapshotOptions()
        options2.apis = [.v2]
        let redacting = options2
        let third = try await SnapshotHarness.serve(source) { url in
            try await SnapshotHarness.snapshot(url: url, project: project, into: redacted, options: redacting)
        }
        #expect(third.complete, "\(third.gaps)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: redacted))
        let sourceBytes = try Data(contentsOf: URL(fileURLWithPath: source))
        for secret in ["sk-0-do-not-store", "hf_0_secret"] {
            #expect(sourceBytes.range(of: Data(secret.utf8)) != nil, "the sample holds \(secret)")
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is redacted")
        }
    }

    @Test("secret-looking parameters are redacted by default, in raw JSON and typed columns, and nowhere in the file")
    func redaction() async throws {
        let dir = try TemporaryDirectory()
        let source = try SnapshotHarness.sample(dir, jobs: 8, logBytes: 100_000)
        let project = try SnapshotHarness.projectID(source)
        // Find a secret value in the source.
        let original = try Archive.open(at: source)
        var secret: (job: Int64, version: Int64, label: String, value: String)? = nil
        for key in try original.entities.liveKeys(kind: .version) {
            let parts = key.split(separator: "/").compactMap { Int64($0) }
            for p in try original.jobs.parameters(jobID: parts[0], versionID: parts[1]) where ParameterRedactor().isSecret(label: p.label) {
                if let v = p.valueText, v.count >= 6 { secret = (parts[0], parts[1], p.label, v) }
            }
        }
        let found = try #require(secret, "the sample has secret-looking parameters")
        let output = dir.path("redacted.sqlite")
        let options = SnapshotOptions()
        _ = try await SnapshotHarness.serve(source) { url in
            try await SnapshotHarness.snapshot(url: url, project: project, into: output, options: options)
        }
        let copy = try Archive.open(at: output)
        let params = try copy.jobs.parameters(jobID: found.job, versionID: found.version)
        let redacted = try #require(params.first { $0.label == found.label })
        #expect(redacted.redacted)
        #expect(redacted.valueText == ParameterRedactor.marker)
        let raw = try #require(try copy.entities.entity(kind: .version, key: "\(found.job)/\(found.version)")?.raw)
        #expect(raw.firstRange(of: Array(found.value.utf8)) == nil)
        let fileBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(fileBytes.firstRange(of: Array(found.value.utf8)) == nil, "the secret appears nowhere in the archive file")
        // The sample echoes parameters into its logs: the copies there are scrubbed too.
        var echoed = false
        for file in try copy.logs.files(jobID: found.job, versionID: found.version) {
            let content = try copy.logs.content(fileID: file.id)
            #expect(content.firstRange(of: Array(found.value.utf8)) == nil)
            if content.firstRange(of: Array(ParameterRedactor.marker.utf8)) != nil { echoed = true }
        }
        #expect(echoed, "the sample's log echoes the parameter, now as the marker")
        #expect(try copy.verify().ok)
    }

    @Test("upstream faults at 10 % of every kind: the same result, with retries")
    func faults() async throws {
        let dir = try TemporaryDirectory()
        let source = try SnapshotHarness.sample(dir, jobs: 4, logBytes: 300_000)
        let project = try SnapshotHarness.projectID(source)
        let output = dir.path("faulty.sqlite")
        let report = try await SnapshotHarness.serve(source, configure: {
            $0.faults = FaultPlan(rate: 0.1, kinds: FaultPlan.Kind.allCases, seed: 7, slowDelayMilliseconds: 50)
        }) { url in
            try await SnapshotHarness.snapshot(url: url, project: project, into: output)
        }
        #expect(report.complete, "\(report.gaps)")
        #expect(report.retries > 0)
        #expect(report.digest == (try Archive.open(at: source).contentDigest()))
        #expect(try Archive.open(at: output).verify().ok)
    }

    @Test("token and AK/SK are accepted; wrong credentials fail fast with a clear error")
    func auth() async throws {
        let dir = try TemporaryDirectory()
        let source = try SnapshotHarness.sample(dir, jobs: 1, logBytes: 20_000)
        let project = try SnapshotHarness.projectID(source)
        try await SnapshotHarness.serve(source, configure: {
            $0.tokens = ["good-token"]
            $0.credentials = ["AKTEST": "sk-test-secret"]
        }) { url in
            var options = SnapshotHarness.noRedaction
            options.includeLogs = false
            let a = try await SnapshotHarness.snapshot(url: url, project: project, into: dir.path("t.sqlite"), credentials: .token("good-token"), options: options)
            #expect(a.complete, "\(a.gaps)")
            let b = try await SnapshotHarness.snapshot(url: url, project: project, into: dir.path("k.sqlite"), credentials: .accessKey(ak: "AKTEST", sk: "sk-test-secret"), options: options)
            #expect(b.complete, "\(b.gaps)")
            for (name, credentials) in [("bad-token", ClientCredentials.token("wrong")), ("bad-sk", .accessKey(ak: "AKTEST", sk: "nope")), ("none", .none)] {
                var requests = 0
                var retries = 0
                do {
                    _ = try await SnapshotHarness.snapshot(
                        url: url, project: project, into: dir.path("\(name).sqlite"), credentials: credentials, options: options,
                        sent: { requests = $0; retries = $1 })
                    Issue.record("\(name) was accepted")
                } catch let error as ModelArtsClientError {
                    #expect(error.code == .authentication, "\(name): \(error)")
                    #expect(error.message.contains("401"), "\(error.message)")
                    #expect(!error.message.contains("wrong") && !error.message.contains("nope"), "no credential in the message")
                }
                // Fails fast: refused at the first request, which is not retried (a 401 is not transient).
                #expect(requests == 1, "\(name): \(requests) requests sent")
                #expect(retries == 0, "\(name): \(retries) retries")
            }
        }
    }
}
