import ModelArtsAPI
import Testing

@Suite("JSONValue lenient accessors")
struct JSONValueAccessorTests {
    @Test("int64 accepts numbers, numeric strings and integral decimals")
    func int64() {
        #expect(JSONValue.number("10").int64 == 10)
        #expect(JSONValue.string("10").int64 == 10)
        #expect(JSONValue.string(" 10 ").int64 == 10)
        #expect(JSONValue.number("10.0").int64 == 10)
        #expect(JSONValue.number("-3.000").int64 == -3)
        #expect(JSONValue.number("1e5").int64 == 100_000)
        #expect(JSONValue.number("1551252759254000002").int64 == 1_551_252_759_254_000_002)
        #expect(JSONValue.number("1551252759254000002.0").int64 == 1_551_252_759_254_000_002)
        #expect(JSONValue.number("10.5").int64 == nil)
        #expect(JSONValue.number("99999999999999999999").int64 == nil)
        #expect(JSONValue.string("ten").int64 == nil)
        #expect(JSONValue.string("").int64 == nil)
        #expect(JSONValue.string("0x10").int64 == nil)
        #expect(JSONValue.bool(true).int64 == nil)
        #expect(JSONValue.null.int64 == nil)
    }

    @Test("double accepts numbers and numeric strings only")
    func double() {
        #expect(JSONValue.number("0.01").double == 0.01)
        #expect(JSONValue.string("3.10").double == 3.10)
        #expect(JSONValue.string("-1e5").double == -100_000)
        #expect(JSONValue.string("nan").double == nil)
        #expect(JSONValue.string("inf").double == nil)
        #expect(JSONValue.string("n/a").double == nil)
        #expect(JSONValue.null.double == nil)
    }

    @Test("string: strings as is, numbers by spelling, bools as words")
    func string() {
        #expect(JSONValue.string("x").string == "x")
        #expect(JSONValue.number("1551252759254000002").string == "1551252759254000002")
        #expect(JSONValue.number("0.010").string == "0.010")
        #expect(JSONValue.bool(false).string == "false")
        #expect(JSONValue.null.string == nil)
        #expect(JSONValue.array([]).string == nil)
        #expect(JSONValue.object([]).string == nil)
    }

    @Test("bool: bools, true/false strings, 0/1 numbers")
    func bool() {
        #expect(JSONValue.bool(true).bool == true)
        #expect(JSONValue.string("false").bool == false)
        #expect(JSONValue.string("TRUE").bool == true)
        #expect(JSONValue.number("1").bool == true)
        #expect(JSONValue.number("0").bool == false)
        #expect(JSONValue.number("2").bool == nil)
        #expect(JSONValue.string("yes").bool == nil)
        #expect(JSONValue.null.bool == nil)
    }

    @Test("containers, subscript, isNull")
    func containers() throws {
        let value = try TestSupport.json(#"{"a":[1],"a":2,"o":{"k":null}}"#)
        #expect(value["a"] == .array([.number("1")]))
        #expect(value["o"]?["k"]?.isNull == true)
        #expect(value["o"]?["zz"] == nil)
        #expect(value.object?.count == 3)
        #expect(value.array == nil)
        #expect(value["a"]?.array?.count == 1)
        #expect(JSONValue.array([]).object == nil)
        #expect(JSONValue.string("a")["a"] == nil)
        #expect(!JSONValue.number("0").isNull)
    }
}
