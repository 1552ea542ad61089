/// The validating JSON scanner behind `RawJSON`: works directly on a contiguous byte buffer.
///
/// It can either build a `JSONValue` tree (`parseValue`) or only validate and skip a value
/// (`skipValue`), which is what the byte-range slicing functions use.
struct JSONScanner {
    /// Maximum nesting of arrays and objects.
    static let maxDepth = 512

    let buf: UnsafeBufferPointer<UInt8>
    var pos: Int

    init(_ buf: UnsafeBufferPointer<UInt8>, pos: Int = 0) {
        self.buf = buf
        self.pos = pos
    }

    // MARK: - Errors

    func fail(_ message: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(offset: offset ?? pos, message: message)
    }

    /// Describes the byte at `offset` for an error message ("end of input", "'x'", "byte 0x07").
    func describe(at offset: Int) -> String {
        guard offset < buf.count else { return "end of input" }
        let c = buf[offset]
        if c >= 0x21 && c < 0x7F {
            return "'\(Character(Unicode.Scalar(c)))'"
        }
        return "byte 0x" + String(c, radix: 16, uppercase: true)
    }

    // MARK: - Whitespace and structure

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < buf.count {
            let c = buf[pos]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                pos += 1
            } else {
                return
            }
        }
    }

    /// Requires that only whitespace remains.
    mutating func expectEnd() throws(JSONParseError) {
        skipWhitespace()
        if pos < buf.count {
            throw fail("unexpected \(describe(at: pos)) after the JSON value")
        }
    }

    // MARK: - Building a tree

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard pos < buf.count else { throw fail("unexpected end of input, expected a value") }
        switch buf[pos] {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = pos
            try skipNumber()
            return .number(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self))
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        default:
            throw fail("unexpected \(describe(at: pos)), expected a value")
        }
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        if depth > Self.maxDepth { throw fail("nesting depth exceeds \(Self.maxDepth)") }
        pos += 1  // '{'
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if pos < buf.count && buf[pos] == UInt8(ascii: "}") {
            pos += 1
            return .object(members)
        }
        while true {
            try expectKeyStart(afterComma: !members.isEmpty)
            let key = try parseString()
            try expectColon()
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append((key: key, value: value))
            if try endOfContainer(close: UInt8(ascii: "}"), what: "object member") { return .object(members) }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        if depth > Self.maxDepth { throw fail("nesting depth exceeds \(Self.maxDepth)") }
        pos += 1  // '['
        var elements: [JSONValue] = []
        skipWhitespace()
        if pos < buf.count && buf[pos] == UInt8(ascii: "]") {
            pos += 1
            return .array(elements)
        }
        while true {
            try checkTrailingComma(close: UInt8(ascii: "]"), afterComma: !elements.isEmpty)
            elements.append(try parseValue(depth: depth))
            if try endOfContainer(close: UInt8(ascii: "]"), what: "array element") { return .array(elements) }
        }
    }

    // MARK: - Validating without building

    mutating func skipValue(depth: Int) throws(JSONParseError) {
        guard pos < buf.count else { throw fail("unexpected end of input, expected a value") }
        switch buf[pos] {
        case UInt8(ascii: "{"):
            try skipObject(depth: depth + 1)
        case UInt8(ascii: "["):
            try skipArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try skipNumber()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
        case UInt8(ascii: "f"):
            try expectLiteral("false")
        case UInt8(ascii: "n"):
            try expectLiteral("null")
        default:
            throw fail("unexpected \(describe(at: pos)), expected a value")
        }
    }

    mutating func skipObject(depth: Int) throws(JSONParseError) {
        if depth > Self.maxDepth { throw fail("nesting depth exceeds \(Self.maxDepth)") }
        pos += 1
        skipWhitespace()
        if pos < buf.count && buf[pos] == UInt8(ascii: "}") {
            pos += 1
            return
        }
        var first = true
        while true {
            try expectKeyStart(afterComma: !first)
            first = false
            try skipString()
            try expectColon()
            skipWhitespace()
            try skipValue(depth: depth)
            if try endOfContainer(close: UInt8(ascii: "}"), what: "object member") { return }
        }
    }

    mutating func skipArray(depth: Int) throws(JSONParseError) {
        if depth > Self.maxDepth { throw fail("nesting depth exceeds \(Self.maxDepth)") }
        pos += 1
        skipWhitespace()
        if pos < buf.count && buf[pos] == UInt8(ascii: "]") {
            pos += 1
            return
        }
        var first = true
        while true {
            try checkTrailingComma(close: UInt8(ascii: "]"), afterComma: !first)
            first = false
            try skipValue(depth: depth)
            if try endOfContainer(close: UInt8(ascii: "]"), what: "array element") { return }
        }
    }

    // MARK: - Shared structural steps

    /// Expects the opening quote of an object key (whitespace already skipped).
    mutating func expectKeyStart(afterComma: Bool) throws(JSONParseError) {
        guard pos < buf.count else { throw fail("unexpected end of input, expected an object key") }
        if buf[pos] == UInt8(ascii: "\"") { return }
        if afterComma && buf[pos] == UInt8(ascii: "}") { throw fail("trailing comma before '}'") }
        throw fail("expected '\"' to start an object key, found \(describe(at: pos))")
    }

    /// Rejects `]` right after a comma (whitespace already skipped).
    mutating func checkTrailingComma(close: UInt8, afterComma: Bool) throws(JSONParseError) {
        if afterComma && pos < buf.count && buf[pos] == close {
            throw fail("trailing comma before ']'")
        }
    }

    mutating func expectColon() throws(JSONParseError) {
        skipWhitespace()
        guard pos < buf.count, buf[pos] == UInt8(ascii: ":") else {
            throw fail("expected ':' after object key, found \(describe(at: pos))")
        }
        pos += 1
    }

    /// After a member/element: consumes `,` (returns false, whitespace skipped) or the closer (returns true).
    mutating func endOfContainer(close: UInt8, what: String) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard pos < buf.count else {
            throw fail("unexpected end of input, expected ',' or '\(Character(Unicode.Scalar(close)))' after \(what)")
        }
        let c = buf[pos]
        if c == UInt8(ascii: ",") {
            pos += 1
            skipWhitespace()
            return false
        }
        if c == close {
            pos += 1
            return true
        }
        throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))' after \(what), found \(describe(at: pos))")
    }

    mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let start = pos
        let count = word.utf8CodeUnitCount
        var ok = pos + count <= buf.count
        if ok {
            word.withUTF8Buffer { w in
                for i in 0..<count where buf[start + i] != w[i] {
                    ok = false
                    break
                }
            }
        }
        guard ok else { throw fail("invalid literal, expected '\(word)'", at: start) }
        pos += count
    }

    // MARK: - Numbers

    /// Validates a number per RFC 8259 and moves past it.
    mutating func skipNumber() throws(JSONParseError) {
        if buf[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < buf.count, isDigit(buf[pos]) else {
            throw fail("expected a digit in number, found \(describe(at: pos))")
        }
        if buf[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < buf.count && isDigit(buf[pos]) { throw fail("leading zeros are not allowed in numbers") }
        } else {
            while pos < buf.count && isDigit(buf[pos]) { pos += 1 }
        }
        if pos < buf.count && buf[pos] == UInt8(ascii: ".") {
            pos += 1
            guard pos < buf.count, isDigit(buf[pos]) else {
                throw fail("expected a digit after '.' in number, found \(describe(at: pos))")
            }
            while pos < buf.count && isDigit(buf[pos]) { pos += 1 }
        }
        if pos < buf.count && (buf[pos] == UInt8(ascii: "e") || buf[pos] == UInt8(ascii: "E")) {
            pos += 1
            if pos < buf.count && (buf[pos] == UInt8(ascii: "+") || buf[pos] == UInt8(ascii: "-")) { pos += 1 }
            guard pos < buf.count, isDigit(buf[pos]) else {
                throw fail("expected a digit in exponent, found \(describe(at: pos))")
            }
            while pos < buf.count && isDigit(buf[pos]) { pos += 1 }
        }
    }

    @inline(__always)
    func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    // MARK: - Strings

    /// Parses a string literal at `pos` (which holds the opening quote) and decodes it.
    mutating func parseString() throws(JSONParseError) -> String {
        let open = pos
        var i = pos + 1
        // Fast path: no escapes.
        while i < buf.count {
            let c = buf[i]
            if c == UInt8(ascii: "\"") {
                pos = i + 1
                return String(decoding: UnsafeBufferPointer(rebasing: buf[(open + 1)..<i]), as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw fail("unescaped control character in string", at: i) }
            i += 1
        }
        guard i < buf.count else { throw fail("unterminated string", at: open) }
        // Slow path: decode escapes into a byte buffer.
        var out: [UInt8] = []
        out.reserveCapacity(i - open + 16)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[(open + 1)..<i]))
        while i < buf.count {
            let c = buf[i]
            if c == UInt8(ascii: "\"") {
                pos = i + 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw fail("unescaped control character in string", at: i) }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                i += 1
                continue
            }
            guard i + 1 < buf.count else { throw fail("unterminated string", at: open) }
            let e = buf[i + 1]
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let unit = try hex4(at: i + 2, escapeAt: i)
                var scalarValue = UInt32(unit)
                var consumed = 6
                if unit >= 0xD800 && unit < 0xDC00 {
                    // High surrogate: combine with a following low surrogate escape if present.
                    if i + 7 < buf.count, buf[i + 6] == UInt8(ascii: "\\"), buf[i + 7] == UInt8(ascii: "u") {
                        let low = try hex4(at: i + 8, escapeAt: i + 6)
                        if low >= 0xDC00 && low < 0xE000 {
                            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                            consumed = 12
                        } else {
                            scalarValue = 0xFFFD
                        }
                    } else {
                        scalarValue = 0xFFFD
                    }
                } else if unit >= 0xDC00 && unit < 0xE000 {
                    scalarValue = 0xFFFD  // lone low surrogate: decode lossily
                }
                let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
                out.append(contentsOf: String(Character(scalar)).utf8)
                i += consumed
                continue
            default:
                throw fail("invalid escape sequence '\\\(describeEscape(e))' in string", at: i)
            }
            i += 2
        }
        throw fail("unterminated string", at: open)
    }

    /// Validates a string literal at `pos` and moves past it without decoding.
    mutating func skipString() throws(JSONParseError) {
        let open = pos
        var i = pos + 1
        while i < buf.count {
            let c = buf[i]
            if c == UInt8(ascii: "\"") {
                pos = i + 1
                return
            }
            if c < 0x20 { throw fail("unescaped control character in string", at: i) }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < buf.count else { break }
                switch buf[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    _ = try hex4(at: i + 2, escapeAt: i)
                    i += 6
                default:
                    throw fail("invalid escape sequence '\\\(describeEscape(buf[i + 1]))' in string", at: i)
                }
                continue
            }
            i += 1
        }
        throw fail("unterminated string", at: open)
    }

    func describeEscape(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return String(Character(Unicode.Scalar(c))) }
        return "<0x" + String(c, radix: 16, uppercase: true) + ">"
    }

    /// Reads four hex digits at `offset` (part of a `\u` escape starting at `escapeAt`).
    func hex4(at offset: Int, escapeAt: Int) throws(JSONParseError) -> UInt16 {
        guard offset + 4 <= buf.count else { throw fail("invalid \\u escape in string", at: escapeAt) }
        var value: UInt16 = 0
        for k in 0..<4 {
            let c = buf[offset + k]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw fail("invalid \\u escape in string", at: escapeAt)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
