/// One field of a version flattened for comparison: a section, a name and a value.
public struct VersionField: Sendable, Equatable, Codable {
    /// `run`, `image`, `spec`, `data`, `parameters`, `metrics`, `system metrics` or `other`.
    public var section: String
    /// The field's name: the JSON key, a parameter label, `class cat.recall`, `volumes[0].src_path`, …
    public var name: String
    /// The value; nil when absent or null.
    public var value: VersionFieldValue?
}

/// The value of a ``VersionField``: the stored JSON as text, or a summary of a system-metric series.
public enum VersionFieldValue: Sendable, Equatable, Codable {
    /// Compact JSON text (strings unquoted).
    case text(String)
    /// A `system_metric_list` series, summarized: how to show it is the caller's choice.
    case series(MetricSeriesSummary)

    /// The text, for a `.text` value.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

/// A series of samples summarized: how many, and the mean and maximum of those that have a value.
public struct MetricSeriesSummary: Sendable, Equatable, Codable {
    /// Samples in the series, with or without a value.
    public var samples: Int
    /// The mean of the samples that have a value (0 when none has).
    public var mean: Double
    /// The largest sample (0 when none has a value).
    public var max: Double
}
