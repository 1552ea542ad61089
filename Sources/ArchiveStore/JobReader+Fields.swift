import Foundation
import ModelArtsAPI

extension JobReader {
    /// The fields of a version as of a capture, flattened in sections, in a stable order.
    ///
    /// Comes from the captured JSON itself, so unknown keys are compared too. `model_metric_list` is
    /// expanded per class and total; `system_metric_list` is summarized per series (samples, mean, max).
    ///
    /// - Throws: ``ArchiveError``: `.noSuchItem` when the job or version is missing; `.corrupted` when its stored JSON does not parse, `.damagedValue` for a damaged row.
    public func versionFields(jobID: Int64, versionID: Int64, asOf capture: Int64? = nil) throws -> (VersionSide, [VersionField]) {
        guard let revision = try archive.entities.currentVersionRevision(jobID: jobID, versionID: versionID, asOf: capture),
            let raw = revision.raw
        else {
            throw ArchiveError(.noSuchItem, "no version \(versionID) in job \(jobID)\(capture.map { " as of capture \($0)" } ?? "")")
        }
        let json: JSONValue
        do { json = try RawJSON.parse(raw) } catch {
            throw ArchiveError(.corrupted, "\(revision.kind.rawValue) \(revision.key) (revision \(revision.id)): \(error)")
        }
        let side = VersionSide(
            jobID: jobID, versionID: versionID, capture: try archive.captures.resolve(capture), revisionID: revision.id,
            revisionCapture: revision.captureID)
        return (side, JobReader.flatten(json))
    }

    /// The fields of a v2 job as of a capture, flattened in the same sections as a version's: `run` (metadata,
    /// kind, status), `image` (the algorithm: code, boot file, command, engine), `spec` (resource, volumes),
    /// `data` (inputs, outputs, log export path), `parameters` (by name), `system metrics` (per task and
    /// series, `-1` as no data) and `other` (environments and anything unknown).
    ///
    /// Comes from the details body (the search item when no details were captured).
    ///
    /// - Throws: ``ArchiveError``: `.noSuchItem` when the job has no captured JSON; `.corrupted` when it does not parse, `.damagedValue` for a damaged row.
    public func v2JobFields(_ job: V2JobSummary, asOf capture: Int64? = nil) throws -> (VersionSide, [VersionField]) {
        let (revision, json) = try v2JobBody(jobID: job.jobID, asOf: capture)
        var fields = JobReader.flattenV2(json)
        let tasks = (json["status"]?["tasks"]?.array ?? []).compactMap(\.string)
        for task in try v2TaskMetrics(jobID: job.jobID, tasks: tasks, asOf: capture) {
            for series in task.series {
                let numbers = series.values.compactMap { $0 }
                let summary = MetricSeriesSummary(
                    samples: series.values.count, mean: numbers.isEmpty ? 0 : numbers.reduce(0, +) / Double(numbers.count), max: numbers.max() ?? 0)
                fields.append(VersionField(section: "system metrics", name: "\(task.task) \(series.metric)", value: .series(summary)))
            }
        }
        let side = VersionSide(
            jobID: 0, versionID: 0, capture: try archive.captures.resolve(capture), revisionID: revision.id,
            revisionCapture: revision.captureID, v2JobID: job.jobID)
        return (side, fields)
    }

    static func flattenV2(_ json: JSONValue) -> [VersionField] {
        var out: [VersionField] = []
        for member in json.object ?? [] {
            switch member.key {
            case "kind", "metadata", "status":
                flattenNested(member.value, prefix: member.key, section: "run", into: &out)
            case "algorithm":
                for m in member.value.object ?? [] {
                    switch m.key {
                    case "parameters":
                        for p in m.value.array ?? [] {
                            out.append(VersionField(section: "parameters", name: p["name"]?.string ?? "?", value: fieldText(p["value"])))
                        }
                    case "inputs", "outputs":
                        let items = m.value.array ?? []
                        if items.isEmpty { out.append(VersionField(section: "data", name: "algorithm.\(m.key)", value: fieldText(m.value))) }
                        for (i, item) in items.enumerated() { flattenNested(item, prefix: "algorithm.\(m.key)[\(i)]", section: "data", into: &out) }
                    case "environments":
                        flattenNested(m.value, prefix: "algorithm.environments", section: "other", into: &out)
                    default:
                        flattenNested(m.value, prefix: "algorithm.\(m.key)", section: "image", into: &out)
                    }
                }
            case "spec":
                for m in member.value.object ?? [] {
                    flattenNested(m.value, prefix: "spec.\(m.key)", section: m.key == "log_export_path" ? "data" : "spec", into: &out)
                }
            default:
                flattenNested(member.value, prefix: member.key, section: "other", into: &out)
            }
        }
        return out
    }

    /// Compares two versions field by field; with `includeSame`, unchanged fields are listed too.
    public static func compare(_ a: [VersionField], _ b: [VersionField], includeSame: Bool = false) -> [FieldChange] {
        var order: [String] = []
        var left: [String: VersionField] = [:]
        var right: [String: VersionField] = [:]
        for f in a {
            let id = f.section + "\u{1}" + f.name
            if left[id] == nil { order.append(id); left[id] = f }
        }
        for f in b {
            let id = f.section + "\u{1}" + f.name
            if left[id] == nil && right[id] == nil { order.append(id) }
            if right[id] == nil { right[id] = f }
        }
        var out: [FieldChange] = []
        for id in order {
            let l = left[id]
            let r = right[id]
            guard let any = l ?? r else { continue }
            let same = l?.value == r?.value
            if same && !includeSame { continue }
            out.append(FieldChange(section: any.section, name: any.name, a: l?.value, b: r?.value, same: same))
        }
        let rank = Dictionary(uniqueKeysWithValues: JobReader.sectionOrder.enumerated().map { ($1, $0) })
        return out.enumerated().sorted {
            let ra = rank[$0.element.section] ?? rank.count
            let rb = rank[$1.element.section] ?? rank.count
            return ra != rb ? ra < rb : $0.offset < $1.offset
        }.map(\.element)
    }

    /// Sections in display order.
    public static let sectionOrder = ["run", "image", "spec", "data", "parameters", "metrics", "system metrics", "other"]

    static let sectionOfKey: [String: String] = {
        var map: [String: String] = [:]
        for key in ["version_id", "version_name", "pre_version_id", "job_id", "job_name", "job_desc", "status", "create_time", "start_time", "duration", "resource_id", "job_type", "error_result", "is_zombie", "task_summary"] {
            map[key] = "run"
        }
        for key in ["engine_type", "engine_name", "engine_id", "engine_version", "app_url", "boot_file_url", "user_image_url", "user_command", "user_frame_image", "pod_version", "model_id", "algorithm_id", "retrain_model_id", "autosearch_config"] {
            map[key] = "image"
        }
        for key in ["spec_id", "spec_code", "flavor_code", "core", "cpu", "gpu", "gpu_num", "gpu_type", "worker_server_num", "pool_id", "pool_name", "pool_type", "max_num", "storage", "npu_info", "no_resource"] {
            map[key] = "spec"
        }
        for key in ["data_url", "train_url", "log_url", "dataset_id", "dataset_version_id", "dataset_name", "dataset_version_name", "data_source", "volumes", "nas_mount_path", "nas_share_addr", "nas_type", "inputs", "outputs", "model_outputs"] {
            map[key] = "data"
        }
        return map
    }()

    static func flatten(_ json: JSONValue) -> [VersionField] {
        var out: [VersionField] = []
        for member in json.object ?? [] where member.key != "is_success" {
            let section = sectionOfKey[member.key] ?? "other"
            switch member.key {
            case "parameter":
                for p in member.value.array ?? [] {
                    let label = p["label"]?.string ?? "?"
                    out.append(VersionField(section: "parameters", name: label, value: fieldText(p["value"])))
                }
            case "model_metric_list":
                guard let metrics = V1ModelMetrics(field: member.value) else {
                    out.append(VersionField(section: "metrics", name: member.key, value: fieldText(member.value)))
                    continue
                }
                for c in metrics.perClass {
                    let cls = c.className ?? c.classID ?? "?"
                    for (name, value) in c.values {
                        out.append(VersionField(section: "metrics", name: "class \(cls).\(name)", value: fieldText(value)))
                    }
                }
                for (name, value) in metrics.totals {
                    out.append(VersionField(section: "metrics", name: "total.\(name)", value: fieldText(value)))
                }
            case "system_metric_list":
                guard let system = V1SystemMetrics(field: member.value) else {
                    out.append(VersionField(section: "system metrics", name: member.key, value: fieldText(member.value)))
                    continue
                }
                if let interval = system.interval {
                    out.append(VersionField(section: "system metrics", name: "interval", value: .text(String(interval))))
                }
                for series in system.series {
                    let numbers = series.values.compactMap { $0 }
                    let mean = numbers.isEmpty ? 0 : numbers.reduce(0, +) / Double(numbers.count)
                    let summary = MetricSeriesSummary(samples: series.values.count, mean: mean, max: numbers.max() ?? 0)
                    out.append(VersionField(section: "system metrics", name: series.name, value: .series(summary)))
                }
            case "data_source", "volumes":
                let items = member.value.array ?? []
                if items.isEmpty {
                    out.append(VersionField(section: section, name: member.key, value: fieldText(member.value)))
                }
                for (i, item) in items.enumerated() {
                    flattenNested(item, prefix: "\(member.key)[\(i)]", section: section, into: &out)
                }
            default:
                out.append(VersionField(section: section, name: member.key, value: fieldText(member.value)))
            }
        }
        return out
    }

    static func flattenNested(_ value: JSONValue, prefix: String, section: String, into out: inout [VersionField]) {
        if let members = value.object, !members.isEmpty {
            for m in members { flattenNested(m.value, prefix: "\(prefix).\(m.key)", section: section, into: &out) }
        } else {
            out.append(VersionField(section: section, name: prefix, value: fieldText(value)))
        }
    }

    /// Strings as themselves, other values as compact JSON, null as nil.
    static func fieldText(_ value: JSONValue?) -> VersionFieldValue? {
        guard let value else { return nil }
        switch value {
        case .null: return nil
        case .string(let s): return .text(s)
        default: return .text(value.serialized())
        }
    }
}
