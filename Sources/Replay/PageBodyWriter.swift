import NIOCore

/// Writes an `aom-log` success body straight into a `ByteBuffer`, escaping the content by hand.
///
/// The bytes are exactly those of `V1LogPage.renderBody` (same key order, cursors as strings,
/// `JSONStringLiteral`'s canonical escaping, invalid UTF-8 passed through), but the content is
/// measured first and then escaped in one pass into a buffer of the exact size, without
/// intermediate arrays (performance notes §6.6).
enum PageBodyWriter {
    /// Escaped length of each byte: 1 unchanged, 2 for `\"` `\\` `\n` `\r` `\t` `\b` `\f`, 6 for `\u00XX`.
    private static let escapedLength: [UInt8] = (0..<256).map { b in
        switch b {
        case 0x22, 0x5C, 0x0A, 0x0D, 0x09, 0x08, 0x0C: return 2
        case 0..<0x20: return 6
        default: return 1
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// The body for `lines` lines whose content is the concatenation of `pieces`; a v2 page (`isSuccess` false)
    /// has the same members without `is_success`.
    static func render(startLine: String, endLine: String, lines: Int, pieces: [ArraySlice<UInt8>], isSuccess: Bool = true) -> ByteBuffer {
        var contentLength = 2
        escapedLength.withUnsafeBufferPointer { table in
            for piece in pieces {
                piece.withUnsafeBufferPointer { bytes in
                    var n = 0
                    for b in bytes { n &+= Int(table[Int(b)]) }
                    contentLength += n
                }
            }
        }
        let head = #"{"start_line":""# + startLine + #"","lines":"# + String(lines) + (isSuccess ? #","is_success":true"# : "")
            + #","end_line":""# + endLine + #"","content":"#
        var buffer = ByteBuffer()
        buffer.reserveCapacity(head.utf8.count + contentLength + 1)
        buffer.writeString(head)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: contentLength) { out in
            guard let base = out.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
            var o = 0
            base[o] = 0x22
            o += 1
            escapedLength.withUnsafeBufferPointer { table in
                hex.withUnsafeBufferPointer { digits in
                    for piece in pieces {
                        piece.withUnsafeBufferPointer { bytes in
                            for b in bytes {
                                if table[Int(b)] == 1 {
                                    base[o] = b
                                    o += 1
                                    continue
                                }
                                base[o] = 0x5C
                                switch b {
                                case 0x22: base[o + 1] = 0x22
                                case 0x5C: base[o + 1] = 0x5C
                                case 0x0A: base[o + 1] = 0x6E
                                case 0x0D: base[o + 1] = 0x72
                                case 0x09: base[o + 1] = 0x74
                                case 0x08: base[o + 1] = 0x62
                                case 0x0C: base[o + 1] = 0x66
                                default:
                                    base[o + 1] = 0x75
                                    base[o + 2] = 0x30
                                    base[o + 3] = 0x30
                                    base[o + 4] = digits[Int(b >> 4)]
                                    base[o + 5] = digits[Int(b & 0x0F)]
                                    o += 6
                                    continue
                                }
                                o += 2
                            }
                        }
                    }
                }
            }
            base[o] = 0x22
            return o + 1
        }
        buffer.writeInteger(UInt8(ascii: "}"))
        return buffer
    }
}
