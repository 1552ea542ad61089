import GRDB
import ModelArtsAPI

/// SQL building blocks for "as of capture N" reads, shared by the browse, catalog and history queries.
///
/// Every block binds the named parameter `:cap` (the capture; `Int64.max` for the latest). The lookups
/// ride on the `UNIQUE (kind, key, capture_id)` index of `revisions`.
enum BrowseSQL {
    /// One row per key of `kind` that existed at `:cap`.
    ///
    /// Columns: `key`, `kind`, `gone` (1 when the newest revision at `:cap` is a deletion marker),
    /// `live_id` (the newest revision at `:cap` with content: for a deleted entity, its last known
    /// content), `first_capture`.
    static func current(_ kind: EntityKind, keyRange: Bool = false) -> String {
        let range = keyRange ? "AND r.key >= :klo AND r.key < :khi" : ""
        return """
        SELECT r.key AS key, r.kind AS kind, r.deleted AS gone,
          CASE WHEN r.deleted = 0 THEN r.id ELSE
            (SELECT r3.id FROM revisions r3 WHERE r3.kind = r.kind AND r3.key = r.key AND r3.deleted = 0
               AND r3.capture_id <= :cap ORDER BY r3.capture_id DESC LIMIT 1) END AS live_id,
          (SELECT min(r4.capture_id) FROM revisions r4 WHERE r4.kind = r.kind AND r4.key = r.key) AS first_capture
        FROM revisions r
        WHERE r.kind = '\(kind.rawValue)' \(range)
          AND r.capture_id = (SELECT max(r2.capture_id) FROM revisions r2
                              WHERE r2.kind = r.kind AND r2.key = r.key AND r2.capture_id <= :cap)
        """
    }

    /// Common table expressions `jcur` (jobs) and `vcur` (versions) as of `:cap`, ending with a comma-free
    /// `)` so a `SELECT` can follow.
    ///
    /// A version is known from its list element (`version`) and its details body (`version_detail`); `vcur`
    /// takes whichever has the newer content, the details body on a tie, and counts the version gone when
    /// either is marked deleted. Columns of `vcur`: `key`, `live_id`, `gone`, `first_capture`, `live_capture`.
    /// With `jobPrefix`, `vcur` holds only that job's versions (bind them with ``bindPrefix(_:into:)``).
    static func ctes(jobPrefix: Int64?) -> String {
        "WITH jcur AS (\(current(.job))),\n" + merged("vcur", all: "vall", list: .version, detail: .versionDetail, keyRange: jobPrefix != nil) + "\n"
    }

    /// Two common table expressions: `all` (the current revisions of both kinds) and `name`, one row per key
    /// taking whichever kind has the newer content, the details body on a tie (its kind sorts after the list
    /// element's), gone when either is marked deleted. Columns of `name`: `key`, `live_id`, `gone`,
    /// `first_capture`, `live_capture`.
    static func merged(_ name: String, all: String, list: EntityKind, detail: EntityKind, keyRange: Bool = false) -> String {
        """
        \(all) AS (
          SELECT c.*, lr.capture_id AS live_capture FROM (\(current(list, keyRange: keyRange))) c JOIN revisions lr ON lr.id = c.live_id
          UNION ALL
          SELECT c.*, lr.capture_id AS live_capture FROM (\(current(detail, keyRange: keyRange))) c JOIN revisions lr ON lr.id = c.live_id
        ),
        \(name) AS (
          SELECT key, live_id, gone, first_capture, live_capture FROM (
            SELECT key, live_id, live_capture,
              row_number() OVER (PARTITION BY key ORDER BY live_capture DESC, kind DESC) AS rn,
              max(gone) OVER (PARTITION BY key) AS gone,
              min(first_capture) OVER (PARTITION BY key) AS first_capture
            FROM \(all))
          WHERE rn = 1
        )
        """
    }

    /// Binds `:klo`/`:khi` to the key range of one job's versions (`JOB/…`).
    static func bindPrefix(_ jobID: Int64, into args: inout [String: DatabaseValue]) {
        args["klo"] = EntityKey.versionPrefix(jobID: jobID).databaseValue
        args["khi"] = "\(jobID)0".databaseValue  // "0" follows "/" in ASCII
    }

    /// A `LIKE` pattern matching `text` as a substring, with `\` as the escape character.
    /// Conditions `column >= since` and `column < until` (each when given), bound under `names`.
    static func timeRange(
        column: String, since: Int64?, until: Int64?, names: (since: String, until: String) = ("since", "until"),
        into args: inout [String: DatabaseValue]
    ) -> [String] {
        var conditions: [String] = []
        if let since {
            args[names.since] = since.databaseValue
            conditions.append("\(column) >= :\(names.since)")
        }
        if let until {
            args[names.until] = until.databaseValue
            conditions.append("\(column) < :\(names.until)")
        }
        return conditions
    }

    static func containsPattern(_ text: String) -> String {
        var out = "%"
        for c in text {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out + "%"
    }

    /// SQL conditions (joined with AND) on a `versions` row aliased `v`, with their arguments.
    ///
    /// Parameter and dataset conditions look into `parameters` and `data_sources` by `v.revision_id`.
    static func versionConditions(_ filter: VersionFilter, into args: inout [String: DatabaseValue])
        -> [String]
    {
        var conditions: [String] = []
        if !filter.statuses.isEmpty {
            conditions.append("v.status IN (\(filter.statuses.map(String.init).joined(separator: ", ")))")
        }
        if let engine = filter.engine {
            args["engine"] = containsPattern(engine).databaseValue
            var condition = "(v.engine_name LIKE :engine ESCAPE '\\' OR v.engine_version LIKE :engine ESCAPE '\\'"
            if let id = Int64(engine) {
                args["engineID"] = id.databaseValue
                condition += " OR v.engine_id = :engineID"
            }
            conditions.append(condition + ")")
        }
        for (i, parameter) in filter.parameters.enumerated() {
            args["plabel\(i)"] = parameter.label.databaseValue
            if let value = parameter.value {
                args["pvalue\(i)"] = value.databaseValue
                conditions.append(
                    "EXISTS (SELECT 1 FROM parameters p WHERE p.revision_id = v.revision_id AND p.label = :plabel\(i) AND (p.value_text = :pvalue\(i) OR p.value_json = :pvalue\(i)))"
                )
            } else {
                conditions.append("EXISTS (SELECT 1 FROM parameters p WHERE p.revision_id = v.revision_id AND p.label = :plabel\(i))")
            }
        }
        if let dataset = filter.dataset {
            args["dataset"] = containsPattern(dataset).databaseValue
            conditions.append(
                """
                (v.dataset_id LIKE :dataset ESCAPE '\\' OR v.dataset_name LIKE :dataset ESCAPE '\\'
                 OR v.dataset_version_id LIKE :dataset ESCAPE '\\' OR v.data_url LIKE :dataset ESCAPE '\\'
                 OR EXISTS (SELECT 1 FROM data_sources d WHERE d.revision_id = v.revision_id
                   AND (d.dataset_id LIKE :dataset ESCAPE '\\' OR d.dataset_version LIKE :dataset ESCAPE '\\'
                        OR d.data_url LIKE :dataset ESCAPE '\\')))
                """)
        }
        if let pool = filter.pool {
            args["pool"] = containsPattern(pool).databaseValue
            conditions.append("(v.pool_id LIKE :pool ESCAPE '\\' OR v.pool_name LIKE :pool ESCAPE '\\')")
        }
        conditions += timeRange(column: "v.create_time", since: filter.since, until: filter.until, names: ("vsince", "vuntil"), into: &args)
        return conditions
    }
}
