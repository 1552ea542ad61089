import ArchiveStore
import Clone
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI
import Testing

@Suite("Override typing rules")
struct OverrideTypingTests {
    @Test("a value keeps the archived parameter's JSON type")
    func keepsType() throws {
        #expect(try ParameterOverride.typed("0.02", like: .number("0.01"), label: "lr") == .number("0.02"))
        #expect(try ParameterOverride.typed("1e-4", like: .number("0.01"), label: "lr") == .number("1e-4"))
        #expect(throws: CloneError.self) { try ParameterOverride.typed("fast", like: .number("0.01"), label: "lr") }
        #expect(throws: CloneError.self) { try ParameterOverride.typed("0.02 ", like: .number("0.01"), label: "lr") }
        #expect(try ParameterOverride.typed("64", like: .string("32"), label: "batch") == .string("64"))
        #expect(try ParameterOverride.typed("true", like: .bool(false), label: "amp") == .bool(true))
        #expect(throws: CloneError.self) { try ParameterOverride.typed("yes", like: .bool(false), label: "amp") }
        // A redacted original has no known type: the text decides.
        #expect(try ParameterOverride.typed("abc", like: .string(ParameterRedactor.marker), label: "k") == .string("abc"))
        #expect(try ParameterOverride.typed("12", like: .string(ParameterRedactor.marker), label: "k") == .number("12"))
    }

    @Test("--add infers the type; a quoted value stays a string")
    func inference() {
        #expect(ParameterOverride.inferred("0.5") == .number("0.5"))
        #expect(ParameterOverride.inferred("false") == .bool(false))
        #expect(ParameterOverride.inferred(#""42""#) == .string("42"))
        #expect(ParameterOverride.inferred("resnet") == .string("resnet"))
        #expect(ParameterOverride.inferred("[1,2]") == .string("[1,2]"))
    }

    @Test("--set of an unknown label fails and suggests --add; --add of a known one suggests --set")
    func unknownLabels() throws {
        let test = try CloneFixtures.seedArchive()
        let source = try ArchivedVersion.load(from: try Archive.open(at: test.path), jobID: 10, versionID: 10)
        var options = CloneOptions()
        options.parameterOverrides = [.set(label: "momentum", text: "0.9")]
        let error = try #require(throws: CloneError.self) { try V1RequestBuilder.build(source, options: options) }
        #expect(error.message.contains("--add momentum="))
        #expect(error.message.contains("learning_rate"))
        options.parameterOverrides = [.add(label: "learning_rate", text: "0.9")]
        let again = try #require(throws: CloneError.self) { try V1RequestBuilder.build(source, options: options) }
        #expect(again.message.contains("--set learning_rate="))
        options.parameterOverrides = [.unset(label: "nope")]
        #expect(throws: CloneError.self) { try V1RequestBuilder.build(source, options: options) }
    }

    @Test("set, unset and add change the parameter list and the diff")
    func parameterDiff() throws {
        let test = try CloneFixtures.seedArchive()
        let source = try ArchivedVersion.load(from: try Archive.open(at: test.path), jobID: 10, versionID: 10)
        var options = CloneOptions()
        options.parameterOverrides = [.set(label: "learning_rate", text: "0.02"), .add(label: "batch_size", text: "64"), .add(label: "optimizer", text: "adam")]
        let request = try V1RequestBuilder.build(source, options: options)
        let parameters = try #require(request.body["config"]?["parameter"]?.array)
        #expect(parameters.map { $0["value"] } == [.number("0.02"), .number("64"), .string("adam")])
        let lines = request.changes.map(\.line)
        #expect(lines.contains("~ parameter learning_rate: 0.01 → 0.02"))
        #expect(lines.contains("+ parameter batch_size: 64"))
        #expect(lines.contains { $0.hasPrefix("- pool_id") && $0.contains("spec_id selects the public pool") })
        #expect(lines.contains { $0.hasPrefix("- data_url") && $0.contains("exactly one") })
        options.parameterOverrides = [.unset(label: "learning_rate")]
        let unset = try V1RequestBuilder.build(source, options: options)
        #expect(unset.body["config"]?["parameter"] == .array([]))
    }

    @Test("--config accepts only create-API fields, typed and validated, and applies the exclusivity rules")
    func configOverrides() throws {
        #expect(try CreateField.parse("worker_server_num=2").value == .number("2"))
        #expect(try CreateField.parse("spec_id=27").value == .number("27"))
        #expect(try CreateField.parse("train_url=/bucket/out/").value == .string("/bucket/out/"))
        for bad in ["core=8", "worker_server_num=0", "spec_id=abc", "train_url=bucket/out", "app_url=/a b/", "user_image_url=", "data_source={}", "nonsense"] {
            #expect(throws: CloneError.self, "\(bad)") { try CreateField.parse(bad) }
        }
        let unknown = try #require(throws: CloneError.self) { try CreateField.parse("flavor_code=x") }
        #expect(unknown.message.contains("worker_server_num"))

        let test = try CloneFixtures.seedArchive()
        let source = try ArchivedVersion.load(from: try Archive.open(at: test.path), jobID: 10, versionID: 10)
        var options = CloneOptions()
        options.configAssignments = ["data_url=/bucket/new-data/", "pool_id=poolabc", "worker_server_num=4"]
        let config = try #require(try V1RequestBuilder.build(source, options: options).body["config"])
        #expect(config["data_url"] == .string("/bucket/new-data/") && config["data_source"] == nil && config["dataset_id"] == nil)
        #expect(config["pool_id"] == .string("poolabc") && config["spec_id"] == nil)
        #expect(config["worker_server_num"] == .number("4"))
        options.configAssignments = ["spec_id=2", "pool_id=p"]
        #expect(throws: CloneError.self) { try V1RequestBuilder.build(source, options: options) }
        options.configAssignments = ["boot_file_url=/elsewhere/boot.py"]
        #expect(throws: CloneError.self) { try V1RequestBuilder.build(source, options: options) }
    }
}
