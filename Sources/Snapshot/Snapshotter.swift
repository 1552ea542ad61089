import ArchiveStore
import Foundation
import ModelArtsAPI
import ModelArtsClient

/// Crawls a project through the v1 API into an archive, incrementally: unchanged entities are not
/// rewritten, complete logs of finished versions are not fetched again, a running version's log
/// continues from its last stored line, and everything that fails is recorded as a gap.
public final class Snapshotter: Sendable {
    let client: ModelArtsClient
    let archive: Archive
    let options: SnapshotOptions
    let writer = SerialWriter()
    let state: SnapshotState
    let progress: (@Sendable (SnapshotProgress) -> Void)?

    /// Prepares a snapshot of `client`'s project into `archive` (opened read-write).
    public init(client: ModelArtsClient, archive: Archive, options: SnapshotOptions, progress: (@Sendable (SnapshotProgress) -> Void)? = nil) {
        self.client = client
        self.archive = archive
        self.options = options
        self.progress = progress
        self.state = SnapshotState()
    }

    /// Runs the crawl and returns the report; the capture is marked complete or partial.
    public func run() async throws -> SnapshotReport {
        let started = Date()
        let source = Archive.redactedEndpoint(client.endpoint.baseURL)
        let options = self.options
        let capture = try await writer.run { [archive] in try archive.captures.begin(source: source, options: options.json) }
        await state.setCapture(capture)
        await report(phase: "listing jobs")
        var jobs: [JobRow] = []
        do {
            if options.apis.contains(.v1) { jobs = try await crawlJobList(capture: capture) }
        } catch {
            // Nothing could be listed (refused credentials, no such endpoint, interrupted): the capture ends partial.
            let gaps = await state.report.gaps.count
            // try?: the original error is what the caller needs; a capture left unfinished reads as partial too.
            try? await writer.run { [archive] in
                try archive.captures.finish(capture, complete: false, counts: ["gaps": gaps, "interrupted": Task.isCancelled ? 1 : 0])
            }
            throw error
        }
        await crawlJobs(jobs, capture: capture)
        if !Task.isCancelled, options.apis.contains(.v1), await !state.report.notOffered.contains(EntityKey.list(.jobs)) {
            await report(phase: "configs, specs, engines, algorithms")
            await crawlCatalogs(capture: capture)
        }
        if !Task.isCancelled, options.apis.contains(.v2), await crawlV2(capture: capture), !Task.isCancelled {
            await crawlV2Catalogs(capture: capture)
        }
        let offered = await state.report.notOffered
        if options.apis.allSatisfy({ offered.contains(Snapshotter.listKey(of: $0)) }) {
            // Nothing to capture at all: not a project's archive.
            try? await writer.run { [archive] in try archive.captures.finish(capture, complete: false, counts: ["gaps": 0]) }
            throw ModelArtsClientError(
                .invalidBody, "the endpoint offers neither of the requested training APIs (\(options.apis.map(\.rawValue).sorted().joined(separator: ", "))): HTTP 404 APIGW.0101")
        }
        var result = await state.report
        result.captureID = capture
        result.requests = client.requestCount
        result.retries = client.retryCount
        result.interrupted = Task.isCancelled
        if !result.interrupted {
            // Stored byte for byte but without typed rows: said in the report, never silently.
            do {
                let failures = try await writer.run { [archive] in try archive.entities.typedDerivationFailures(capture: capture) }
                result.warnings += failures.map(\.summary)
            } catch {
                result.warnings.append("could not check the capture's objects for typed columns: \(error)")
            }
        }
        var counts: [String: Int] = [
            "jobs": result.jobs, "versions": result.versions, "v2_jobs": result.v2Jobs, "changed": result.changed, "deleted": result.deleted,
            "log_files": result.logFiles, "log_lines": result.logLines, "log_bytes": result.logBytes,
            "pages": result.pages, "requests": result.requests, "retries": result.retries, "gaps": result.gaps.count,
        ]
        if !result.notOffered.isEmpty { counts["not_offered"] = result.notOffered.count }
        if !result.warnings.isEmpty { counts["warnings"] = result.warnings.count }
        if result.interrupted {
            // Stop at once: what was fetched is committed; the index merge and the digest wait for the next run.
            counts["interrupted"] = 1
            try await writer.run { [archive, counts] in try archive.captures.finish(capture, complete: false, counts: counts) }
            result.seconds = Date().timeIntervalSince(started)
            return result
        }
        let complete = result.complete
        try await writer.run { [archive, counts] in
            try archive.captures.finish(capture, complete: complete, counts: counts)
            try archive.optimizeIndex()
        }
        let stats = try await writer.run { [archive] in try archive.statistics() }
        result.compressionRatio = stats.compressionRatio
        result.digest = try await writer.run { [archive] in try archive.contentDigest() }
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    /// The list key whose "not offered" means the generation's API is absent.
    static func listKey(of generation: APIGeneration) -> String {
        switch generation {
        case .v1: EntityKey.list(.jobs)
        case .v2: String(EntityKey.v2JobSearchPrefix.prefix { $0 != "@" })
        }
    }

    func report(phase: String) async {
        guard let progress else { return }
        var p = await state.progress
        p.phase = phase
        p.requests = client.requestCount
        progress(p)
    }

    // MARK: - Jobs

    /// One job to crawl: its id and list row.
    struct JobRow: Sendable {
        var id: Int64
        var status: Int?
        var createTime: Int64?
    }

    /// Lists every job, page by page (1000 a page), storing the rows; marks jobs gone upstream.
    func crawlJobList(capture: Int64) async throws -> [JobRow] {
        var rows: [JobRow] = []
        var page = 1
        var total: Int? = nil
        var listedAll = false
        while true {
            let response: APIResponse
            do {
                response = try await client.get(V1Endpoint.jobs, query: V1Route.jobs.crawlQuery + [("page", String(page))])
            } catch {
                if error.code == .cancelled { throw error }
                // The first request decides whether there is an API to talk to at all.
                if error.code == .authentication || page == 1 {
                    throw ModelArtsClientError(error.code, "cannot list the project's jobs: \(error.message)", httpStatus: error.httpStatus)
                }
                await gap(capture, kind: "list", key: "\(EntityKey.list(.jobs)) page \(page)", status: error.httpStatus, code: nil, message: error.message)
                break
            }
            if page == 1, options.apis.contains(.v2), Snapshotter.isNotOffered(response) {
                // v1 training is retired on this endpoint: not a gap when v2 is captured too.
                await state.update { $0.report.notOffered.append(EntityKey.list(.jobs)) }
                return []
            }
            guard let json = await acceptJSON(response, capture: capture, kind: "list", key: "\(EntityKey.list(.jobs)) page \(page)") else {
                if page == 1, response.status == 401 || response.status == 403 {
                    let text = Snapshotter.errorText(response)
                    let what = text.contains("ModelArts.0210") ? "the project id does not match the credentials" : "the API refused the credentials"
                    throw ModelArtsClientError(.authentication, "\(what) (HTTP \(response.status)): \(text)", httpStatus: response.status)
                }
                if page == 1 {
                    throw ModelArtsClientError(.invalidBody, "cannot list the project's jobs (HTTP \(response.status)): \(Snapshotter.errorText(response))", httpStatus: response.status)
                }
                break
            }
            let list: V1JobList?
            do {
                list = try V1JobList(json: json)
            } catch {
                list = nil
                await gap(capture, kind: "list", key: "\(EntityKey.list(.jobs)) page \(page)", status: response.status, code: nil, message: "stored, but its jobs cannot be read: \(error)")
            }
            total = list?.jobTotalCount.map(Int.init) ?? total
            let listKey = EntityKey.jobListPage(page)
            let body = response.body
            let keys: [String]
            do {
                keys = try await writer.run { [archive] in
                    try archive.lists.put(listKey: listKey, body: body, route: .jobs, capture: capture)
                }
            } catch {
                await gap(capture, kind: "list", key: listKey, status: response.status, code: nil, message: "\(error)")
                break
            }
            for entry in list?.jobs ?? [] {
                rows.append(JobRow(id: entry.jobID, status: entry.status, createTime: entry.createTime))
            }
            if list == nil { break }
            if keys.isEmpty || keys.count < 1000 || rows.count >= (total ?? Int.max) {
                listedAll = true
                break
            }
            page += 1
        }
        let jobCount = rows.count
        await state.update { $0.report.jobs = jobCount }
        if listedAll {
            let present = Set(rows.map { EntityKey.job($0.id) })
            let marked = try await writer.run { [archive] in try archive.entities.markMissing(kind: .job, present: present, capture: capture) }
            await state.update { $0.report.deleted += marked.count }
        }
        var selected = rows
        if let ids = options.jobIDs {
            let missing = ids.subtracting(rows.map(\.id))
            for id in missing.sorted() {
                await gap(capture, kind: "job", key: String(id), status: nil, code: nil, message: "job \(id) is not in the project's job list")
            }
            selected = selected.filter { ids.contains($0.id) }
        }
        if let since = options.sinceMilliseconds { selected = selected.filter { ($0.createTime ?? 0) >= since } }
        if let until = options.untilMilliseconds { selected = selected.filter { ($0.createTime ?? 0) < until } }
        if let statuses = options.statuses { selected = selected.filter { $0.status.map(statuses.contains) ?? false } }
        return selected
    }

    /// Runs `body` for each item, `options.concurrency` at a time; `afterEach` runs as each one finishes.
    /// Once the run is cancelled no new item starts.
    func forEachConcurrently<Item: Sendable>(
        _ items: [Item], afterEach: () async -> Void = {}, _ body: @escaping @Sendable (Item) async -> Void
    ) async {
        let limit = max(1, options.concurrency)
        await withTaskGroup(of: Void.self) { group in
            var iterator = items.makeIterator()
            for _ in 0..<limit {
                guard let item = iterator.next() else { break }
                group.addTask { await body(item) }
            }
            while await group.next() != nil {
                await afterEach()
                if Task.isCancelled { continue }
                if let item = iterator.next() {
                    group.addTask { await body(item) }
                }
            }
        }
    }

    /// Crawls jobs with bounded concurrency.
    func crawlJobs(_ jobs: [JobRow], capture: Int64) async {
        await state.update {
            $0.progress.jobsTotal = jobs.count
            $0.report.jobsCrawled = jobs.count
        }
        await forEachConcurrently(jobs) { job in await self.crawlJob(job, capture: capture) }
    }

    /// Crawls one job: its versions (all at once with page=0, paging as a fallback), details, log files.
    func crawlJob(_ job: JobRow, capture: Int64) async {
        let jobKey = EntityKey.job(job.id)
        var versions: [V1Version] = []
        var listedAll = false
        do {
            let response = try await client.get(V1Endpoint.versions(jobID: job.id), query: V1Route.versions.crawlQuery)
            if let json = await acceptJSON(response, capture: capture, kind: "versions", key: jobKey) {
                let body = options.redactor.map { Snapshotter.redactList(response.body, route: .versions, redactor: $0) } ?? response.body
                _ = try await writer.run { [archive] in
                    try archive.lists.put(
                        listKey: EntityKey.versionList(jobID: job.id), body: body, route: .versions,
                        keyPrefix: EntityKey.versionPrefix(jobID: job.id), capture: capture)
                }
                do {
                    versions = try V1VersionList(json: json).versions
                    listedAll = true
                } catch {
                    await gap(capture, kind: "versions", key: jobKey, status: response.status, code: nil, message: "stored, but its versions cannot be read: \(error)")
                }
            }
        } catch let error as ModelArtsClientError {
            await gap(capture, kind: "versions", key: jobKey, status: error.httpStatus, code: nil, message: error.message)
        } catch {
            await gap(capture, kind: "versions", key: jobKey, status: nil, code: nil, message: "\(error)")
        }
        if listedAll {
            let present = Set(versions.map { EntityKey.version(jobID: job.id, versionID: $0.versionID) })
            do {
                let marked = try await writer.run { [archive] in try archive.entities.markMissing(kind: .version, prefix: EntityKey.versionPrefix(jobID: job.id), present: present, capture: capture) }
                await state.update { $0.report.deleted += marked.count }
            } catch {
                await gap(capture, kind: "versions", key: jobKey, status: nil, code: nil, message: "marking versions gone upstream failed: \(error)")
            }
        }
        let versionCount = versions.count
        await state.update { $0.report.versions += versionCount }
        for version in versions {
            if Task.isCancelled { return }
            await crawlVersion(jobID: job.id, version: version, capture: capture)
            await state.update { $0.progress.versionsDone += 1 }
            await report(phase: "job \(job.id) version \(version.versionID)")
        }
        await state.update { $0.progress.jobsDone += 1 }
        await report(phase: "job \(job.id) done")
    }
}

extension Snapshotter {
    /// The body as JSON when the response is a 2xx success envelope; otherwise records a gap and returns nil.
    func acceptJSON(_ response: APIResponse, capture: Int64, kind: String, key: String, full: Bool = true) async -> JSONValue? {
        // try?: a body that is not JSON is recorded as a gap just below, with its HTTP status.
        let json = full ? try? RawJSON.parse(response.body) : (try? RawJSON.envelope(response.body, keys: RawJSON.envelopeKeys))?.value
        if (200...299).contains(response.status), let json, V1Error.detect(json) == nil {
            return json
        }
        let apiError = json.flatMap { V1Error.detect($0) }
        await gap(
            capture, kind: kind, key: key, status: response.status, code: apiError?.errorCode,
            message: apiError?.errorMessage ?? "HTTP \(response.status)")
        return nil
    }

    /// Records a gap in the archive and the report.
    ///
    /// Not while the run is being cancelled: what fails then fails because of the interruption, and the
    /// capture is marked interrupted (partial) instead; the next run fetches it.
    func gap(_ capture: Int64, kind: String, key: String, status: Int?, code: String?, message: String) async {
        if Task.isCancelled { return }
        let gap = CaptureGap(captureID: capture, kind: kind, key: key, httpStatus: status, errorCode: code, message: message)
        do {
            try await writer.run { [archive] in try archive.captures.recordGap(gap) }
        } catch {
            // The report still carries the gap and the capture ends partial; say that the archive lacks it.
            let failed = CaptureGap(
                captureID: capture, kind: kind, key: key, httpStatus: status, errorCode: code,
                message: "\(message) (not recorded in the archive: \(error))")
            await state.update {
                $0.report.gaps.append(failed)
                $0.progress.gaps += 1
            }
            return
        }
        await state.update {
            $0.report.gaps.append(gap)
            $0.progress.gaps += 1
        }
    }

    static func errorText(_ response: APIResponse) -> String {
        // try?: only chooses how to word an error; the raw body prefix is shown otherwise.
        if let json = try? RawJSON.parse(response.body), let error = V1Error.detect(json) {
            return [error.errorCode, error.errorMessage].compactMap { $0 }.joined(separator: " ")
        }
        let text = String(decoding: response.body.prefix(200), as: UTF8.self)
        return text.isEmpty ? "no body" : text
    }
}

/// The snapshot's mutable state, shared by its tasks.
actor SnapshotState {
    var report = SnapshotReport()
    var progress = SnapshotProgress()
    /// The v2 search list keys this capture fetched.
    var v2SearchPages: Set<String> = []
    /// What this capture (or the archive) has learnt of how the v2 log endpoint reads its cursors.
    var v2LogReading = PartialLogReading()

    func setCapture(_ id: Int64) { report.captureID = id }

    func update(_ body: @Sendable (isolated SnapshotState) -> Void) {
        body(self)
    }
}
