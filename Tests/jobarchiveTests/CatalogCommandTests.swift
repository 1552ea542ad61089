import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

@Suite("configs, engines, specs, algorithms, pools, metrics and the ma-cli aliases")
struct CatalogCommandTests {
    @Test("configs lists and shows configurations")
    func configs() async throws {
        let list = try await CLI.run(["configs", Fixtures.sample, "--json"]).array()
        #expect(list.count == 9)
        #expect(Set(list.compactMap { $0["type"] as? String }) == ["custom", "sample"])
        let seed = try await CLI.run(["configs", Fixtures.sample, "config123", "--json"]).object()
        #expect((seed["summary"] as? [String: Any])?["spec_code"] as? String == "modelarts.vm.gpu.v100")
        #expect((seed["parameters"] as? [[String: Any]])?.first?["label"] as? String == "learning_rate")
        #expect(seed["source"] as? String == "config")
        #expect((seed["volumes"] as? [[String: Any]])?.count == 2)
        #expect(try await CLI.run(["configs", Fixtures.sample, "custom/config123"]).text.contains("learning_rate  0.01"))
        let missing = await CLI.run(["configs", Fixtures.sample, "nope"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no configuration 'nope'") && missing.stderr.contains("custom/config123"))
    }

    @Test("engines, specs and algorithms with their use by versions")
    func catalogs() async throws {
        let engines = try await CLI.run(["engines", Fixtures.sample, "--json"]).array()
        #expect(engines.count == 18)
        let tf14 = try #require(engines.first { $0["engine_id"] as? Int == 1 })
        #expect(tf14["engine_version"] as? String == "TF-1.4.0-python2.7")
        #expect(tf14["versions"] as? Int == 1)
        #expect(engines.reduce(0) { $0 + ($1["versions"] as? Int ?? 0) } == 32)
        let specs = try await CLI.run(["specs", Fixtures.sample, "--json"]).array()
        #expect(specs.count == 9)
        #expect(specs.first { $0["spec_id"] as? Int == 6 }?["no_resource"] as? Bool == true)
        #expect(specs.reduce(0) { $0 + ($1["versions"] as? Int ?? 0) } == 32)
        let ascend = await CLI.run(["specs", Fixtures.sample, "--type", "ascend", "--csv"]).text.split(separator: "\n")
        #expect(ascend.count == 3)
        let algorithms = try await CLI.run(["algorithms", Fixtures.sample, "--json"]).array()
        #expect(algorithms.map { $0["model_id"] as? Int } == [1, 2, 3, 4, 5, 6])
        #expect(algorithms.first?["model_name"] as? String == "ResNet_v1_50")
        let pools = try await CLI.run(["pools", Fixtures.sample, "--json"]).array()
        #expect(pools.reduce(0) { $0 + ($1["versions"] as? Int ?? 0) } == 32)
        #expect(pools.first { $0["pool_id"] as? String == "pool9928813f" }?["jobs"] as? Int == 2)
        #expect(try await CLI.run(["pools", Fixtures.sample, "--csv"]).text.hasPrefix("pool_id,pool_name,pool_type,versions"))
    }

    @Test("the ma-cli verbs answer like their jobarchive counterparts")
    func maCLI() async throws {
        let jobs = try await CLI.run(["get-job", Fixtures.sample, "--json"]).array()
        #expect(jobs.count == 9)
        let named = try await CLI.run(["get-job", Fixtures.sample, "-n", "resnet", "--json"]).array()
        #expect(named.count == 3)
        let page = try await CLI.run(["get-job", Fixtures.sample, "--page-size", "4", "--page-num", "3", "--json"]).array()
        #expect(page.count == 1)
        let one = try await CLI.run(["get-job", Fixtures.sample, "-i", "10", "-v", "--json"]).object()
        #expect(((one["job"] as? [String: Any])?["job"] as? [String: Any])?["job_id"] as? Int == 10)
        #expect(((one["latest_version"] as? [String: Any])?["summary"] as? [String: Any])?["version_id"] as? Int == 10)
        let text = await CLI.run(["get-job", Fixtures.sample, "--job-id", "testModelArtsJob"]).text
        #expect(text.contains("job 10  testModelArtsJob"))

        let contents = try Fixtures.logContents(Fixtures.sample)
        #expect(try await CLI.run(["get-log", Fixtures.sample, "-i", "10"]).stdout == contents["10/10/log1.log"])
        let worker = await CLI.run(["get-log", Fixtures.sample, "-i", "571581/V0004", "-t", "worker-1"])
        #expect(worker.stdout == contents["571581/1112489/job-bert-finetune-cls.1"])
        let task = await CLI.run(["get-log", Fixtures.sample, "--job-id", "571581/1112489", "--task-id", "job-bert-finetune-cls.1", "--tail", "1"])
        #expect(task.stdout == splitLines(contents["571581/1112489/job-bert-finetune-cls.1"] ?? []).last)
        #expect(try await CLI.run(["get-log", Fixtures.sample, "-i", "10", "-t", "worker-3"]).status == 1)
        #expect(try await CLI.run(["get-log", Fixtures.sample]).status == 64)

        #expect(try await CLI.run(["get-engine", Fixtures.sample, "--json"]).array().count == 18)
        #expect(try await CLI.run(["get-engine", Fixtures.sample, "-v"]).text.contains("VERSIONS"))
        #expect(!(try await CLI.run(["get-engine", Fixtures.sample]).text.contains("VERSIONS")))
        #expect(try await CLI.run(["get-flavor", Fixtures.sample, "-t", "GPU", "--json"]).array().count == 5)
        #expect(try await CLI.run(["get-flavor", Fixtures.sample, "--flavor-type", "CPU", "--json"]).array().count == 2)
        #expect(try await CLI.run(["get-flavor", Fixtures.sample, "-t", "TPU"]).status == 64)
        #expect(try await CLI.run(["get-pool", Fixtures.sample, "--json"]).array().count == 7)
    }

    @Test("metrics: per-class and total model metrics, system series, and an SVG plot")
    func metrics() async throws {
        let r = await CLI.run(["metrics", Fixtures.sample, "585024", "V0002", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try r.object()
        let model = try #require(doc["model_metrics"] as? [String: Any])
        let classes = try #require(model["classes"] as? [[String: Any]])
        #expect(classes.map { $0["class_name"] as? String } == ["cat", "dog", "bird", "car", "plane", "ship"])
        #expect((model["totals"] as? [[String: Any]])?.first { $0["name"] as? String == "f1_score" }?["value"] as? Double == 0.757756)
        let system = try #require(doc["system_metrics"] as? [String: Any])
        #expect((system["series"] as? [[String: Any]])?.count == 8)
        #expect(system["interval"] as? Int == 1)

        let dir = try TemporaryDirectory()
        let svgPath = dir.path("v2.svg")
        let plot = await CLI.run(["metrics", Fixtures.sample, "585024/V0002", "--plot", svgPath, "--series", "cpuUsage,memUsage"])
        #expect(plot.status == 0, "\(plot.stderr)")
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.contains(">cpuUsage<") && svg.contains(">memUsage<") && !svg.contains(">gpuUtil<"))
        #expect(svg.components(separatedBy: "<g>").count == svg.components(separatedBy: "</g>").count)
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(plot.text.contains("model metrics"))

        let text = await CLI.run(["metrics", Fixtures.sample, "10/10"]).text
        #expect(text.contains("0.005833") && text.contains("cpuUsage"))
        let csv = await CLI.run(["metrics", Fixtures.sample, "10/10", "--csv"]).text.split(separator: "\n")
        #expect(csv.first == "kind,class_id,class_name,series,sample,metric,value")
        #expect(csv.filter { $0.hasPrefix("system,") }.count == 8 * 7)
        #expect(try await CLI.run(["metrics", Fixtures.sample, "10/10", "--series", "nope"]).status == 64)
        let none = await CLI.run(["metrics", Fixtures.sample, "567927/1111447", "--plot", dir.path("none.svg")])
        #expect(none.status == 1)
        #expect(none.stderr == "jobarchive: version 567927/1111447 has no system metric series to plot\n")
        #expect(!FileManager.default.fileExists(atPath: dir.path("none.svg")))
    }
}
