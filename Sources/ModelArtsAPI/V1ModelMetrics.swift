/// Model evaluation metrics parsed from a version's `model_metric_list` (a JSON-encoded string, or leniently an object).
public struct V1ModelMetrics: Sendable, Equatable {
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
        let object: JSONValue
        switch json {
        case .string(let text):
            do {
                object = try RawJSON.parse(Array(text.utf8))
            } catch {
                throw ModelDecodingError(model: "V1ModelMetrics", message: "model_metric_list is not JSON: \(error)")
            }
        default:
            object = json
        }
        let f = try FieldReader(object, model: "V1ModelMetrics")
        var perClass: [ClassMetric] = []
        for entry in f.array("metric") {
            let meta = entry["metric_meta"]
            perClass.append(
                ClassMetric(
                    classID: meta?["class_id"]?.string,
                    className: meta?["class_name"]?.string,
                    values: (entry["metric_values"]?.object ?? []).map { (name: $0.key, value: $0.value) }
                ))
        }
        self.perClass = perClass
        let totalValues = f["total_metric"]?["total_metric_values"]?.object ?? []
        self.totals = totalValues.map { (name: $0.key, value: $0.value) }
    }

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
