/// Byte-level helpers for log text: line splitting, chunk cutting and the text handed to the index.
enum LogText {
    /// The target uncompressed size of a chunk (whole lines; a longer line is a chunk of its own).
    static let chunkTarget = 64 * 1024

    /// Whether a byte belongs to an index token: ASCII letters and digits, `_`, and every non-ASCII byte.
    @inline(__always)
    static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
    }

    /// The end offsets (exclusive, after the `\n`) of every line in `bytes`; a final line without `\n` ends at `count`.
    static func lineEnds(_ bytes: UnsafeRawBufferPointer) -> [Int] {
        var ends: [Int] = []
        ends.reserveCapacity(bytes.count / 64 + 1)
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return ends }
        let n = bytes.count
        var start = 0
        while start < n {
            if let hit = memchr(base + start, 0x0A, n - start) {
                let off = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                ends.append(off + 1)
                start = off + 1
            } else {
                ends.append(n)
                break
            }
        }
        return ends
    }

    /// Words with digits this long or longer are not indexed (hashes, ids, timestamps).
    static let longWordWithDigits = 8

    /// Copies the line's text for indexing into `out`: without its `\n`/`\r\n`, with pure-digit words
    /// and long words containing digits blanked.
    ///
    /// Those words are most of a log's distinct words and are rarely searched alone; searches for them
    /// check the candidate lines of the query's other words, or scan.
    static func indexText(_ line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var n = line.count
        if n > 0, line[n - 1] == 0x0A { n -= 1 }
        if n > 0, line[n - 1] == 0x0D { n -= 1 }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: line[0..<n]))
        var i = 0
        while i < n {
            if isTokenByte(out[i]) {
                let start = i
                var allDigits = true
                var anyDigit = false
                while i < n, isTokenByte(out[i]) {
                    if out[i] < 0x30 || out[i] > 0x39 { allDigits = false } else { anyDigit = true }
                    i += 1
                }
                if allDigits || (anyDigit && i - start >= longWordWithDigits) {
                    for j in start..<i { out[j] = 0x20 }
                }
            } else {
                i += 1
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
