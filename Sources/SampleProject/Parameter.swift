/// One run parameter of a version.
struct Parameter: Sendable {
    /// The label.
    var label: String
    /// The value as it appears in JSON: a bare number or a quoted string's content.
    var value: String
    /// Whether the JSON value is a string.
    var quoted: Bool
}
