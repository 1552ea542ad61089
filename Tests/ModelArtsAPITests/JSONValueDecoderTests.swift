import Foundation
@testable import ModelArtsAPI
import Testing

@Suite("Lenient JSONValue decoder")
struct JSONValueDecoderTests {
    /// A model exercising each kind of field the wire models use.
    struct Probe: Decodable, Equatable {
        var jobID: Int64
        var name: String?
        var count: Int64?
        var status: Int?
        var flag: Bool?
        var ratio: Double?
        var dataSourceURL: String?
        var items: [Item]
    }

    struct Item: Decodable, Equatable {
        var itemID: Int64
        var label: String?
    }

    static func probe(_ text: String) throws -> Probe {
        try JSONValueDecoder.decode(Probe.self, from: TestSupport.json(text))
    }

    static func failure(_ body: () throws -> Void) -> ModelDecodingError? {
        do {
            try body()
            return nil
        } catch let error as ModelDecodingError {
            return error
        } catch {
            return ModelDecodingError(model: "?", message: "unexpected \(error)")
        }
    }

    @Test(
        "a string field takes a number by its spelling, a bool by its name",
        arguments: [
            (#"42"#, "42"), (#"0.010"#, "0.010"), (#"1551252759254000002"#, "1551252759254000002"),
            (#""text""#, "text"), (#"true"#, "true"),
        ])
    func stringFromNumber(literal: String, expected: String) throws {
        #expect(try Self.probe(#"{"job_id":1,"name":\#(literal)}"#).name == expected)
    }

    /// One row of lenient numeric reads: the body and what `Probe` should hold.
    struct NumericCase: Sendable {
        var text: String
        var count: Int64
        var status: Int
        var flag: Bool
        var ratio: Double
    }

    @Test(
        "an integer field takes a numeric string; a bool and a double read as the accessors do",
        arguments: [
            NumericCase(text: #"{"job_id":"7","count":"12","status":"10","flag":"TRUE","ratio":"0.5"}"#, count: 12, status: 10, flag: true, ratio: 0.5),
            NumericCase(text: #"{"job_id":7.0,"count":1e2,"status":10,"flag":0,"ratio":2}"#, count: 100, status: 10, flag: false, ratio: 2),
            NumericCase(text: #"{"job_id":" 7 ","count":"+3","status":"10.000","flag":1,"ratio":"-1e1"}"#, count: 3, status: 10, flag: true, ratio: -10),
        ])
    func numbersFromStrings(row: NumericCase) throws {
        let probe = try Self.probe(row.text)
        #expect(probe.jobID == 7 && probe.count == row.count && probe.status == row.status)
        #expect(probe.flag == row.flag && probe.ratio == row.ratio)
    }

    @Test(
        "an optional field absent, null or of the wrong type is nil",
        arguments: [
            #"{"job_id":1}"#,
            #"{"job_id":1,"name":null,"count":null,"status":null,"flag":null,"ratio":null,"data_source_url":null}"#,
            #"{"job_id":1,"name":{},"count":"abc","status":1.5,"flag":"maybe","ratio":"x","data_source_url":[1]}"#,
            #"{"job_id":1,"name":[],"count":[1],"status":99999999999999999999,"flag":2,"ratio":{},"data_source_url":{}}"#,
        ])
    func optionalsNil(text: String) throws {
        let probe = try Self.probe(text)
        #expect(probe == Probe(jobID: 1, items: []))
    }

    @Test(
        "a required field absent or invalid throws, naming the type and the wire key",
        arguments: [#"{}"#, #"{"job_id":null}"#, #"{"job_id":"abc"}"#, #"{"job_id":1.5}"#, #"{"jobID":1}"#])
    func requiredMissing(text: String) {
        let error = Self.failure { _ = try Self.probe(text) }
        #expect(error?.description == #"cannot decode Probe: missing or invalid "job_id""#)
    }

    @Test("a wire model's required id: the message names the model, also when nested in a list")
    func requiredMessages() {
        let entry = Self.failure { _ = try V1JobListEntry(json: TestSupport.json(#"{"job_name":"x"}"#)) }
        #expect(entry?.description == #"cannot decode V1JobListEntry: missing or invalid "job_id""#)
        let nested = Self.failure { _ = try V1VersionList(json: TestSupport.json(#"{"versions":[{"version_id":1},{}]}"#)) }
        #expect(nested == ModelDecodingError(model: "V1Version", message: #"missing or invalid "version_id""#))
        let config = Self.failure { _ = try V1Config(json: TestSupport.json(#"{"config_name":null}"#)) }
        #expect(config?.description == #"cannot decode V1Config: missing or invalid "config_name""#)
        let notObject = Self.failure { _ = try V1AIEngineList(json: TestSupport.json(#"{"engines":[3]}"#)) }
        #expect(notObject?.description == "cannot decode V1AIEngine: expected a JSON object, got a number")
    }

    @Test("the first of duplicated keys wins")
    func duplicateKeys() throws {
        let probe = try Self.probe(#"{"job_id":1,"name":"first","job_id":2,"name":"second","items":[],"items":[{"item_id":3}]}"#)
        #expect(probe.jobID == 1 && probe.name == "first" && probe.items.isEmpty)
        let parameter = try V1Parameter(json: TestSupport.json(#"{"label":"a","value":1,"label":"b","value":2}"#))
        #expect(parameter == V1Parameter(label: "a", value: .number("1")))
        let engine = try V1AIEngine(json: TestSupport.json(#"{"engine_id":4,"engine_id":"x","engine_name":"A","engine_name":"B"}"#))
        #expect(engine.engineID == 4 && engine.engineName == "A")
    }

    @Test(
        "Swift names map to snake_case wire keys, acronyms kept whole",
        arguments: [
            ("jobID", "job_id"), ("versionID", "version_id"), ("engineID", "engine_id"), ("specID", "spec_id"),
            ("dataURL", "data_url"), ("trainURL", "train_url"), ("logURL", "log_url"), ("isSuccess", "is_success"),
            ("datasetVersionID", "dataset_version_id"), ("modelDescriptionURL", "model_description_url"),
            ("preVersionID", "pre_version_id"), ("userImageURL", "user_image_url"), ("nasShareAddr", "nas_share_addr"),
            ("URLPath", "url_path"), ("status", "status"), ("data_source", "data_source"), ("md5Sum", "md5_sum"),
        ])
    func snakeCase(swift: String, wire: String) {
        #expect(JSONValueDecoder.snakeCase(swift) == wire)
    }

    @Test("a multi-word key is looked up by its snake_case spelling only")
    func multiWordKey() throws {
        #expect(try Self.probe(#"{"job_id":1,"data_source_url":"/a/"}"#).dataSourceURL == "/a/")
        #expect(try Self.probe(#"{"job_id":1,"dataSourceURL":"/a/"}"#).dataSourceURL == nil)
    }

    @Test(
        "arrays of models decode element by element; absent, null or not an array is empty",
        arguments: [
            (#"{"job_id":1,"items":[{"item_id":1,"label":"a"},{"item_id":"2","label":3}]}"#, 2),
            (#"{"job_id":1}"#, 0), (#"{"job_id":1,"items":null}"#, 0), (#"{"job_id":1,"items":{"item_id":1}}"#, 0),
            (#"{"job_id":1,"items":"x"}"#, 0),
        ])
    func nestedArrays(text: String, count: Int) throws {
        let probe = try Self.probe(text)
        #expect(probe.items.count == count)
        if count == 2 {
            #expect(probe.items == [Item(itemID: 1, label: "a"), Item(itemID: 2, label: "3")])
        }
    }

    @Test("a bad element of a model array throws for that element's type")
    func nestedArrayFailure() {
        let missing = Self.failure { _ = try Self.probe(#"{"job_id":1,"items":[{"item_id":1},{"label":"x"}]}"#) }
        #expect(missing?.description == #"cannot decode Item: missing or invalid "item_id""#)
        let null = Self.failure { _ = try Self.probe(#"{"job_id":1,"items":[null]}"#) }
        #expect(null?.description == "cannot decode Item: expected a JSON object, got null")
    }

    @Test("models nested two deep: versions with parameters, data sources and volumes")
    func nestedModels() throws {
        let list = try V1VersionList(json: TestSupport.json(#"""
            {"versions":[{"version_id":1,"parameter":[{"label":"lr","value":"0.1"}],"data_source":[{"type":"obs"}],
            "volumes":[{"host_path":{"src_path":"/a","read_only":"true"}}]},{"version_id":"2","parameter":null}]}
            """#))
        #expect(list.versions.map(\.versionID) == [1, 2])
        #expect(list.versions[0].parameters == [V1Parameter(label: "lr", value: .string("0.1"))])
        #expect(list.versions[0].dataSources.first?.type == "obs")
        #expect(list.versions[0].volumes.first?.kind == .hostPath && list.versions[0].volumes.first?.readOnly == true)
        #expect(list.versions[1].parameters.isEmpty && list.versions[1].volumes.isEmpty)
    }

    @Test(
        "a top-level value that is not an object throws, never traps",
        arguments: [JSONValue.null, .string("x"), .number("1"), .bool(true), .array([.object([])])])
    func notAnObject(value: JSONValue) {
        let error = Self.failure { _ = try JSONValueDecoder.decode(Probe.self, from: value) }
        #expect(error?.model == "Probe" && error?.message.hasPrefix("expected a JSON object, got ") == true)
    }

    @Test("models that need the raw value refuse other decoders with an error")
    func otherDecoders() {
        let data = Data(#"{"nfs":{"id":"x"}}"#.utf8)
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(V1Volume.self, from: data) }
    }
}
