/// Namespace of the `ModelArtsClient` module (its work lands with its own issue; see DESIGN.md).
public enum ModelArtsClientModule {
    /// The module's name, for diagnostics.
    public static let name = "ModelArtsClient"
}
