import ArchiveStore
import Clone
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI
import ModelArtsClient
import Testing

@Suite("Submission, clone records and the redaction block")
struct SubmitTests {
    @Test("a signed submit reaches the receiver, which verifies it; the clone record is stored and listed")
    func submitAndRecord() async throws {
        let test = try CloneFixtures.seedArchive()
        let receiver = TestReceiver()
        let archive = try Archive.open(at: test.path, mode: .readWrite)
        let source = try ArchivedVersion.load(from: archive, jobID: 10, versionID: 10)
        var options = CloneOptions()
        options.parameterOverrides = [.set(label: "learning_rate", text: "0.02")]
        let request = try V1RequestBuilder.build(source, options: options)
        let (response, received) = try await receiver.run { url in
            let submitter = Submitter(
                endpoint: try ModelArtsEndpoint(url: url, projectID: "proj"),
                credentials: .accessKey(ak: TestReceiver.accessKey, sk: TestReceiver.secretKey))
            let response = try await submitter.send(request)
            return (response, await receiver.received)
        }
        #expect(response.status == 200)
        #expect(received.count == 1)
        #expect(received.first?.path == "/v1/proj/training-jobs/10/versions")
        #expect(received.first?.accessKey == TestReceiver.accessKey)
        #expect(received.first?.body == request.bodyBytes)
        let submitter = Submitter(endpoint: try ModelArtsEndpoint(url: "http://127.0.0.1:1", projectID: "proj"), credentials: .none)
        let record = submitter.record(
            request, response: response, sourceJobID: 10, sourceVersionID: 10, sourceConfig: nil, sourceCaptureID: source.captureID,
            sourceSHA256: source.sha256, overrides: ["--set learning_rate=0.02"])
        let stored = try archive.clones.record(record)
        #expect(stored.id == 1 && stored.succeeded && stored.resultJobID == "10" && stored.resultVersionID == "12")
        let listed = try archive.clones.records(jobID: 10, versionID: 10)
        #expect(listed == [stored])
        #expect(try archive.clones.records(jobID: 10, versionID: 12) == [stored], "the created version shows its lineage too")
        #expect(try archive.clones.records(jobID: 99).isEmpty)
        #expect(try archive.clones.lineage(jobID: 10, versionID: 10).first?.contains("→ job 10 version 12") == true)
        #expect(stored.requestBody.contains(#""value":0.02"#))
        try archive.close()
    }

    @Test("a wrong secret key is refused by the receiver's verifier")
    func badSignature() async throws {
        let test = try CloneFixtures.seedArchive()
        let source = try ArchivedVersion.load(from: try Archive.open(at: test.path), jobID: 10, versionID: 10)
        let request = try V1RequestBuilder.build(source, options: CloneOptions())
        let receiver = TestReceiver()
        let response = try await receiver.run { url in
            try await Submitter(endpoint: try ModelArtsEndpoint(url: url, projectID: "proj"), credentials: .accessKey(ak: TestReceiver.accessKey, sk: "wrong"))
                .send(request)
        }
        #expect(response.status == 401)
        #expect(!Submitter.accepted(response, apiVersion: "v1"))
    }

    @Test("v2 submission is signed too and the record keeps the v2 job id")
    func submitV2() async throws {
        let test = try CloneFixtures.seedArchive()
        let source = try ArchivedVersion.load(from: try Archive.open(at: test.path), jobID: 10, versionID: 11)
        var options = CloneOptions()
        options.target = .v2
        options.parameterOverrides = [.unset(label: "obs_secret_key")]
        let request = try V2RequestBuilder.build(source, options: options)
        let receiver = TestReceiver()
        let (response, received) = try await receiver.run { url in
            let r = try await Submitter(endpoint: try ModelArtsEndpoint(url: url, projectID: "proj"), credentials: .accessKey(ak: TestReceiver.accessKey, sk: TestReceiver.secretKey))
                .send(request)
            return (r, await receiver.received)
        }
        #expect(response.status == 201)
        #expect(received.first?.path == "/v2/proj/training-jobs")
        let record = Submitter(endpoint: try ModelArtsEndpoint(url: "http://127.0.0.1:1", projectID: "proj"), credentials: .none)
            .record(request, response: response, sourceJobID: 10, sourceVersionID: 11, sourceConfig: nil, sourceCaptureID: 1, sourceSHA256: source.sha256, overrides: [])
        #expect(record.succeeded && record.resultJobID == "3f6f9c2e-0000-4000-8000-000000000001" && record.kind == "v2-job")
    }

    @Test("a redacted parameter blocks submission, listing the labels, until it is overridden")
    func redactionBlock() throws {
        let test = try CloneFixtures.seedArchive()
        let source = try ArchivedVersion.load(from: try Archive.open(at: test.path), jobID: 10, versionID: 11)
        #expect(source.redactedLabels == ["obs_secret_key"])
        let blocked = try V1RequestBuilder.build(source, options: CloneOptions())
        #expect(blocked.blockedLabels == ["obs_secret_key"])
        let error = try #require(throws: CloneError.self) { try blocked.checkSubmittable() }
        #expect(error.message.contains("obs_secret_key") && !error.message.contains("\n"))
        #expect(blocked.dryRunText().contains("BLOCKED"))
        var options = CloneOptions()
        options.parameterOverrides = [.set(label: "obs_secret_key", text: "real")]
        try V1RequestBuilder.build(source, options: options).checkSubmittable()
        options.parameterOverrides = [.unset(label: "obs_secret_key")]
        try V1RequestBuilder.build(source, options: options).checkSubmittable()
        options.target = .v2
        options.parameterOverrides = []
        #expect(throws: CloneError.self) { try V2RequestBuilder.build(source, options: options).checkSubmittable() }
    }
}
