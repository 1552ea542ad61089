/// One worker's log file of a version.
public struct GeneratedLog: Sendable {
    /// The log file name, e.g. `job-resnet-train.0`; one per worker.
    public var fileName: String
    /// The whole log, raw bytes (may hold CRLF, `\r` segments and invalid UTF-8).
    public var content: [UInt8]
    /// 19-digit nanosecond timestamp near the version's start time; the cursor of line 0 is at or after it.
    public var cursorBase: UInt64
    /// Number of lines: `\n`-terminated lines plus a final unterminated one, if any.
    public var lineCount: Int

    /// Nanoseconds between the cursors of consecutive lines (before jitter).
    public static let cursorStride: UInt64 = 2_000_000

    /// The AOM-style cursor of line `index` (0-based): 19 decimal digits, strictly increasing with index.
    public func cursor(line index: Int) -> String {
        String(cursorValue(line: index))
    }

    /// The numeric value of ``cursor(line:)``.
    public func cursorValue(line index: Int) -> UInt64 {
        let i = UInt64(max(0, index))
        var z = i &+ (cursorBase &* 0x9E37_79B9_7F4A_7C15)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        // The jitter stays below half the stride, so cursors strictly increase.
        return cursorBase &+ i &* Self.cursorStride &+ z % (Self.cursorStride / 2)
    }

    /// Counts lines the way ``lineCount`` defines them.
    static func countLines(_ bytes: [UInt8]) -> Int {
        guard let last = bytes.last else { return 0 }
        var count = 0
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer where byte == 0x0A { count += 1 }
        }
        return last == 0x0A ? count : count + 1
    }
}
