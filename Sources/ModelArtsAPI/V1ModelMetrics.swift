/// Model evaluation metrics parsed from a version's `model_metric_list` (a JSON-encoded string, or leniently an object).
public struct V1ModelMetrics: Sendable, Equatable, Decodable {
    /// Metrics of one class, from one `metric[]` entry.
    public struct ClassMetric: Sendable, Equatable {
        /// `metric_meta.class_id` (numbers given by spelling).
        public var classID: String?
        /// `metric_meta.class_name` (numbers given by spelling).
        public var className: String?
        /// `metric_values`, in document order, e.g. `recall`, `precision`, `accuracy`.
        public var values: [(name: String, value: JSONValue)]

        /// Creates a class metric.
        public init(classID: String?, className: String?, values: [(name: String, value: JSONValue)]) {
            self.classID = classID
            self.className = className
            self.values = values
        }

        /// The value of the first metric named `name`.
        public func value(_ name: String) -> JSONValue? { values.first(where: { $0.name == name })?.value }

        /// Order-sensitive equality.
        public static func == (lhs: ClassMetric, rhs: ClassMetric) -> Bool {
            lhs.classID == rhs.classID && lhs.className == rhs.className
                && V1ModelMetrics.samePairs(lhs.values, rhs.values)
        }
    }

    /// Per-class metrics, from `metric[]`.
    public var perClass: [ClassMetric]
    /// Overall metrics, from `total_metric.total_metric_values`, in document order.
    public var totals: [(name: String, value: JSONValue)]

    /// Creates metrics.
    public init(perClass: [ClassMetric] = [], totals: [(name: String, value: JSONValue)] = []) {
        self.perClass = perClass
        self.totals = totals
    }

    /// Decodes a `model_metric_list` value: a JSON-encoded string (`"{}"` gives empty metrics) or an object.
    public init(json: JSONValue) throws(ModelDecodingError) {
        let object = try json.embeddedObject(model: "V1ModelMetrics", field: "model_metric_list")
        var perClass: [ClassMetric] = []
        for entry in object["metric"]?.array ?? [] {
            let meta = entry["metric_meta"]
            perClass.append(
                ClassMetric(
                    classID: meta?["class_id"]?.string,
                    className: meta?["class_name"]?.string,
                    values: (entry["metric_values"]?.object ?? []).map { (name: $0.key, value: $0.value) }
                ))
        }
        self.perClass = perClass
        let totalValues = object["total_metric"]?["total_metric_values"]?.object ?? []
        self.totals = totalValues.map { (name: $0.key, value: $0.value) }
    }

    /// Decodes through `init(json:)`.
    public init(from decoder: any Decoder) throws { try self.init(json: JSONValueDecoder.json(of: decoder)) }

    /// Lenient field decoding: nil for absent, null or unparseable values; never throws.
    public init?(field: JSONValue?) {
        // try?: the raw JSON keeps the field whatever it holds; only the typed view is absent.
        guard let field, !field.isNull, let metrics = try? V1ModelMetrics(json: field) else { return nil }
        self = metrics
    }

    /// The first overall metric named `name`.
    public func total(_ name: String) -> JSONValue? { totals.first(where: { $0.name == name })?.value }

    /// Order-sensitive equality.
    public static func == (lhs: V1ModelMetrics, rhs: V1ModelMetrics) -> Bool {
        lhs.perClass == rhs.perClass && samePairs(lhs.totals, rhs.totals)
    }

    static func samePairs(_ a: [(name: String, value: JSONValue)], _ b: [(name: String, value: JSONValue)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}
