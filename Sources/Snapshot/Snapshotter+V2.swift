import ArchiveStore
import ModelArtsAPI
import ModelArtsClient

extension Snapshotter {
    /// Search pages asked for at most (5 million jobs): a bound on a service that never says it is done.
    static let maxSearchPages = 100_000
    /// Event pages asked for at most per job.
    static let maxEventPages = 100_000
    /// The archive metadata key that records what the service's `offset` counted.
    static let v2OffsetMetadataKey = "v2_search_offset"
    /// The archive metadata key that records how the service's log endpoint read its cursors.
    static let v2LogReadingMetadataKey = "v2_log_reading"

    /// Crawls the v2 training jobs: every search page (storing each item), then each selected job's details,
    /// tasks, stages, events and metrics, `options.concurrency` jobs at a time.
    ///
    /// `--since`/`--until` select v2 jobs by `metadata.create_time`; `--job` (v1 ids) and `--status` (v1
    /// codes) select no v2 job, so with either only the search pages are captured.
    ///
    /// Returns false when the endpoint does not offer the v2 API at all (noted in the report, not a gap).
    @discardableResult
    func crawlV2(capture: Int64) async -> Bool {
        await report(phase: "listing v2 jobs")
        guard let ids = await searchV2Jobs(capture: capture) else { return false }
        // try?: an unreadable archived reading is detected again from the service's cursors.
        if let text = try? await writer.run({ [archive] in try archive.metadata()[Snapshotter.v2LogReadingMetadataKey] }),
            let archived = LogReading(parsing: text)
        {
            await state.update { $0.v2LogReading.merge(PartialLogReading(archived)) }
        }

        await state.update { $0.report.v2Jobs = ids.count }
        var selected = options.jobIDs != nil || options.statuses != nil ? [] : ids
        if !selected.isEmpty, options.sinceMilliseconds != nil || options.untilMilliseconds != nil {
            let since = options.sinceMilliseconds ?? Int64.min
            let until = options.untilMilliseconds ?? Int64.max
            do {
                let created = try await writer.run { [archive] in
                    Dictionary(try archive.jobs.v2Jobs().map { ($0.jobID, $0.createTime ?? 0) }, uniquingKeysWith: { a, _ in a })
                }
                selected = selected.filter { created[$0].map { $0 >= since && $0 < until } ?? false }
            } catch {
                await gap(capture, kind: "list", key: Snapshotter.listKey(of: .v2), status: nil, code: nil, message: "cannot read the v2 jobs' creation times to apply --since/--until: \(error)")
                return true
            }
        }
        var done = 0
        await forEachConcurrently(selected, afterEach: {
            done += 1
            await report(phase: "v2 jobs \(done)/\(selected.count)")
        }) { id in await self.crawlV2Job(id, capture: capture) }
        await recordV2LogReading(capture: capture)
        return true
    }


    /// One v2 job: its details, tasks, stages, every event, and each task's metrics and log.
    func crawlV2Job(_ id: String, capture: Int64) async {
        let key = EntityKey.v2Job(id)
        var tasks: [String] = []
        var terminal = false
        var secrets = SecretScrubber.none
        if let body = await fetchV2(.job(id: id), kind: EntityKind.v2JobDetail.rawValue, key: key, capture: capture) {
            await store(.v2JobDetail, key: key, body: body, capture: capture)
            // try?: the body was accepted as JSON; a details body without tasks has no per-task metrics or logs.
            let json = try? RawJSON.parse(body)
            tasks = (json?["status"]?["tasks"]?.array ?? []).compactMap(\.string)
            terminal = json?["status"]?["phase"]?.string.flatMap(V2Phase.init(name:))?.isTerminal ?? false
            if let json, let redactor = options.redactor { secrets = SecretScrubber(v2Job: json, redactor: redactor) }
        }
        if Task.isCancelled { return }
        var runs: [String: Int] = [:]
        if let body = await fetchV2(.tasks(jobID: id), kind: EntityKind.v2Tasks.rawValue, key: key, capture: capture) {
            await store(.v2Tasks, key: key, body: body, capture: capture)
            // try?: accepted as JSON above; entries without a task or schedule_count leave the run unknown (0).
            for entry in (try? RawJSON.parse(body))?.array ?? [] {
                if let task = entry["task"]?.string, let run = entry["schedule_count"]?.int64.flatMap({ Int(exactly: $0) }), run >= 0 { runs[task] = run }
            }
        }
        if let body = await fetchV2(.stages(jobID: id), kind: EntityKind.v2Stages.rawValue, key: key, capture: capture) {
            await store(.v2Stages, key: key, body: body, capture: capture)
        }
        await crawlV2Events(id, capture: capture)
        for task in tasks {
            if Task.isCancelled { return }
            let metricsKey = EntityKey.v2Metrics(jobID: id, taskID: task)
            if let body = await fetchV2(.metrics(jobID: id, taskID: task), kind: EntityKind.v2Metrics.rawValue, key: metricsKey, capture: capture) {
                await store(.v2Metrics, key: metricsKey, body: body, capture: capture)
            }
        }
        guard options.includeLogs else { return }
        for task in tasks {
            if Task.isCancelled { return }
            await crawlV2Log(jobID: id, taskID: task, run: runs[task] ?? 0, terminal: terminal, secrets: secrets, capture: capture)
        }
    }

    /// One v2 task log in full through `logs/{task_id}`, whatever way the service reads its cursors.
    func crawlV2Log(jobID: String, taskID: String, run: Int, terminal: Bool, secrets: SecretScrubber, capture: Int64) async {
        let path = V2Endpoint.log(jobID: jobID, taskID: taskID).segments
        let count = min(options.pageLines, V2Endpoint.maxLogLines)
        let lines = String(count)
        var source = LogSource(
            owner: .v2(jobID: jobID, taskID: taskID, run: run), key: EntityKey.v2Log(jobID: jobID, taskID: taskID), generation: .v2,
            lines: count
        ) { [client] base, order throws(ModelArtsClientError) in
            try await client.send(.v2, method: "GET", path: path, query: [("base_line", base), ("lines", lines), ("order", order.rawValue)], body: [])
        }
        let failure = LogFetchFailure()
        source.failure = failure
        await crawlLog(source, terminal: terminal, secrets: secrets, capture: capture)
        guard let failed = failure.failure, !Task.isCancelled else { return }
        await fetchV2LogByLink(source, pagesFailed: failed, terminal: terminal, secrets: secrets, capture: capture)
    }

    /// How many fresh OBS links a log fetch asks for when each has expired before it was read.
    package static let maxLogLinks = 3

    /// A v2 task log whose pages failed, fetched whole through its OBS link (`…/tasks/{task}/logs/url`, a link
    /// valid 5 minutes): fetched at once, a new link asked for when one has expired (403, 400 or 401 from the
    /// link), up to ``maxLogLinks``. The file must continue the archived lines (then the rest is appended) —
    /// otherwise nothing archived is replaced and a gap says why. The 5 MB preview is never taken for the log.
    func fetchV2LogByLink(_ source: LogSource, pagesFailed: LogFetchFailure.Failure, terminal: Bool, secrets: SecretScrubber, capture: Int64) async {
        guard case .v2(let jobID, let taskID, _) = source.owner else { return }
        let key = source.key
        func fail(_ status: Int?, _ message: String) async {
            await gap(
                capture, kind: "log", key: key, status: status ?? pagesFailed.status, code: pagesFailed.code,
                message: "the log's pages failed (\(pagesFailed.message)), and its OBS link too: \(message)")
        }
        var content: [UInt8]? = nil
        var problem = ""
        for _ in 0..<Snapshotter.maxLogLinks {
            if Task.isCancelled { return }
            let answer: APIResponse
            do {
                answer = try await client.send(
                    .v2, method: "GET", path: V2Endpoint.logURL(jobID: jobID, taskID: taskID).segments, body: [],
                    headers: [("Content-Type", "application/octet-stream")])
            } catch {
                return await fail(error.httpStatus, "asking for the link: \(error.message)")
            }
            // try?: a body that is not JSON has no link; the gap below says so with its status.
            guard (200...299).contains(answer.status), let link = (try? RawJSON.parse(answer.body))?["obs_url"]?.string, !link.isEmpty else {
                return await fail(answer.status, "asking for the link: HTTP \(answer.status) \(Snapshotter.errorText(answer))")
            }
            let file: APIResponse
            do {
                file = try await client.download(link)
            } catch {
                return await fail(error.httpStatus, error.message)
            }
            if (200...299).contains(file.status) {
                content = file.body
                break
            }
            problem = "HTTP \(file.status) from the link"
            // An expired link: OBS answers 403 (AccessDenied, "Request has expired"), some gateways 400 or 401.
            guard [400, 401, 403].contains(file.status) else { return await fail(file.status, problem) }
        }
        guard let content else {
            return await fail(nil, "\(problem) from each of \(Snapshotter.maxLogLinks) fresh links (each had expired when fetched)")
        }
        let scrubbed = secrets.scrub(content)
        enum Stored { case appended(LogFileInfo, bytes: Int, lines: Int), shorter(archived: Int), differs }
        let stored: Stored
        do {
            stored = try await writer.run { [archive] () -> Stored in
                let info = try archive.logs.ensureFile(source.owner, capture: capture)
                // The archived bytes must be the file's start: compared by their SHA-256, not read back.
                guard scrubbed.count >= info.byteCount else { return .shorter(archived: info.byteCount) }
                guard Archive.sha256Hex(Array(scrubbed[..<info.byteCount])) == info.sha256 else { return .differs }
                let rest = Array(scrubbed[info.byteCount...])
                guard !rest.isEmpty else { return .appended(info, bytes: 0, lines: 0) }
                let updated = try archive.logs.append(fileID: info.id, data: rest, capture: capture, complete: false)
                return .appended(updated, bytes: rest.count, lines: updated.lineCount - info.lineCount)
            }
        } catch {
            return await fail(nil, "storing the fetched file failed: \(error)")
        }
        let info: LogFileInfo
        let added: (bytes: Int, lines: Int)
        switch stored {
        case .shorter(let archived):
            return await fail(200, "the file at the link has \(scrubbed.count) bytes, fewer than the \(archived) archived (the link may lag behind the log); the archived lines are kept")
        case .differs:
            return await fail(200, "the file at the link does not continue the archived lines, which are kept as they are")
        case .appended(let updated, let bytes, let lines):
            info = updated
            added = (bytes, lines)
        }
        await state.update {
            $0.report.logFilesByLink += 1
            $0.report.logLines += added.lines
            $0.report.logBytes += added.bytes
            $0.progress.logBytes += added.bytes
        }
        await markComplete(info, terminal, key: key, capture: capture)
    }

    /// Archives the log reading the crawl learnt (once every part of it is known).
    func recordV2LogReading(capture: Int64) async {
        guard let reading = await state.v2LogReading.reading else { return }
        do {
            try await writer.run { [archive] in try archive.setMetadata(Snapshotter.v2LogReadingMetadataKey, reading.description) }
        } catch {
            await gap(capture, kind: "meta", key: Snapshotter.v2LogReadingMetadataKey, status: nil, code: nil, message: "cannot record how the service reads log cursors: \(error)")
        }
    }

    /// Every event of a v2 job, oldest first, 100 a page; each page stored byte for byte, each event as a
    /// `v2_event` keyed by its position. `total` may come as a number or a string; while it is known the
    /// crawl goes on to it (a service that caps `limit` lower loses nothing), otherwise to a short page. A
    /// page that repeats the previous one (a service ignoring `offset`) stops the crawl with a gap. Once the
    /// events are complete, positions past the end and pages no longer fetched are marked gone.
    func crawlV2Events(_ id: String, capture: Int64) async {
        let limit = V2Endpoint.maxEventLimit
        var offset = 0
        var fetched: Set<String> = []
        var keys: Set<String> = []
        var previous: [ArraySlice<UInt8>] = []
        var complete = false
        for _ in 0..<Snapshotter.maxEventPages {
            if Task.isCancelled { return }
            let listKey = EntityKey.v2Events(jobID: id, offset: offset, limit: limit)
            let response: APIResponse
            do {
                response = try await client.send(
                    .v2, method: "GET", path: V2Endpoint.events(jobID: id).segments,
                    query: [("offset", String(offset)), ("limit", String(limit)), ("order", "asc")], body: [])
            } catch {
                await gap(capture, kind: "list", key: listKey, status: error.httpStatus, code: nil, message: error.message)
                return
            }
            guard let json = await acceptJSON(response, capture: capture, kind: "list", key: listKey) else { return }
            let body = response.body
            // try?: the body parsed as JSON just above; a page without an events array holds no events.
            let items = ((try? RawJSON.arrayElements(body, key: "events")) ?? nil)?.map { body[$0] } ?? []
            if !items.isEmpty, items == previous {
                await gap(capture, kind: "list", key: listKey, status: 200, code: nil, message: "the events page at offset \(offset) repeats the previous one (offset not honoured); events after \(offset) are not captured")
                return
            }
            previous = items
            let start = offset
            let stored: [String]
            do {
                stored = try await writer.run { [archive] in
                    var position = start
                    return try archive.lists.put(listKey: listKey, body: body, itemsKey: "events", itemKind: .v2Event, capture: capture) { _ in
                        defer { position += 1 }
                        return EntityKey.v2Event(jobID: id, position: position)
                    }
                }
            } catch {
                await gap(capture, kind: "list", key: listKey, status: response.status, code: nil, message: "\(error)")
                return
            }
            fetched.insert(listKey)
            keys.formUnion(stored)
            offset += stored.count
            let total = json["total"]?.int64.flatMap { Int(exactly: $0) }
            if stored.isEmpty || total.map({ offset >= $0 }) ?? (stored.count < limit) {
                complete = true
                break
            }
        }
        guard complete else {
            await gap(capture, kind: "list", key: EntityKey.v2EventsPrefix(id), status: nil, code: nil, message: "more than \(Snapshotter.maxEventPages) pages of events; the rest are not captured")
            return
        }
        do {
            try await writer.run { [archive, fetched, keys] in
                try archive.entities.markMissing(kind: .v2Event, prefix: EntityKey.v2JobPrefix(id), present: keys, capture: capture)
                try archive.entities.markMissing(kind: .list, prefix: EntityKey.v2EventsPrefix(id), present: fetched, capture: capture)
            }
        } catch {
            await gap(capture, kind: "list", key: EntityKey.v2EventsPrefix(id), status: nil, code: nil, message: "marking events no longer listed failed: \(error)")
        }
    }

    /// Lists every v2 job exactly once, whatever `offset` counts; nil when the API is not offered.
    func searchV2Jobs(capture: Int64) async -> [String]? {
        let limit = V2Endpoint.maxSearchLimit
        guard let first = await fetchV2SearchPage(offset: 0, limit: limit, capture: capture) else { return nil }
        guard case .page(let firstIDs, let total) = first else { return [] }
        var ids = firstIDs
        var seen = Set(ids)
        var listedAll = firstIDs.count < limit || total.map { ids.count >= $0 } ?? false
        var meaning = V2OffsetMeaning.records
        var determined = false
        if !listedAll {
            // Offset 1 tells the meanings apart: the second job (records), the first page again (pages from 1),
            // or the second page (pages from 0).
            guard case .page(let probe, _) = await fetchV2SearchPage(offset: 1, limit: limit, capture: capture) ?? .failed else {
                return ids
            }
            determined = !probe.isEmpty
            if probe.first == firstIDs.dropFirst().first {
                meaning = .records
            } else if probe.first == firstIDs.first {
                meaning = .pagesFromOne
            } else {
                meaning = .pages
                if probe.count < limit { listedAll = true }
            }
            for id in probe where seen.insert(id).inserted { ids.append(id) }
            if probe.isEmpty { listedAll = true }
            var page = meaning == .pages ? 2 : 1
            while !listedAll, !Task.isCancelled {
                let offset = meaning.offset(ofPage: page, limit: limit)
                guard case .page(let more, let moreTotal) = await fetchV2SearchPage(offset: offset, limit: limit, capture: capture) ?? .failed else {
                    break
                }
                let before = ids.count
                for id in more where seen.insert(id).inserted { ids.append(id) }
                let bound = moreTotal ?? total
                if ids.count == before, !more.isEmpty {
                    // A page with nothing new: the service does not honour offset as detected. Stop; complete
                    // only when the total says every job is listed.
                    listedAll = bound.map { ids.count >= $0 } ?? false
                    break
                }
                // A short page or the total reached: done.
                if more.count < limit || bound.map({ ids.count >= $0 }) ?? false { listedAll = true }
                page += 1
                if page > Snapshotter.maxSearchPages { break }
            }
        }
        if let total, ids.count < total, !Task.isCancelled {
            // Never a silent loss, and never "gone upstream" for jobs the listing did not reach.
            listedAll = false
            await gap(
                capture, kind: "list", key: Snapshotter.listKey(of: .v2), status: nil, code: nil,
                message: "listed \(ids.count) of the \(total) jobs the search reports (offset counted as \(meaning.rawValue)); the rest are not captured")
        }
        if determined {
            // Replay serves other windows under the meaning the captured service used.
            let found = meaning
            do {
                try await writer.run { [archive] in try archive.setMetadata(Snapshotter.v2OffsetMetadataKey, found.rawValue) }
            } catch {
                await gap(capture, kind: "list", key: Snapshotter.listKey(of: .v2), status: nil, code: nil, message: "recording the offset meaning failed: \(error)")
            }
        }
        if listedAll, !Task.isCancelled {
            let present = Set(ids.map(EntityKey.v2Job))
            let pages = await state.v2SearchPages
            do {
                let marked = try await writer.run { [archive] in
                    // Search pages this capture did not fetch are not served as if they were current.
                    try archive.entities.markMissing(kind: .list, prefix: EntityKey.v2JobSearchPrefix, present: pages, capture: capture)
                    return try archive.entities.markMissing(kind: .v2Job, present: present, capture: capture)
                        + archive.entities.markMissing(kind: .v2JobDetail, present: present, capture: capture)
                }
                await state.update { $0.report.deleted += marked.count }
            } catch {
                await gap(capture, kind: "list", key: Snapshotter.listKey(of: .v2), status: nil, code: nil, message: "marking v2 jobs gone upstream failed: \(error)")
            }
        }
        return ids
    }

    /// What one search page gave.
    enum V2SearchOutcome {
        /// The page's job ids in order, and `total` when the answer had one.
        case page([String], total: Int?)
        /// Failed (a gap is recorded).
        case failed
    }

    /// POSTs one search page and stores it (each item as a `v2_job`); nil when the v2 API is not offered.
    func fetchV2SearchPage(offset: Int, limit: Int, capture: Int64) async -> V2SearchOutcome? {
        let listKey = EntityKey.v2JobSearch(offset: offset, limit: limit)
        let response: APIResponse
        do {
            response = try await client.send(
                .v2, method: "POST", path: V2Endpoint.jobSearches.segments, body: V2Endpoint.searchBody(offset: offset, limit: limit))
        } catch {
            await gap(capture, kind: "list", key: listKey, status: error.httpStatus, code: nil, message: error.message)
            return .failed
        }
        if offset == 0, Snapshotter.isNotOffered(response) {
            await state.update { $0.report.notOffered.append(Snapshotter.listKey(of: .v2)) }
            return nil
        }
        guard let json = await acceptJSON(response, capture: capture, kind: "list", key: listKey) else { return .failed }
        let body = options.redactor.map { Snapshotter.redactItems(response.body, itemsKey: "items", redactor: $0) } ?? response.body
        let keys: [String]
        do {
            keys = try await writer.run { [archive] in
                try archive.lists.put(listKey: listKey, body: body, itemsKey: "items", itemKind: .v2Job, capture: capture) { item in
                    item["metadata"]?["id"]?.string.map(EntityKey.v2Job)
                }
            }
        } catch {
            await gap(capture, kind: "list", key: listKey, status: response.status, code: nil, message: "\(error)")
            return .failed
        }
        await state.update { $0.v2SearchPages.insert(listKey) }
        let total = json["total"]?.int64.flatMap { Int(exactly: $0) }
        return .page(keys, total: total)
    }

    /// GETs a v2 endpoint; the body on success, nil (a gap recorded) otherwise. With `notOffered`, an answer
    /// saying the service has no such API is noted in the report under that key instead of being a gap.
    func fetchV2(
        _ endpoint: V2Endpoint, query: [(String, String)] = [], kind: String, key: String, notOffered: String? = nil, capture: Int64
    ) async -> [UInt8]? {
        do {
            let response = try await client.send(.v2, method: "GET", path: endpoint.segments, query: query, body: [])
            if let notOffered, Snapshotter.isNotOffered(response) {
                await state.update { $0.report.notOffered.append(notOffered) }
                return nil
            }
            // Parsed whole: these bodies are small, and the tasks body is a JSON array, not an object.
            guard await acceptJSON(response, capture: capture, kind: kind, key: key) != nil else { return nil }
            return response.body
        } catch {
            await gap(capture, kind: kind, key: key, status: error.httpStatus, code: nil, message: error.message)
            return nil
        }
    }

    /// Redacts the parameters of every item of `itemsKey` in a list body.
    static func redactItems(_ body: [UInt8], itemsKey: String, redactor: ParameterRedactor) -> [UInt8] {
        // try?: a body (already checked to be JSON) without an items array has no items to redact.
        guard let ranges = try? RawJSON.arrayElements(body, key: itemsKey) else { return body }
        var out = body
        for range in ranges.reversed() {
            let item = Array(body[range])
            let redacted = redactor.redact(item).body
            if redacted != item { out.replaceSubrange(range, with: redacted) }
        }
        return out
    }
}
