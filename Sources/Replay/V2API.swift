import ArchiveStore
import Foundation
import Hummingbird
import ModelArtsAPI
import NIOCore

/// The read endpoints of the ModelArts v2 training API, answered from a ``ReplayStore``.
///
/// A request equal to one the snapshot sent gets the captured bytes; other search windows are composed
/// from the stored items under the `offset` meaning the captured service used. Client mistakes answer in
/// the v2 error shape (`error_code`, `error_msg`).
struct V2API: Sendable {
    /// The archive.
    let store: ReplayStore

    /// A query parameter as an integer in `range` (`value` when absent), or a v2 400.
    static func integer(_ query: QueryParameters, _ name: String, default value: Int, range: ClosedRange<Int>) throws(ReplayAPIError) -> Int {
        guard let text = query[name] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ReplayAPIError.badParameter(name, "must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'").inV2
        }
        return number
    }

    /// `head` + the raw items joined by commas + `]}`: a composed list answer.
    static func compose(_ head: String, items: some Sequence<[UInt8]>) -> Response {
        var out: [UInt8] = Array(head.utf8)
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += item
        }
        out += Array("]}".utf8)
        return JSONResponse.make(bytes: out)
    }


    /// `POST /v2/{project_id}/training-job-searches`.
    func searchJobs(body: [UInt8]) throws -> Response {
        guard store.v2Offered else {
            throw ReplayAPIError.unknownPath(method: "POST", path: "/v2/{project_id}/\(V2Endpoint.jobSearches.path)")
        }
        let search = try V2Search(body: body)
        if search.isCrawlSearch, let page = try store.capturedList(EntityKey.v2JobSearch(offset: search.offset, limit: search.limit)) {
            return JSONResponse.make(buffer: page)
        }
        var items = try store.v2SearchItems()
        if search.order == "desc" { items.reverse() }
        let (skip, count) = store.v2Offset.window(offset: search.offset, limit: search.limit)
        let window = items.dropFirst(skip).prefix(count)
        // sort_by and order are validated words (create_time; asc or desc): no escaping needed.
        return V2API.compose(
            #"{"total":\#(items.count),"count":\#(window.count),"limit":\#(search.limit),"offset":\#(search.offset),"sort_by":"\#(search.sortBy)","order":"\#(search.order)","items":["#,
            items: window)
    }

    /// A stored whole body of a v2 job (`tasks`, `stages`, a task's `metrics`), or a v2 404.
    func body(_ kind: EntityKind, key: String, what: String) throws -> Response {
        guard let body = try store.entity(kind, key) else { throw ReplayAPIError.notFound(what).inV2 }
        return JSONResponse.make(buffer: body)
    }

    /// `GET /v2/{project_id}/training-jobs/{training_job_id}/events`: a captured page for the snapshot's
    /// request (`order` asc, `limit` 100), else a window of the stored events.
    func events(jobID rawID: String, _ query: QueryParameters) throws -> Response {
        let id = QueryParameters.decodePathSegment(rawID)
        guard try store.v2Job(id) != nil else {
            throw ReplayAPIError.notFound("training job \(id)").inV2
        }
        let offset = try V2API.integer(query, "offset", default: 0, range: 0...Int(Int32.max))
        let limit = try V2API.integer(query, "limit", default: 50, range: 1...V2Endpoint.maxEventLimit)
        let order = query["order"] ?? "desc"
        guard order == "asc" || order == "desc" else { throw ReplayAPIError.badParameter("order", "must be asc or desc").inV2 }
        for name in ["start_time", "end_time", "level", "pattern", "source"] where query[name] != nil {
            throw ReplayAPIError.badParameter(name, "is not answered by the replay server (read every event and filter them)").inV2
        }
        if order == "asc", let page = try store.capturedList(EntityKey.v2Events(jobID: id, offset: offset, limit: limit)) {
            return JSONResponse.make(buffer: page)
        }
        var (events, totalIsString) = try store.v2Events(jobID: id)
        if order == "desc" { events.reverse() }
        let window = events.dropFirst(offset).prefix(limit)
        let total = totalIsString ? "\"\(events.count)\"" : String(events.count)
        return V2API.compose(#"{"total":\#(total),"limit":\#(limit),"offset":\#(offset),"order":"\#(order)","events":["#, items: window)
    }

    /// A v2 catalog answered whole (`training-job-flavors`, `training-job-engines`, `pools`): the captured
    /// answer. `flavor_type` picks flavors of one type from it; a pools `continue` token gets the page captured
    /// for it; other parameters are refused rather than ignored.
    func catalog(_ endpoint: V2Endpoint, _ query: QueryParameters) throws -> Response {
        var token: String? = nil
        var flavorType: String? = nil
        for (name, value) in query.pairs {
            switch (endpoint, name) {
            case (.flavors, "flavor_type"): flavorType = value
            case (.pools, "continue"): token = value.isEmpty ? nil : value
            case (.pools, "workspaceId"), (.pools, "labelSelector"), (.pools, "status"):
                throw ReplayAPIError.badParameter(name, "is not answered by the replay server (read every pool and filter them)").inV2
            default:
                throw ReplayAPIError.badParameter(name, "is not a parameter of \(endpoint.path)").inV2
            }
        }
        guard let body = try store.capturedList(EntityKey.v2Catalog(endpoint, continue: token)) else {
            if token != nil { throw ReplayAPIError.badParameter("continue", "names no captured page").inV2 }
            throw ReplayAPIError.unknownPath(method: "GET", path: "/v2/{project_id}/\(endpoint.path)")
        }
        guard let flavorType else { return JSONResponse.make(buffer: body) }
        let bytes = Array(body.readableBytesView)
        // try?: the stored answer parsed when it was captured; one that no longer splits has no flavors to pick.
        let ranges = ((try? RawJSON.arrayElements(bytes, key: "flavors")) ?? nil) ?? []
        let picked = ranges.map { Array(bytes[$0]) }.filter { item in
            ((try? RawJSON.parse(item))?["flavor_type"]?.string).map { $0.lowercased() == flavorType.lowercased() } ?? false
        }
        return V2API.compose(#"{"total_count":\#(picked.count),"flavors":["#, items: picked)
    }

    /// `GET /v2/{project_id}/algorithms`: the page captured for that `offset` and `limit` (1–50, 10), else a
    /// window (offset in records) of the algorithms in the order the captured pages listed them.
    func algorithms(_ query: QueryParameters) throws -> Response {
        let offset = try V2API.integer(query, "offset", default: 0, range: 0...Int(Int32.max))
        let limit = try V2API.integer(query, "limit", default: 10, range: 1...V2Endpoint.maxAlgorithmLimit)
        if let other = query.pairs.first(where: { $0.0 != "offset" && $0.0 != "limit" }) {
            throw ReplayAPIError.badParameter(other.0, "is not answered by the replay server (page through every algorithm)").inV2
        }
        guard try store.v2AlgorithmsCaptured() else {
            throw ReplayAPIError.unknownPath(method: "GET", path: "/v2/{project_id}/algorithms")
        }
        if let body = try store.capturedList(EntityKey.v2Algorithms(offset: offset, limit: limit)) {
            return JSONResponse.make(buffer: body)
        }
        let items = try store.v2AlgorithmItems()
        let window = items.dropFirst(offset).prefix(limit)
        return V2API.compose(#"{"total":\#(items.count),"count":\#(window.count),"limit":\#(limit),"offset":\#(offset),"items":["#, items: window)
    }

    /// `GET /v2/{project_id}/training-jobs/{training_job_id}/logs/{task_id}`: a captured page for a request the
    /// snapshot sent, else the window of stored lines the request selects under the captured service's
    /// ``LogReading`` (which way each `order` reads, what an empty `base_line` gives, whether the cursor line
    /// comes back), with cursors as in `aom-log` replay.
    func log(jobID rawID: String, taskID rawTask: String, _ query: QueryParameters) throws -> Response {
        let id = QueryParameters.decodePathSegment(rawID)
        let task = QueryParameters.decodePathSegment(rawTask)
        let request: LogPageRequest
        do { request = try LogPageRequest.parse(query) } catch { throw error.inV2 }
        guard request.lines >= 1 else { throw ReplayAPIError.badParameter("lines", "must be an integer from 1 to \(V2Endpoint.maxLogLines), got '0'").inV2 }
        guard let jobBytes = try store.v2Job(id) else { throw ReplayAPIError.notFound("training job \(id)").inV2 }
        guard let info = try store.v2LogFile(jobID: id, taskID: task) else {
            throw ReplayAPIError.notFound("the log of task \(task) of training job \(id) (not captured)").inV2
        }
        // try?: a details body that is not JSON only loses the cursor base (start time); the lines are served.
        let state = try store.logState(info) { try? RawJSON.parse(Array(jobBytes.readableBytesView))["status"] }
        if let pageID = state.capturedPages[request.key] {
            return JSONResponse.make(buffer: try store.capturedPageBody(id: pageID))
        }
        let window = request.window(lineCount: info.lineCount, map: state.map, reading: store.v2LogReading)
        guard !window.isEmpty else {
            return JSONResponse.make(
                buffer: PageBodyWriter.render(startLine: request.baseLine, endLine: request.baseLine, lines: 0, pieces: [], isSuccess: false))
        }
        return JSONResponse.make(
            buffer: try store.renderPage(
                info, range: window, style: state.style, startLine: state.map.cursor(line: window.lowerBound),
                endLine: state.map.cursor(line: window.upperBound - 1), isSuccess: false))
    }

    /// The most bytes `logs/preview` returns: the latest part of a larger log (the service's 5 MB).
    static let previewBytes = 5 << 20

    /// `GET …/training-jobs/{training_job_id}/tasks/{task_id}/logs/url`: a download link to the task's log (as
    /// the served capture left it) on this server, valid ``ReplayConfiguration/logLinkLifetime`` seconds,
    /// `{"obs_url": "http://HOST/obs-links/TOKEN"}`.
    func logURL(jobID rawID: String, taskID rawTask: String, authority: String, links: LogLinks, now: Date) throws -> Response {
        let info = try v2LogInfo(jobID: rawID, taskID: rawTask)
        let token = links.issue(info, now: now)
        var body: [UInt8] = Array(#"{"obs_url":"#.utf8)
        body += JSONStringLiteral.encode(Array("http://\(authority)\(ReplayRoutes.logLinkPrefix)\(token)".utf8))
        body += Array("}".utf8)
        return JSONResponse.make(bytes: body)
    }

    /// `GET …/tasks/{task_id}/logs/preview`: the latest whole lines of the task's log, at most 5 MB
    /// (`content`, `current_size`, `full_size`); read a stored chunk at a time from the end.
    func logPreview(jobID rawID: String, taskID rawTask: String) throws -> Response {
        let info = try v2LogInfo(jobID: rawID, taskID: rawTask)
        let cutLast = try store.lastLineThen(info)
        var pieces: [[UInt8]] = []
        var size = 0
        var line = info.lineCount - 1
        collecting: while line >= 0 {
            let chunk = try store.chunk(fileID: info.id, containing: line)
            let ends = chunk.lineEnds
            var n = line - chunk.firstLine
            while n >= 0 {
                let start = n == 0 ? 0 : ends[n - 1]
                let bytes = chunk.firstLine + n == info.lineCount - 1 ? (cutLast ?? Array(chunk.bytes[start..<ends[n]])) : Array(chunk.bytes[start..<ends[n]])
                guard size + bytes.count <= V2API.previewBytes else { break collecting }
                size += bytes.count
                pieces.append(bytes)
                n -= 1
            }
            line = chunk.firstLine - 1
        }
        let content = Array(pieces.reversed().joined())
        var body: [UInt8] = Array(#"{"content":"#.utf8)
        body += JSONStringLiteral.encode(content)
        body += Array(#","current_size":\#(content.count),"full_size":\#(info.byteCount)}"#.utf8)
        return JSONResponse.make(bytes: body)
    }

    /// The log of task `rawTask` of v2 job `rawID` as the served capture left it, or the v2 404.
    private func v2LogInfo(jobID rawID: String, taskID rawTask: String) throws -> LogFileInfo {
        let id = QueryParameters.decodePathSegment(rawID)
        let task = QueryParameters.decodePathSegment(rawTask)
        guard try store.v2Job(id) != nil else { throw ReplayAPIError.notFound("training job \(id)").inV2 }
        guard let info = try store.v2LogFile(jobID: id, taskID: task) else {
            throw ReplayAPIError.notFound("the log of task \(task) of training job \(id) (not captured)").inV2
        }
        return info
    }

    /// `GET /obs-links/{token}`: the log a link names, byte for byte, streamed; 403 with OBS's XML error once
    /// the link has expired or for a token never handed out.
    static func linkedLog(token: String, links: LogLinks, store: ReplayStore, now: Date) throws -> Response {
        func denied(_ code: String, _ message: String) -> Response {
            let xml = #"<?xml version="1.0" encoding="UTF-8"?><Error><Code>\#(code)</Code><Message>\#(message)</Message></Error>"#
            return Response(status: .forbidden, headers: [.contentType: "application/xml"], body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
        }
        let info: LogFileInfo
        switch links.lookup(token, now: now) {
        case .unknown: return denied("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")
        case .expired: return denied("AccessDenied", "Request has expired")
        case .valid(let found): info = found
        }
        return Response(
            status: .ok, headers: [.contentType: "application/octet-stream"],
            body: ResponseBody(contentLength: info.byteCount) { writer in
                // A stored chunk (whole lines, about 64 KiB) at a time, cut at the byte count of the served capture.
                var line = 0
                var sent = 0
                while sent < info.byteCount {
                    guard let chunk = try? store.chunk(fileID: info.id, containing: line) else { break }  // try?: a missing chunk is the short-stream error below
                    let take = min(chunk.bytes.count, info.byteCount - sent)
                    try await writer.write(ByteBuffer(bytes: chunk.bytes[0..<take]))
                    sent += take
                    line = chunk.firstLine + chunk.lineCount
                }
                // A damaged log ends short of its length: the connection is dropped rather than left waiting.
                guard sent == info.byteCount else {
                    throw ReplayStoreFailure(message: "log file \(info.id): \(sent) of \(info.byteCount) bytes stored")
                }
                try await writer.finish(nil)
            })
    }

    /// `GET /v2/{project_id}/training-jobs/{training_job_id}`: the details body, else the search item.
    func job(id: String) throws -> Response {
        let decoded = QueryParameters.decodePathSegment(id)
        guard let body = try store.v2Job(decoded) else {
            throw ReplayAPIError.notFound("training job \(decoded)").inV2
        }
        return JSONResponse.make(buffer: body)
    }
}

/// The parts of a v2 job search request the replay answers: `offset`, `limit`, `sort_by`, `order`.
struct V2Search: Equatable {
    var offset: Int
    var limit: Int
    var sortBy: String
    var order: String

    /// Whether this is the search snapshot sends (oldest first, no filters), so a captured page answers it.
    var isCrawlSearch: Bool { sortBy == "create_time" && order == "asc" && !filtered }
    /// Whether the request had filters (answered unfiltered is wrong: refused).
    private var filtered = false

    /// Parses a request body; an empty body is the defaults (offset 0, limit 10, newest first).
    init(body: [UInt8]) throws(ReplayAPIError) {
        offset = 0
        limit = 10
        sortBy = "create_time"
        order = "desc"
        guard body.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else { return }
        let json: JSONValue
        do { json = try RawJSON.parse(body) } catch {
            throw ReplayAPIError.badParameter("body", "is not JSON: \(error)").inV2
        }
        guard json.object != nil else { throw ReplayAPIError.badParameter("body", "must be a JSON object").inV2 }
        func integer(_ name: String) throws(ReplayAPIError) -> Int? {
            guard let value = json[name], value != .null else { return nil }
            guard let number = value.int64, let int = Int(exactly: number) else {
                throw ReplayAPIError.badParameter(name, "must be an integer").inV2
            }
            return int
        }
        if let value = try integer("offset") {
            guard value >= 0 else { throw ReplayAPIError.badParameter("offset", "must be 0 or more, got \(value)").inV2 }
            offset = value
        }
        if let value = try integer("limit") {
            let most = V2Endpoint.maxSearchLimit
            guard (1...most).contains(value) else {
                throw ReplayAPIError.badParameter("limit", "must be from 1 to \(most), got \(value)").inV2
            }
            limit = value
        }
        if let value = json["sort_by"], value != .null {
            guard let text = value.string, text == "create_time" else {
                throw ReplayAPIError.badParameter("sort_by", "must be create_time (the replay sorts by nothing else)").inV2
            }
            sortBy = text
        }
        if let value = json["order"], value != .null {
            guard let text = value.string, text == "asc" || text == "desc" else {
                throw ReplayAPIError.badParameter("order", "must be asc or desc").inV2
            }
            order = text
        }
        if let filters = json["filters"], filters != .null, !(filters.array?.isEmpty ?? false) {
            filtered = true
            throw ReplayAPIError.badParameter("filters", "are not answered by the replay server (search without filters and filter the items)").inV2
        }
    }
}
