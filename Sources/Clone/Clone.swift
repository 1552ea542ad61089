/// Namespace of the `Clone` module (its work lands with its own issue; see DESIGN.md).
public enum CloneModule {
    /// The module's name, for diagnostics.
    public static let name = "Clone"
}
