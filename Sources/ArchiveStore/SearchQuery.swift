/// A parsed full-text query over log lines.
///
/// Grammar: words and `"quoted phrases"`, combined with `AND` (also implicit), `OR`, `NOT` (or a leading
/// `-`), and parentheses; a trailing `*` makes the last word a prefix. A word is a maximal run of ASCII
/// letters, digits, `_` and non-ASCII bytes, matched case-insensitively (ASCII); a term of several words
/// (`"CUDA out of memory"`, `ModelArts.2776`) matches those words consecutively, whatever separates them.
public indirect enum SearchQuery: Sendable, Equatable {
    /// Lines containing the words consecutively (the last as a prefix when `prefix`).
    case term(words: [String], prefix: Bool)
    /// Lines matching every operand.
    case and([SearchQuery])
    /// Lines matching any operand.
    case or([SearchQuery])
    /// Lines not matching the operand.
    case not(SearchQuery)

    /// Parses user text; the error names the problem and its column.
    ///
    /// - Throws: ``SearchQueryError`` naming the problem and its column (an unclosed quote or parenthesis, a
    ///   dangling operator, an empty query).
    public static func parse(_ text: String) throws(SearchQueryError) -> SearchQuery {
        var parser = SearchQueryParser(Array(text.utf8))
        return try parser.parseQuery()
    }

    /// Splits text into lowercase words the way the index and the matcher do.
    public static func words(_ bytes: some Sequence<UInt8>) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        for b in bytes {
            if LogText.isTokenByte(b) {
                current.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
            } else if !current.isEmpty {
                out.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
        return out
    }
}

/// A query the parser rejects, with the 1-based column of the problem.
public struct SearchQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based byte column in the query text.
    public var column: Int
    /// What is wrong.
    public var message: String
    /// "bad search query at column N: message".
    public var description: String { "bad search query at column \(column): \(message)" }
}

struct SearchQueryParser {
    private let bytes: [UInt8]
    private var pos = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    private enum Token: Equatable {
        case word([UInt8]), phrase([UInt8]), and, or, not, open, close, end
    }

    private mutating func skipSpace() {
        while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x09 || bytes[pos] == 0x0A || bytes[pos] == 0x0D { pos += 1 }
    }

    private mutating func peek() throws(SearchQueryError) -> (Token, Int) {
        let save = pos
        let t = try next()
        let start = tokenStart
        pos = save
        return (t, start)
    }

    private var tokenStart = 0

    private mutating func next() throws(SearchQueryError) -> Token {
        skipSpace()
        tokenStart = pos
        guard pos < bytes.count else { return .end }
        let b = bytes[pos]
        if b == 0x28 { pos += 1; return .open }
        if b == 0x29 { pos += 1; return .close }
        if b == 0x22 {
            let start = pos
            pos += 1
            var text: [UInt8] = []
            while pos < bytes.count, bytes[pos] != 0x22 { text.append(bytes[pos]); pos += 1 }
            guard pos < bytes.count else { throw SearchQueryError(column: start + 1, message: "unclosed quote") }
            pos += 1
            if pos < bytes.count, bytes[pos] == 0x2A { text.append(0x2A); pos += 1 }
            return .phrase(text)
        }
        if b == 0x2D, pos + 1 < bytes.count, bytes[pos + 1] != 0x20 {
            pos += 1
            return .not
        }
        var text: [UInt8] = []
        while pos < bytes.count {
            let c = bytes[pos]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x28 || c == 0x29 || c == 0x22 { break }
            text.append(c)
            pos += 1
        }
        switch String(decoding: text, as: UTF8.self) {
        case "AND": return .and
        case "OR": return .or
        case "NOT": return .not
        default: return .word(text)
        }
    }

    mutating func parseQuery() throws(SearchQueryError) -> SearchQuery {
        skipSpace()
        guard pos < bytes.count else { throw SearchQueryError(column: 1, message: "empty query") }
        let q = try parseOr()
        let (t, at) = try peek()
        if t != .end {
            throw SearchQueryError(column: at + 1, message: t == .close ? "unmatched ')'" : "unexpected text")
        }
        return q
    }

    private mutating func parseOr() throws(SearchQueryError) -> SearchQuery {
        var parts = [try parseAnd()]
        while true {
            let (t, _) = try peek()
            guard t == .or else { break }
            _ = try next()
            parts.append(try parseAnd())
        }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func parseAnd() throws(SearchQueryError) -> SearchQuery {
        var parts = [try parseUnary()]
        while true {
            let (t, _) = try peek()
            if t == .and {
                _ = try next()
                parts.append(try parseUnary())
            } else if t == .end || t == .close || t == .or {
                break
            } else {
                parts.append(try parseUnary())
            }
        }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func parseUnary() throws(SearchQueryError) -> SearchQuery {
        let (t, at) = try peek()
        if t == .not {
            _ = try next()
            return .not(try parseUnary())
        }
        _ = at
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(SearchQueryError) -> SearchQuery {
        let t = try next()
        let at = tokenStart
        switch t {
        case .open:
            let inner = try parseOr()
            let close = try next()
            guard close == .close else { throw SearchQueryError(column: at + 1, message: "unclosed '('") }
            return inner
        case .word(let text), .phrase(let text):
            var body = text
            var prefix = false
            if body.last == 0x2A {
                prefix = true
                body.removeLast()
            }
            let words = SearchQuery.words(body)
            guard !words.isEmpty else {
                throw SearchQueryError(column: at + 1, message: "'\(String(decoding: text, as: UTF8.self))' has no letters or digits to search for")
            }
            return .term(words: words, prefix: prefix)
        case .end:
            throw SearchQueryError(column: at + 1, message: "expected a word after an operator")
        case .close:
            throw SearchQueryError(column: at + 1, message: "unmatched ')'")
        case .and, .or, .not:
            throw SearchQueryError(column: at + 1, message: "operator where a word was expected")
        }
    }
}
