#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered standard output for the query commands: text and raw bytes in order, flushed in 64 KiB writes.
///
/// Log bytes go through unchanged (no decoding), so `jobarchive log … > file` is byte-exact.
final class Output {
    private var buffer: [UInt8] = []
    private let capacity = 64 * 1024
    private let console = Console.current
    /// Styling for text written to standard output.
    let style: Style

    init(style: Style = Style(enabled: false)) {
        self.style = style
        buffer.reserveCapacity(capacity)
    }

    /// Writes a string.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { flush() }
    }

    /// Writes a string and a newline.
    func line(_ text: String = "") {
        write(text)
        buffer.append(0x0A)
        if buffer.count >= capacity { flush() }
    }

    /// Writes bytes unchanged.
    func write(bytes: UnsafeRawBufferPointer) {
        if bytes.count >= capacity {
            flush()
            console.writeOut(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    /// Writes bytes unchanged.
    func write(bytes: [UInt8]) {
        bytes.withUnsafeBytes { write(bytes: $0) }
    }

    /// Sends everything buffered to the console's standard output.
    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { console.writeOut($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// ANSI styling that is a no-op when disabled (not a terminal, `NO_COLOR`, `--color never`).
struct Style: Sendable {
    /// Whether escape codes are emitted.
    let enabled: Bool

    private func wrap(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { wrap("1", text) }
    func dim(_ text: String) -> String { wrap("2", text) }
    func red(_ text: String) -> String { wrap("31", text) }
    func green(_ text: String) -> String { wrap("32", text) }
    func yellow(_ text: String) -> String { wrap("33", text) }
    func cyan(_ text: String) -> String { wrap("36", text) }
    func magenta(_ text: String) -> String { wrap("35", text) }
    /// Bold red: search matches.
    func match(_ text: String) -> String { wrap("1;31", text) }

    /// The escape sequence that starts a match highlight ("" when disabled).
    var matchStart: String { enabled ? "\u{1B}[1;31m" : "" }
    /// The escape sequence that ends a highlight ("" when disabled).
    var reset: String { enabled ? "\u{1B}[0m" : "" }
}

/// Facts about the terminal the current console writes to.
enum Terminal {
    /// Whether standard output is a terminal.
    static var stdoutIsTTY: Bool { Console.current.stdoutIsTTY }

    /// Whether standard error is a terminal.
    static var stderrIsTTY: Bool { Console.current.stderrIsTTY }

    /// The width of standard output's terminal, or nil when it is not one.
    static var width: Int? {
        guard stdoutIsTTY else { return nil }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = Console.current.environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        return 100
    }

    /// Whether colour is wanted for standard output: a terminal, `NO_COLOR` unset, `TERM` not `dumb`.
    static var colorByDefault: Bool {
        guard stdoutIsTTY else { return false }
        let environment = Console.current.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }
}
