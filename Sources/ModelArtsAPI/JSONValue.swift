/// A parsed JSON value that keeps object key order, duplicate keys and the literal spelling of numbers.
///
/// Equality is structural and order-sensitive: two objects are equal only when they list the same
/// keys in the same order with equal values, and two numbers are equal only when they are spelled
/// identically (`1.0` and `1` differ). That is what "byte-faithful" storage needs.
public indirect enum JSONValue: Sendable, Equatable {
    /// An object, as its members in document order (duplicates kept).
    case object([(key: String, value: JSONValue)])
    /// An array.
    case array([JSONValue])
    /// A string, decoded (escapes resolved; invalid UTF-8 replaced by U+FFFD).
    case string(String)
    /// A number, as its literal spelling, e.g. `"0.01"`, `"1551252759254000002"`, `"-1e5"`.
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// Structural, order-sensitive equality (numbers compare by spelling).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.object(a), .object(b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where x.key != y.key || x.value != y.value {
                return false
            }
            return true
        case let (.array(a), .array(b)):
            return a == b
        case let (.string(a), .string(b)):
            return a == b
        case let (.number(a), .number(b)):
            return a == b
        case let (.bool(a), .bool(b)):
            return a == b
        case (.null, .null):
            return true
        default:
            return false
        }
    }
}
