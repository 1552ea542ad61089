import Foundation
import Hummingbird
import JobArchiveTestSupport
import Logging
import ServiceLifecycle
import Testing

/// Runs a Hummingbird router on 127.0.0.1 (a free port) while `body` runs with its base URL.
enum LoopbackUpstream {
    static func run<T: Sendable>(_ router: Router<BasicRequestContext>, _ body: @escaping @Sendable (String) async throws -> T) async throws -> T {
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        var logger = Logger(label: "test.upstream")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield("http://127.0.0.1:\(channel.localAddress?.port ?? 0)")
                continuation.finish()
            }, logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await onDedicatedThreads { try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await services.run()
                return nil
            }
            var iterator = urls.makeAsyncIterator()
            let url = try #require(await iterator.next())
            do {
                let result = try await body(url)
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        } }
    }

    /// A JSON response.
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
