import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress on standard error: a redrawn line on a terminal, a plain line every few seconds otherwise.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let console = Console.current
    private var isTTY: Bool { console.stderrIsTTY }
    private let quiet: Bool
    private let started = Date()
    private var lastPrint = Date.distantPast
    private var drawn = false

    init(quiet: Bool) {
        self.quiet = quiet
    }

    /// Shows a status line (rate-limited).
    func update(_ text: String, force: Bool = false) {
        guard !quiet else { return }
        lock.withLock {
            let now = Date()
            let interval = isTTY ? 0.1 : 5.0
            guard force || now.timeIntervalSince(lastPrint) >= interval else { return }
            lastPrint = now
            let elapsed = String(format: "%5.1fs", now.timeIntervalSince(started))
            if isTTY {
                let width = 100
                let line = "\(elapsed) \(text)"
                let clipped = line.count > width ? String(line.prefix(width - 1)) + "…" : line
                console.writeErr("\r\u{1B}[2K" + clipped)
                drawn = true
            } else {
                console.writeErr("[\(elapsed)] \(text)\n")
            }
        }
    }

    /// Ends the redrawn line.
    func finish() {
        lock.withLock {
            if drawn, isTTY { console.writeErr("\n") }
            drawn = false
        }
    }

    /// A text bar of `done` out of `total`.
    static func bar(_ done: Int, _ total: Int, width: Int = 24) -> String {
        guard total > 0 else { return "[" + String(repeating: " ", count: width) + "]" }
        let filled = min(width, width * done / total)
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }
}
