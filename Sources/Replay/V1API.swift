import ArchiveStore
import Hummingbird
import ModelArtsAPI
import NIOCore

/// The read endpoints of the ModelArts v1 API, answered from a ``ReplayStore``.
///
/// Entity answers are the stored bytes; list answers are composed from stored items (see
/// ``LoadedList``); log pages are captured bodies or rendered by hand. Every client mistake throws a
/// ``ReplayAPIError``.
struct V1API: Sendable {
    /// The archive.
    let store: ReplayStore

    // MARK: - Parameters

    /// A path id (`job_id`, `version_id`): decimal digits that fit in 64 bits.
    static func id(_ text: String?, name: String) throws(ReplayAPIError) -> Int64 {
        let decoded = QueryParameters.decodePathSegment(text ?? "")
        guard !decoded.isEmpty, decoded.utf8.count <= 19,
            decoded.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let value = Int64(decoded)
        else {
            throw .badParameter(name, "must be a numeric id, got '\(decoded)'")
        }
        return value
    }

    // MARK: - Training jobs

    /// `GET /v1/{project_id}/training-jobs`.
    func trainingJobs(_ query: QueryParameters) throws -> Response {
        try listResponse(key: EntityKey.list(.jobs), spec: .trainingJobs, query: query, what: "the training job list")
    }

    /// `GET /v1/{project_id}/training-jobs/{job_id}/versions`.
    func versions(jobID: Int64, _ query: QueryParameters) throws -> Response {
        let parsed = try ListQuery.parse(query, spec: .versions)
        guard try store.jobExists(jobID) else { throw ReplayAPIError.notFound("training job \(jobID)") }
        guard let body = try store.listWindow(EntityKey.versionList(jobID: jobID), spec: .versions, query: parsed) else {
            throw ReplayAPIError.notFound("the version list of training job \(jobID) (not captured)")
        }
        return JSONResponse.make(buffer: body)
    }

    /// `GET /v1/{project_id}/training-jobs/{job_id}/versions/{version_id}`.
    func version(jobID: Int64, versionID: Int64) throws -> Response {
        JSONResponse.make(buffer: try requireVersion(jobID: jobID, versionID: versionID))
    }

    /// `GET …/versions/{version_id}/log/file-names`.
    func logFileNames(jobID: Int64, versionID: Int64) throws -> Response {
        _ = try requireVersion(jobID: jobID, versionID: versionID)
        if let body = try store.entity(.logFileList, EntityKey.version(jobID: jobID, versionID: versionID)) {
            return JSONResponse.make(buffer: body)
        }
        // Not captured as a body: list the stored files in the API's shape.
        var out = Array(#"{"is_success":true,"log_file_list":["#.utf8)
        for (i, file) in try store.logFiles(jobID: jobID, versionID: versionID).enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += JSONStringLiteral.encode(Array(file.fileName.utf8))
        }
        out += Array("]}".utf8)
        return JSONResponse.make(bytes: out)
    }

    /// `GET …/versions/{version_id}/aom-log`.
    func aomLog(jobID: Int64, versionID: Int64, _ query: QueryParameters) throws -> Response {
        guard let fileName = query["log_file"], !fileName.isEmpty else {
            throw ReplayAPIError.badParameter("log_file", "is required (a name from log/file-names)")
        }
        let request = try LogPageRequest.parse(query)
        let versionBytes = try requireVersion(jobID: jobID, versionID: versionID)
        guard let info = try store.logFile(jobID: jobID, versionID: versionID, name: fileName) else {
            throw ReplayAPIError.notFound("log file '\(fileName)' of version \(versionID) of training job \(jobID)")
        }
        // try?: a version body that is not JSON only loses the optional log-map hints; the log lines are served.
        let state = try store.logState(info) { try? RawJSON.parse(Array(versionBytes.readableBytesView)) }
        if let pageID = state.capturedPages[request.key] {
            return JSONResponse.make(buffer: try store.capturedPageBody(id: pageID))
        }
        let window = request.window(lineCount: info.lineCount, map: state.map)
        guard !window.isEmpty else {
            return JSONResponse.make(
                bytes: V1LogPage.renderBody(startLine: request.baseLine, endLine: request.baseLine, lines: 0, content: []))
        }
        return JSONResponse.make(
            buffer: try store.renderPage(
                info, range: window, style: state.style, startLine: state.map.cursor(line: window.lowerBound),
                endLine: state.map.cursor(line: window.upperBound - 1)))
    }

    /// The bytes of a version, or the 404 for its job or itself.
    private func requireVersion(jobID: Int64, versionID: Int64) throws -> ByteBuffer {
        if let body = try store.version(jobID: jobID, versionID: versionID) { return body }
        guard try store.jobExists(jobID) else { throw ReplayAPIError.notFound("training job \(jobID)") }
        throw ReplayAPIError.notFound("version \(versionID) of training job \(jobID)")
    }

    // MARK: - Configs

    /// `GET /v1/{project_id}/training-job-configs`.
    func configs(_ query: QueryParameters) throws -> Response {
        let type = try configType(query) ?? "custom"
        if type == "sample", (query["sortBy"] ?? query["sort_by"]) == "create_time" {
            throw ReplayAPIError.badParameter("sortBy", "create_time is not supported for config_type=sample")
        }
        return try listResponse(key: EntityKey.configList(type: type), spec: .configs, query: query, what: "the \(type) config list")
    }

    /// `GET /v1/{project_id}/training-job-configs/{config_name}`.
    func config(name rawName: String, _ query: QueryParameters) throws -> Response {
        let name = QueryParameters.decodePathSegment(rawName)
        let requested = try configType(query)
        for type in requested.map({ [$0] }) ?? V1Route.configTypes {
            if let body = try store.entity(.config, EntityKey.config(type: type, name: name)) {
                return JSONResponse.make(buffer: body)
            }
        }
        throw ReplayAPIError.notFound("training job config '\(name)'" + (requested.map { " (config_type=\($0))" } ?? ""))
    }

    private func configType(_ query: QueryParameters) throws(ReplayAPIError) -> String? {
        guard let type = query["config_type"], !type.isEmpty else { return nil }
        guard type == "custom" || type == "sample" else {
            throw .badParameter("config_type", "must be custom or sample, got '\(type)'")
        }
        return type
    }

    // MARK: - Catalogues and visualization jobs

    /// `GET /v1/{project_id}/job/resource-specs` (the captured list, whatever the filters).
    func resourceSpecs(_ query: QueryParameters) throws -> Response {
        try checkJobType(query)
        try checkInteger(query, "engine_id")
        try checkInteger(query, "project_type")
        return try listResponse(key: EntityKey.list(.resourceSpecs), spec: .resourceSpecs, query: query, what: "the resource spec list")
    }

    /// `GET /v1/{project_id}/job/ai-engines` (the captured list).
    func aiEngines(_ query: QueryParameters) throws -> Response {
        try checkJobType(query)
        return try listResponse(key: EntityKey.list(.aiEngines), spec: .aiEngines, query: query, what: "the AI engine list")
    }

    /// `GET /v1/{project_id}/built-in-algorithms`.
    func algorithms(_ query: QueryParameters) throws -> Response {
        try listResponse(key: EntityKey.list(.builtInAlgorithms), spec: .algorithms, query: query, what: "the built-in algorithm list")
    }

    /// `GET /v1/{project_id}/visualization-jobs`.
    func visualizationJobs(_ query: QueryParameters) throws -> Response {
        try listResponse(key: EntityKey.list(.visualizationJobs), spec: .visualizationJobs, query: query, what: "the visualization job list")
    }

    /// `GET /v1/{project_id}/visualization-jobs/{job_id}`: the job's captured list element.
    func visualizationJob(id rawID: String) throws -> Response {
        let id = QueryParameters.decodePathSegment(rawID)
        guard let body = try store.entity(.visualizationJob, id) else {
            throw ReplayAPIError.notFound("visualization job '\(id)'")
        }
        return JSONResponse.make(buffer: body)
    }

    private func checkJobType(_ query: QueryParameters) throws(ReplayAPIError) {
        if let type = query["job_type"], !type.isEmpty, type != "train", type != "inference" {
            throw .badParameter("job_type", "must be train or inference, got '\(type)'")
        }
    }

    private func checkInteger(_ query: QueryParameters, _ name: String) throws(ReplayAPIError) {
        if let text = query[name], !text.isEmpty {
            _ = try ListQuery.integer(text, name: name, in: 0...Int(Int32.max))
        }
    }

    // MARK: - Lists

    private func listResponse(key: String, spec: ListSpec, query: QueryParameters, what: String) throws -> Response {
        let parsed = try ListQuery.parse(query, spec: spec)
        guard let body = try store.listWindow(key, spec: spec, query: parsed) else {
            throw ReplayAPIError.notFound("\(what) (not captured in this archive)")
        }
        return JSONResponse.make(buffer: body)
    }
}
