/// Namespace of the `Snapshot` module (its work lands with its own issue; see DESIGN.md).
public enum SnapshotModule {
    /// The module's name, for diagnostics.
    public static let name = "Snapshot"
}
