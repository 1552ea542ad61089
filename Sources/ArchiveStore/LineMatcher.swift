import Foundation

/// A ``SearchQuery`` compiled for checking many lines: the authoritative matcher behind every hit.
///
/// A line's words are found once into buffers the matcher keeps, and the query's words are compared
/// in place, so checking a line allocates nothing after the first few lines. A matcher is not shared between
/// threads (search makes one per chunk).
struct LineMatcher {
    private indirect enum Node {
        case term(words: [[UInt8]], prefix: Bool)
        case and([Node])
        case or([Node])
        case not(Node)
    }

    private let root: Node
    /// The line's bytes, ASCII-lowercased where they belong to a word.
    private var lowered: [UInt8] = []
    /// Each word's start and end offset in the line, in order.
    private var bounds: [Int] = []

    init(_ query: SearchQuery) {
        func compile(_ q: SearchQuery) -> Node {
            switch q {
            case .term(let words, let prefix): return .term(words: words.map { Array($0.utf8) }, prefix: prefix)
            case .and(let parts): return .and(parts.map(compile))
            case .or(let parts): return .or(parts.map(compile))
            case .not(let inner): return .not(compile(inner))
            }
        }
        root = compile(query)
    }

    /// Whether a line (bytes, terminator allowed) matches the query.
    mutating func matches(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = line.count
        if lowered.count < n { lowered = [UInt8](repeating: 0, count: max(n, 2 * lowered.count)) }
        bounds.removeAll(keepingCapacity: true)
        lowered.withUnsafeMutableBufferPointer { low in
            var i = 0
            while i < n {
                if LogText.isTokenByte(line[i]) {
                    let start = i
                    repeat {
                        let c = line[i]
                        low[i] = (c >= 0x41 && c <= 0x5A) ? c + 0x20 : c
                        i += 1
                    } while i < n && LogText.isTokenByte(line[i])
                    bounds.append(start)
                    bounds.append(i)
                } else {
                    i += 1
                }
            }
        }
        return lowered.withUnsafeBufferPointer { low in
            bounds.withUnsafeBufferPointer { b in Self.evaluate(root, low, b) }
        }
    }

    private static func evaluate(_ node: Node, _ low: UnsafeBufferPointer<UInt8>, _ bounds: UnsafeBufferPointer<Int>) -> Bool {
        switch node {
        case .term(let terms, let prefix):
            let wordCount = bounds.count / 2
            guard terms.count <= wordCount else { return false }
            outer: for start in 0...(wordCount - terms.count) {
                for (k, term) in terms.enumerated() {
                    let from = bounds[2 * (start + k)]
                    let length = bounds[2 * (start + k) + 1] - from
                    let asPrefix = prefix && k == terms.count - 1
                    guard asPrefix ? length >= term.count : length == term.count else { continue outer }
                    let same = term.withUnsafeBufferPointer { t in
                        guard let tb = t.baseAddress, let lb = low.baseAddress else { return t.isEmpty }
                        return memcmp(lb + from, tb, t.count) == 0
                    }
                    if !same { continue outer }
                }
                return true
            }
            return false
        case .and(let parts):
            return parts.allSatisfy { evaluate($0, low, bounds) }
        case .or(let parts):
            return parts.contains { evaluate($0, low, bounds) }
        case .not(let inner):
            return !evaluate(inner, low, bounds)
        }
    }
}
