/// Byte-exact JSON string literals for log text, which may hold invalid UTF-8.
///
/// The canonical form escapes `"` and `\` and the control characters below U+0020 (as `\n`, `\r`, `\t`,
/// `\b`, `\f` or `\u00XX` with lowercase hex) and copies every other byte unchanged — including bytes
/// that are not valid UTF-8, so that a log's bytes survive a trip through the API exactly.
public enum JSONStringLiteral {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends the canonical literal of `bytes`, quotes included, to `out`.
    public static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        var runStart = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C {
                i += 1
                continue
            }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0x08: out.append(0x5C); out.append(0x62)
            case 0x0C: out.append(0x5C); out.append(0x66)
            default:
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
            }
            i += 1
            runStart = i
        }
        if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n])) }
        out.append(0x22)
    }

    /// The canonical literal of `bytes`, quotes included.
    public static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8 + 2)
        bytes.withUnsafeBufferPointer { append($0, to: &out) }
        return out
    }

    /// Decodes a JSON string literal (quotes included) to bytes; raw non-ASCII bytes pass through unchanged.
    ///
    /// Returns nil for a malformed literal. `\uXXXX` escapes become UTF-8 (surrogate pairs joined; a lone
    /// surrogate becomes U+FFFD).
    public static func decode(_ literal: some Collection<UInt8>) -> [UInt8]? {
        let bytes = Array(literal)
        return bytes.withUnsafeBufferPointer { decode(buffer: $0) }
    }

    private static func decode(buffer bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard bytes.count >= 2, bytes[0] == 0x22, bytes[bytes.count - 1] == 0x22 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 1
        let end = bytes.count - 1
        while i < end {
            // Copy the run up to the next backslash in one go.
            var j = i
            while j < end, bytes[j] != 0x5C {
                if bytes[j] == 0x22 { return nil }
                j += 1
            }
            if j > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j])) }
            i = j
            guard i < end else { break }
            guard i + 1 < end else { return nil }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard let unit = hexUnit(bytes, i, end) else { return nil }
                i += 4
                var scalarValue = UInt32(unit)
                if unit >= 0xD800 && unit < 0xDC00 {
                    if i + 6 <= end, bytes[i] == 0x5C, bytes[i + 1] == 0x75, let low = hexUnit(bytes, i + 2, end),
                        low >= 0xDC00 && low < 0xE000
                    {
                        scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                        i += 6
                    } else {
                        scalarValue = 0xFFFD
                    }
                } else if unit >= 0xDC00 && unit < 0xE000 {
                    scalarValue = 0xFFFD
                }
                let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                return nil
            }
        }
        return out
    }

    private static func hexUnit(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int, _ end: Int) -> UInt16? {
        guard at + 4 <= end else { return nil }
        var v: UInt16 = 0
        for k in 0..<4 {
            let c = bytes[at + k]
            let d: UInt16
            switch c {
            case 0x30...0x39: d = UInt16(c - 0x30)
            case 0x41...0x46: d = UInt16(c - 0x41 + 10)
            case 0x61...0x66: d = UInt16(c - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }
}
