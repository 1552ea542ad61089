import Foundation
import Hummingbird
import ServiceLifecycle
public import Logging

extension ReplayServer {
    /// Runs a replay server in this process for the duration of `body`, which gets its base URL
    /// (`http://127.0.0.1:PORT`); the server is shut down when `body` returns or throws.
    ///
    /// Used by `snapshot --demo` and by tests that need a live upstream on loopback.
    public static func withRunningServer<T: Sendable>(
        _ configuration: ReplayConfiguration,
        logger: Logger = Logger(label: "jobarchive.replay.embedded"),
        _ body: @escaping @Sendable (String) async throws -> T
    ) async throws -> T {
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        let app = try buildApplication(configuration, logger: logger) { url in
            continuation.yield(url)
            continuation.finish()
        }
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await services.run()
                return nil
            }
            var iterator = urls.makeAsyncIterator()
            guard let url = await iterator.next() else {
                await services.triggerGracefulShutdown()
                throw ReplayError(.startFailed, "the embedded replay server did not start")
            }
            do {
                let result = try await body(url)
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                // try?: the body's error is the one to report; the server is shutting down after it.
                try? await group.waitForAll()
                throw error
            }
        }
    }
}
