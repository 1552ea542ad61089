import Foundation

/// A task executor with threads of its own, for the in-process servers tests start.
///
/// Swift Testing runs every test on the cooperative pool, which has one thread per core. A synchronous
/// test that waits for a subprocess holds one of those threads for as long as the subprocess runs; on a
/// 2-core machine two such tests leave an in-process server in another test with no thread to answer
/// on, and its client times out. Servers, and the test code that talks to them, run here instead
/// (``onDedicatedThreads(_:)``), so a busy pool slows them down but never starves them.
public final class DedicatedExecutor: TaskExecutor, @unchecked Sendable {
    /// The executor the test support's servers share.
    public static let shared = DedicatedExecutor(threads: 16)

    private let condition = NSCondition()
    private var queue: [UnownedJob] = []
    private var head = 0

    /// Starts `threads` threads that run jobs in the order they are enqueued.
    public init(threads: Int) {
        for index in 0..<threads {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "test-executor-\(index)"
            thread.start()
        }
    }

    public func enqueue(_ job: UnownedJob) {
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while head == queue.count { condition.wait() }
            let job = queue[head]
            head += 1
            if head > 1024, head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Runs `body` (and the child tasks it starts) on ``DedicatedExecutor/shared`` rather than the cooperative pool.
public func onDedicatedThreads<T, Failure: Error>(_ body: () async throws(Failure) -> T) async throws(Failure) -> T {
    try await withTaskExecutorPreference(DedicatedExecutor.shared, operation: body)
}
