import GRDB
import ModelArtsAPI

extension Archive {
    /// Everything about one job as of a capture (nil = latest).
    public func jobDetail(jobID: Int64, asOf capture: Int64? = nil) throws -> JobDetail {
        var filter = JobFilter.everything
        filter.jobID = jobID
        guard let job = try jobs(filter, asOf: capture).first else {
            throw ArchiveError(.noSuchItem, "no job \(jobID) in \(path)\(capture.map { " as of capture \($0)" } ?? "")")
        }
        let versions = try versions(jobID: jobID, asOf: capture)
        let revisions = try revisionInfos(kinds: [.job], key: String(jobID))
        let (files, bytes) = try withReader { db -> (Int, Int) in
            let row = try Row.fetchOne(
                db, sql: "SELECT count(*) AS n, coalesce(sum(byte_count), 0) AS b FROM log_files WHERE job_id = ?",
                arguments: [jobID])?.stored("log_files")
            return (try row?.count("n") ?? 0, try row?.count("b") ?? 0)
        }
        return JobDetail(job: job, versions: versions, revisions: revisions, logFiles: files, logBytes: bytes)
    }

    /// Everything about one version as of a capture (nil = latest).
    public func versionDetail(jobID: Int64, versionID: Int64, asOf capture: Int64? = nil) throws -> VersionDetail {
        guard let current = try currentVersionRevision(jobID: jobID, versionID: versionID, asOf: capture),
            let raw = current.raw
        else {
            throw ArchiveError(.noSuchItem, "no version \(versionID) in job \(jobID)\(capture.map { " as of capture \($0)" } ?? "")")
        }
        let version: V1Version
        do {
            version = try V1Version(json: try RawJSON.parse(raw))
        } catch {
            throw ArchiveError(.corrupted, "\(current.kind.rawValue) \(current.key) (revision \(current.id)): \(error)")
        }
        let all = try versions(jobID: jobID, asOf: capture)
        guard let summary = all.first(where: { $0.versionID == versionID }) else {
            throw ArchiveError(.noSuchItem, "no version \(versionID) in job \(jobID)")
        }
        var filter = JobFilter.everything
        filter.jobID = jobID
        let job = try jobs(filter, asOf: capture).first
        let refs = Dictionary(all.map { ($0.versionID, VersionRef(versionID: $0.versionID, versionName: $0.versionName, status: $0.status, preVersionID: $0.preVersionID)) }, uniquingKeysWith: { a, _ in a })
        var lineage: [VersionRef] = []
        var seen: Set<Int64> = []
        var cursor: Int64? = versionID
        while let id = cursor, let ref = refs[id], !seen.contains(id) {
            lineage.append(ref)
            seen.insert(id)
            cursor = ref.preVersionID
        }
        let derived = all.filter { $0.preVersionID == versionID && $0.versionID != versionID }.compactMap { refs[$0.versionID] }
        let nasParts = [version.nasType, version.nasMountPath, version.nasShareAddr].compactMap { $0 }
        return VersionDetail(
            summary: summary, job: job, source: current.kind.rawValue, appURL: version.appURL,
            bootFileURL: version.bootFileURL, userImageURL: version.userImageURL, userCommand: version.userCommand,
            dataURL: version.dataURL, trainURL: version.trainURL, logURL: version.logURL, datasetID: version.datasetID,
            datasetVersionID: version.datasetVersionID, datasetName: version.datasetName,
            datasetVersionName: version.datasetVersionName, resourceID: version.resourceID, core: version.core,
            cpu: version.cpu, gpu: version.gpu, flavorCode: version.flavorCode, modelID: version.modelID,
            nas: nasParts.isEmpty ? nil : nasParts.joined(separator: " "),
            parameters: version.parameters.map(Archive.parameterRow),
            dataSources: version.dataSources.map {
                DataSourceRow(type: $0.type, datasetID: $0.datasetID, datasetVersion: $0.datasetVersion, dataURL: $0.dataURL)
            },
            volumes: version.volumes.map(Archive.volumeRow),
            modelMetrics: version.modelMetrics.map(Archive.modelMetricsInfo),
            systemMetrics: version.systemMetrics.map(Archive.systemMetricsInfo),
            logFiles: try logFiles(jobID: jobID, versionID: versionID), lineage: lineage.reversed(), derived: derived,
            revisions: try revisionInfos(kinds: [.version, .versionDetail], key: EntityKey.version(jobID: jobID, versionID: versionID)))
    }

    /// The revision a version's fields come from as of a capture: the newer of its list element and its
    /// details body (the details body on a tie), or its last known content when it is gone upstream.
    public func currentVersionRevision(jobID: Int64, versionID: Int64, asOf capture: Int64? = nil) throws -> EntityRevision? {
        var args: [String: DatabaseValue] = [
            "cap": (capture ?? Int64.max).databaseValue, "key": EntityKey.version(jobID: jobID, versionID: versionID).databaseValue,
        ]
        BrowseSQL.bindPrefix(jobID, into: &args)
        return try withReader { db in
            guard let id = try Int64.fetchOne(
                db, sql: BrowseSQL.ctes(jobPrefix: jobID) + "SELECT live_id FROM vcur WHERE key = :key",
                arguments: StatementArguments(args))
            else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM revisions WHERE id = ?", arguments: [id]).map(Archive.revision(from:))
        }
    }

    /// The newest revision with content (not a deletion marker) of an entity as of a capture (nil = latest).
    public func liveEntity(kind: EntityKind, key: String, asOf capture: Int64? = nil) throws -> EntityRevision? {
        try withReader { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM revisions WHERE kind = ? AND key = ? AND deleted = 0 AND capture_id <= ? ORDER BY capture_id DESC LIMIT 1",
                arguments: [kind.rawValue, key, capture ?? Int64.max]
            ).map(Archive.revision(from:))
        }
    }

    /// Every stored revision of the entities `kinds` × `key`, without their bytes, oldest first.
    public func revisionInfos(kinds: [EntityKind], key: String) throws -> [RevisionInfo] {
        let list = kinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try withReader { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.id, r.kind, r.key, r.capture_id, r.deleted, r.sha256, coalesce(length(r.raw), 0) AS bytes,
                      c.started_at FROM revisions r JOIN captures c ON c.id = r.capture_id
                    WHERE r.kind IN (\(list)) AND r.key = ? ORDER BY r.capture_id, r.kind
                    """,
                arguments: [key]
            ).map(Archive.revisionInfo(from:))
        }
    }

    static func revisionInfo(from row: Row) throws -> RevisionInfo {
        let row = row.stored("revisions")
        return try RevisionInfo(
            id: row["id"], kind: row["kind"], key: row["key"], captureID: row["capture_id"],
            capturedAt: row["started_at"] ?? "", deleted: row.flag("deleted"), sha256: row["sha256"], bytes: row.optionalCount("bytes") ?? 0)
    }

    // MARK: - Conversions from the wire models

    static func parameterRow(_ p: V1Parameter) -> ParameterRow {
        let text = p.value.string
        return ParameterRow(
            label: p.label, valueJSON: p.value.serialized(), valueText: text, redacted: text == TypedRows.redactionMarker)
    }

    static func volumeRow(_ v: V1Volume) -> VolumeRow {
        let kind: String
        switch v.kind {
        case .nfs: kind = "nfs"
        case .hostPath: kind = "host_path"
        case .unknown(let name): kind = name
        }
        return VolumeRow(kind: kind, id: v.id, srcPath: v.srcPath, destPath: v.destPath, readOnly: v.readOnly)
    }

    static func metricValue(_ name: String, _ value: JSONValue) -> MetricValue {
        MetricValue(name: name, value: value.double, text: value.string ?? value.serialized())
    }

    static func modelMetricsInfo(_ m: V1ModelMetrics) -> ModelMetricsInfo {
        ModelMetricsInfo(
            classes: m.perClass.map { c in
                ModelMetricsInfo.ClassMetrics(
                    classID: c.classID, className: c.className, values: c.values.map { metricValue($0.name, $0.value) })
            },
            totals: m.totals.map { metricValue($0.name, $0.value) })
    }

    static func systemMetricsInfo(_ s: V1SystemMetrics) -> SystemMetricsInfo {
        SystemMetricsInfo(
            interval: s.interval,
            series: s.series.map { series in
                let numbers = series.values.compactMap { $0 }
                return SystemMetricsInfo.Series(
                    name: series.name, values: series.values, min: numbers.min(), max: numbers.max(),
                    mean: numbers.isEmpty ? nil : numbers.reduce(0, +) / Double(numbers.count), last: numbers.last)
            })
    }
}
