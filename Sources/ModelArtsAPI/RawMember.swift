/// One member of a JSON object, located by exact byte ranges in the source document.
public struct RawMember: Sendable, Equatable {
    /// The decoded key.
    public var key: String
    /// The bytes of the key's string literal, quotes included.
    public var keyRange: Range<Int>
    /// The bytes of the value, exactly as written (no surrounding whitespace).
    public var valueRange: Range<Int>

    /// Creates a member description.
    public init(key: String, keyRange: Range<Int>, valueRange: Range<Int>) {
        self.key = key
        self.keyRange = keyRange
        self.valueRange = valueRange
    }
}
