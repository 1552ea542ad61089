import Foundation
import ArchiveStore
import ArgumentParser

/// Filters on versions shared by `jobs`, `versions` and `search`.
struct VersionFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Status name or code (failed, 11, JOBSTAT_FAILED); repeat or comma-separate.", valueName: "status"))
    var status: [String] = []

    @Option(help: ArgumentHelp("Engine name, version or id, as a substring (pytorch, TF-1.8, 125).", valueName: "engine"))
    var engine: String?

    @Option(help: ArgumentHelp("Created at or after: \(QueryParsing.timeForms).", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Created before (same forms as --since).", valueName: "time"))
    var until: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("A run parameter LABEL=VALUE as captured (or LABEL: has it); repeatable, all must hold.", valueName: "label=value"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("Dataset id, name or data URL, as a substring (also in data_source).", valueName: "text"))
    var dataset: String?

    @Option(help: ArgumentHelp("Pool id or name, as a substring.", valueName: "pool"))
    var pool: String?

    func validate() throws {
        _ = try QueryParsing.statuses(status)
        if let since { _ = try QueryParsing.time(since, option: "--since") }
        if let until { _ = try QueryParsing.time(until, option: "--until") }
        for p in parameters { _ = try QueryParsing.parameter(p) }
    }

    /// The filter on versions (status applies to version status).
    func versionFilter() throws -> VersionFilter {
        var filter = VersionFilter()
        filter.statuses = try QueryParsing.statuses(status)
        filter.engine = engine
        filter.since = try since.map { try QueryParsing.time($0, option: "--since") }
        filter.until = try until.map { try QueryParsing.time($0, option: "--until") }
        filter.parameters = try parameters.map(QueryParsing.parameter)
        filter.dataset = dataset
        filter.pool = pool
        return filter
    }

    /// The same filter for v2 jobs (status as phase), or nil when a filter only v1 jobs can meet is given
    /// (`--param`, `--dataset`, a numeric status code).
    func v2Filter(name: String? = nil, deleted: JobFilter.DeletedFilter = .live) throws -> V2JobFilter? {
        guard parameters.isEmpty, dataset == nil else { return nil }
        var filter = V2JobFilter()
        let words = status.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        if words.contains(where: { Int($0) != nil }) { return nil }
        filter.phases = words.map { $0.lowercased().replacingOccurrences(of: "jobstat_", with: "") }
        filter.name = name
        filter.since = try since.map { try QueryParsing.time($0, option: "--since") }
        filter.until = try until.map { try QueryParsing.time($0, option: "--until") }
        filter.engine = engine
        filter.pool = pool
        filter.deleted = deleted
        return filter
    }
}
