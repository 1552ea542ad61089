import ArchiveStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import JobArchiveTestSupport
import ModelArtsAPI
import NIOCore
@testable import Replay
import Testing

@Suite("Live on 127.0.0.1: endpoints, concurrency, throttling, injected faults")
struct LiveTests {
    static let v1 = ReplayTest.v1

    static let targets: [String] = [
        "\(v1)/training-jobs", "\(v1)/training-jobs?per_page=3&page=2&sortBy=create_time&order=desc",
        "\(v1)/training-jobs/10/versions", "\(v1)/training-jobs/10/versions/10",
        "\(v1)/training-jobs/10/versions/10/log/file-names",
        "\(v1)/training-jobs/10/versions/10/aom-log?log_file=log1.log&base_line=&order=asc&lines=500",
        "\(v1)/training-jobs/10/versions/10/aom-log?log_file=log1.log&lines=17",
        "\(v1)/training-job-configs", "\(v1)/training-job-configs/config123", "\(v1)/job/resource-specs",
        "\(v1)/job/ai-engines", "\(v1)/built-in-algorithms", "\(v1)/visualization-jobs", "/health",
    ]

    @Test("every endpoint answers live as it does through the router")
    func liveMatchesRouter() async throws {
        let config = try ReplayTest.configuration(ReplayFixtures.sample.path)
        let expected = try await ReplayTest.withApp(config, .router) { client async throws in
            var out: [[UInt8]] = []
            for target in Self.targets { out.append(try await client.get(target).bytes) }
            return out
        }
        try await ReplayTest.withApp(config, .live) { client async throws in
            for (target, bytes) in zip(Self.targets, expected) {
                let response = try await client.get(target)
                #expect(response.status == .ok, "\(target)")
                #expect(response.bytes == bytes, "\(target)")
                #expect(response.headers[.contentLength] == String(bytes.count))
            }
        }
    }

    @Test("eight concurrent clients get the same answers as one")
    func concurrentClients() async throws {
        let config = try ReplayTest.configuration(ReplayFixtures.sample.path)
        let archive = try Archive.open(at: ReplayFixtures.sample.path)
        var targets = Self.targets
        for file in try archive.logs.files().prefix(12) {
            targets.append("\(Self.v1)/training-jobs/\(file.jobID)/versions/\(file.versionID)/aom-log?log_file=\(file.fileName)&lines=123")
        }
        let all = targets
        let expected = try await ReplayTest.withApp(config, .router) { client async throws in
            var out: [[UInt8]] = []
            for target in all { out.append(try await client.get(target).bytes) }
            return out
        }
        try await ReplayTest.withApp(config, .live) { client async throws in
            let port = try #require(client.port)
            try await withThrowingTaskGroup(of: Int.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        let other = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(20)))
                        other.connect()
                        var mismatches = 0
                        for round in 0..<5 {
                            for index in all.indices.shuffled() where (index + round + worker) % 2 == 0 || round > 2 {
                                let response = try await other.get(all[index])
                                if Array(response.body?.readableBytesView ?? ByteBuffer().readableBytesView) != expected[index] { mismatches += 1 }
                            }
                        }
                        try await other.shutdown()
                        return mismatches
                    }
                }
                var total = 0
                for try await mismatches in group { total += mismatches }
                #expect(total == 0)
            }
        }
    }

    @Test("--max-rps answers 429 with Retry-After above the limit; /health is exempt")
    func throttling() async throws {
        var config = try ReplayTest.configuration(ReplayFixtures.sample.path)
        config.maxRequestsPerSecond = 2
        try await ReplayTest.withApp(config, .live) { client async throws in
            // A burst of concurrent requests: far above 2 per second however slow the machine is.
            let responses = try await withThrowingTaskGroup(of: (Int, String?, [UInt8]).self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        let r = try await client.get("\(Self.v1)/job/ai-engines")
                        return (Int(r.status.code), r.headers[.retryAfter], r.bytes)
                    }
                }
                var all: [(Int, String?, [UInt8])] = []
                for try await r in group { all.append(r) }
                return all
            }
            #expect(responses.contains { $0.0 == 200 })
            let limited = try #require(responses.first { $0.0 == 429 }, "\(responses.map(\.0))")
            #expect(limited.1.flatMap(Int.init).map { $0 >= 1 } == true)
            let json = try RawJSON.parse(limited.2)
            #expect(json["error_code"]?.string == "APIG.0308")
            #expect(try await client.get("/health").status == .ok)
        }
    }

    @Test("injected 500, 503 and 429 faults at rate 1, with Retry-After where due; /health untouched")
    func statusFaults() async throws {
        for (kind, status, code) in [(FaultPlan.Kind.serverError, 500, "ModelArts.0010"), (.unavailable, 503, "ModelArts.6101"), (.throttled, 429, "APIG.0308")] {
            var config = try ReplayTest.configuration(ReplayFixtures.sample.path)
            config.faults = FaultPlan(rate: 1, kinds: [kind], seed: 1)
            try await ReplayTest.withApp(config, .live) { client async throws in
                let response = try await client.get("\(Self.v1)/training-jobs")
                #expect(Int(response.status.code) == status)
                #expect(try response.json()["error_code"]?.string == code)
                if kind != .serverError { #expect(response.headers[.retryAfter] == "1") }
                #expect(try await client.get("/health").status == .ok)
            }
        }
    }

    @Test("reset and truncate faults break the connection; slow answers late but right")
    func connectionFaults() async throws {
        var config = try ReplayTest.configuration(ReplayFixtures.sample.path)
        config.faults = FaultPlan(rate: 1, kinds: [.reset], seed: 3)
        try await ReplayTest.withApp(config, .live) { client async throws in
            await #expect(throws: (any Error).self) { _ = try await client.get("\(Self.v1)/training-jobs") }
        }
        config.faults = FaultPlan(rate: 1, kinds: [.truncate], seed: 3)
        try await ReplayTest.withApp(config, .live) { client async throws in
            await #expect(throws: (any Error).self) { _ = try await client.get("\(Self.v1)/training-jobs") }
        }
        config.faults = FaultPlan(rate: 1, kinds: [.slow], seed: 3, slowDelayMilliseconds: 300)
        let expected = try await ReplayTest.withApp(ReplayTest.configuration(ReplayFixtures.sample.path)) { client async throws in
            try await client.get("\(Self.v1)/training-jobs").bytes
        }
        try await ReplayTest.withApp(config, .live) { client async throws in
            let start = ContinuousClock.now
            let response = try await client.get("\(Self.v1)/training-jobs")
            #expect(ContinuousClock.now - start >= .milliseconds(300))
            #expect(response.bytes == expected)
        }
    }

    @Test("fault draws are fixed by the seed and follow the rate")
    func faultSequence() throws {
        let plan = FaultPlan(rate: 0.25, kinds: [.serverError, .reset], seed: 42)
        let kinds = try FaultPlan.parseKinds("500, reset,500")
        #expect(kinds == [.serverError, .reset])
        #expect(throws: ReplayError.self) { try FaultPlan.parseKinds("500,boom") }
        #expect(throws: ReplayError.self) { try FaultPlan(rate: 1.5).validate() }
        let first = FaultInjector(plan: plan)
        let second = FaultInjector(plan: plan)
        let drawsA = (0..<4000).map { _ in first.next() }
        let drawsB = (0..<4000).map { _ in second.next() }
        #expect(drawsA == drawsB)
        let faults = drawsA.compactMap { $0 }
        #expect(abs(Double(faults.count) / 4000 - 0.25) < 0.03)
        #expect(Set(faults) == [.serverError, .reset])
        #expect(FaultInjector(plan: .none).next() == nil)
    }
}
