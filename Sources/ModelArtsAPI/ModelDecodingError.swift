/// A wire model could not be built from a JSON value (not an object, or a required id missing).
public struct ModelDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model type being decoded, e.g. `V1Version`.
    public var model: String
    /// What was wrong.
    public var message: String

    /// Creates an error for `model`.
    public init(model: String, message: String) {
        self.model = model
        self.message = message
    }

    /// `cannot decode V1Version: missing or invalid "version_id"`.
    public var description: String { "cannot decode \(model): \(message)" }
}
