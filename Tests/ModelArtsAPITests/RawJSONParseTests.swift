import Foundation
import ModelArtsAPI
import Testing

@Suite("RawJSON parsing")
struct RawJSONParseTests {
    @Test("numbers keep their spelling; key order and duplicates are kept")
    func spellingAndOrder() throws {
        let value = try TestSupport.json(#" {"b": 0.01, "a": 1551252759254000002, "b": -1e5, "z": [1.50, 0, -0.0E+2]} "#)
        guard case .object(let members) = value else {
            Issue.record("expected an object")
            return
        }
        #expect(members.map(\.key) == ["b", "a", "b", "z"])
        #expect(members[0].value == .number("0.01"))
        #expect(members[1].value == .number("1551252759254000002"))
        #expect(members[2].value == .number("-1e5"))
        #expect(members[3].value == .array([.number("1.50"), .number("0"), .number("-0.0E+2")]))
        #expect(value["b"] == .number("0.01"))
        #expect(value["missing"] == nil)
    }

    @Test("literals, nesting and empty containers")
    func literals() throws {
        let value = try TestSupport.json(#"[true,false,null,{},[],[[[]]],"",{"k":{"k":null}}]"#)
        #expect(
            value
                == .array([
                    .bool(true), .bool(false), .null, .object([]), .array([]), .array([.array([.array([])])]),
                    .string(""), .object([(key: "k", value: .object([(key: "k", value: .null)]))]),
                ]))
    }

    @Test("escapes decode: \\u00e9, \\/, \\n, surrogate pairs; lone surrogates become U+FFFD")
    func escapes() throws {
        let value = try TestSupport.json(#"["caf\u00e9", "a\/b", "l1\nl2\t\"q\"\\", "\ud83d\ude00", "\ud800x", "\u00E9t\u00e9"]"#)
        #expect(value == .array([
            .string("café"), .string("a/b"), .string("l1\nl2\t\"q\"\\"), .string("😀"), .string("\u{FFFD}x"),
            .string("été"),
        ]))
    }

    @Test("raw unicode passes through")
    func unicode() throws {
        let value = try TestSupport.json(#"{"job_desc":"中文 desc 😀","ü":"ö"}"#)
        #expect(value["job_desc"] == .string("中文 desc 😀"))
        #expect(value["ü"] == .string("ö"))
    }

    @Test("invalid UTF-8 inside a string is decoded lossily, not rejected")
    func lossyUTF8() throws {
        var bytes = TestSupport.bytes(#"{"content":"ab"#)
        bytes += [0xFF, 0xC3]
        bytes += TestSupport.bytes(#"cd","x":"\n\u0041"}"#)
        let value = try RawJSON.parse(bytes)
        #expect(value["content"] == .string("ab\u{FFFD}\u{FFFD}cd"))
        #expect(value["x"] == .string("\nA"))
    }

    @Test("accepts Data, ArraySlice and String inputs")
    func inputKinds() throws {
        let text = #"  {"a":[1,2]}  "#
        let expected = JSONValue.object([(key: "a", value: .array([.number("1"), .number("2")]))])
        #expect(try RawJSON.parse(Data(text.utf8)) == expected)
        let padded = TestSupport.bytes("xx" + text + "yy")
        #expect(try RawJSON.parse(padded[2..<(padded.count - 2)]) == expected)
        #expect(try RawJSON.parse(text) == expected)
        #expect(try RawJSON.parse(text.utf8) == expected)
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var input: String
        var offset: Int
        var message: String
        var testDescription: String { input }
    }

    static let badCases: [BadCase] = [
        BadCase(input: #"{"a":1"#, offset: 6, message: "unexpected end of input"),
        BadCase(input: #"{"a":[1,2"#, offset: 9, message: "unexpected end of input"),
        BadCase(input: "", offset: 0, message: "unexpected end of input, expected a value"),
        BadCase(input: "   ", offset: 3, message: "unexpected end of input, expected a value"),
        BadCase(input: "[1,2,]", offset: 5, message: "trailing comma before ']'"),
        BadCase(input: #"{"a":1,}"#, offset: 7, message: "trailing comma before '}'"),
        BadCase(input: #"["a\qb"]"#, offset: 3, message: "invalid escape sequence '\\q'"),
        BadCase(input: #"["\u12G4"]"#, offset: 2, message: "invalid \\u escape"),
        BadCase(input: #"{"a": hello}"#, offset: 6, message: "unexpected 'h', expected a value"),
        BadCase(input: "tru", offset: 0, message: "invalid literal, expected 'true'"),
        BadCase(input: "nulL", offset: 0, message: "invalid literal, expected 'null'"),
        BadCase(input: #"{"a":1} x"#, offset: 8, message: "unexpected 'x' after the JSON value"),
        BadCase(input: "[1] [2]", offset: 4, message: "unexpected '[' after the JSON value"),
        BadCase(input: #"{"a":"abc"#, offset: 5, message: "unterminated string"),
        BadCase(input: #"{"a\"#, offset: 1, message: "unterminated string"),
        BadCase(input: #"{"a" 1}"#, offset: 5, message: "expected ':' after object key"),
        BadCase(input: #"{a:1}"#, offset: 1, message: "expected '\"' to start an object key"),
        BadCase(input: "{,}", offset: 1, message: "expected '\"' to start an object key"),
        BadCase(input: "[1 2]", offset: 3, message: "expected ',' or ']' after array element"),
        BadCase(input: #"{"a":1 "b":2}"#, offset: 7, message: "expected ',' or '}' after object member"),
        BadCase(input: "[01]", offset: 2, message: "leading zeros"),
        BadCase(input: "[1.]", offset: 3, message: "expected a digit after '.'"),
        BadCase(input: "[-]", offset: 2, message: "expected a digit in number"),
        BadCase(input: "[1e]", offset: 3, message: "expected a digit in exponent"),
        BadCase(input: "[+1]", offset: 1, message: "unexpected '+', expected a value"),
        BadCase(input: "[.5]", offset: 1, message: "unexpected '.', expected a value"),
        BadCase(input: "[\"a\u{01}b\"]", offset: 3, message: "unescaped control character"),
        BadCase(input: "[\"a\nb\"]", offset: 3, message: "unescaped control character"),
        BadCase(input: "[NaN]", offset: 1, message: "unexpected 'N'"),
    ]

    @Test("malformed documents throw with the offending byte offset", arguments: badCases)
    func malformed(_ bad: BadCase) {
        let error = #expect(throws: JSONParseError.self) {
            _ = try RawJSON.parse(TestSupport.bytes(bad.input))
        }
        #expect(error?.offset == bad.offset)
        #expect(error?.message.contains(bad.message) == true, "message was: \(error?.message ?? "-")")
        // The slicing entry points validate identically when the document is an object.
        if bad.input.hasPrefix("{") {
            #expect(throws: JSONParseError.self) { _ = try RawJSON.objectMembers(TestSupport.bytes(bad.input)) }
        }
    }

    @Test("error description names the byte")
    func errorDescription() {
        do {
            _ = try RawJSON.parse(TestSupport.bytes(#"{"a" 1}"#))
            Issue.record("expected failure")
        } catch {
            #expect(error.description == "malformed JSON at byte 5: expected ':' after object key, found '1'")
        }
    }

    @Test("nesting depth is limited to 512")
    func depthLimit() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        _ = try RawJSON.parse(TestSupport.bytes(ok))
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(throws: JSONParseError(offset: 512, message: "nesting depth exceeds 512")) {
            _ = try RawJSON.parse(TestSupport.bytes(tooDeep))
        }
        let deepObject = "{\"a\":" + String(repeating: "[", count: 512) + String(repeating: "]", count: 512) + "}"
        #expect(throws: JSONParseError.self) { _ = try RawJSON.objectMembers(TestSupport.bytes(deepObject)) }
    }

    @Test("serialized() writes compact JSON with spellings and order kept")
    func serialization() throws {
        let text = #"{ "b" : [ 0.01 , 1551252759254000002, -1E5 ], "a": "q\"\\/\n\u0001é😀", "n": null, "t": true, "b": {} }"#
        let value = try TestSupport.json(text)
        let compact = value.serialized()
        #expect(compact == #"{"b":[0.01,1551252759254000002,-1E5],"a":"q\"\\/\n\u0001é😀","n":null,"t":true,"b":{}}"#)
        #expect(try TestSupport.json(compact) == value)
        #expect(JSONValue.number("0.01").serialized() == "0.01")
        #expect(JSONValue.string("32").serialized() == #""32""#)
        #expect(JSONValue.string("\u{08}\u{0C}\r\t\u{1F}").serialized() == #""\b\f\r\t\u001f""#)
    }

    @Test("equality is order- and spelling-sensitive")
    func equality() {
        #expect(JSONValue.number("1") != .number("1.0"))
        #expect(JSONValue.object([(key: "a", value: .null), (key: "b", value: .null)])
            != .object([(key: "b", value: .null), (key: "a", value: .null)]))
        #expect(JSONValue.string("1") != .number("1"))
    }
}
