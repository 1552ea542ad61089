import JobArchiveTestSupport
import Foundation
import ModelArtsAPI
import Testing

@Suite("RawJSON byte-range slicing")
struct RawJSONSliceTests {
    /// Checks that the ranges are ordered, that everything between them is only whitespace and
    /// commas, and that prefix + elements + separators + suffix rebuild the input exactly.
    func checkReassembly(_ bytes: [UInt8], _ ranges: [Range<Int>], arrayStart: Int) {
        var rebuilt = Array(bytes[0..<(ranges.first?.lowerBound ?? bytes.count)])
        for (index, range) in ranges.enumerated() {
            rebuilt += bytes[range]
            let next = index + 1 < ranges.count ? ranges[index + 1].lowerBound : bytes.count
            let separator = Array(bytes[range.upperBound..<next])
            if index + 1 < ranges.count {
                #expect(separator.allSatisfy { [0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ",")].contains($0) })
                #expect(separator.filter { $0 == UInt8(ascii: ",") }.count == 1)
            }
            rebuilt += separator
        }
        #expect(rebuilt == bytes)
        if let first = ranges.first {
            #expect(bytes[arrayStart..<first.lowerBound].allSatisfy { [0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: "[")].contains($0) })
        }
    }

    @Test("seed versions list: the element is byte-identical and re-parses to the same value")
    func seedVersions() throws {
        let bytes = TestSupport.bytes(SeedFixtures.versionList)
        let ranges = try #require(try RawJSON.arrayElements(bytes, key: "versions"))
        #expect(ranges.count == 1)
        let element = Array(bytes[ranges[0]])
        #expect(element.first == UInt8(ascii: "{") && element.last == UInt8(ascii: "}"))
        let whole = try RawJSON.parse(bytes)
        #expect(try RawJSON.parse(element) == whole["versions"]?.array?.first)
        let text = String(decoding: element, as: UTF8.self)
        #expect(text.contains(#""value": 0.01"#))
        #expect(text.contains(#"\"recall\":0.005833"#))
        let arrayStart = try #require(RawJSON.objectMembers(bytes).first(where: { $0.key == "versions" })).valueRange.lowerBound
        checkReassembly(bytes, ranges, arrayStart: arrayStart)
    }

    @Test("several elements with escapes, unicode, nested arrays and odd whitespace")
    func manyElements() throws {
        let text = "{ \"jobs\" :\n [\n  {\"job_id\":1,\"d\":\"caf\\u00e9 \\/ \\n\",\"n\":[[1,[2]],[]]} ,\r\n\t{\"job_id\": 2 , \"d\" : \"中文😀\"},{\"job_id\":1551252759254000002},\"x\",  3.50e+1 ,null,[ ] ]\t, \"jobs_after\": true }\n"
        let bytes = TestSupport.bytes(text)
        let ranges = try #require(try RawJSON.arrayElements(bytes, key: "jobs"))
        let slices = ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
        #expect(slices == [
            #"{"job_id":1,"d":"caf\u00e9 \/ \n","n":[[1,[2]],[]]}"#,
            #"{"job_id": 2 , "d" : "中文😀"}"#,
            #"{"job_id":1551252759254000002}"#,
            #""x""#,
            "3.50e+1",
            "null",
            "[ ]",
        ])
        let members = try RawJSON.objectMembers(bytes)
        checkReassembly(bytes, ranges, arrayStart: members[0].valueRange.lowerBound)
        #expect(try RawJSON.parse(bytes[ranges[0]])["d"] == .string("café / \n"))
        #expect(try RawJSON.parse(bytes[ranges[2]])["job_id"] == .number("1551252759254000002"))
    }

    @Test("objectMembers gives exact key and value ranges")
    func members() throws {
        let bytes = TestSupport.bytes(SeedFixtures.aomLog)
        let members = try RawJSON.objectMembers(bytes)
        #expect(members.map(\.key) == ["is_success", "start_line", "content", "end_line", "lines"])
        let values = members.map { String(decoding: bytes[$0.valueRange], as: UTF8.self) }
        #expect(values == ["true", "1551252759254000002", #""Log string""#, #""1551252759254000003""#, #""1""#])
        #expect(String(decoding: bytes[members[1].keyRange], as: UTF8.self) == #""start_line""#)
    }

    @Test("19-digit cursor as number and as string: member() returns the exact bytes")
    func cursorBytes() throws {
        let asNumber = TestSupport.bytes(#"{"start_line":1609121886518240330,"end_line":"1609121900042593083"}"#)
        #expect(try RawJSON.member(asNumber, key: "start_line") == TestSupport.bytes("1609121886518240330"))
        #expect(try RawJSON.member(asNumber, key: "end_line") == TestSupport.bytes(#""1609121900042593083""#))
        #expect(try RawJSON.member(asNumber, key: "absent") == nil)
        let page = try V1LogPage(json: RawJSON.parse(asNumber))
        #expect(page.startLine == "1609121886518240330")
        #expect(page.endLine == "1609121900042593083")
    }

    @Test("keys with escapes match by decoded value; duplicates give the first")
    func escapedKeys() throws {
        let bytes = TestSupport.bytes(#"{"v\u0065rsions":[1, 2],"versions":[3]}"#)
        let ranges = try #require(try RawJSON.arrayElements(bytes, key: "versions"))
        #expect(ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == ["1", "2"])
    }

    @Test("absent or non-array keys give nil; empty arrays give no ranges")
    func absentAndEmpty() throws {
        let bytes = TestSupport.bytes(#"{"versions":{"a":1},"empty":[ ],"n":null}"#)
        #expect(try RawJSON.arrayElements(bytes, key: "versions") == nil)
        #expect(try RawJSON.arrayElements(bytes, key: "nope") == nil)
        #expect(try RawJSON.arrayElements(bytes, key: "n") == nil)
        #expect(try RawJSON.arrayElements(bytes, key: "empty") == [])
        #expect(try RawJSON.objectMembers(TestSupport.bytes(" {} ")) == [])
    }

    @Test("slicing validates the whole document and requires an object")
    func validation() {
        #expect(throws: JSONParseError.self) { _ = try RawJSON.arrayElements(TestSupport.bytes(#"{"versions":[1,2]} junk"#), key: "versions") }
        #expect(throws: JSONParseError.self) { _ = try RawJSON.arrayElements(TestSupport.bytes(#"{"versions":[1,2,]}"#), key: "versions") }
        #expect(throws: JSONParseError.self) { _ = try RawJSON.objectMembers(TestSupport.bytes("[1]")) }
        #expect(throws: JSONParseError.self) { _ = try RawJSON.member(TestSupport.bytes(#"{"a":1,"b":tru}"#), key: "a") }
    }

    @Test("top-level array slicing")
    func topLevelArray() throws {
        let bytes = TestSupport.bytes(" [ {\"a\":1} ,2 ] ")
        let ranges = try RawJSON.topLevelArrayElements(bytes)
        #expect(ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == [#"{"a":1}"#, "2"])
        #expect(throws: JSONParseError.self) { _ = try RawJSON.topLevelArrayElements(TestSupport.bytes("{}")) }
    }
}
