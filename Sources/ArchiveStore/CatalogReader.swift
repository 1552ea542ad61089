import GRDB

/// A saved training-job configuration, in one row.
public struct ConfigSummaryRow: Sendable, Equatable, Codable, ArchiveRecord {
    /// `custom` or `sample`.
    public var type: String
    /// `config_name`.
    public var name: String
    /// `config_desc`.
    public var desc: String?
    /// `create_time`, epoch ms.
    public var createTime: Int64?
    /// `engine_name`.
    public var engineName: String?
    /// `engine_version`.
    public var engineVersion: String?
    /// `engine_id`.
    public var engineID: Int64?
    /// `spec_code`.
    public var specCode: String?
    /// `spec_id`.
    public var specID: Int64?
    /// `worker_server_num`.
    public var workers: Int64?
    /// `user_image_url`.
    public var userImageURL: String?
    /// `user_command`.
    public var userCommand: String?
    /// `pool_name`.
    public var poolName: String?
    /// Whether it was gone upstream at the capture.
    public var deleted: Bool
    /// The capture that stored the revision shown.
    public var revisionCapture: Int64
}

/// Everything about one configuration.
public struct ConfigDetail: Sendable, Equatable, Codable {
    /// The one-row summary.
    public var summary: ConfigSummaryRow
    /// `config` (the details body) or `config_summary` (the list element).
    public var source: String
    /// `app_url`.
    public var appURL: String?
    /// `boot_file_url`.
    public var bootFileURL: String?
    /// `data_url`.
    public var dataURL: String?
    /// `train_url`.
    public var trainURL: String?
    /// `log_url`.
    public var logURL: String?
    /// `model_id`.
    public var modelID: Int64?
    /// `pool_id`.
    public var poolID: String?
    /// `parameter[]`.
    public var parameters: [ParameterRow]
    /// `data_source[]`.
    public var dataSources: [DataSourceRow]
    /// `volumes[]`.
    public var volumes: [VolumeRow]
    /// Every stored revision of the list element and the details body.
    public var revisions: [RevisionInfo]
}

/// An AI engine with how many archived versions used it.
public struct EngineRow: Sendable, Equatable, Codable, ArchiveRecord {
    /// `engine_id`.
    public var engineID: Int64
    /// `engine_type`.
    public var engineType: Int64?
    /// `engine_name`.
    public var engineName: String?
    /// `engine_version`.
    public var engineVersion: String?
    /// Archived versions with this `engine_id`.
    public var versions: Int
    /// Jobs among them.
    public var jobs: Int
    /// Whether it was gone upstream at the capture.
    public var deleted: Bool
}

/// A resource spec (flavor) with how many archived versions used it.
public struct SpecRow: Sendable, Equatable, Codable, ArchiveRecord {
    /// `spec_id`.
    public var specID: Int64
    /// `spec_code`.
    public var specCode: String?
    /// `core`.
    public var core: String?
    /// `cpu`.
    public var cpu: String?
    /// `gpu_num`.
    public var gpuNum: Int64?
    /// `gpu_type`.
    public var gpuType: String?
    /// `max_num`.
    public var maxNum: Int64?
    /// `storage`.
    public var storage: String?
    /// `interface_type`.
    public var interfaceType: Int64?
    /// `no_resource` (true: sold out when captured).
    public var noResource: Bool?
    /// Archived versions with this `spec_id`.
    public var versions: Int
    /// Whether it was gone upstream at the capture.
    public var deleted: Bool

    /// `CPU`, `GPU` or `Ascend`, as ma-cli's `--flavor-type` groups flavors.
    public var flavorType: String {
        let type = (gpuType ?? "").lowercased()
        let code = (specCode ?? "").lowercased()
        if type.contains("ascend") || code.contains(".kat") || code.contains("ascend") { return "Ascend" }
        if (gpuNum ?? 0) > 0 { return "GPU" }
        return "CPU"
    }
}

/// A built-in algorithm.
public struct AlgorithmRow: Sendable, Equatable, Codable, ArchiveRecord {
    /// `model_id`.
    public var modelID: Int64
    /// `model_name`.
    public var modelName: String?
    /// `model_usage` (1–5).
    public var modelUsage: Int64?
    /// `model_precision`.
    public var modelPrecision: String?
    /// `model_size` in bytes.
    public var modelSize: Int64?
    /// `engine_id`.
    public var engineID: Int64?
    /// `engine_name`.
    public var engineName: String?
    /// `engine_version`.
    public var engineVersion: String?
    /// `create_time`, epoch ms.
    public var createTime: Int64?
    /// Whether it was gone upstream at the capture.
    public var deleted: Bool
}

/// A resource pool seen in archived versions (v1 has no pool API; versions name their pool).
public struct PoolRow: Sendable, Equatable, Codable {
    /// `pool_id`.
    public var poolID: String?
    /// `pool_name`.
    public var poolName: String?
    /// `pool_type` (`SYSTEM_DEFINED`, `USER_DEFINED`).
    public var poolType: String?
    /// Versions that ran in it.
    public var versions: Int
    /// Jobs among them.
    public var jobs: Int
    /// Earliest `create_time` of those versions.
    public var firstUsed: Int64?
    /// Latest `create_time` of those versions.
    public var lastUsed: Int64?
    /// The spec codes used in it.
    public var specCodes: [String]
}

/// Reads the archived catalogue: saved configurations, AI engines, resource specs, built-in algorithms and pools.
///
/// Reach it as ``Archive/catalog``.
public struct CatalogReader: ArchiveDomain {
    /// The archive this works on.
    let archive: Archive
}

extension CatalogReader {
    /// The saved configurations as of a capture, by type and name.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func configs(includeDeleted: Bool = false, asOf capture: Int64? = nil) throws -> [ConfigSummaryRow] {
        try withReader { db in
            try ConfigSummaryRow.checkedRows(
                db, table: "configs",
                sql: CatalogReader.configCTE + """
                    SELECT ccur.key, ccur.gone AS deleted, ccur.live_capture AS revision_capture, c.*, c.config_type AS type,
                      c.config_name AS name, c.config_desc AS "desc", c.worker_server_num AS workers
                    FROM ccur JOIN configs c ON c.revision_id = ccur.live_id
                    \(includeDeleted ? "" : "WHERE ccur.gone = 0")
                    ORDER BY c.config_type, c.config_name
                    """,
                arguments: ["cap": capture ?? Int64.max])
        }
    }

    /// One configuration by `NAME` or `TYPE/NAME`; the error names the configurations that exist.
    ///
    /// - Throws: ``ArchiveError``: `.noSuchItem` when no configuration has that name; `.damagedValue` or `.corrupted` when the file is damaged.
    public func configDetail(_ name: String, asOf capture: Int64? = nil) throws -> ConfigDetail {
        let all = try configs(includeDeleted: true, asOf: capture)
        let matches = all.filter { "\($0.type)/\($0.name)" == name || $0.name == name }
        guard let summary = matches.first(where: { !$0.deleted }) ?? matches.first else {
            let names = all.map { "\($0.type)/\($0.name)" }
            throw ArchiveError(.noSuchItem, "no configuration '\(name)' in \(path); \(JobReader.listing("configurations", names, hint: "list them with: jobarchive configs \(path)"))")
        }
        let key = "\(summary.type)/\(summary.name)"
        let revision = try archive.entities.liveEntity(kind: .config, key: key, asOf: capture) ?? archive.entities.liveEntity(kind: .configSummary, key: key, asOf: capture)
        guard let revision else { throw ArchiveError(.noSuchItem, "no configuration '\(name)' in \(path)") }
        return try withReader { db in
            let row = try Row.fetchOne(db, sql: "SELECT * FROM configs WHERE revision_id = ?", arguments: [revision.id])?.stored("configs")
            let parameters = try Row.fetchAll(
                db, sql: "SELECT label, value_json, value_text, redacted FROM parameters WHERE revision_id = ? ORDER BY position",
                arguments: [revision.id]
            ).map(JobReader.parameterRow(from:))
            let sources = try Row.fetchAll(
                db, sql: "SELECT * FROM data_sources WHERE revision_id = ? ORDER BY position", arguments: [revision.id]
            ).map { row in
                let row = row.stored("data_sources")
                return try DataSourceRow(type: row["type"], datasetID: row["dataset_id"], datasetVersion: row["dataset_version"], dataURL: row["data_url"])
            }
            let volumes = try Row.fetchAll(
                db, sql: "SELECT * FROM volumes WHERE revision_id = ? ORDER BY position", arguments: [revision.id]
            ).map { row in
                let row = row.stored("volumes")
                return try VolumeRow(kind: row["kind"], id: row["volume_id"], srcPath: row["src_path"], destPath: row["dest_path"], readOnly: row["read_only"])
            }
            let revisions = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.id, r.kind, r.key, r.capture_id, r.deleted, r.sha256, coalesce(length(r.raw), 0) AS bytes,
                      c.started_at FROM revisions r JOIN captures c ON c.id = r.capture_id
                    WHERE r.kind IN ('config', 'config_summary') AND r.key = ? ORDER BY r.capture_id, r.kind
                    """,
                arguments: [key]
            ).map(EntityStore.revisionInfo(from:))
            return ConfigDetail(
                summary: summary, source: revision.kind.rawValue, appURL: try row?["app_url"], bootFileURL: try row?["boot_file_url"],
                dataURL: try row?["data_url"], trainURL: try row?["train_url"], logURL: try row?["log_url"], modelID: try row?["model_id"],
                poolID: try row?["pool_id"], parameters: parameters, dataSources: sources, volumes: volumes, revisions: revisions)
        }
    }

    /// The live rows of a catalog table as of `capture` (also those gone upstream with `includeDeleted`), decoded
    /// as `R`, ordered by `orderBy` (the table is `t`). Each row also carries `deleted` (gone upstream at the
    /// capture) and, with `usage`, `versions` and `jobs`: how many archived versions, and jobs among them, name
    /// the row's value of that column.
    static func records<R: ArchiveRecord>(
        _ db: Database, _ kind: EntityKind, table: String, usage: String? = nil, orderBy: String, includeDeleted: Bool,
        asOf capture: Int64?
    ) throws -> [R] {
        var sql: String
        if let usage {
            sql = BrowseSQL.ctes(jobPrefix: nil) + """
                , cur AS (\(BrowseSQL.current(kind))),
                u AS (SELECT v.\(usage) AS value, count(*) AS versions, count(DISTINCT v.job_id) AS jobs
                      FROM vcur JOIN versions v ON v.revision_id = vcur.live_id WHERE v.\(usage) IS NOT NULL GROUP BY v.\(usage))
                SELECT t.*, cur.gone AS deleted, coalesce(u.versions, 0) AS versions, coalesce(u.jobs, 0) AS jobs
                FROM cur JOIN \(table) t ON t.revision_id = cur.live_id LEFT JOIN u ON u.value = t.\(usage)
                """
        } else {
            sql = "WITH cur AS (\(BrowseSQL.current(kind))) SELECT t.*, cur.gone AS deleted FROM cur JOIN \(table) t ON t.revision_id = cur.live_id"
        }
        sql += (includeDeleted ? "" : " WHERE cur.gone = 0") + " ORDER BY " + orderBy
        return try R.checkedRows(db, table: table, sql: sql, arguments: ["cap": capture ?? Int64.max])
    }

    /// The AI engines as of a capture, with their use by archived versions.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func engines(includeDeleted: Bool = false, asOf capture: Int64? = nil) throws -> [EngineRow] {
        try withReader { db in
            try CatalogReader.records(
                db, .aiEngine, table: "ai_engines", usage: "engine_id", orderBy: "t.engine_name COLLATE NOCASE, t.engine_version, t.engine_id",
                includeDeleted: includeDeleted, asOf: capture)
        }
    }

    /// The resource specs (flavors) as of a capture, with their use by archived versions.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func specs(includeDeleted: Bool = false, asOf capture: Int64? = nil) throws -> [SpecRow] {
        try withReader { db in
            try CatalogReader.records(
                db, .resourceSpec, table: "resource_specs", usage: "spec_id", orderBy: "t.spec_id", includeDeleted: includeDeleted, asOf: capture)
        }
    }

    /// The built-in algorithms as of a capture.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func algorithms(includeDeleted: Bool = false, asOf capture: Int64? = nil) throws -> [AlgorithmRow] {
        try withReader { db in
            try CatalogReader.records(db, .algorithm, table: "algorithms", orderBy: "t.model_id", includeDeleted: includeDeleted, asOf: capture)
        }
    }

    /// The pools named by archived versions as of a capture, with counts.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func pools(asOf capture: Int64? = nil) throws -> [PoolRow] {
        try withReader { db in
            try Row.fetchAll(
                db,
                sql: BrowseSQL.ctes(jobPrefix: nil) + """
                    SELECT v.pool_id, v.pool_name, max(v.pool_type) AS pool_type, count(*) AS n, count(DISTINCT v.job_id) AS jobs,
                      min(v.create_time) AS first_used, max(v.create_time) AS last_used,
                      group_concat(DISTINCT coalesce(v.spec_code, v.flavor_code)) AS specs
                    FROM vcur JOIN versions v ON v.revision_id = vcur.live_id
                    GROUP BY v.pool_id, v.pool_name
                    ORDER BY n DESC, v.pool_name
                    """,
                arguments: ["cap": capture ?? Int64.max]
            ).map { row in
                let row = row.stored("versions")
                let specs: String? = try row["specs"]
                return try PoolRow(
                    poolID: row["pool_id"], poolName: row["pool_name"], poolType: row["pool_type"], versions: row.count("n"),
                    jobs: row.count("jobs"), firstUsed: row["first_used"], lastUsed: row["last_used"],
                    specCodes: (specs ?? "").split(separator: ",").map(String.init).sorted())
            }
        }
    }

    // MARK: - Helpers

    static let configCTE = """
        WITH call AS (
          SELECT c.*, lr.capture_id AS live_capture FROM (\(BrowseSQL.current(.configSummary))) c JOIN revisions lr ON lr.id = c.live_id
          UNION ALL
          SELECT c.*, lr.capture_id AS live_capture FROM (\(BrowseSQL.current(.config))) c JOIN revisions lr ON lr.id = c.live_id
        ),
        ccur AS (
          SELECT key, live_id, gone, live_capture FROM (
            SELECT key, live_id, live_capture,
              row_number() OVER (PARTITION BY key ORDER BY live_capture DESC, CASE kind WHEN 'config' THEN 0 ELSE 1 END) AS rn,
              max(gone) OVER (PARTITION BY key) AS gone
            FROM call)
          WHERE rn = 1
        )

        """
}
