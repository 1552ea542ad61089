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
        "configs", "resource_specs", "ai_engines", "algorithms", "visualization_jobs",
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
            let job = try V1JobListEntry(json: json)
            rows.add("jobs", [
                "job_id": job.jobID.databaseValue, "job_name": job.jobName.databaseValue,
                "version_id": job.versionID.databaseValue, "status": job.status.databaseValue,
                "create_time": job.createTime.databaseValue, "duration": job.duration.databaseValue,
                "job_desc": job.jobDesc.databaseValue, "version_count": job.versionCount.databaseValue,
            ])
        case .version, .versionDetail:
            let v = try V1Version(json: json)
            let jobID = v.jobID ?? keyParts.first.flatMap { Int64($0) }
            rows.add("versions", [
                "job_id": (jobID ?? 0).databaseValue, "version_id": v.versionID.databaseValue,
                "version_name": v.versionName.databaseValue, "pre_version_id": v.preVersionID.databaseValue,
                "status": v.status.databaseValue, "engine_type": v.engineType.databaseValue,
                "engine_name": v.engineName.databaseValue, "engine_id": v.engineID.databaseValue,
                "engine_version": v.engineVersion.databaseValue, "spec_id": v.specID.databaseValue,
                "spec_code": v.specCode.databaseValue, "flavor_code": v.flavorCode.databaseValue,
                "core": v.core.databaseValue, "cpu": v.cpu.databaseValue, "gpu_num": v.gpuNum.databaseValue,
                "gpu_type": v.gpuType.databaseValue, "worker_server_num": v.workerServerNum.databaseValue,
                "pool_id": v.poolID.databaseValue, "pool_name": v.poolName.databaseValue,
                "pool_type": v.poolType.databaseValue, "dataset_id": v.datasetID.databaseValue,
                "dataset_version_id": v.datasetVersionID.databaseValue, "dataset_name": v.datasetName.databaseValue,
                "data_url": v.dataURL.databaseValue, "train_url": v.trainURL.databaseValue,
                "log_url": v.logURL.databaseValue, "app_url": v.appURL.databaseValue,
                "boot_file_url": v.bootFileURL.databaseValue, "model_id": v.modelID.databaseValue,
                "user_image_url": v.userImageURL.databaseValue, "user_command": v.userCommand.databaseValue,
                "create_time": v.createTime.databaseValue, "start_time": v.startTime.databaseValue,
                "duration": v.duration.databaseValue, "metric_interval": v.systemMetrics?.interval.databaseValue ?? .null,
            ])
            rows.addRunDetails(parameters: v.parameters, dataSources: v.dataSources, volumes: v.volumes)
            if let metrics = v.modelMetrics { rows.addModelMetrics(metrics) }
            if let system = v.systemMetrics {
                for series in system.series {
                    for (i, value) in series.values.enumerated() {
                        rows.add("system_metrics", [
                            "series": series.name.databaseValue, "position": i.databaseValue, "value": value.databaseValue,
                        ])
                    }
                }
            }
        case .config, .configSummary:
            let c = try V1Config(json: json)
            rows.add("configs", [
                "config_type": (keyParts.first ?? "custom").databaseValue,
                "config_name": c.configName.databaseValue,
                "config_desc": c.configDesc.databaseValue, "create_time": c.createTime.databaseValue,
                "engine_type": c.engineType.databaseValue, "engine_name": c.engineName.databaseValue,
                "engine_id": c.engineID.databaseValue, "engine_version": c.engineVersion.databaseValue,
                "spec_id": c.specID.databaseValue, "spec_code": c.specCode.databaseValue,
                "worker_server_num": c.workerServerNum.databaseValue, "app_url": c.appURL.databaseValue,
                "boot_file_url": c.bootFileURL.databaseValue, "data_url": c.dataURL.databaseValue,
                "train_url": c.trainURL.databaseValue, "log_url": c.logURL.databaseValue,
                "model_id": c.modelID.databaseValue, "user_image_url": c.userImageURL.databaseValue,
                "user_command": c.userCommand.databaseValue, "pool_id": c.poolID.databaseValue,
                "pool_name": c.poolName.databaseValue,
            ])
            rows.addRunDetails(parameters: c.parameters, dataSources: c.dataSources, volumes: c.volumes)
        case .resourceSpec:
            let s = try V1ResourceSpec(json: json)
            rows.add("resource_specs", [
                "spec_id": s.specID.databaseValue, "spec_code": s.specCode.databaseValue, "core": s.core.databaseValue,
                "cpu": s.cpu.databaseValue, "gpu_num": s.gpuNum.databaseValue, "gpu_type": s.gpuType.databaseValue,
                "max_num": s.maxNum.databaseValue, "unit_num": s.unitNum.databaseValue,
                "storage": s.storage.databaseValue, "interface_type": s.interfaceType.databaseValue,
                "no_resource": s.noResource.databaseValue,
            ])
        case .aiEngine:
            let e = try V1AIEngine(json: json)
            rows.add("ai_engines", [
                "engine_id": e.engineID.databaseValue, "engine_type": e.engineType.databaseValue,
                "engine_name": e.engineName.databaseValue, "engine_version": e.engineVersion.databaseValue,
            ])
        case .algorithm:
            let a = try V1BuiltInAlgorithm(json: json)
            rows.add("algorithms", [
                "model_id": a.modelID.databaseValue, "model_name": a.modelName.databaseValue,
                "model_usage": a.modelUsage.databaseValue, "model_precision": a.modelPrecision.databaseValue,
                "model_size": a.modelSize.databaseValue, "engine_id": a.engineID.databaseValue,
                "engine_name": a.engineName.databaseValue, "engine_version": a.engineVersion.databaseValue,
                "create_time": a.createTime.databaseValue,
            ])
        case .visualizationJob:
            let j = try V1VisualizationJob(json: json)
            rows.add("visualization_jobs", [
                "job_id": j.jobID.databaseValue, "job_name": j.jobName.databaseValue, "status": j.status.databaseValue,
                "create_time": j.createTime.databaseValue, "duration": j.duration.databaseValue,
                "job_desc": j.jobDesc.databaseValue, "service_url": j.serviceURL.databaseValue,
                "train_url": j.trainURL.databaseValue, "resource_id": j.resourceID.databaseValue,
            ])
        case .logFileList, .list:
            break
        }
        return rows
    }

    private mutating func addRunDetails(parameters: [V1Parameter], dataSources: [V1DataSource], volumes: [V1Volume]) {
        for (i, p) in parameters.enumerated() {
            let text = p.value.string
            add("parameters", [
                "position": i.databaseValue, "label": p.label.databaseValue,
                "value_json": p.value.serialized().databaseValue, "value_text": text.databaseValue,
                "redacted": (text == TypedRows.redactionMarker ? 1 : 0).databaseValue,
            ])
        }
        for (i, d) in dataSources.enumerated() {
            add("data_sources", [
                "position": i.databaseValue, "type": d.type.databaseValue, "dataset_id": d.datasetID.databaseValue,
                "dataset_version": d.datasetVersion.databaseValue, "data_url": d.dataURL.databaseValue,
            ])
        }
        for (i, v) in volumes.enumerated() {
            let kind: String
            switch v.kind {
            case .nfs: kind = "nfs"
            case .hostPath: kind = "host_path"
            case .unknown(let name): kind = name
            }
            add("volumes", [
                "position": i.databaseValue, "kind": kind.databaseValue, "volume_id": v.id.databaseValue,
                "src_path": v.srcPath.databaseValue, "dest_path": v.destPath.databaseValue,
                "read_only": v.readOnly.databaseValue,
            ])
        }
    }

    private mutating func addModelMetrics(_ metrics: V1ModelMetrics) {
        var position = 0
        for cls in metrics.perClass {
            for (name, value) in cls.values {
                add("model_metrics", [
                    "position": position.databaseValue, "class_id": cls.classID.databaseValue,
                    "class_name": cls.className.databaseValue, "metric": name.databaseValue,
                    "value_json": value.serialized().databaseValue, "value": value.double.databaseValue,
                ])
                position += 1
            }
        }
        for (name, value) in metrics.totals {
            add("model_metrics", [
                "position": position.databaseValue, "class_id": DatabaseValue.null, "class_name": DatabaseValue.null,
                "metric": name.databaseValue, "value_json": value.serialized().databaseValue,
                "value": value.double.databaseValue,
            ])
            position += 1
        }
    }

    /// Inserts every row with `revision_id` set.
    func insert(_ db: Database, revisionID: Int64) throws {
        for table in tables.keys.sorted() {
            for values in tables[table] ?? [] {
                let columns = ["revision_id"] + values.keys.sorted()
                let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
                var args: [DatabaseValue] = [revisionID.databaseValue]
                args += values.keys.sorted().map { values[$0] ?? .null }
                try db.execute(
                    sql: "INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES (\(placeholders))",
                    arguments: StatementArguments(args))
            }
        }
    }

    /// Deletes every typed row of a revision.
    static func delete(_ db: Database, revisionID: Int64) throws {
        for table in allTables {
            try db.execute(sql: "DELETE FROM \(table) WHERE revision_id = ?", arguments: [revisionID])
        }
    }

    /// Loads the stored typed rows of a revision, in the same shape `derive` produces.
    static func load(_ db: Database, revisionID: Int64) throws -> TypedRows {
        var rows = TypedRows()
        for table in allTables {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE revision_id = ?", arguments: [revisionID]) {
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
            let a = rows.map { TypedRows.canonical($0) }.sorted()
            let b = others.map { TypedRows.canonical($0) }.sorted()
            if a != b { return false }
        }
        return true
    }

    private static func canonical(_ values: Values) -> String {
        values.keys.sorted().map { "\($0)=\(values[$0]?.description ?? "NULL")" }.joined(separator: "\u{1}")
    }
}
