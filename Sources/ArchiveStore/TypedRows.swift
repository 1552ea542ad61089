import GRDB
import ModelArtsAPI

/// The typed rows derived from one entity revision's raw JSON: table name → rows of column values.
///
/// Derivation is a pure function of (kind, key, raw bytes), so `verify` can re-derive and compare,
/// and the typed tables can be rebuilt from `revisions.raw` at any time.
struct TypedRows: Equatable, Sendable {
    typealias Values = [String: DatabaseValue]
    var tables: [String: [Values]] = [:]
    /// Why the raw JSON derived no rows, when it does not decode as its v1 model.
    var failure: TypedDerivationFailure?

    /// Every table that holds rows keyed by `revision_id`.
    static let allTables = [
        "jobs", "versions", "parameters", "data_sources", "volumes", "model_metrics", "system_metrics",
        "configs", "resource_specs", "ai_engines", "algorithms", "visualization_jobs", "v2_jobs",
    ]

    /// Marker written in place of a redacted parameter value.
    static let redactionMarker = ParameterRedactor.marker

    mutating func add(_ table: String, _ values: Values) {
        tables[table, default: []].append(values)
    }

    /// Derives the rows for an entity. An entity whose JSON does not decode as its v1 model derives no rows
    /// and records why in ``failure`` (its raw bytes are still stored).
    static func derive(kind: EntityKind, key: String, json: JSONValue) -> TypedRows {
        do {
            return try deriveOrThrow(kind: kind, key: key, json: json)
        } catch {
            var rows = TypedRows()
            rows.failure = TypedDerivationFailure(kind: kind, key: key, model: error.model, message: error.message)
            return rows
        }
    }

    private static func deriveOrThrow(kind: EntityKind, key: String, json: JSONValue) throws(ModelDecodingError) -> TypedRows {
        var rows = TypedRows()
        let keyParts = key.split(separator: "/", maxSplits: 1).map(String.init)
        switch kind {
        case .job:
            try rows.add("jobs", from: try V1JobListEntry(json: json))
        case .version, .versionDetail:
            let v = try V1Version(json: json)
            let jobID = v.jobID ?? keyParts.first.flatMap { Int64($0) }
            try rows.add("versions", from: v, computed: [
                "job_id": (jobID ?? 0).databaseValue, "metric_interval": v.systemMetrics?.interval.databaseValue ?? .null,
            ])
            try rows.addRunDetails(parameters: v.parameters, dataSources: v.dataSources, volumes: v.volumes)
            if let metrics = v.modelMetrics { try rows.addModelMetrics(metrics) }
            if let system = v.systemMetrics {
                for series in system.series {
                    for (i, value) in series.values.enumerated() {
                        try rows.add("system_metrics", computed: [
                            "series": series.name.databaseValue, "position": i.databaseValue, "value": value.databaseValue,
                        ])
                    }
                }
            }
        case .config, .configSummary:
            let c = try V1Config(json: json)
            try rows.add("configs", from: c, computed: ["config_type": (keyParts.first ?? "custom").databaseValue])
            try rows.addRunDetails(parameters: c.parameters, dataSources: c.dataSources, volumes: c.volumes)
        case .resourceSpec:
            try rows.add("resource_specs", from: try V1ResourceSpec(json: json))
        case .aiEngine:
            try rows.add("ai_engines", from: try V1AIEngine(json: json))
        case .algorithm:
            try rows.add("algorithms", from: try V1BuiltInAlgorithm(json: json))
        case .visualizationJob:
            try rows.add("visualization_jobs", from: try V1VisualizationJob(json: json))
        case .v2Job, .v2JobDetail:
            let job = try V2TrainingJob(json: json)
            // One row from the job's parts; a name the parts share (`name`, `id`) is taken from the first.
            try rows.add(
                "v2_jobs", fromAll: [job.metadata, job.status, job.algorithm, job.algorithm?.engine, job.spec?.resource],
                computed: [
                    "job_id": job.id.databaseValue, "kind": job.kind.databaseValue, "task_count": job.status?.tasks?.count.databaseValue ?? .null,
                    "algorithm_id": job.algorithm?.id.databaseValue ?? .null, "algorithm_name": job.algorithm?.name.databaseValue ?? .null,
                ])
        case .logFileList, .list, .v2Tasks, .v2Stages, .v2Event, .v2Metrics, .v2Flavor, .v2Engine, .v2Algorithm, .v2Pool:
            break
        }
        return rows
    }

    /// Adds a row of `table` whose columns come from `model`'s properties of the same names, then `computed`
    /// (``TypedColumns/row(_:from:computed:)``).
    private mutating func add(_ table: String, from model: Any? = nil, computed: Values = [:]) throws(ModelDecodingError) {
        add(table, try TypedColumns.row(table, from: model, computed: computed))
    }

    /// Adds a row of `table` whose columns come from the properties of several models (the first that spells a
    /// column gives its value), then `computed`.
    private mutating func add(_ table: String, fromAll models: [Any?], computed: Values = [:]) throws(ModelDecodingError) {
        add(table, try TypedColumns.row(table, fromAll: models.compactMap { $0 }, computed: computed))
    }

    private mutating func addRunDetails(parameters: [V1Parameter], dataSources: [V1DataSource], volumes: [V1Volume]) throws(ModelDecodingError) {
        for (i, p) in parameters.enumerated() {
            let text = p.value.string
            try add("parameters", from: p, computed: [
                "position": i.databaseValue, "value_json": p.value.serialized().databaseValue, "value_text": text.databaseValue,
                "redacted": (text == TypedRows.redactionMarker ? 1 : 0).databaseValue,
            ])
        }
        for (i, d) in dataSources.enumerated() {
            try add("data_sources", from: d, computed: ["position": i.databaseValue])
        }
        for (i, v) in volumes.enumerated() {
            let kind: String
            switch v.kind {
            case .nfs: kind = "nfs"
            case .hostPath: kind = "host_path"
            case .unknown(let name): kind = name
            }
            try add("volumes", from: v, computed: ["position": i.databaseValue, "kind": kind.databaseValue, "volume_id": v.id.databaseValue])
        }
    }

    private mutating func addModelMetrics(_ metrics: V1ModelMetrics) throws(ModelDecodingError) {
        var position = 0
        func metric(_ classID: String?, _ className: String?, _ name: String, _ value: JSONValue) throws(ModelDecodingError) {
            try add("model_metrics", computed: [
                "position": position.databaseValue, "class_id": classID.databaseValue, "class_name": className.databaseValue,
                "metric": name.databaseValue, "value_json": value.serialized().databaseValue, "value": value.double.databaseValue,
            ])
            position += 1
        }
        for cls in metrics.perClass {
            for (name, value) in cls.values { try metric(cls.classID, cls.className, name, value) }
        }
        for (name, value) in metrics.totals { try metric(nil, nil, name, value) }
    }

    /// Inserts every row with `revision_id` set; with `columns`, only the columns each table has (a migration
    /// re-deriving rows before later migrations add theirs).
    func insert(_ db: Database, revisionID: Int64, columns: [String: Set<String>]? = nil) throws {
        for table in tables.keys.sorted() {
            for values in tables[table] ?? [] {
                let names = values.keys.sorted().filter { columns?[table]?.contains($0) ?? true }
                let columns = ["revision_id"] + names
                let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
                var args: [DatabaseValue] = [revisionID.databaseValue]
                args += names.map { values[$0] ?? .null }
                // Cached statements: a snapshot stores thousands of revisions, and compiling (and authorizing) the
                // same few statements each time was a visible part of its writer thread's time.
                let statement = try db.cachedStatement(sql: "INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
                try statement.execute(arguments: StatementArguments(args))
            }
        }
    }

    /// Deletes every typed row of a revision.
    static func delete(_ db: Database, revisionID: Int64) throws {
        for table in allTables {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE revision_id = ?").execute(arguments: [revisionID])
        }
    }

    /// Loads the stored typed rows of a revision, in the same shape `derive` produces.
    static func load(_ db: Database, revisionID: Int64, tables: [String] = allTables) throws -> TypedRows {
        var rows = TypedRows()
        for table in tables {
            // A cached statement: verify loads every revision's rows, and compiling (and authorizing) the same
            // query each time cost a fifth of its run.
            let statement = try db.cachedStatement(sql: "SELECT * FROM \(table) WHERE revision_id = ?")
            for row in try Row.fetchAll(statement, arguments: [revisionID]) {
                var values: Values = [:]
                for (column, value) in row where column != "revision_id" {
                    values[column] = value
                }
                rows.add(table, values)
            }
        }
        return rows
    }

    /// The first difference between these rows (derived) and `stored`, in words, or nil when they hold the same
    /// rows: `versions: column status is NULL in storage, 6 in the raw JSON`, `parameters: 3 rows stored, 4 derived`.
    func difference(from stored: TypedRows) -> String? {
        guard !sameContent(as: stored) else { return nil }
        for table in Set(tables.keys).union(stored.tables.keys).sorted() {
            let derived = tables[table] ?? []
            let kept = stored.tables[table] ?? []
            if derived.count != kept.count {
                return "\(table): \(kept.count) row(s) stored, \(derived.count) derived"
            }
            let a = derived.sorted { TypedRows.canonical($0) < TypedRows.canonical($1) }
            let b = kept.sorted { TypedRows.canonical($0) < TypedRows.canonical($1) }
            for (d, k) in zip(a, b) where TypedRows.canonical(d) != TypedRows.canonical(k) {
                for column in Set(d.keys).union(k.keys).sorted() where d[column] != k[column] {
                    let storedText = k[column].map { StoredRow.describe($0, as: Any.self) } ?? "missing"
                    let derivedText = d[column].map { StoredRow.describe($0, as: Any.self) } ?? "missing"
                    return "\(table): column \(column) is \(storedText) in storage, \(derivedText) in the raw JSON"
                }
            }
        }
        return "rows differ"
    }

    /// Rows compared as multisets per table (row order in storage is not significant).
    func sameContent(as other: TypedRows) -> Bool {
        let lhs = tables.filter { !$0.value.isEmpty }
        let rhs = other.tables.filter { !$0.value.isEmpty }
        guard Set(lhs.keys) == Set(rhs.keys) else { return false }
        for (table, rows) in lhs {
            guard let others = rhs[table], others.count == rows.count else { return false }
            // Usually the rows come in the same order with the same stored values: no canonical text needed.
            if zip(rows, others).allSatisfy(TypedRows.identical) { continue }
            let a = rows.map { TypedRows.canonical($0) }.sorted()
            let b = others.map { TypedRows.canonical($0) }.sorted()
            if a != b { return false }
        }
        return true
    }

    /// Whether two rows hold the same columns with values of the same storage class and the same value — a
    /// sufficient condition for equal ``canonical(_:)`` text, checked without building it.
    private static func identical(_ a: Values, _ b: Values) -> Bool {
        guard a.count == b.count else { return false }
        for (column, x) in a {
            guard let y = b[column] else { return false }
            switch (x.storage, y.storage) {
            case (.null, .null): continue
            case (.int64(let p), .int64(let q)) where p == q: continue
            case (.double(let p), .double(let q)) where p.bitPattern == q.bitPattern: continue
            // Byte for byte: String's == treats canonically equivalent spellings as equal, the canonical text does not.
            case (.string(let p), .string(let q)) where p.utf8.elementsEqual(q.utf8): continue
            case (.blob(let p), .blob(let q)) where p == q: continue
            default: return false
            }
        }
        return true
    }

    private static func canonical(_ values: Values) -> String {
        values.keys.sorted().map { "\($0)=\(values[$0]?.description ?? "NULL")" }.joined(separator: "\u{1}")
    }
}
