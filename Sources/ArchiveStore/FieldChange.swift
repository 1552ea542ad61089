/// One difference between two versions (or one version at two captures).
public struct FieldChange: Sendable, Equatable, Codable {
    /// The section of the field.
    public var section: String
    /// The field's name.
    public var name: String
    /// The value on the left (nil when absent).
    public var a: VersionFieldValue?
    /// The value on the right (nil when absent).
    public var b: VersionFieldValue?
    /// Whether the values are equal (only listed when unchanged fields are asked for).
    public var same: Bool
}
