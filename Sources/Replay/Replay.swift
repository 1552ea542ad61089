/// Namespace of the `Replay` module (its work lands with its own issue; see DESIGN.md).
public enum ReplayModule {
    /// The module's name, for diagnostics.
    public static let name = "Replay"
}
