import ArchiveStore
import Clone
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI
import Testing

@Suite("Clone request bodies")
struct CloneBodyTests {
    @Test("the seed's version 10 gives the golden v1 create-version body")
    func seedVersionGolden() throws {
        let test = try CloneFixtures.seedArchive()
        let archive = try Archive.open(at: test.path)
        let source = try ArchivedVersion.load(from: archive, jobID: 10, versionID: 10)
        let request = try V1RequestBuilder.build(source, options: CloneOptions())
        #expect(request.displayPath() == "POST /v1/{project_id}/training-jobs/10/versions")
        #expect(try CloneFixtures.matchesGolden(PrettyJSON.render(request.body) + "\n", "seed-clone-v1.json"))
        let config = try #require(request.body["config"])
        // Exactly one data source, spec_id not pool_id, documented types.
        #expect(config["data_source"] != nil && config["data_url"] == nil && config["dataset_id"] == nil)
        #expect(config["spec_id"] == .number("1") && config["pool_id"] == nil)
        #expect(config["pre_version_id"] == .number("10"))
        #expect(config["parameter"] == .array([.object([("label", .string("learning_rate")), ("value", .number("0.01"))])]))
        for key in ["core", "cpu", "gpu", "status", "model_metric_list", "system_metric_list", "nas_type", "dataset_name"] {
            #expect(config[key] == nil, "\(key) is not a create-API field")
        }
        // The compact body parses back to the same value.
        #expect(try RawJSON.parse(request.bodyBytes) == request.body)
    }

    @Test("--as-job builds a create-job body with a validated name")
    func asJob() throws {
        let test = try CloneFixtures.seedArchive()
        let source = try ArchivedVersion.load(from: try Archive.open(at: test.path), jobID: 10, versionID: 10)
        var options = CloneOptions()
        options.mode = .newJob(name: "mnist_retry-2")
        options.description = "retry"
        let request = try V1RequestBuilder.build(source, options: options)
        #expect(request.path == ["training-jobs"])
        #expect(request.body["job_name"] == .string("mnist_retry-2"))
        #expect(request.body["job_desc"] == .string("retry"))
        #expect(request.body["config"]?["pre_version_id"] == nil)
        for bad in ["", "has space", String(repeating: "a", count: 65), "名字"] {
            options.mode = .newJob(name: bad)
            #expect(throws: CloneError.self) { try V1RequestBuilder.build(source, options: options) }
        }
    }

    @Test("--target v2 gives the golden v2 body")
    func v2Golden() throws {
        let test = try CloneFixtures.seedArchive()
        let source = try ArchivedVersion.load(from: try Archive.open(at: test.path), jobID: 10, versionID: 10)
        var options = CloneOptions()
        options.target = .v2
        options.flavor = "modelarts.vm.gpu.v100"
        options.parameterOverrides = [.set(label: "learning_rate", text: "0.02")]
        let request = try V2RequestBuilder.build(source, options: options)
        #expect(request.displayPath() == "POST /v2/{project_id}/training-jobs")
        #expect(try CloneFixtures.matchesGolden(PrettyJSON.render(request.body) + "\n", "seed-clone-v2.json"))
        #expect(request.body["algorithm"]?["environments"]?["learning_rate"] == .string("0.02"))
        // Without --flavor and without any flavor/spec code in the archive, it says what to pass.
        options.flavor = nil
        #expect(throws: CloneError.self) { try V2RequestBuilder.build(source, options: options) }
    }

    @Test("a real-shaped version sends flavor.code, a built-in engine gets v2 parameters")
    func flavorShape() throws {
        let test = try CloneFixtures.seedArchive()
        let source = try ArchivedVersion.load(from: try Archive.open(at: test.path), jobID: 10, versionID: 11)
        var options = CloneOptions()
        options.parameterOverrides = [.set(label: "obs_secret_key", text: "s3cr3t")]
        let request = try V1RequestBuilder.build(source, options: options)
        let config = try #require(request.body["config"])
        #expect(config["flavor"] == .object([("code", .string("modelarts.vm.cpu.8u"))]))
        #expect(config["spec_id"] == nil && config["pool_id"] == nil)
        options.configAssignments = ["spec_id=7"]
        let withSpec = try V1RequestBuilder.build(source, options: options)
        #expect(withSpec.body["config"]?["spec_id"] == .number("7") && withSpec.body["config"]?["flavor"] == nil)
        options.configAssignments = []
        options.target = .v2
        let v2 = try V2RequestBuilder.build(source, options: options)
        #expect(v2.body["spec"]?["resource"]?["flavor_id"] == .string("modelarts.vm.cpu.8u"))
        #expect(v2.body["algorithm"]?["parameters"]?.array?.first == .object([("name", .string("epochs")), ("value", .string("20"))]))
        #expect(v2.body["algorithm"]?["engine"] == .object([("engine_name", .string("TensorFlow")), ("engine_version", .string("TF-1.8.0-python3.6"))]))
    }

    @Test("restore-config builds the create body, and the update body without config_name")
    func restoreConfig() throws {
        let test = try CloneFixtures.seedArchive()
        let restorer = try ConfigRestorer.load(from: try Archive.open(at: test.path), name: "config123")
        let create = try restorer.request(name: "config123-restored", description: nil, overrides: [], update: false)
        #expect(create.displayPath() == "POST /v1/{project_id}/training-job-configs")
        #expect(create.body["config_name"] == .string("config123-restored"))
        #expect(create.body["data_source"] != nil && create.body["data_url"] == nil && create.body["dataset_id"] == nil)
        #expect(create.body["spec_id"] == .number("4") && create.body["engine_id"] == .number("3"))
        #expect(create.body["pool_id"] == nil && create.body["spec_code"] == nil && create.body["volumes"] == nil)
        let update = try restorer.request(name: nil, description: "d", overrides: [], update: true)
        #expect(update.displayPath() == "PUT /v1/{project_id}/training-job-configs/config123")
        #expect(update.body["config_name"] == nil && update.body["config_desc"] == .string("d"))
        #expect(throws: CloneError.self) { try restorer.request(name: "bad name", description: nil, overrides: [], update: false) }
    }
}
