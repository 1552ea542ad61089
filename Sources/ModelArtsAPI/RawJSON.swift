/// Validating JSON parsing and exact byte-range slicing of server responses.
///
/// The slicing functions let callers store each element of a list response byte-for-byte as the
/// server sent it (key order, number spelling, escapes and whitespace untouched).
public enum RawJSON {
    /// Parses a complete JSON document (leading/trailing whitespace allowed, nothing else after).
    ///
    /// - Throws: ``JSONParseError`` at the first byte that is not valid JSON, or at trailing content.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let viaBuffer: Result<JSONValue, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer: buffer) }
        }
        if let viaBuffer { return try viaBuffer.get() }
        let copy = Array(bytes)
        let result: Result<JSONValue, JSONParseError> = copy.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer: buffer) }
        }
        return try result.get()
    }

    /// Parses a complete JSON document held in a string.
    ///
    /// - Throws: ``JSONParseError`` at the first byte that is not valid JSON, or at trailing content.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// The exact byte ranges of each top-level member of an object document, in order.
    ///
    /// - Throws: ``JSONParseError`` when `bytes` is not one well-formed JSON object.
    public static func objectMembers(_ bytes: [UInt8]) throws(JSONParseError) -> [RawMember] {
        let result: Result<[RawMember], JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> [RawMember] in try members(buffer: buffer) }
        }
        return try result.get()
    }

    /// The exact byte ranges of the elements of the array stored at `key` in a top-level object (nil if the key is absent or not an array).
    ///
    /// - Throws: ``JSONParseError`` when `bytes` is not one well-formed JSON object.
    public static func arrayElements(_ bytes: [UInt8], key: String) throws(JSONParseError) -> [Range<Int>]? {
        let result: Result<[Range<Int>]?, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> [Range<Int>]? in
                let all = try members(buffer: buffer)
                guard let found = all.first(where: { $0.key == key }) else { return nil }
                return try elements(buffer: buffer, arrayAt: found.valueRange.lowerBound)
            }
        }
        return try result.get()
    }

    /// The exact byte ranges of the elements of a top-level array document.
    ///
    /// - Throws: ``JSONParseError`` when `bytes` is not one well-formed JSON array.
    public static func topLevelArrayElements(_ bytes: [UInt8]) throws(JSONParseError) -> [Range<Int>] {
        let result: Result<[Range<Int>], JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> [Range<Int>] in
                var scanner = JSONScanner(buffer)
                scanner.skipWhitespace()
                let start = scanner.pos
                try scanner.skipValue(depth: 0)
                try scanner.expectEnd()
                guard let ranges = try elements(buffer: buffer, arrayAt: start) else {
                    throw JSONParseError(offset: start, message: "expected a top-level array")
                }
                return ranges
            }
        }
        return try result.get()
    }

    /// The exact bytes of the value stored at `key` in a top-level object.
    ///
    /// - Throws: ``JSONParseError`` when `bytes` is not one well-formed JSON object.
    public static func member(_ bytes: [UInt8], key: String) throws(JSONParseError) -> [UInt8]? {
        guard let found = try objectMembers(bytes).first(where: { $0.key == key }) else { return nil }
        return Array(bytes[found.valueRange])
    }

    // MARK: - Buffer-level implementations

    static func parse(buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var scanner = JSONScanner(buffer)
        scanner.skipWhitespace()
        let value = try scanner.parseValue(depth: 0)
        try scanner.expectEnd()
        return value
    }

    /// Validates the whole document, which must be an object, and returns its members.
    static func members(buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> [RawMember] {
        var scanner = JSONScanner(buffer)
        scanner.skipWhitespace()
        guard scanner.pos < buffer.count else {
            throw scanner.fail("unexpected end of input, expected an object")
        }
        guard buffer[scanner.pos] == UInt8(ascii: "{") else {
            throw scanner.fail("expected '{' to start the top-level object, found \(scanner.describe(at: scanner.pos))")
        }
        scanner.pos += 1
        var result: [RawMember] = []
        scanner.skipWhitespace()
        if scanner.pos < buffer.count && buffer[scanner.pos] == UInt8(ascii: "}") {
            scanner.pos += 1
            try scanner.expectEnd()
            return result
        }
        while true {
            try scanner.expectKeyStart(afterComma: !result.isEmpty)
            let keyStart = scanner.pos
            let key = try scanner.parseString()
            let keyRange = keyStart..<scanner.pos
            try scanner.expectColon()
            scanner.skipWhitespace()
            let valueStart = scanner.pos
            try scanner.skipValue(depth: 1)
            result.append(RawMember(key: key, keyRange: keyRange, valueRange: valueStart..<scanner.pos))
            if try scanner.endOfContainer(close: UInt8(ascii: "}"), what: "object member") { break }
        }
        try scanner.expectEnd()
        return result
    }

    /// Element ranges of an (already validated) array starting at `offset`; nil if no array starts there.
    static func elements(buffer: UnsafeBufferPointer<UInt8>, arrayAt offset: Int) throws(JSONParseError) -> [Range<Int>]? {
        guard offset < buffer.count, buffer[offset] == UInt8(ascii: "[") else { return nil }
        var scanner = JSONScanner(buffer, pos: offset + 1)
        var ranges: [Range<Int>] = []
        scanner.skipWhitespace()
        if scanner.pos < buffer.count && buffer[scanner.pos] == UInt8(ascii: "]") { return ranges }
        while true {
            try scanner.checkTrailingComma(close: UInt8(ascii: "]"), afterComma: !ranges.isEmpty)
            let start = scanner.pos
            try scanner.skipValue(depth: 1)
            ranges.append(start..<scanner.pos)
            if try scanner.endOfContainer(close: UInt8(ascii: "]"), what: "array element") { return ranges }
        }
    }
}
