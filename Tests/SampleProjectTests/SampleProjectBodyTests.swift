import Foundation
import Testing
@testable import SampleProject

@Suite("SampleProject bodies")
struct SampleProjectBodyTests {
    @Test("every body parses as a JSON object")
    func bodiesParse() throws {
        let project = TestSupport.defaultProject
        for (label, body) in TestSupport.allBodies(project) {
            #expect(String(validating: body, as: UTF8.self) != nil, "invalid UTF-8 in \(label)")
            #expect(throws: Never.self, "unparsable \(label)") { _ = try TestSupport.object(body) }
        }
    }

    @Test("embedded JSON strings parse: model_metric_list, string system_metric_list, algorithm parameter")
    func embeddedStringsParse() throws {
        let project = TestSupport.defaultProject
        var stringSystemMetrics = 0
        var objectSystemMetrics = 0
        var perClassMetrics = 0
        var emptyMetrics = 0
        for job in project.jobs {
            for version in job.versions {
                let detail = try TestSupport.object(version.detailBody)
                let models = try #require(detail["model_metric_list"] as? String)
                let parsed = try TestSupport.object(Array(models.utf8))
                if parsed.isEmpty { emptyMetrics += 1 } else {
                    #expect(parsed["metric"] is [Any] && parsed["total_metric"] is [String: Any])
                    perClassMetrics += 1
                }
                if let system = detail["system_metric_list"] as? String {
                    let series = try TestSupport.object(Array(system.utf8))
                    #expect(series["cpuUsage"] is [String])
                    stringSystemMetrics += 1
                } else if let system = detail["system_metric_list"] as? [String: Any] {
                    for key in ["cpuUsage", "memUsage", "gpuUtil", "gpuMemUsage", "diskReadRate", "diskWriteRate",
                                "recvBytesRate", "sendBytesRate"] {
                        #expect(system[key] is [String], "missing series \(key)")
                    }
                    #expect(system["interval"] as? Int == 1)
                    objectSystemMetrics += 1
                }
            }
        }
        #expect(stringSystemMetrics > 0 && objectSystemMetrics > 0)
        #expect(perClassMetrics > 0 && emptyMetrics > 0)
        let algorithms = try TestSupport.object(project.builtInAlgorithmsBody)
        let models = try #require(algorithms["models"] as? [[String: Any]])
        #expect(models.count >= 6)
        for model in models {
            let parameter = try #require(model["parameter"] as? String)
            #expect(try JSONSerialization.jsonObject(with: Data(parameter.utf8)) is [Any])
        }
        let visualization = try TestSupport.object(project.visualizationJobsBody)
        #expect((visualization["jobs"] as? [Any])?.count == 2)
    }

    @Test("seed job and config123 are the seed document's examples byte for byte")
    func seedBytes() throws {
        let project = TestSupport.defaultProject
        let seedJob = try #require(project.jobs.first)
        #expect(seedJob.jobID == 10 && seedJob.jobName == "testModelArtsJob")
        let row = #"{"job_id":10,"job_name":"testModelArtsJob","version_id":10,"status":10,"create_time":1524189990635,"duration":532003,"job_desc":"This is ModelArts job","version_count":5}"#
        #expect(TestSupport.contains(project.jobListBody, Array(row.utf8)))
        #expect(seedJob.versions.first?.logFileNamesBody == Array(#"{"is_success":true,"log_file_list":["log1.log"]}"#.utf8))
        let detail = try TestSupport.object(try #require(seedJob.versions.first).detailBody)
        #expect(detail["is_success"] as? Bool == true && detail["job_id"] as? Int == 10)
        #expect(detail["version_id"] as? Int == 10 && detail["core"] as? Int == 2)
        let config = try #require(project.configs.first { $0.name == "config123" })
        #expect(config.type == "custom")

        guard let text = TestSupport.seedText() else {
            print("note: seed document ../../../shared/seed/000_0ef11fa24d8b7da5.txt not found; skipping byte comparison")
            return
        }
        let examples = TestSupport.seedExamples(text)
        try #require(examples.count >= 2, "could not find the seed's success examples")
        #expect(examples[0].hasPrefix(#"{ "is_success": true, "job_id": 10, "job_name": "testModelArtsJob""#))
        #expect(seedJob.versionsBody == Array(examples[0].utf8))
        #expect(examples[1].hasPrefix(#"{ "spec_code": "modelarts.vm.gpu.v100""#))
        #expect(config.detailBody == Array(examples[1].utf8))
    }

    @Test("job list: totals, newest version per row, versions newest first with lineage")
    func jobListAndLineage() throws {
        let project = TestSupport.defaultProject
        let list = try TestSupport.object(project.jobListBody)
        let rows = try #require(list["jobs"] as? [[String: Any]])
        #expect(list["job_total_count"] as? Int == project.jobs.count)
        #expect(rows.count == project.jobs.count)
        #expect(list["quotas"] is Int && list["job_count_limit"] is Int)
        #expect(project.jobs.map(\.jobID) == project.jobs.map(\.jobID).sorted())
        for (row, job) in zip(rows, project.jobs) {
            #expect((row["job_id"] as? Int).map(Int64.init) == job.jobID)
            let ids = job.versions.map(\.versionID)
            #expect(ids == ids.sorted() && Set(ids).count == ids.count)
            #expect((row["version_id"] as? Int).map(Int64.init) == ids.last)
            #expect(row["status"] as? Int == job.versions.last?.status)
            let body = try TestSupport.object(job.versionsBody)
            let versions = try #require(body["versions"] as? [[String: Any]])
            #expect(versions.compactMap { ($0["version_id"] as? Int).map(Int64.init) } == ids.reversed())
            if job.jobID == 10 { continue }
            #expect(row["version_count"] as? Int == job.versions.count)
            #expect(body["version_count"] as? Int == job.versions.count)
            #expect(row["duration"] as? Int == versions.first?["duration"] as? Int)
            for (index, version) in versions.reversed().enumerated() {
                #expect(version["version_name"] as? String == String(format: "V%04d", index + 1))
                if index > 0 {
                    #expect((version["pre_version_id"] as? Int).map(Int64.init) == ids[index - 1])
                } else if let previous = version["pre_version_id"] {
                    #expect(previous is NSNull || previous as? Int == 0)
                }
            }
        }
    }

    @Test("every status kind, engine, pool type, volume kind and secret label at default options")
    func coverage() throws {
        let project = TestSupport.defaultProject
        var statuses = Set<Int>()
        var engines = Set<String>()
        var poolTypes = Set<String>()
        var labels = Set<String>()
        var volumeKinds = Set<String>()
        var dataSourceTypes = Set<String>()
        var coreNumber = false, coreString = false, customImage = false
        var workerCounts = Set<Int>()
        for job in project.jobs {
            for version in job.versions {
                let detail = try TestSupport.object(version.detailBody)
                statuses.insert(version.status)
                #expect(detail["status"] as? Int == version.status)
                engines.insert(detail["engine_name"] as? String ?? "?")
                if let type = detail["pool_type"] as? String { poolTypes.insert(type) }
                for parameter in detail["parameter"] as? [[String: Any]] ?? [] {
                    labels.insert(parameter["label"] as? String ?? "?")
                }
                for volume in detail["volumes"] as? [[String: Any]] ?? [] { volumeKinds.formUnion(volume.keys) }
                for source in detail["data_source"] as? [[String: Any]] ?? [] {
                    dataSourceTypes.insert(source["type"] as? String ?? "?")
                }
                if detail["core"] is String { coreString = true } else if detail["core"] is Int { coreNumber = true }
                if detail["user_image_url"] is String { customImage = true }
                workerCounts.insert(detail["worker_server_num"] as? Int ?? 0)
                if [7, 8].contains(version.status) { #expect(detail["end_time"] == nil) }
                if version.status == 7 { #expect(detail["start_time"] is NSNull) }
            }
        }
        #expect(statuses.isSuperset(of: [3, 5, 7, 8, 10, 11, 12, 13, 14]), "statuses: \(statuses.sorted())")
        #expect(statuses.count >= 11, "statuses: \(statuses.sorted())")
        #expect(engines.isSuperset(of: ["TensorFlow", "PyTorch", "MindSpore-GPU", "Ascend-Powered-Engine",
                                        "XGBoost-Sklearn", "Spark_MLlib", "Scikit_Learn", "MXNet"]), "engines: \(engines)")
        #expect(poolTypes == ["SYSTEM_DEFINED", "USER_DEFINED"])
        #expect(labels.contains("obs_secret_key") && labels.contains("api_token"))
        #expect(volumeKinds == ["nfs", "host_path"])
        #expect(dataSourceTypes == ["obs", "dataset"])
        #expect(coreNumber && coreString && customImage)
        #expect(workerCounts.isSuperset(of: [1, 2, 4]))
        let engineList = try TestSupport.object(project.aiEnginesBody)
        let rows = try #require(engineList["engines"] as? [[String: Any]])
        #expect(rows.contains { $0["engine_id"] as? Int == 1 && $0["engine_version"] as? String == "TF-1.4.0-python2.7" })
        let specs = try #require(try TestSupport.object(project.resourceSpecsBody)["specs"] as? [[String: Any]])
        #expect(specs.contains { $0["spec_id"] as? Int == 7 && $0["spec_code"] as? String == "modelarts.vm.cpu.2u" })
        #expect(specs.contains { $0["spec_id"] as? Int == 27 && $0["spec_code"] as? String == "modelarts.vm.cpu.8u" })
        let custom = try TestSupport.object(project.customConfigListBody)
        let sample = try TestSupport.object(project.sampleConfigListBody)
        #expect((custom["configs"] as? [Any])?.count == project.configs.filter { $0.type == "custom" }.count)
        #expect((sample["configs"] as? [Any])?.count == project.configs.filter { $0.type == "sample" }.count)
        #expect(project.configs.filter { $0.type == "sample" }.count >= 2)
    }
}
