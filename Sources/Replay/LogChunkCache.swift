import ArchiveStore

/// Inflated log chunks kept in memory, so that log pages are cut without SQLite or zlib.
///
/// Bounded by a byte budget; when a new chunk would exceed it the cache is emptied (a generation
/// reset: cheap, and memory stays flat under any access pattern).
final class LogChunkCache: Sendable {
    /// A chunk with the end offset of each of its lines.
    struct Entry: Sendable {
        var firstLine: Int
        var bytes: [UInt8]
        /// `lineEnds[i]` is the offset just past line `firstLine + i` (its terminator included).
        var lineEnds: [Int]

        var lineCount: Int { lineEnds.count }

        /// The byte range of lines `range` (which must lie inside the chunk).
        func byteRange(_ range: Range<Int>) -> Range<Int> {
            let from = range.lowerBound - firstLine
            let to = range.upperBound - firstLine
            return (from == 0 ? 0 : lineEnds[from - 1])..<(to == 0 ? 0 : lineEnds[to - 1])
        }
    }

    private struct Key: Hashable {
        var fileID: Int64
        var firstLine: Int
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        /// Per file, the sorted first lines of cached chunks.
        var starts: [Int64: [Int]] = [:]
        var bytes = 0
    }

    private let state = LockedBox(State())
    /// The byte budget.
    let budget: Int

    init(budget: Int = 64 << 20) {
        self.budget = budget
    }

    /// The cached chunk holding `line`, if any.
    func lookup(fileID: Int64, line: Int) -> Entry? {
        state.withLock { s in
            guard let starts = s.starts[fileID] else { return nil }
            var lo = 0
            var hi = starts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid] <= line { lo = mid + 1 } else { hi = mid }
            }
            guard lo > 0, let entry = s.entries[Key(fileID: fileID, firstLine: starts[lo - 1])],
                line < entry.firstLine + entry.lineCount
            else { return nil }
            return entry
        }
    }

    /// Caches a chunk read from the archive and returns it with its line offsets.
    @discardableResult
    func insert(fileID: Int64, chunk: LogChunk) -> Entry {
        let ends = chunk.lineEnds()
        let entry = Entry(firstLine: chunk.firstLine, bytes: chunk.bytes, lineEnds: ends)
        let size = chunk.bytes.count + ends.count * 8 + 64
        guard size <= budget else { return entry }
        state.withLock { s in
            let key = Key(fileID: fileID, firstLine: chunk.firstLine)
            guard s.entries[key] == nil else { return }
            if s.bytes + size > budget {
                s = State()
            }
            s.entries[key] = entry
            var starts = s.starts[fileID] ?? []
            let position = starts.firstIndex(where: { $0 > chunk.firstLine }) ?? starts.count
            starts.insert(chunk.firstLine, at: position)
            s.starts[fileID] = starts
            s.bytes += size
        }
        return entry
    }
}
