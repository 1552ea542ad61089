import JobArchiveTestSupport
import Foundation
import ModelArtsAPI
import Testing

@Suite("Lenient v1 models")
struct ModelDecodingTests {
    /// A version-details body shaped like the real walkthrough response (reference §1.5): many nulls,
    /// undocumented keys, `system_metric_list` as an object with `interval`.
    static let realVersionDetails = #"""
        {"dataset_name":null,"duration":1326,"spec_code":null,"parameter":[],"start_time":1609121913000,
        "model_outputs":null,"engine_name":"TensorFlow","error_result":null,"gpu_type":null,"user_frame_image":null,
        "gpu":false,"dataset_id":null,"nas_mount_path":null,"task_summary":{},"max_num":1,"model_metric_list":"{}",
        "is_zombie":false,"flavor_code":"modelarts.vm.cpu.8u","gpu_num":0,"train_url":"/bucket/out/",
        "engine_type":1,"job_name":"jobtest_TF","nas_type":"efs","outputs":null,"job_id":567524,
        "data_url":"/bucket/data/","log_url":"/bucket/log/","boot_file_url":"/bucket/code/train.py","volumes":null,
        "dataset_version_id":null,"algorithm_id":null,"worker_server_num":1,"pool_type":"SYSTEM_DEFINED",
        "autosearch_config":null,"job_desc":"","inputs":null,"model_id":null,"dataset_version_name":null,
        "pool_name":"hec-train-pub-cpu","engine_version":"TF-1.8.0-python3.6",
        "system_metric_list":{"recvBytesRate":["0","12.50"],"cpuUsage":["0","3.10"],"sendBytesRate":["0","1.00"],
        "memUsage":["0.77","n/a"],"gpuUtil":[],"gpuMemUsage":[],"diskWriteRate":["0"],"diskReadRate":["0"],"interval":1},
        "retrain_model_id":null,"version_name":"V0001","pod_version":"1.8.0-cp36","engine_id":4,"status":10,
        "cpu":"32","user_image_url":null,"spec_id":27,"is_success":true,"storage":null,"nas_share_addr":null,
        "version_id":1108482,"no_resource":false,"user_command":null,"resource_id":"jobaedef089","core":"8",
        "npu_info":null,"app_url":"/bucket/code/","data_source":null,"pre_version_id":null,"create_time":1609121837000,
        "job_type":1,"pool_id":"pool7d1e384a"}
        """#

    @Test("seed version list: lenient core/cpu, parameters, metrics, volumes, data sources")
    func seedVersionList() throws {
        let list = try V1VersionList(json: TestSupport.json(SeedFixtures.versionList))
        #expect(list.isSuccess == true)
        #expect(list.jobID == 10)
        #expect(list.jobName == "testModelArtsJob")
        #expect(list.jobDesc == "testModelArtsJob desc")
        #expect(list.versionCount == 2)
        #expect(list.versions.count == 1)
        let v = try #require(list.versions.first)
        #expect(v.versionID == 10)
        #expect(v.versionName == "V0004")
        #expect(v.preVersionID == 5)
        #expect(v.engineType == 1 && v.engineID == 1 && v.engineName == "TensorFlow")
        #expect(v.engineVersion == "TF-1.4.0-python2.7")
        #expect(v.status == 10)
        #expect(v.createTime == 1_524_189_990_635)
        #expect(v.startTime == 1_563_172_362_000)
        #expect(v.duration == 532_003)
        #expect(v.core == "2")  // "core": 2 in the seed
        #expect(v.cpu == "8")
        #expect(v.gpu == true)
        #expect(v.gpuNum == 2 && v.gpuType == "Pnt1")
        #expect(v.workerServerNum == 1)
        #expect(v.specID == 1)
        #expect(v.parameters == [V1Parameter(label: "learning_rate", value: .number("0.01"))])
        #expect(v.parameters.first?.value.serialized() == "0.01")
        #expect(v.dataURL == "/usr/data/" && v.trainURL == "/usr/train/" && v.logURL == "/usr/log/")
        #expect(v.datasetID == "38277e62-9e59-48f4-8d89-c8cf41622c24")
        #expect(v.datasetVersionID == "2ff0d6ba-c480-45ae-be41-09a8369bfc90")
        #expect(v.datasetName == "dataset-test" && v.datasetVersionName == "dataset-version-test")
        #expect(v.dataSources.count == 1)
        #expect(v.dataSources.first?.type == "obs")
        #expect(v.dataSources.first?.dataURL == "/qianjiajun-test/minst/data/")
        #expect(v.dataSources.first?.datasetID == nil)
        #expect(v.modelID == 1)
        #expect(v.userImageURL == "100.125.5.235:20202/jobmng/custom-cpu-base:1.0")
        #expect(v.userCommand?.hasPrefix("bash -x /home/work/run_train.sh") == true)
        #expect(v.poolID == "pool9928813f" && v.poolName == "pnt1")
        #expect(v.nasMountPath == "/home/work/nas" && v.nasShareAddr == "192.168.8.150:/" && v.nasType == "nfs")
        #expect(v.jobID == nil && v.flavorCode == nil && v.poolType == nil && v.resourceID == nil)

        #expect(v.volumes.count == 2)
        #expect(v.volumes[0].kind == .nfs)
        #expect(v.volumes[0].id == "43b37236-9afa-4855-8174-32254b9562e7")
        #expect(v.volumes[0].srcPath == "192.168.8.150:/" && v.volumes[0].destPath == "/home/work/nas")
        #expect(v.volumes[0].readOnly == false)
        #expect(v.volumes[1].kind == .hostPath)
        #expect(v.volumes[1].id == nil && v.volumes[1].srcPath == "/root/work" && v.volumes[1].destPath == "/home/mind")

        let metrics = try #require(v.modelMetrics)
        #expect(metrics.perClass.count == 1)
        let cls = try #require(metrics.perClass.first)
        #expect(cls.classID == "0" && cls.className == "0")
        #expect(cls.values.map(\.name) == ["recall", "precision", "accuracy"])
        #expect(cls.value("recall") == .number("0.005833"))
        #expect(metrics.totals.map(\.name) == ["recall", "id", "precision", "accuracy"])
        #expect(metrics.total("accuracy") == .number("0.000937"))

        let system = try #require(v.systemMetrics)  // given as a JSON-encoded string in the seed
        #expect(system.interval == 1)
        #expect(system.series.map(\.name) == [
            "cpuUsage", "memUsage", "gpuUtil", "gpuMemUsage", "diskReadRate", "diskWriteRate", "recvBytesRate",
            "sendBytesRate",
        ])
        #expect(system.values("cpuUsage") == [0, 3.10, 5.76, 0, 0, 0, 0])
        #expect(system.values("sendBytesRate")?[2] == 10_487_410.00)
    }

    @Test("real version details: nulls, unknown keys, system metrics object with interval")
    func realVersionDetails() throws {
        let v = try V1Version(json: TestSupport.json(Self.realVersionDetails))
        #expect(v.versionID == 1_108_482 && v.jobID == 567_524 && v.jobName == "jobtest_TF" && v.jobDesc == "")
        #expect(v.status == 10 && JobStatus(code: v.status ?? -1)?.isTerminal == true)
        #expect(v.flavorCode == "modelarts.vm.cpu.8u" && v.poolType == "SYSTEM_DEFINED")
        #expect(v.specID == 27 && v.core == "8" && v.cpu == "32" && v.gpu == false && v.gpuNum == 0)
        #expect(v.datasetName == nil && v.specCode == nil && v.modelID == nil && v.preVersionID == nil)
        #expect(v.volumes.isEmpty && v.dataSources.isEmpty && v.parameters.isEmpty)
        #expect(v.resourceID == "jobaedef089" && v.nasType == "efs")
        #expect(v.modelMetrics == V1ModelMetrics())  // "{}" → empty
        let system = try #require(v.systemMetrics)
        #expect(system.interval == 1)
        #expect(system.series.count == 8)
        #expect(system.values("recvBytesRate") == [0, 12.5])
        #expect(system.values("memUsage") == [0.77, nil])
        #expect(system.values("gpuUtil") == [])
    }

    @Test("metric fields: unparseable strings and nulls give nil, objects are accepted")
    func metricFields() throws {
        #expect(V1ModelMetrics(field: .string("{not json")) == nil)
        #expect(V1ModelMetrics(field: .null) == nil)
        #expect(V1ModelMetrics(field: nil) == nil)
        #expect(V1ModelMetrics(field: .string("[]")) == nil)
        #expect(V1ModelMetrics(field: .string("{}")) == V1ModelMetrics())
        let object = try TestSupport.json(#"{"metric":[{"metric_values":{"f1_score":"0.5"},"metric_meta":{"class_name":"cat","class_id":3}}]}"#)
        let metrics = try #require(V1ModelMetrics(field: object))
        #expect(metrics.perClass == [V1ModelMetrics.ClassMetric(classID: "3", className: "cat", values: [(name: "f1_score", value: .string("0.5"))])])
        #expect(metrics.totals.isEmpty)
        #expect(V1SystemMetrics(field: .string("oops")) == nil)
        #expect(V1SystemMetrics(field: .number("1")) == nil)
        #expect(throws: ModelDecodingError.self) { _ = try V1SystemMetrics(json: .string("[1]")) }
        let bad = try V1Version(json: TestSupport.json(#"{"version_id":"7","model_metric_list":"{oops","system_metric_list":"x"}"#))
        #expect(bad.versionID == 7 && bad.modelMetrics == nil && bad.systemMetrics == nil)
    }

    @Test("seed config detail: core given as string, parameters keep type")
    func seedConfig() throws {
        let config = try V1Config(json: TestSupport.json(SeedFixtures.configDetail))
        #expect(config.configName == "config123")
        #expect(config.configDesc == "This is a config desc test")
        #expect(config.core == "8" && config.cpu == "64")
        #expect(config.specCode == "modelarts.vm.gpu.v100" && config.specID == 4)
        #expect(config.gpuType == "nvidia-v100" && config.gpuNum == 1)
        #expect(config.engineType == 1 && config.engineID == 3 && config.engineVersion == "TF-1.8.0-python2.7")
        #expect(config.engineName == "TensorFlow")
        #expect(config.workerServerNum == 1 && config.modelID == 4)
        #expect(config.createTime == 1_559_045_426_000)
        #expect(config.parameters == [V1Parameter(label: "learning_rate", value: .number("0.01"))])
        #expect(config.volumes.map(\.kind) == [.nfs, .hostPath])
        #expect(config.dataSources.first?.dataURL == "/test/minst/data/")
        #expect(config.poolID == "pool9928813f" && config.poolName == "p100")
        #expect(config.datasetName == "dataset-test" && config.datasetVersionName == "dataset-version-test")
        #expect(config.nasType == "nfs" && config.nasMountPath == "/home/work/nas")
        #expect(config.appURL == "/usr/app/" && config.bootFileURL == "/usr/app/boot.py")
        #expect(config.trainURL == "/test/minst/train_out/out1/" && config.logURL == "/usr/log/")
        #expect(config.dataURL == "/test/minst/data/")

        let list = try V1ConfigList(json: TestSupport.json(#"{"is_success":true,"config_total_count":"1","configs":[{"config_name":"c","engine_id":"1","create_time":1}]}"#))
        #expect(list.configTotalCount == 1 && list.configs.first?.engineID == 1)
    }

    @Test("parameters keep strings as strings and numbers as spellings")
    func parameters() throws {
        let body = #"{"version_id":1,"parameter":[{"label":"batch_size","value":"32"},{"label":"lr","value":1e-3},{"label":"flag","value":true},{"value":null},{"label":"obj","value":{"a":[1]}}]}"#
        let v = try V1Version(json: TestSupport.json(body))
        #expect(v.parameters.map(\.label) == ["batch_size", "lr", "flag", "", "obj"])
        #expect(v.parameters.map(\.value) == [.string("32"), .number("1e-3"), .bool(true), .null, .object([(key: "a", value: .array([.number("1")]))])])
        #expect(v.parameters.map { $0.value.serialized() } == [#""32""#, "1e-3", "true", "null", #"{"a":[1]}"#])
    }

    @Test("aom-log pages: cursors always strings, lines lenient")
    func logPages() throws {
        let seed = try V1LogPage(json: TestSupport.json(SeedFixtures.aomLog))
        #expect(seed.isSuccess == true)
        #expect(seed.startLine == "1551252759254000002")  // a number in the seed
        #expect(seed.endLine == "1551252759254000003")
        #expect(seed.lines == 1)  // "1" in the seed
        #expect(seed.content == "Log string")

        let real = try V1LogPage(json: TestSupport.json(#"{"start_line":"1609121886518240330","lines":8,"is_success":true,"end_line":"1609121900042593083","content":"Done exporting!\n\n[Modelarts Service Log]Training completed.\n"}"#))
        #expect(real.lines == 8 && real.startLine == "1609121886518240330" && real.endLine == "1609121900042593083")
        #expect(real.content == "Done exporting!\n\n[Modelarts Service Log]Training completed.\n")

        let empty = try V1LogPage(json: TestSupport.json(#"{"is_success":true,"start_line":null,"lines":0,"content":""}"#))
        #expect(empty.startLine == nil && empty.endLine == nil && empty.lines == 0 && empty.content == "")
    }

    @Test("log file names: array, plain string, JSON-encoded string")
    func logFileNames() throws {
        #expect(try V1LogFileNames(json: TestSupport.json(#"{"is_success":true,"log_file_list":["job-jobtest-tf.0","job-jobtest-tf.1"]}"#)).logFileList == ["job-jobtest-tf.0", "job-jobtest-tf.1"])
        #expect(try V1LogFileNames(json: TestSupport.json(#"{"log_file_list":"job-a.0"}"#)).logFileList == ["job-a.0"])
        #expect(try V1LogFileNames(json: TestSupport.json(#"{"log_file_list":"[\"x.0\"]"}"#)).logFileList == ["x.0"])
        #expect(try V1LogFileNames(json: TestSupport.json(#"{"log_file_list":null}"#)).logFileList == [])
    }

    @Test("job list from the doc example, with string-typed numbers and unknown keys")
    func jobList() throws {
        let list = try V1JobList(json: TestSupport.json(#"{"is_success":true,"quotas":5,"job_total_count":1,"job_count_limit":"3","jobs":[{"job_id":10,"job_name":"testModelArtsJob","version_id":"10","status":10,"create_time":1524189990635,"duration":532003,"job_desc":"This is ModelArts job","version_count":5,"user":"x","billing":{}}]}"#))
        #expect(list.isSuccess == true && list.quotas == 5 && list.jobTotalCount == 1 && list.jobCountLimit == 3)
        let job = try #require(list.jobs.first)
        #expect(job.jobID == 10 && job.versionID == 10 && job.status == 10 && job.versionCount == 5)
        #expect(job.jobName == "testModelArtsJob" && job.jobDesc == "This is ModelArts job")
        #expect(job.createTime == 1_524_189_990_635 && job.duration == 532_003)
        let stringID = try V1JobListEntry(json: TestSupport.json(#"{"job_id":"10.0","status":null}"#))
        #expect(stringID.jobID == 10 && stringID.status == nil && stringID.jobName == nil)
    }

    @Test("not an object, or a missing/invalid id, throws")
    func failures() throws {
        #expect(throws: ModelDecodingError.self) { _ = try V1Version(json: .array([])) }
        #expect(throws: ModelDecodingError.self) { _ = try V1Version(json: TestSupport.json(#"{"version_name":"V0001"}"#)) }
        #expect(throws: ModelDecodingError.self) { _ = try V1JobListEntry(json: TestSupport.json(#"{"job_id":"abc"}"#)) }
        #expect(throws: ModelDecodingError.self) { _ = try V1JobList(json: TestSupport.json(#"{"jobs":[{"job_name":"x"}]}"#)) }
        #expect(throws: ModelDecodingError.self) { _ = try V1LogPage(json: .string("x")) }
        #expect(throws: ModelDecodingError.self) { _ = try V1Config(json: TestSupport.json("{}")) }
        do {
            _ = try V1Version(json: .null)
            Issue.record("expected failure")
        } catch {
            #expect(error.description == "cannot decode V1Version: expected a JSON object, got null")
        }
        // Nulls and missing arrays are fine.
        let sparse = try V1JobList(json: TestSupport.json(#"{"is_success":null,"jobs":null}"#))
        #expect(sparse.isSuccess == nil && sparse.jobs.isEmpty)
    }

    @Test("resource specs, AI engines, built-in algorithms, visualization jobs")
    func catalogues() throws {
        let specs = try V1ResourceSpecList(json: TestSupport.json(#"{"is_success":true,"spec_total_count":2,"specs":[{"spec_id":7,"core":"2","cpu":"8","gpu_num":0,"gpu_type":"","spec_code":"modelarts.vm.cpu.2u","max_num":1,"unit_num":1,"storage":"","interface_type":1,"no_resource":false},{"spec_id":"27","core":8,"cpu":32,"no_resource":"true"}]}"#))
        #expect(specs.specTotalCount == 2 && specs.specs.count == 2)
        #expect(specs.specs[0].specID == 7 && specs.specs[0].specCode == "modelarts.vm.cpu.2u" && specs.specs[0].noResource == false)
        #expect(specs.specs[0].maxNum == 1 && specs.specs[0].unitNum == 1 && specs.specs[0].interfaceType == 1 && specs.specs[0].storage == "")
        #expect(specs.specs[1].specID == 27 && specs.specs[1].core == "8" && specs.specs[1].cpu == "32" && specs.specs[1].noResource == true)

        let engines = try V1AIEngineList(json: TestSupport.json(#"{"is_success":true,"engines":[{"engine_type":13,"engine_id":130,"engine_name":"Powered-Engine","engine_version":"TF-1.15-python3.7-aarch64"},{"engine_type":1,"engine_id":4,"engine_name":"TensorFlow","engine_version":"TF-1.8.0-python3.6"}]}"#))
        #expect(engines.engines.map(\.engineID) == [130, 4])
        #expect(engines.engines[0].engineType == 13 && engines.engines[1].engineVersion == "TF-1.8.0-python3.6")

        let algorithms = try V1BuiltInAlgorithmList(json: TestSupport.json(#"{"is_success":true,"model_total_count":1,"models":[{"model_id":1,"model_name":"ResNet_v1_50","model_usage":1,"model_precision":"75.2%","model_size":102630744,"model_train_dataset":"ImageNet","model_dataset_format":"tfrecord","model_description_url":"https://x","parameter":"[{\"label\":\"batch_size\",\"value\":\"4\",\"required\":true}]","create_time":1522218780025,"engine_id":501,"engine_name":"MXNet","engine_version":"MXNet-1.2.1-python2.7"}]}"#))
        let algorithm = try #require(algorithms.models.first)
        #expect(algorithms.modelTotalCount == 1)
        #expect(algorithm.modelID == 1 && algorithm.modelName == "ResNet_v1_50" && algorithm.modelUsage == 1)
        #expect(algorithm.modelPrecision == "75.2%" && algorithm.modelSize == 102_630_744)
        #expect(algorithm.parameter == #"[{"label":"batch_size","value":"4","required":true}]"#)
        #expect(algorithm.engineID == 501 && algorithm.engineName == "MXNet" && algorithm.createTime == 1_522_218_780_025)
        let arrayParameter = try V1BuiltInAlgorithm(json: TestSupport.json(#"{"model_id":2,"parameter":[{"label":"a","value":1}]}"#))
        #expect(arrayParameter.parameter == #"[{"label":"a","value":1}]"#)

        let viz = try V1VisualizationJobList(json: TestSupport.json(#"{"is_success":true,"job_total_count":1,"job_count_limit":9,"quotas":10,"jobs":[{"job_name":"tb","status":7,"create_time":1,"duration":2,"job_desc":"d","service_url":"https://tb","train_url":"/o/","job_id":"10","resource_id":"r"},{"job_id":11}]}"#))
        #expect(viz.jobs.map(\.jobID) == ["10", "11"])
        #expect(viz.jobs[0].serviceURL == "https://tb" && viz.jobs[0].status == 7 && viz.jobs[0].resourceID == "r")
        #expect(viz.quotas == 10 && viz.jobCountLimit == 9)
    }

    @Test("error envelopes: error_message, error_msg, message; detection")
    func errors() throws {
        let seed = try #require(V1Error.detect(TestSupport.json(SeedFixtures.failure)))
        #expect(seed == V1Error(errorCode: "ModelArts.0105", errorMessage: "Error string"))
        #expect(seed.description == "ModelArts.0105: Error string")
        let msg = try #require(V1Error.detect(TestSupport.json(#"{"error_code":"ModelArts.0102","error_msg":"job not exists"}"#)))
        #expect(msg.errorCode == "ModelArts.0102" && msg.errorMessage == "job not exists")
        let apig = try #require(V1Error.detect(TestSupport.json(#"{"error_msg":"Incorrect IAM authentication information: verify aksk signature fail","error_code":"APIGW.0301","request_id":"x"}"#)))
        #expect(apig.errorCode == "APIGW.0301")
        let plain = try #require(V1Error.detect(TestSupport.json(#"{"is_success":false,"message":"boom"}"#)))
        #expect(plain.errorCode == nil && plain.errorMessage == "boom")
        #expect(V1Error.detect(try TestSupport.json(#"{"is_success":true,"jobs":[]}"#)) == nil)
        #expect(V1Error.detect(try TestSupport.json(#"{"is_success":true,"error_code":null}"#)) == nil)
        #expect(V1Error.detect(.array([])) == nil)
        #expect(try V1Error(json: TestSupport.json(#"{"error_message":"a","error_msg":"b"}"#)).errorMessage == "a")
    }
}
