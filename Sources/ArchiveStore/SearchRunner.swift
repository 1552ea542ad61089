import Dispatch
import Foundation
import GRDB

/// Runs a search's tasks a batch at a time: chunks are read from SQLite on the calling thread, inflated and
/// checked on every core, and the hits handed on in (file, line) order.
///
/// Batches start small and double, so the first hits come after a chunk or two and a search that stops early
/// inflates little beyond what it delivered; each chunk is inflated once.
struct SearchRunner {
    /// Tasks in the first batch; each later batch is twice as large, up to ``largestBatch``.
    static let firstBatch = 2
    /// The largest batch (64 chunks are about 4 MB inflated).
    static let largestBatch = 64

    let query: SearchQuery
    /// Lines checked against the query so far.
    private(set) var candidates = 0

    init(_ query: SearchQuery) { self.query = query }

    /// What one task found.
    fileprivate struct Outcome {
        var hits: [(line: Int, text: [UInt8])] = []
        var checked = 0
        var error: (any Error)?
    }

    /// Runs every task of `source`, calling `deliver` per hit in order until it returns false.
    ///
    /// While one batch is inflated and checked on the worker threads, the next one is read from SQLite here.
    ///
    /// - Throws: ``ArchiveError`` `.corrupted` or `.damagedValue` for a damaged chunk or row, after the hits of
    ///   everything before it; errors `deliver` throws pass through.
    mutating func run(
        _ db: Database, _ source: inout SearchTaskSource, deliver: (LogFileInfo, Int, [UInt8]) throws -> Bool
    ) throws {
        var size = Self.firstBatch
        var running: Batch? = nil
        // However this ends, no worker goes on with a batch (one not needed any more is cancelled).
        defer {
            running?.cancel()
            running?.wait()
        }
        let chunkRow = try db.cachedStatement(sql: "SELECT first_line, raw_length, data FROM log_chunks WHERE id = ?")
        // An error while gathering (a damaged row) is thrown after the hits of every task gathered before it.
        var gatherError: (any Error)? = nil
        while true {
            var tasks: [SearchTask] = []
            var chunks: [Result<StoredChunk, any Error>?] = []
            do {
                while gatherError == nil, tasks.count < size, let task = try source.next() {
                    if case .chunk(let file, let chunkID, _, _) = task {
                        let row = try Row.fetchOne(chunkRow, arguments: [chunkID])
                        chunks.append(row.map { row in Result { try StoredChunk(positionalRow: row, fileID: file.id) } })
                    } else {
                        chunks.append(nil)
                    }
                    tasks.append(task)
                }
            } catch {
                gatherError = error
            }
            size = min(size * 2, Self.largestBatch)
            let next = tasks.isEmpty ? nil : Batch(tasks: tasks, chunks: chunks, query: query)
            if let batch = running {
                batch.wait()
                running = next
                for (task, outcome) in zip(batch.tasks, batch.outcomes) {
                    candidates += outcome.checked
                    for hit in outcome.hits where !(try deliver(task.file, hit.line, hit.text)) { return }
                    if let error = outcome.error { throw error }
                }
            } else {
                running = next
            }
            if running == nil {
                if let gatherError { throw gatherError }
                return
            }
        }
    }

    /// Tasks being inflated and checked on the worker threads, each into a slot of its own.
    private final class Batch: @unchecked Sendable {
        let tasks: [SearchTask]
        private let slots: UnsafeMutableBufferPointer<Outcome>
        private let group = DispatchGroup()
        private var waited = false
        private let lock = NSLock()
        private var cancelled = false

        /// Starts every task on the global queue.
        init(tasks: [SearchTask], chunks: [Result<StoredChunk, any Error>?], query: SearchQuery) {
            self.tasks = tasks
            slots = .allocate(capacity: tasks.count)
            _ = slots.initialize(from: repeatElement(Outcome(), count: tasks.count))
            for i in tasks.indices {
                let (task, chunk) = (tasks[i], chunks[i])
                DispatchQueue.global().async(group: group) { [self] in
                    guard !isCancelled else { return }
                    slots[i] = SearchRunner.check(task, chunk: chunk, query: query)
                }
            }
        }

        /// Makes tasks not yet started do nothing (their outcomes stay empty).
        func cancel() { lock.withLock { cancelled = true } }

        private var isCancelled: Bool { lock.withLock { cancelled } }

        /// Waits until every task is done (each slot is written before this returns).
        func wait() {
            if !waited { group.wait() }
            waited = true
        }

        /// The outcomes, in task order (after ``wait()``).
        var outcomes: UnsafeMutableBufferPointer<Outcome> { slots }

        // No wait here: every block holds the batch, so it cannot go away before they are all done (and `run`
        // waits for them before it lets a batch go).
        deinit {
            slots.deinitialize()
            slots.deallocate()
        }
    }

    /// Inflates a task's chunk and checks its lines (runs on any thread).
    fileprivate static func check(_ task: SearchTask, chunk: Result<StoredChunk, any Error>?, query: SearchQuery) -> Outcome {
        var outcome = Outcome()
        var matcher = LineMatcher(query)
        switch task {
        case .cutLine(_, let line, let text):
            outcome.checked = 1
            if text.withUnsafeBufferPointer({ matcher.matches($0) }) { outcome.hits.append((line, text)) }
        case .chunk(_, _, let firstLine, let lines):
            do {
                // A chunk gone between the listing and the read (never in a consistent file) holds nothing.
                guard let chunk else { return outcome }
                let raw = try chunk.get().inflate()
                raw.withUnsafeBufferPointer { buf in
                    let ends = LogText.lineEnds(UnsafeRawBufferPointer(buf))
                    for range in lines {
                        for line in range {
                            let i = line - firstLine
                            // A chunk with fewer lines than its row says: the rest are not there to check.
                            guard i < ends.count else { return }
                            let text = UnsafeBufferPointer(rebasing: buf[(i == 0 ? 0 : ends[i - 1])..<ends[i]])
                            outcome.checked += 1
                            if matcher.matches(text) { outcome.hits.append((line, Array(text))) }
                        }
                    }
                }
            } catch {
                outcome.error = error
            }
        }
        return outcome
    }
}
