/// Writes compact JSON straight into bytes, so every byte of a body is under our control.
struct JSONWriter: Sendable {
    /// The bytes written so far.
    var bytes: [UInt8] = []
    /// For each open container: whether it already holds an element.
    private var hasElement: [Bool] = []
    /// True right after a key, when the next value needs no separator.
    private var afterKey = false

    /// Creates an empty writer.
    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// Writes the separator a new element needs, if any.
    private mutating func separate() {
        if afterKey { afterKey = false; return }
        if let last = hasElement.last {
            if last { bytes.append(0x2C) }
            hasElement[hasElement.count - 1] = true
        }
    }

    /// Opens an object.
    mutating func beginObject() { separate(); bytes.append(0x7B); hasElement.append(false) }
    /// Closes an object.
    mutating func endObject() { bytes.append(0x7D); hasElement.removeLast() }
    /// Opens an array.
    mutating func beginArray() { separate(); bytes.append(0x5B); hasElement.append(false) }
    /// Closes an array.
    mutating func endArray() { bytes.append(0x5D); hasElement.removeLast() }

    /// Writes an object key.
    mutating func key(_ name: String) {
        separate()
        JSONWriter.appendString(name, to: &bytes)
        bytes.append(0x3A)
        afterKey = true
    }

    /// Writes a string value.
    mutating func string(_ value: String) { separate(); JSONWriter.appendString(value, to: &bytes) }
    /// Writes raw bytes as a JSON string value (the bytes must be valid UTF-8).
    mutating func string(bytes value: [UInt8]) { separate(); JSONWriter.appendString(bytes: value, to: &bytes) }
    /// Writes an integer value.
    mutating func int(_ value: Int) { separate(); bytes.putInt(value) }
    /// Writes a 64-bit integer value.
    mutating func int64(_ value: Int64) { separate(); bytes.putInt(Int(value)) }
    /// Writes a fixed-point number value.
    mutating func fixed(_ value: Double, decimals: Int) { separate(); bytes.putFixed(value, decimals: decimals) }
    /// Writes a boolean value.
    mutating func bool(_ value: Bool) { separate(); bytes.put(value ? "true" : "false") }
    /// Writes `null`.
    mutating func null() { separate(); bytes.put("null") }
    /// Writes an already-encoded JSON value verbatim.
    mutating func raw(_ value: [UInt8]) { separate(); bytes.append(contentsOf: value) }
    /// Writes an already-encoded JSON value verbatim.
    mutating func raw(_ value: String) { separate(); bytes.put(value) }

    /// Writes `"name": value` for a string, or null.
    mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }
    /// Writes `"name": value` for an integer, or null.
    mutating func field(_ name: String, _ value: Int?) {
        key(name)
        if let value { int(value) } else { null() }
    }
    /// Writes `"name": value` for a 64-bit integer.
    mutating func field(_ name: String, _ value: Int64) { key(name); int64(value) }
    /// Writes `"name": value` for a boolean, or null.
    mutating func field(_ name: String, _ value: Bool?) {
        key(name)
        if let value { bool(value) } else { null() }
    }
    /// Writes `"name": null`.
    mutating func nullField(_ name: String) { key(name); null() }

    /// Appends a JSON string literal with the mandatory escapes.
    static func appendString(_ value: String, to out: inout [UInt8]) {
        appendString(bytes: Array(value.utf8), to: &out)
    }

    /// Appends a JSON string literal from UTF-8 bytes with the mandatory escapes.
    static func appendString(bytes value: [UInt8], to out: inout [UInt8]) {
        out.append(0x22)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for byte in value {
            switch byte {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0..<0x20:
                out.put("\\u00")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}

extension JSONWriter {
    /// `"parameter": [{"label": …, "value": …}, …]`, each value a JSON string or a raw literal as the
    /// parameter says (the v1 API's run-arguments shape in versions and configs).
    mutating func parameterField(_ parameters: [Parameter]) {
        key("parameter")
        beginArray()
        for parameter in parameters {
            beginObject()
            field("label", parameter.label)
            key("value")
            if parameter.quoted { string(parameter.value) } else { raw(parameter.value) }
            endObject()
        }
        endArray()
    }
}

extension JSONWriter {
    /// A v1 list body: `{"is_success": true, <header>, "<key>": [<items>]}`, written in that order.
    static func successList(
        capacity: Int, key: String, header: (inout JSONWriter) -> Void = { _ in }, items: (inout JSONWriter) -> Void
    ) -> [UInt8] {
        var w = JSONWriter(capacity: capacity)
        w.beginObject()
        w.field("is_success", true)
        header(&w)
        w.key(key)
        w.beginArray()
        items(&w)
        w.endArray()
        w.endObject()
        return w.bytes
    }
}
