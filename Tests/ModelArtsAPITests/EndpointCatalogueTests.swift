import ModelArtsAPI
import Testing

/// The endpoint catalogue: one spelling of every v1 path and archive key, and what is built from it.
@Suite("Endpoint catalogue: routes, endpoints with values, archive keys")
struct EndpointCatalogueTests {
    static let endpoints: [V1Endpoint] = [
        .jobs, .versions(jobID: 10), .version(jobID: 10, versionID: 12), .logFileNames(jobID: 10, versionID: 12),
        .aomLog(jobID: 10, versionID: 12), .configs, .config(name: "my config"), .resourceSpecs, .aiEngines,
        .builtInAlgorithms, .visualizationJobs, .visualizationJob(id: "vis-1"),
    ]

    @Test("every route has one endpoint here, and its path is the template with the values filled in")
    func everyRoute() {
        #expect(Set(Self.endpoints.map(\.route)) == Set(V1Route.allCases))
    }

    @Test("an endpoint's segments are its template's, placeholders replaced by its values", arguments: EndpointCatalogueTests.endpoints)
    func segments(endpoint: V1Endpoint) {
        let template = endpoint.route.template.split(separator: "/").map(String.init)
        #expect(endpoint.segments.count == template.count)
        for (segment, pattern) in zip(endpoint.segments, template) {
            if pattern.hasPrefix("{") {
                #expect(endpoint.parameters[String(pattern.dropFirst().dropLast())] == segment)
            } else {
                #expect(segment == pattern)
            }
        }
        #expect(!endpoint.path.contains("{"))
        #expect(endpoint.path == endpoint.segments.joined(separator: "/"))
    }

    @Test("router patterns name the same parameters as the templates", arguments: V1Route.allCases)
    func routerPattern(route: V1Route) {
        let pattern = route.routerPattern.split(separator: "/")
        let template = route.template.split(separator: "/")
        #expect(pattern.count == template.count)
        for (p, t) in zip(pattern, template) {
            #expect(t.hasPrefix("{") ? p == ":" + t.dropFirst().dropLast() : p == t)
        }
    }

    @Test("fixed spellings: the paths the live service answers and the keys archives already hold")
    func spellings() {
        #expect(V1Endpoint.aomLog(jobID: 10, versionID: 12).path == "training-jobs/10/versions/12/aom-log")
        #expect(V1Endpoint.logFileNames(jobID: 1, versionID: 2).path == "training-jobs/1/versions/2/log/file-names")
        #expect(V1Endpoint.config(name: "c").path == "training-job-configs/c")
        #expect(V1Endpoint.resourceSpecs.path == "job/resource-specs")
        #expect(V2Endpoint.jobs.path == "training-jobs")
        #expect(EntityKey.list(.jobs) == "training-jobs")
        #expect(EntityKey.list(.resourceSpecs) == "resource-specs")
        #expect(EntityKey.list(.aiEngines) == "ai-engines")
        #expect(EntityKey.list(.builtInAlgorithms) == "built-in-algorithms")
        #expect(EntityKey.list(.visualizationJobs) == "visualization-jobs")
        #expect(EntityKey.jobListPage(1) == "training-jobs")
        #expect(EntityKey.jobListPage(3) == "training-jobs@page=3")
        #expect(EntityKey.versionList(jobID: 10) == "versions/10")
        #expect(EntityKey.configList(type: "sample") == "configs/sample")
        #expect(EntityKey.logFile(jobID: 10, versionID: 12, fileName: "a.log") == "10/12/a.log")
    }

    @Test("keys read back into what they were made from; other text is not mistaken for one")
    func keysRoundTrip() throws {
        let key = EntityKey.version(jobID: 567927, versionID: 3)
        let parts = try #require(EntityKey.versionParts(key))
        #expect(parts.jobID == 567927 && parts.versionID == 3)
        #expect(key.hasPrefix(EntityKey.versionPrefix(jobID: 567927)))
        #expect(EntityKey.versionParts("10") == nil)
        #expect(EntityKey.versionParts("10/x") == nil)
        #expect(EntityKey.versionParts("10/12/a.log") == nil)
        let config = EntityKey.config(type: "custom", name: "a/b")
        let configParts = try #require(EntityKey.configParts(config))
        #expect(configParts.type == "custom" && configParts.name == "a/b")
        #expect(config.hasPrefix(EntityKey.configPrefix(type: "custom")))
        #expect(EntityKey.configListType(EntityKey.configList(type: "custom")) == "custom")
        #expect(EntityKey.configListType("versions/10") == nil)
    }

    @Test("list routes name their items member and read each item's id; detail routes have neither")
    func listItems() throws {
        let items: [V1Route: String] = [
            .jobs: #"{"job_id":10}"#, .versions: #"{"version_id":12}"#, .configs: #"{"config_name":"c1"}"#,
            .resourceSpecs: #"{"spec_id":1}"#, .aiEngines: #"{"engine_id":5}"#, .builtInAlgorithms: #"{"model_id":7}"#,
            .visualizationJobs: #"{"job_id":"vis-1"}"#,
        ]
        for route in V1Route.allCases {
            if let text = items[route] {
                #expect(route.itemsKey != nil, "\(route)")
                let id = try #require(route.itemID(try RawJSON.parse(Array(text.utf8))), "\(route)")
                #expect(text.contains(id), "\(route)")
                #expect(route.itemID(try RawJSON.parse(Array("{}".utf8))) == nil)
            } else {
                #expect(route.itemsKey == nil, "\(route)")
            }
        }
    }
}
