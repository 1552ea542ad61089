extension V1LogPage {
    /// Builds an `aom-log` success body by hand, in the key order the live service was seen to use
    /// (`start_line`, `lines`, `is_success`, `end_line`, `content`), with cursors as strings.
    ///
    /// `content` is written with ``JSONStringLiteral``'s canonical escaping; no Foundation encoder is
    /// involved (it is 3× slower and escapes `/`).
    public static func renderBody(startLine: String, endLine: String, lines: Int, content: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(content.count + content.count / 16 + 128)
        out += Array(#"{"start_line":""#.utf8)
        out += Array(startLine.utf8)
        out += Array(#"","lines":"#.utf8)
        out += Array(String(lines).utf8)
        out += Array(#","is_success":true,"end_line":""#.utf8)
        out += Array(endLine.utf8)
        out += Array(#"","content":"#.utf8)
        JSONStringLiteral.append(content, to: &out)
        out.append(0x7D)
        return out
    }

    /// Builds an `aom-log` success body from content bytes.
    public static func renderBody(startLine: String, endLine: String, lines: Int, content: [UInt8]) -> [UInt8] {
        content.withUnsafeBufferPointer { renderBody(startLine: startLine, endLine: endLine, lines: lines, content: $0) }
    }
}
