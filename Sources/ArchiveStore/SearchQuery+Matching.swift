extension SearchQuery {
    /// Whether a line (bytes, terminator allowed) matches the query: the authoritative check behind every hit.
    ///
    /// To check many lines, ``LineMatcher`` (what search uses) keeps its buffers between them.
    public func matches(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var matcher = LineMatcher(self)
        return matcher.matches(line)
    }

    /// Whether a line matches the query.
    public func matches(_ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { matches($0) }
    }

    /// An FTS5 MATCH expression whose hits are a superset of the query's matches, or nil when the index
    /// cannot narrow the search (the query then scans).
    ///
    /// Only ASCII words that are not pure digits are indexed; each goes in quoted, so no user text can
    /// form FTS5 syntax.
    public var ftsExpression: String? {
        switch self {
        case .term(let words, let prefix):
            var parts: [String] = []
            for (k, word) in words.enumerated() where SearchQuery.isIndexed(word) {
                let isPrefix = prefix && k == words.count - 1
                parts.append("\"\(word)\"" + (isPrefix ? "*" : ""))
            }
            return parts.isEmpty ? nil : parts.joined(separator: " AND ")
        case .and(let parts):
            // Negations stay out of the index expression: the exact check applies them, which keeps the
            // index's answer a superset even where SQLite's tokenizer and ours split non-ASCII text differently.
            let positives = parts.compactMap { p -> String? in
                if case .not = p { return nil }
                return p.ftsExpression.map { "(\($0))" }
            }
            return positives.isEmpty ? nil : positives.joined(separator: " AND ")
        case .or(let parts):
            var exprs: [String] = []
            for p in parts {
                guard let e = p.ftsExpression else { return nil }
                exprs.append("(\(e))")
            }
            return exprs.joined(separator: " OR ")
        case .not:
            return nil
        }
    }

    /// Whether a word is in the index: ASCII only, not only digits, and not a long word with digits.
    static func isIndexed(_ word: String) -> Bool {
        var hasNonDigit = false
        var hasDigit = false
        for b in word.utf8 {
            if b >= 0x80 { return false }
            if b >= 0x30 && b <= 0x39 { hasDigit = true } else { hasNonDigit = true }
        }
        return hasNonDigit && !(hasDigit && word.utf8.count >= LogText.longWordWithDigits)
    }
}
