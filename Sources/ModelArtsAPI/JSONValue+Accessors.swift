extension JSONValue {
    /// The value of the first member named `key` when this is an object; nil otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    /// True for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Lenient integer: number `10`, string `"10"`, number `10.0` or `1e2` give an integer; nil otherwise.
    public var int64: Int64? {
        switch self {
        case .number(let spelling):
            return Self.integer(fromNumeric: spelling)
        case .string(let text):
            let trimmed = Self.trimmed(text)
            guard Self.isNumberSyntax(trimmed) else { return nil }
            return Self.integer(fromNumeric: trimmed)
        default:
            return nil
        }
    }

    /// Lenient floating-point value of a number or a numeric string; nil otherwise.
    public var double: Double? {
        switch self {
        case .number(let spelling):
            return Double(spelling)
        case .string(let text):
            let trimmed = Self.trimmed(text)
            guard Self.isNumberSyntax(trimmed) else { return nil }
            return Double(trimmed)
        default:
            return nil
        }
    }

    /// Lenient string: a string as is, a number as its spelling, a bool as `"true"`/`"false"`; nil for null, objects and arrays.
    public var string: String? {
        switch self {
        case .string(let text): return text
        case .number(let spelling): return spelling
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    /// Lenient boolean: a bool, the strings `"true"`/`"false"` (any case), or the numbers 0/1; nil otherwise.
    public var bool: Bool? {
        switch self {
        case .bool(let flag):
            return flag
        case .string(let text):
            switch Self.trimmed(text).lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        case .number:
            switch int64 {
            case 0: return false
            case 1: return true
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The elements when this is an array.
    public var array: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members, in order, when this is an object.
    public var object: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    // MARK: - Helpers

    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\r" {
            scalars = scalars.dropFirst()
        }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
            scalars = scalars.dropLast()
        }
        return String(scalars)
    }

    /// Whether `text` is a JSON number literal (also accepting a leading `+`).
    static func isNumberSyntax(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        if bytes.first == UInt8(ascii: "+") { bytes.removeFirst() }
        guard !bytes.isEmpty else { return false }
        let result: Bool? = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            guard let first = buffer.first, first == UInt8(ascii: "-") || scanner.isDigit(first) else { return false }
            do {
                try scanner.skipNumber()
            } catch {
                return false
            }
            return scanner.pos == buffer.count
        }
        return result ?? false
    }

    /// Converts a number spelling to an integer when it denotes one exactly.
    static func integer(fromNumeric spelling: String) -> Int64? {
        let text = spelling.hasPrefix("+") ? String(spelling.dropFirst()) : spelling
        if let exact = Int64(text) { return exact }
        // "10.0", "10.000": integral decimal without exponent; keep all digits.
        if !text.contains(where: { $0 == "e" || $0 == "E" }), let dot = text.firstIndex(of: ".") {
            let fraction = text[text.index(after: dot)...]
            if fraction.allSatisfy({ $0 == "0" }) {
                return Int64(text[..<dot])
            }
            return nil
        }
        // Exponent forms such as "1e5": accept when exactly representable.
        guard let value = Double(text), value.isFinite, value.rounded() == value,
            abs(value) <= 9_007_199_254_740_992
        else { return nil }
        return Int64(exactly: value)
    }
}

extension JSONValue {
    /// A short name of this value's kind for messages.
    var kindName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a bool"
        case .null: return "null"
        }
    }
}

extension JSONValue {
    /// This object, or the object a JSON-encoded string of one holds (metric lists arrive either way).
    func embeddedObject(model: String, field: String) throws(ModelDecodingError) -> JSONValue {
        var object = self
        if case .string(let text) = self {
            do {
                object = try RawJSON.parse(Array(text.utf8))
            } catch {
                throw ModelDecodingError(model: model, message: "\(field) is not JSON: \(error)")
            }
        }
        guard case .object = object else {
            throw ModelDecodingError(model: model, message: "expected a JSON object, got \(object.kindName)")
        }
        return object
    }
}
