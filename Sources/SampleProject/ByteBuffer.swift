/// Fast, locale-free byte appends used by the JSON and log writers.
extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of a static string.
    @inline(__always)
    mutating func put(_ text: StaticString) {
        text.withUTF8Buffer { self.append(contentsOf: $0) }
    }

    /// Appends the UTF-8 bytes of a string.
    @inline(__always)
    mutating func put(_ text: String) {
        append(contentsOf: text.utf8)
    }

    /// Appends one byte.
    @inline(__always)
    mutating func put(byte: UInt8) { append(byte) }

    /// Appends a newline.
    @inline(__always)
    mutating func newline() { append(0x0A) }

    /// Appends a decimal integer.
    mutating func putInt(_ value: Int) {
        if value < 0 {
            append(0x2D)
            putUInt(UInt64(value.magnitude))
        } else {
            putUInt(UInt64(value))
        }
    }

    /// Appends a decimal unsigned integer.
    mutating func putUInt(_ value: UInt64) {
        if value < 10 {
            append(0x30 &+ UInt8(value))
            return
        }
        var digits = 1
        var rest = value / 10
        while rest > 0 { digits += 1; rest /= 10 }
        let start = count
        append(contentsOf: repeatElement(0x30, count: digits))
        var v = value
        var index = start + digits - 1
        while v > 0 {
            self[index] = 0x30 &+ UInt8(v % 10)
            v /= 10
            index -= 1
        }
    }

    /// Appends a non-negative integer left-padded with zeros to `width` digits.
    mutating func putPadded(_ value: Int, width: Int) {
        var pow10 = 1
        for _ in 1..<Swift.max(width, 1) { pow10 *= 10 }
        var v = value
        if v < 0 { append(0x2D); v = -v }
        while pow10 > 1 && v < pow10 {
            append(0x30)
            pow10 /= 10
        }
        putInt(v)
    }

    /// Appends a non-negative integer left-padded with spaces to `width` characters.
    mutating func putSpacePadded(_ value: Int, width: Int) {
        var digits = 1
        var v = value / 10
        while v > 0 { digits += 1; v /= 10 }
        if value < 0 { digits += 1 }
        for _ in 0..<Swift.max(0, width - digits) { append(0x20) }
        putInt(value)
    }

    /// Appends `value` with exactly `decimals` fractional digits, rounding half away from zero.
    mutating func putFixed(_ value: Double, decimals: Int) {
        var scale = 1.0
        var intScale = 1
        for _ in 0..<decimals { scale *= 10; intScale *= 10 }
        guard value.isFinite else { put("nan"); return }
        let clamped = Swift.min(Swift.max(value, -9.0e15 / scale), 9.0e15 / scale)
        let scaled = Int((clamped * scale).rounded(.toNearestOrAwayFromZero))
        if scaled < 0 { append(0x2D) }
        let magnitude = scaled.magnitude
        putUInt(UInt64(magnitude / UInt(intScale)))
        if decimals > 0 {
            append(0x2E)
            putPadded(Int(magnitude % UInt(intScale)), width: decimals)
        }
    }

    /// Appends `value` in Python-like scientific notation, e.g. `2.3012e+00`.
    mutating func putScientific(_ value: Double, decimals: Int) {
        guard value.isFinite, value != 0 else {
            putFixed(0, decimals: decimals)
            put("e+00")
            return
        }
        var mantissa = value.magnitude
        var exponent = 0
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        while mantissa < 1 { mantissa *= 10; exponent -= 1 }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        if (mantissa * scale).rounded(.toNearestOrAwayFromZero) >= 10 * scale {
            mantissa /= 10
            exponent += 1
        }
        if value < 0 { append(0x2D) }
        putFixed(mantissa, decimals: decimals)
        append(0x65)
        append(exponent < 0 ? 0x2D : 0x2B)
        putPadded(Swift.abs(exponent), width: 2)
    }

    /// Appends `count` copies of one byte.
    mutating func putRepeated(_ byte: UInt8, count: Int) {
        guard count > 0 else { return }
        append(contentsOf: repeatElement(byte, count: count))
    }
}
