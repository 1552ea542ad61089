import ArchiveStore
public import Hummingbird
public import Logging
import ModelArtsAPI
import NIOCore

/// Paths of the replay server outside the v1 API.
public enum ReplayRoutes {
    /// The liveness endpoint (no auth, no faults).
    public static let healthPath = "/health"
    /// Where the download links of v2 logs point (`/obs-links/{token}`): no API auth, the token is the
    /// link's authority, as an OBS link's signature is.
    public static let logLinkPrefix = "/obs-links/"
}

/// Builds the router: middleware (request log, errors, auth/throttle/read-only guard, faults), `/health`
/// and every v1 read endpoint under `/v1/{project_id}`.
public func buildRouter(store: ReplayStore, configuration: ReplayConfiguration) -> Router<ReplayRequestContext> {
    let router = Router(context: ReplayRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(
        middleware: GuardMiddleware(
            authenticator: ReplayAuthenticator(tokens: configuration.tokens, credentials: configuration.credentials),
            limiter: configuration.maxRequestsPerSecond.map { RateLimiter(limit: $0) },
            now: configuration.now))
    if configuration.faults.isActive {
        router.add(middleware: FaultMiddleware(injector: FaultInjector(plan: configuration.faults)))
    }
    let capture = store.capture
    router.get("health") { _, _ -> Response in
        JSONResponse.make(bytes: Array(#"{"status":"ok","capture":\#(capture)}"#.utf8))
    }
    let api = V1API(store: store)
    let v1 = router.group("v1/:project_id").add(middleware: ProjectMiddleware(projectID: store.projectID))
    v1.get(RouterPath(V1Route.jobs.routerPattern)) { request, _ in
        try api.trainingJobs(QueryParameters(rawQuery: request.uri.query))
    }
    v1.get(RouterPath(V1Route.versions.routerPattern)) { request, context in
        try api.versions(jobID: try V1API.id(context.parameters.get("job_id"), name: "job_id"), QueryParameters(rawQuery: request.uri.query))
    }
    v1.get(RouterPath(V1Route.version.routerPattern)) { _, context in
        let (job, version) = try jobAndVersion(context)
        return try api.version(jobID: job, versionID: version)
    }
    v1.get(RouterPath(V1Route.logFileNames.routerPattern)) { _, context in
        let (job, version) = try jobAndVersion(context)
        return try api.logFileNames(jobID: job, versionID: version)
    }
    v1.get(RouterPath(V1Route.aomLog.routerPattern)) { request, context in
        let (job, version) = try jobAndVersion(context)
        return try api.aomLog(jobID: job, versionID: version, QueryParameters(rawQuery: request.uri.query))
    }
    v1.get(RouterPath(V1Route.configs.routerPattern)) { request, _ in
        try api.configs(QueryParameters(rawQuery: request.uri.query))
    }
    v1.get(RouterPath(V1Route.config.routerPattern)) { request, context in
        try api.config(name: context.parameters.get("config_name") ?? "", QueryParameters(rawQuery: request.uri.query))
    }
    v1.get(RouterPath(V1Route.resourceSpecs.routerPattern)) { request, _ in
        try api.resourceSpecs(QueryParameters(rawQuery: request.uri.query))
    }
    v1.get(RouterPath(V1Route.aiEngines.routerPattern)) { request, _ in
        try api.aiEngines(QueryParameters(rawQuery: request.uri.query))
    }
    v1.get(RouterPath(V1Route.builtInAlgorithms.routerPattern)) { request, _ in
        try api.algorithms(QueryParameters(rawQuery: request.uri.query))
    }
    v1.get(RouterPath(V1Route.visualizationJobs.routerPattern)) { request, _ in
        try api.visualizationJobs(QueryParameters(rawQuery: request.uri.query))
    }
    v1.get(RouterPath(V1Route.visualizationJob.routerPattern)) { _, context in
        try api.visualizationJob(id: context.parameters.get("job_id") ?? "")
    }
    let links = LogLinks(lifetime: configuration.logLinkLifetime)
    let now = configuration.now
    router.get("obs-links/:token") { _, context in
        try V2API.linkedLog(token: context.parameters.get("token") ?? "", links: links, store: store, now: now())
    }
    let v2API = V2API(store: store)
    let v2 = router.group("v2/:project_id").add(middleware: ProjectMiddleware(projectID: store.projectID))
    v2.post(RouterPath(V2Endpoint.jobSearches.routerPattern)) { request, _ in
        let body = try await request.body.collect(upTo: GuardMiddleware<ReplayRequestContext>.maxBody)
        return try v2API.searchJobs(body: Array(body.readableBytesView))
    }
    v2.get(RouterPath(V2Endpoint.job(id: "").routerPattern)) { _, context in
        try v2API.job(id: context.parameters.get("training_job_id") ?? "")
    }
    v2.get(RouterPath(V2Endpoint.tasks(jobID: "").routerPattern)) { _, context in
        let id = QueryParameters.decodePathSegment(context.parameters.get("training_job_id") ?? "")
        return try v2API.body(.v2Tasks, key: EntityKey.v2Job(id), what: "tasks of training job \(id)")
    }
    v2.get(RouterPath(V2Endpoint.stages(jobID: "").routerPattern)) { _, context in
        let id = QueryParameters.decodePathSegment(context.parameters.get("training_job_id") ?? "")
        return try v2API.body(.v2Stages, key: EntityKey.v2Job(id), what: "stages of training job \(id)")
    }
    v2.get(RouterPath(V2Endpoint.events(jobID: "").routerPattern)) { request, context in
        try v2API.events(jobID: context.parameters.get("training_job_id") ?? "", QueryParameters(rawQuery: request.uri.query))
    }
    v2.get(RouterPath(V2Endpoint.metrics(jobID: "", taskID: "").routerPattern)) { _, context in
        let id = QueryParameters.decodePathSegment(context.parameters.get("training_job_id") ?? "")
        let task = QueryParameters.decodePathSegment(context.parameters.get("task_id") ?? "")
        return try v2API.body(.v2Metrics, key: EntityKey.v2Metrics(jobID: id, taskID: task), what: "metrics of task \(task) of training job \(id)")
    }
    v2.get(RouterPath(V2Endpoint.log(jobID: "", taskID: "").routerPattern)) { request, context in
        try v2API.log(
            jobID: context.parameters.get("training_job_id") ?? "", taskID: context.parameters.get("task_id") ?? "",
            QueryParameters(rawQuery: request.uri.query))
    }
    v2.get(RouterPath(V2Endpoint.logURL(jobID: "", taskID: "").routerPattern)) { request, context in
        try v2API.logURL(
            jobID: context.parameters.get("training_job_id") ?? "", taskID: context.parameters.get("task_id") ?? "",
            authority: request.head.authority ?? "127.0.0.1", links: links, now: now())
    }
    v2.get(RouterPath(V2Endpoint.logPreview(jobID: "", taskID: "").routerPattern)) { _, context in
        try v2API.logPreview(jobID: context.parameters.get("training_job_id") ?? "", taskID: context.parameters.get("task_id") ?? "")
    }
    for endpoint in [V2Endpoint.flavors, .engines, .pools] {
        v2.get(RouterPath(endpoint.routerPattern)) { request, _ in
            try v2API.catalog(endpoint, QueryParameters(rawQuery: request.uri.query))
        }
    }
    v2.get(RouterPath(V2Endpoint.algorithms.routerPattern)) { request, _ in
        try v2API.algorithms(QueryParameters(rawQuery: request.uri.query))
    }
    return router
}

private func jobAndVersion(_ context: ReplayRequestContext) throws(ReplayAPIError) -> (Int64, Int64) {
    (try V1API.id(context.parameters.get("job_id"), name: "job_id"),
     try V1API.id(context.parameters.get("version_id"), name: "version_id"))
}

/// Builds the whole server: validates the configuration (refusing a non-loopback bind without
/// auth), opens the archive read-only, and wires the router into a Hummingbird application.
///
/// - Parameters:
///   - configuration: what to serve and how.
///   - logger: the logger for requests and server events.
///   - onListening: called once with `http://HOST:PORT` when the socket is bound (the port is real even for `--port 0`).
public func buildApplication(
    _ configuration: ReplayConfiguration, logger: Logger, onListening: (@Sendable (String) -> Void)? = nil
) throws(ReplayError) -> some ApplicationProtocol {
    try configuration.validate()
    let store = try ReplayStore(
        path: configuration.archivePath, capture: configuration.capture, readers: configuration.readers, v2Offset: configuration.v2Offset,
        v2LogReading: configuration.v2LogReading)
    let router = buildRouter(store: store, configuration: configuration)
    let host = configuration.host
    return Application(
        router: router,
        configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: nil),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            onListening?("http://\(shownHost):\(port)")
        },
        logger: logger)
}
