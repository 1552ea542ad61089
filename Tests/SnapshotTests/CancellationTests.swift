import Foundation
import Hummingbird
import JobArchiveTestSupport
import ModelArtsAPI
import ModelArtsClient
import Testing

/// Counts requests to an upstream that always answers 500.
actor RequestCounter {
    private(set) var count = 0
    func add() { count += 1 }
}

@Suite("Cancellation reaches the client: backoffs and pacing end at once")
struct CancellationTests {
    static func failingRouter(_ counter: RequestCounter) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/v1/p1/training-jobs") { _, _ in
            await counter.add()
            return LoopbackUpstream.json(#"{"is_success":false,"error_code":"ModelArts.0010","error_msg":"Internal error"}"#, status: .internalServerError)
        }
        return router
    }

    @Test("a task cancelled during a long retry backoff throws .cancelled and sends nothing more")
    func cancelDuringBackoff() async throws {
        let counter = RequestCounter()
        try await LoopbackUpstream.run(Self.failingRouter(counter)) { url in
            var configuration = ClientConfiguration()
            configuration.backoffBase = 30  // the first retry would wait 15-30 s
            configuration.backoffCap = 30
            configuration.maxRetries = 5
            let client = ModelArtsClient(endpoint: try ModelArtsEndpoint(url: url, projectID: "p1"), credentials: .none, configuration: configuration)
            let task = Task { try await client.get(["training-jobs"]) }
            // Wait until the first attempt has been answered, so the client is in its backoff.
            while await counter.count == 0 { try await Task.sleep(nanoseconds: 10_000_000) }
            try await Task.sleep(nanoseconds: 100_000_000)
            task.cancel()
            let result = await task.result
            try await client.shutdown()
            guard case .failure(let error) = result else {
                Issue.record("a cancelled request must not succeed")
                return
            }
            #expect((error as? ModelArtsClientError)?.code == .cancelled, "\(error)")
            #expect(client.requestCount == 1, "no attempt after the cancellation")
            #expect(await counter.count == 1)
        }
    }

    @Test("a task cancelled while the pacer holds it back throws .cancelled without sending")
    func cancelWhilePaced() async throws {
        let counter = RequestCounter()
        try await LoopbackUpstream.run(Self.failingRouter(counter)) { url in
            var configuration = ClientConfiguration()
            configuration.maxRequestsPerSecond = 0.02  // one request every 50 s
            configuration.maxRetries = 0
            let client = ModelArtsClient(endpoint: try ModelArtsEndpoint(url: url, projectID: "p1"), credentials: .none, configuration: configuration)
            _ = try? await client.get(["training-jobs"])  // takes the pacer's first slot
            let task = Task { try await client.get(["training-jobs"]) }
            try await Task.sleep(nanoseconds: 200_000_000)
            task.cancel()
            let result = await task.result
            try await client.shutdown()
            if case .failure(let error) = result {
                #expect((error as? ModelArtsClientError)?.code == .cancelled, "\(error)")
            } else {
                Issue.record("a cancelled request must not succeed")
            }
            #expect(await counter.count == 1, "the paced request was never sent")
        }
    }
}
