import ArchiveStore
import Foundation
import ModelArtsAPI

/// Writes generated projects into archives, the way a snapshot of a live project would store them.
public enum SampleArchiveWriter {
    /// The options of the bundled `archives/sample.sqlite` (`jobarchive sample`'s defaults).
    public static var bundledOptions: SampleProjectOptions {
        var options = SampleProjectOptions()
        options.seed = 1
        options.jobs = 8
        options.versionsPerJob = 3
        // v2 jobs take logBytes * 4 / 12: the v1 jobs keep 1.2 MB, byte for byte as before there were v2 jobs.
        options.logBytes = 1_800_000
        options.v2Jobs = 4
        return options
    }

    /// The page size the sample's simulated crawl uses (the API's maximum).
    public static let pageLines = 500

    /// What writing produced.
    public struct Summary: Sendable, Equatable {
        /// Jobs stored.
        public var jobs = 0
        /// Versions stored.
        public var versions = 0
        /// Log files stored.
        public var logFiles = 0
        /// Log lines stored.
        public var logLines = 0
        /// Raw log bytes stored.
        public var logBytes = 0
        /// Captured pages recorded.
        public var pages = 0
        /// v2 training jobs stored.
        public var v2Jobs = 0
    }

    /// Generates a project and writes it into a new archive at `path` as one complete capture.
    @discardableResult
    public static func writeArchive(
        _ options: SampleProjectOptions, to path: String, progress: (@Sendable (String) -> Void)? = nil
    ) throws -> Summary {
        let project = SampleProjectGenerator.generate(options)
        let archive = try Archive.create(at: path, projectID: project.projectID, sourceEndpoint: nil)
        let source = "sample-project seed=\(options.seed) jobs=\(options.jobs) versions=\(options.versionsPerJob) log-bytes=\(options.logBytes)"
            + (options.v2Jobs > 0 ? " v2-jobs=\(options.v2Jobs)" : "")
        let summary = try write(project, into: archive, source: source, progress: progress)
        try archive.optimizeIndex()
        try archive.close()
        return summary
    }

    /// Writes a generated project into an open archive as one capture.
    public static func write(
        _ project: GeneratedProject, into archive: Archive, source: String, progress: (@Sendable (String) -> Void)? = nil
    ) throws -> Summary {
        var summary = Summary()
        let capture = try archive.captures.begin(source: source, options: "{\"generator\":\"SampleProject\"}")
        let jobKeys = try archive.lists.put(listKey: EntityKey.list(.jobs), body: project.jobListBody, route: .jobs, capture: capture)
        summary.jobs = jobKeys.count
        for job in project.jobs {
            try archive.lists.put(
                listKey: EntityKey.versionList(jobID: job.jobID), body: job.versionsBody, route: .versions,
                keyPrefix: EntityKey.versionPrefix(jobID: job.jobID), capture: capture)
            for version in job.versions {
                summary.versions += 1
                let key = EntityKey.version(jobID: job.jobID, versionID: version.versionID)
                try archive.entities.put(kind: .versionDetail, key: key, raw: version.detailBody, capture: capture)
                try archive.entities.put(kind: .logFileList, key: key, raw: version.logFileNamesBody, capture: capture)
                let terminal = JobStatus(code: version.status)?.isTerminal ?? false
                for log in version.logs {
                    let info = try archive.logs.write(
                        jobID: job.jobID, versionID: version.versionID, fileName: log.fileName, content: log.content,
                        capture: capture, complete: terminal)
                    summary.logFiles += 1
                    summary.logLines += info.lineCount
                    summary.logBytes += info.byteCount
                    summary.pages += try recordPages(of: log, info: info, in: archive, capture: capture)
                }
            }
            progress?("job \(job.jobID): \(job.versions.count) versions")
        }
        for (type, body) in [("custom", project.customConfigListBody), ("sample", project.sampleConfigListBody)] {
            try archive.lists.put(
                listKey: EntityKey.configList(type: type), body: body, route: .configs, keyPrefix: EntityKey.configPrefix(type: type),
                capture: capture)
        }
        for config in project.configs {
            try archive.entities.put(kind: .config, key: EntityKey.config(type: config.type, name: config.name), raw: config.detailBody, capture: capture)
        }
        let catalogs: [(V1Route, [UInt8])] = [
            (.resourceSpecs, project.resourceSpecsBody), (.aiEngines, project.aiEnginesBody),
            (.builtInAlgorithms, project.builtInAlgorithmsBody), (.visualizationJobs, project.visualizationJobsBody),
        ]
        for (route, body) in catalogs {
            try archive.lists.put(listKey: EntityKey.list(route), body: body, route: route, capture: capture)
        }
        if !project.v2Jobs.isEmpty {
            try writeV2(project.v2Jobs, into: archive, capture: capture, summary: &summary)
            progress?("\(project.v2Jobs.count) v2 jobs")
        }
        try archive.captures.finish(capture, complete: true, counts: [
            "jobs": summary.jobs, "versions": summary.versions, "log_files": summary.logFiles,
            "log_lines": summary.logLines, "log_bytes": summary.logBytes, "pages": summary.pages,
        ])
        return summary
    }

    /// Writes v2 jobs as a snapshot stores them: the search pages (50 jobs each, `offset` counting records)
    /// and their items, each job's details, tasks, stages, event pages (100 each) and per-task metrics, every
    /// task's log per scheduling run, and the v2 catalogs. Like the v1 sample, its made-up secrets (a sensitive
    /// parameter, an `HF_TOKEN` variable) are kept: the sample plays a live upstream, which a snapshot redacts.
    static func writeV2(_ jobs: [GeneratedV2Job], into archive: Archive, capture: Int64, summary: inout Summary) throws {
        let limit = V2Endpoint.maxSearchLimit
        for offset in stride(from: 0, to: jobs.count, by: limit) {
            let page = jobs[offset..<min(jobs.count, offset + limit)]
            var body = Array(#"{"total":\#(jobs.count),"count":\#(page.count),"limit":\#(limit),"offset":\#(offset),"sort_by":"create_time","order":"asc","group_by":"","items":["#.utf8)
            for (n, job) in page.enumerated() {
                if n > 0 { body.append(0x2C) }
                body += job.item
            }
            body += Array(#"],"workspace_id":"0"}"#.utf8)
            _ = try archive.lists.put(
                listKey: EntityKey.v2JobSearch(offset: offset, limit: limit), body: body, itemsKey: "items", itemKind: .v2Job, capture: capture
            ) { $0["metadata"]?["id"]?.string }
        }
        let eventLimit = V2Endpoint.maxEventLimit
        for job in jobs {
            try archive.entities.put(kind: .v2JobDetail, key: EntityKey.v2Job(job.id), raw: job.detail, capture: capture)
            try archive.entities.put(kind: .v2Tasks, key: EntityKey.v2Job(job.id), raw: job.tasks, capture: capture)
            try archive.entities.put(kind: .v2Stages, key: EntityKey.v2Job(job.id), raw: job.stages, capture: capture)
            for offset in stride(from: 0, to: max(1, job.events.count), by: eventLimit) {
                let page = job.events.isEmpty ? [] : Array(job.events[offset..<min(job.events.count, offset + eventLimit)])
                var body = Array(#"{"total":"\#(job.events.count)","limit":\#(eventLimit),"offset":\#(offset),"order":"asc","events":["#.utf8)
                for (n, event) in page.enumerated() {
                    if n > 0 { body.append(0x2C) }
                    body += event
                }
                body += Array("]}".utf8)
                var position = offset
                _ = try archive.lists.put(
                    listKey: EntityKey.v2Events(jobID: job.id, offset: offset, limit: eventLimit), body: body, itemsKey: "events",
                    itemKind: .v2Event, capture: capture
                ) { _ in
                    defer { position += 1 }
                    return EntityKey.v2Event(jobID: job.id, position: position)
                }
            }
            for (task, body) in job.metrics {
                try archive.entities.put(kind: .v2Metrics, key: EntityKey.v2Metrics(jobID: job.id, taskID: task), raw: body, capture: capture)
            }
            for log in job.logs {
                let info = try archive.logs.write(.v2(jobID: job.id, taskID: log.task, run: log.run), content: log.content, capture: capture, complete: job.terminal)
                summary.logFiles += 1
                summary.logLines += info.lineCount
                summary.logBytes += info.byteCount
            }
            summary.v2Jobs += 1
        }
        let catalogs = V2SampleGenerator.catalogs()
        let lists: [(V2Endpoint, String, EntityKind, [UInt8])] = [
            (.flavors, "flavors", .v2Flavor, catalogs.flavors), (.engines, "items", .v2Engine, catalogs.engines), (.pools, "items", .v2Pool, catalogs.pools),
        ]
        for (endpoint, itemsKey, kind, body) in lists {
            _ = try archive.lists.put(listKey: EntityKey.v2Catalog(endpoint), body: body, itemsKey: itemsKey, itemKind: kind, capture: capture) { item in
                item["flavor_id"]?.string ?? item["engine_id"]?.string ?? item["metadata"]?["name"]?.string
            }
        }
        _ = try archive.lists.put(
            listKey: EntityKey.v2Algorithms(offset: 0, limit: V2Endpoint.maxAlgorithmLimit), body: V2SampleGenerator.algorithms(), itemsKey: "items",
            itemKind: .v2Algorithm, capture: capture
        ) { $0["metadata"]?["id"]?.string }
    }

    /// Records the pages a crawl from the head would have fetched: `base_line` empty with `asc`, then
    /// `base_line = end_line` with `desc`, 500 lines each.
    static func recordPages(of log: GeneratedLog, info: LogFileInfo, in archive: Archive, capture: Int64) throws -> Int {
        guard info.lineCount > 0 else { return 0 }
        var first = 0
        var pages = 0
        var baseLine = ""
        var order = "asc"
        while first < info.lineCount {
            let count = min(pageLines, info.lineCount - first)
            let lines = try archive.logs.readLines(fileID: info.id, range: first..<(first + count))
            let body = V1LogPage.renderBody(
                startLine: log.cursor(line: first), endLine: log.cursor(line: first + count - 1), lines: count,
                content: PageStore.content(lines, style: .concat))
            try archive.pages.record(
                fileID: info.id, capture: capture, request: PageRequest(baseLine: baseLine, order: order, lines: pageLines),
                body: body, firstLine: first, lineCount: count, style: .concat)
            baseLine = log.cursor(line: first + count - 1)
            order = "desc"
            first += count
            pages += 1
        }
        return pages
    }
}
