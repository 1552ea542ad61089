import GRDB
import ModelArtsAPI

/// One run parameter of a version or config.
public struct ParameterRow: Sendable, Equatable, Codable {
    /// The parameter's label.
    public var label: String
    /// The value as compact JSON, keeping its type (`0.01`, `"32"`, `true`).
    public var valueJSON: String
    /// The value as text (nil for null, objects and arrays).
    public var valueText: String?
    /// Whether the value was redacted at capture time.
    public var redacted: Bool
}

extension JobReader {
    /// Everything about one job as of a capture (nil = latest).
    ///
    /// - Throws: ``ArchiveError``: `.noSuchItem` when the job is missing; `.damagedValue` or `.corrupted` when the file is damaged.
    public func jobDetail(jobID: Int64, asOf capture: Int64? = nil) throws -> JobDetail {
        var filter = JobFilter.everything
        filter.jobID = jobID
        guard let job = try list(filter, asOf: capture).first else {
            throw ArchiveError(.noSuchItem, "no job \(jobID) in \(path)\(capture.map { " as of capture \($0)" } ?? "")")
        }
        let versions = try versions(jobID: jobID, asOf: capture)
        let revisions = try archive.entities.revisionInfos(kinds: [.job], key: String(jobID))
        let (files, bytes) = try withReader { db -> (Int, Int) in
            let row = try Row.fetchOne(
                db, sql: "SELECT count(*) AS n, coalesce(sum(byte_count), 0) AS b FROM log_files WHERE job_id = ?",
                arguments: [jobID])?.stored("log_files")
            return (try row?.count("n") ?? 0, try row?.count("b") ?? 0)
        }
        return JobDetail(job: job, versions: versions, revisions: revisions, logFiles: files, logBytes: bytes)
    }

    /// Everything about one version as of a capture (nil = latest).
    ///
    /// - Throws: ``ArchiveError``: `.noSuchItem` when the job or version is missing; `.corrupted` when its stored JSON does not parse, `.damagedValue` for a damaged row.
    public func versionDetail(jobID: Int64, versionID: Int64, asOf capture: Int64? = nil) throws -> VersionDetail {
        guard let current = try archive.entities.currentVersionRevision(jobID: jobID, versionID: versionID, asOf: capture),
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
        let job = try list(filter, asOf: capture).first
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
            parameters: version.parameters.map(JobReader.parameterRow),
            dataSources: version.dataSources.map {
                DataSourceRow(type: $0.type, datasetID: $0.datasetID, datasetVersion: $0.datasetVersion, dataURL: $0.dataURL)
            },
            volumes: version.volumes.map(JobReader.volumeRow),
            modelMetrics: version.modelMetrics.map(JobReader.modelMetricsInfo),
            systemMetrics: version.systemMetrics.map(JobReader.systemMetricsInfo),
            logFiles: try archive.logs.files(jobID: jobID, versionID: versionID), lineage: lineage.reversed(), derived: derived,
            revisions: try archive.entities.revisionInfos(kinds: [.version, .versionDetail], key: EntityKey.version(jobID: jobID, versionID: versionID)))
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
            series: s.series.map { SystemMetricsInfo.Series(name: $0.name, values: $0.values) })
    }

    // MARK: - Typed rows of a version

    /// A version's list-element revision as of a capture, else its details body's.
    private func versionListOrDetail(jobID: Int64, versionID: Int64, asOf capture: Int64?) throws -> EntityRevision? {
        let key = EntityKey.version(jobID: jobID, versionID: versionID)
        return try archive.entities.entity(kind: .version, key: key, asOf: capture) ?? archive.entities.entity(kind: .versionDetail, key: key, asOf: capture)
    }

    /// The `versions` row of a version's live list revision as text, as of a capture (nil = latest).
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func versionRow(jobID: Int64, versionID: Int64, asOf capture: Int64? = nil) throws -> [String: String]? {
        guard let revision = try versionListOrDetail(jobID: jobID, versionID: versionID, asOf: capture), !revision.deleted else { return nil }
        return try archive.entities.typedRows(table: "versions", revisionID: revision.id).first?.compactMapValues { $0 }
    }

    /// The parameters of a version, in API order, as of a capture (nil = latest).
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func parameters(jobID: Int64, versionID: Int64, asOf capture: Int64? = nil) throws -> [ParameterRow] {
        guard let revision = try versionListOrDetail(jobID: jobID, versionID: versionID, asOf: capture), !revision.deleted else { return [] }
        return try withReader { db in
            try Row.fetchAll(
                db, sql: "SELECT label, value_json, value_text, redacted FROM parameters WHERE revision_id = ? ORDER BY position",
                arguments: [revision.id]
            ).map(JobReader.parameterRow(from:))
        }
    }

    /// A `parameters` row (label, value_json, value_text, redacted).
    static func parameterRow(from row: Row) throws -> ParameterRow {
        let row = row.stored("parameters")
        return try ParameterRow(label: row["label"], valueJSON: row["value_json"], valueText: row["value_text"], redacted: row.flag("redacted"))
    }
}
