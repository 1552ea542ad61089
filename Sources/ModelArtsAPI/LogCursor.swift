/// The line cursors of `aom-log` and v2 log pages (`start_line`, `end_line`, `base_line`): decimal strings.
public enum LogCursor {
    /// A cursor's value: 1 to 20 ASCII digits that fit in 64 bits; nil for anything else (empty, signed,
    /// spaced, too large).
    public static func value(_ text: String?) -> UInt64? {
        guard let utf8 = text?.utf8, !utf8.isEmpty, utf8.count <= 20 else { return nil }
        var value: UInt64 = 0
        for c in utf8 {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(c - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            value = s
        }
        return value
    }
}
