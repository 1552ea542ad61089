import ArchiveStore
import Foundation
import ModelArtsAPI
import ModelArtsClient

extension Snapshotter {
    /// Stores a version (already stored by its list), its details and its log file names, then its logs.
    func crawlVersion(jobID: Int64, version: V1Version, capture: Int64) async {
        let key = EntityKey.version(jobID: jobID, versionID: version.versionID)
        let terminal = version.status.flatMap { JobStatus(code: Int($0)) }?.isTerminal ?? false
        // A finished version whose details, file list and logs are all stored and complete needs nothing.
        if terminal, !options.full, await isSettled(jobID: jobID, versionID: version.versionID) {
            // try?: only the report's file counts depend on it; the version is settled either way.
            let files = (try? await writer.run { [archive] in try archive.logs.files(jobID: jobID, versionID: version.versionID) }) ?? []
            await state.update {
                $0.report.logFiles += files.count
                $0.report.logFilesUpToDate += files.count
            }
            return
        }
        if let detail = await fetch(V1Endpoint.version(jobID: jobID, versionID: version.versionID), kind: EntityKind.versionDetail.rawValue, key: key, capture: capture) {
            await store(.versionDetail, key: key, body: detail, capture: capture)
        }
        guard let namesBody = await fetch(V1Endpoint.logFileNames(jobID: jobID, versionID: version.versionID), kind: EntityKind.logFileList.rawValue, key: key, capture: capture) else { return }
        await store(.logFileList, key: key, body: namesBody, capture: capture)
        guard options.includeLogs else { return }
        let names: [String]
        do {
            names = try V1LogFileNames(json: RawJSON.parse(namesBody)).logFileList
        } catch {
            await gap(capture, kind: "log_file_list", key: key, status: 200, code: nil, message: "stored, but its log file names cannot be read, so no log was fetched: \(error)")
            return
        }
        // Secret parameter values are often echoed into logs (a printed command line): redact them there too.
        let secrets = options.redactor.map { SecretScrubber(version: version, redactor: $0) } ?? SecretScrubber.none
        for name in names {
            if Task.isCancelled { return }
            await crawlLog(jobID: jobID, versionID: version.versionID, fileName: name, terminal: terminal, secrets: secrets, capture: capture)
        }
    }

    /// Whether a version has its detail and file list stored and every log complete.
    func isSettled(jobID: Int64, versionID: Int64) async -> Bool {
        let key = EntityKey.version(jobID: jobID, versionID: versionID)
        // try?: "not settled" only means the version is fetched again.
        let settled = try? await writer.run { [archive] () -> Bool in
            guard try archive.entities.entity(kind: .versionDetail, key: key) != nil,
                let names = try archive.entities.entity(kind: .logFileList, key: key)?.raw,
                let list = try? V1LogFileNames(json: RawJSON.parse(names))
            else { return false }
            let files = try archive.logs.files(jobID: jobID, versionID: versionID)
            let byName = Dictionary(files.map { ($0.fileName, $0) }, uniquingKeysWith: { a, _ in a })
            return list.logFileList.allSatisfy { byName[$0]?.complete == true }
        }
        return settled ?? false
    }

    /// GETs a path and returns the body of a success response, recording a gap otherwise.
    func fetch(_ endpoint: V1Endpoint, query: [(String, String)] = [], kind: String, key: String, capture: Int64) async -> [UInt8]? {
        do {
            let response = try await client.get(endpoint, query: query)
            guard await acceptJSON(response, capture: capture, kind: kind, key: key, full: false) != nil else { return nil }
            return response.body
        } catch {
            await gap(capture, kind: kind, key: key, status: error.httpStatus, code: nil, message: error.message)
            return nil
        }
    }

    /// GETs a catalog list; an endpoint that does not offer the list at all (``isNotOffered(_:)``) is
    /// noted in the report, not recorded as a gap. Any other failure is a gap.
    func fetchCatalogList(_ endpoint: V1Endpoint, query: [(String, String)] = [], key: String, capture: Int64) async -> [UInt8]? {
        do {
            let response = try await client.get(endpoint, query: query)
            if Snapshotter.isNotOffered(response) {
                await state.update { $0.report.notOffered.append(key) }
                return nil
            }
            guard await acceptJSON(response, capture: capture, kind: "list", key: key, full: false) != nil else { return nil }
            return response.body
        } catch {
            await gap(capture, kind: "list", key: key, status: error.httpStatus, code: nil, message: error.message)
            return nil
        }
    }

    /// Whether an answer says the service has no such API at all: HTTP 404 with the gateway's
    /// `APIGW.0101` (`APIG.0101`: API not found) or ModelArts' `ModelArts.0015` (resource does not exist).
    static func isNotOffered(_ response: APIResponse) -> Bool {
        guard response.status == 404 else { return false }
        // try?: a 404 whose body is not a JSON error envelope is an ordinary gap.
        guard let json = try? RawJSON.parse(response.body), let code = V1Error.detect(json)?.errorCode else { return false }
        return ["APIGW.0101", "APIG.0101", "ModelArts.0015"].contains(code)
    }

    /// Stores one entity (redacting secret-looking parameters), counting changes.
    func store(_ kind: EntityKind, key: String, body: [UInt8], capture: Int64) async {
        let redacted = options.redactor.map { $0.redact(body).body } ?? body
        do {
            let outcome = try await writer.run { [archive] in try archive.entities.put(kind: kind, key: key, raw: redacted, capture: capture) }
            if outcome != .unchanged { await state.update { $0.report.changed += 1 } }
        } catch {
            await gap(capture, kind: kind.rawValue, key: key, status: nil, code: nil, message: "\(error)")
        }
    }

    // MARK: - Catalogs

    /// Configs (custom and sample, lists and details), resource specs, AI engines, built-in algorithms, visualization jobs.
    func crawlCatalogs(capture: Int64) async {
        for type in V1Route.configTypes {
            if Task.isCancelled { return }
            let listKey = EntityKey.configList(type: type)
            guard let body = await fetchCatalogList(.configs, query: [("config_type", type)] + V1Route.configs.crawlQuery + [("page", "1")], key: listKey, capture: capture) else { continue }
            let redacted = options.redactor.map { r in Snapshotter.redactList(body, route: .configs, redactor: r) } ?? body
            guard let names = await storeList(listKey, body: redacted, route: .configs, keyPrefix: EntityKey.configPrefix(type: type), capture: capture) else { continue }
            for key in names {
                if Task.isCancelled { return }
                guard let name = EntityKey.configParts(key)?.name else { continue }
                if let detail = await fetch(V1Endpoint.config(name: name), query: [("config_type", type)], kind: EntityKind.config.rawValue, key: key, capture: capture) {
                    await store(.config, key: key, body: detail, capture: capture)
                }
            }
        }
        // The catalogs with one list each (the paged ones: their first, as-large-as-allowed page).
        for endpoint in [V1Endpoint.resourceSpecs, .aiEngines, .builtInAlgorithms, .visualizationJobs] {
            if Task.isCancelled { return }
            let route = endpoint.route
            let query = route.crawlQuery.isEmpty ? [] : route.crawlQuery + [("page", "1")]
            if let body = await fetchCatalogList(endpoint, query: query, key: EntityKey.list(route), capture: capture) {
                _ = await storeList(EntityKey.list(route), body: body, route: route, capture: capture)
            }
        }
    }

    /// Stores a list response and marks its vanished items deleted; returns the item keys.
    func storeList(_ listKey: String, body: [UInt8], route: V1Route, keyPrefix prefix: String = "", capture: Int64) async -> [String]? {
        guard let kind = route.itemKind else {
            await gap(capture, kind: "list", key: listKey, status: nil, code: nil, message: "\(route.template) is not a list endpoint")
            return nil
        }
        do {
            let keys = try await writer.run { [archive] in
                try archive.lists.put(listKey: listKey, body: body, route: route, keyPrefix: prefix, capture: capture)
            }
            let marked = try await writer.run { [archive] in try archive.entities.markMissing(kind: kind, prefix: prefix, present: Set(keys), capture: capture) }
            if kind == .configSummary {
                let gone = try await writer.run { [archive] in try archive.entities.markMissing(kind: .config, prefix: prefix, present: Set(keys), capture: capture) }
                await state.update { $0.report.deleted += gone.count }
            }
            await state.update { $0.report.deleted += marked.count }
            return keys
        } catch {
            await gap(capture, kind: "list", key: listKey, status: nil, code: nil, message: "\(error)")
            return nil
        }
    }

    /// Redacts the parameters of every item of a list body.
    static func redactList(_ body: [UInt8], route: V1Route, redactor: ParameterRedactor) -> [UInt8] {
        guard let itemsKey = route.itemsKey else { return body }
        return redactItems(body, itemsKey: itemsKey, redactor: redactor)
    }
}
