import GRDB
import ModelArtsAPI

extension CatalogReader {
    /// The v2 training flavors as of a capture, by id, with their use by archived v2 jobs.
    ///
    /// - Throws: ``ArchiveError``: `.corrupted` when a stored flavor does not parse, `.damagedValue` or `.corrupted` when the file is damaged.
    public func v2Flavors(includeDeleted: Bool = false, asOf capture: Int64? = nil) throws -> [V2FlavorRow] {
        let jobs = try archive.jobs.v2Jobs(asOf: capture)
        return try v2Items(.v2Flavor, includeDeleted: includeDeleted, asOf: capture).map { key, json, deleted in
            let info = json["flavor_info"]
            func sized(_ v: JSONValue?) -> String? {
                guard let v, let size = JobReader.fieldText(v["size"])?.text else { return nil }
                return [size, v["unit"]?.string].compactMap { $0 }.joined(separator: " ")
            }
            var accelerators: String?
            for name in ["gpu", "npu"] {
                guard let a = info?[name], a.object != nil else { continue }
                let count = JobReader.fieldText(a["unit_num"])?.text ?? "?"
                accelerators = "\(count) × \(a["product_name"]?.string ?? a["type"]?.string ?? name.uppercased())"
            }
            return V2FlavorRow(
                flavorID: json["flavor_id"]?.string ?? key, flavorName: json["flavor_name"]?.string, flavorType: json["flavor_type"]?.string,
                maxNum: json["max_num"]?.int64, cpuCores: info?["cpu"]?["core_num"]?.int64, cpuArch: info?["cpu"]?["arch"]?.string,
                memory: sized(info?["memory"]), accelerators: accelerators,
                jobs: jobs.filter { $0.flavorID == key }.count, deleted: deleted)
        }
    }

    /// The v2 training engines as of a capture, by id, with their use by archived v2 jobs.
    ///
    /// - Throws: ``ArchiveError``: `.corrupted` when a stored engine does not parse, `.damagedValue` or `.corrupted` when the file is damaged.
    public func v2Engines(includeDeleted: Bool = false, asOf capture: Int64? = nil) throws -> [V2EngineRow] {
        let jobs = try archive.jobs.v2Jobs(asOf: capture)
        return try v2Items(.v2Engine, includeDeleted: includeDeleted, asOf: capture).map { key, json, deleted in
            let name = json["engine_name"]?.string
            let version = json["engine_version"]?.string
            return V2EngineRow(
                engineID: json["engine_id"]?.string ?? key, engineName: name, engineVersion: version, v1Compatible: json["v1_compatible"]?.bool,
                runUser: JobReader.fieldText(json["run_user"])?.text,
                jobs: jobs.filter { name != nil && $0.engineName == name && $0.engineVersion == version }.count, deleted: deleted)
        }
    }

    /// The v2 resource pools as of a capture, by name, with the archived v2 jobs that ran in each.
    ///
    /// - Throws: ``ArchiveError``: `.corrupted` when a stored pool does not parse, `.damagedValue` or `.corrupted` when the file is damaged.
    public func v2Pools(includeDeleted: Bool = false, asOf capture: Int64? = nil) throws -> [V2PoolRow] {
        let jobs = try archive.jobs.v2Jobs(asOf: capture)
        return try v2Items(.v2Pool, includeDeleted: includeDeleted, asOf: capture).map { key, json, deleted in
            let spec = json["spec"]
            let scope = spec?["scope"]?.array?.compactMap(\.string).joined(separator: ",") ?? spec?["scope"]?.string
            return V2PoolRow(
                name: json["metadata"]?["name"]?.string ?? key, displayName: json["metadata"]?["labels"]?["os.modelarts/name"]?.string,
                type: spec?["type"]?.string, scope: scope, phase: json["status"]?["phase"]?.string,
                jobs: jobs.filter { $0.poolID == key }.count, deleted: deleted)
        }
    }

    /// The saved v2 algorithms as of a capture, by id.
    ///
    /// - Throws: ``ArchiveError``: `.corrupted` when a stored algorithm does not parse, `.damagedValue` or `.corrupted` when the file is damaged.
    public func v2Algorithms(includeDeleted: Bool = false, asOf capture: Int64? = nil) throws -> [V2AlgorithmRow] {
        try v2Items(.v2Algorithm, includeDeleted: includeDeleted, asOf: capture).map { key, json, deleted in
            let meta = json["metadata"]
            let config = json["job_config"]
            let engine = config?["engine"]
            let engineText = [engine?["engine_name"]?.string, engine?["engine_version"]?.string].compactMap { $0 }.joined(separator: " ")
            return V2AlgorithmRow(
                algorithmID: meta?["id"]?.string ?? key, name: meta?["name"]?.string, description: meta?["description"]?.string,
                createTime: meta?["create_time"]?.int64, engine: engineText.isEmpty ? engine?["image_url"]?.string : engineText,
                codeDir: config?["code_dir"]?.string, bootFile: config?["boot_file"]?.string, deleted: deleted)
        }
    }

    /// Each entity of `kind` as of a capture, by key: its newest content and whether the capture's list had
    /// dropped it (only with `includeDeleted`).
    func v2Items(_ kind: EntityKind, includeDeleted: Bool, asOf capture: Int64?) throws -> [(key: String, json: JSONValue, deleted: Bool)] {
        let state = try withReader { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.key, r.deleted FROM revisions r
                    WHERE r.kind = ? AND r.capture_id = (SELECT max(capture_id) FROM revisions r2
                                                         WHERE r2.kind = r.kind AND r2.key = r.key AND r2.capture_id <= ?)
                    ORDER BY r.key
                    """,
                arguments: [kind.rawValue, capture ?? Int64.max]
            ).map { row -> (String, Bool) in
                let stored = row.stored("revisions")
                return (try stored["key"], try stored.flag("deleted"))
            }
        }
        var out: [(key: String, json: JSONValue, deleted: Bool)] = []
        for (key, deleted) in state where includeDeleted || !deleted {
            guard let revision = try archive.entities.liveEntity(kind: kind, key: key, asOf: capture), let raw = revision.raw else { continue }
            do {
                out.append((key, try RawJSON.parse(raw), deleted))
            } catch {
                throw ArchiveError(.corrupted, "\(kind.rawValue) \(key) (revision \(revision.id)): \(error)")
            }
        }
        return out
    }
}
