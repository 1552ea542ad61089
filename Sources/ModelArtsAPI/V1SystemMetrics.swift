/// System monitoring series parsed from a version's `system_metric_list` (an object, or a JSON-encoded string).
public struct V1SystemMetrics: Sendable, Equatable, Decodable {
    /// `interval` (sampling interval as given; the unit is undocumented).
    public var interval: Int64?
    /// Each array-valued member in key order, e.g. `cpuUsage`; non-numeric samples are nil.
    public var series: [(name: String, values: [Double?])]

    /// Creates metrics.
    public init(interval: Int64? = nil, series: [(name: String, values: [Double?])] = []) {
        self.interval = interval
        self.series = series
    }

    /// Decodes a `system_metric_list` value: an object or a JSON-encoded string of one.
    public init(json: JSONValue) throws(ModelDecodingError) {
        let members = try json.embeddedObject(model: "V1SystemMetrics", field: "system_metric_list").object ?? []
        var interval: Int64?
        var series: [(name: String, values: [Double?])] = []
        for member in members {
            if member.key == "interval" {
                if interval == nil { interval = member.value.int64 }
            } else if let samples = member.value.array {
                series.append((name: member.key, values: samples.map { $0.double }))
            }
        }
        self.interval = interval
        self.series = series
    }

    /// Decodes through `init(json:)`.
    public init(from decoder: any Decoder) throws { try self.init(json: JSONValueDecoder.json(of: decoder)) }

    /// Lenient field decoding: nil for absent, null or unparseable values; never throws.
    public init?(field: JSONValue?) {
        // try?: the raw JSON keeps the field whatever it holds; only the typed view is absent.
        guard let field, !field.isNull, let metrics = try? V1SystemMetrics(json: field) else { return nil }
        self = metrics
    }

    /// The samples of the first series named `name`.
    public func values(_ name: String) -> [Double?]? { series.first(where: { $0.name == name })?.values }

    /// Order-sensitive equality.
    public static func == (lhs: V1SystemMetrics, rhs: V1SystemMetrics) -> Bool {
        lhs.interval == rhs.interval && lhs.series.count == rhs.series.count
            && zip(lhs.series, rhs.series).allSatisfy { $0.name == $1.name && $0.values == $1.values }
    }
}
