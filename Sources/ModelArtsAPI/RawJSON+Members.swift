extension RawJSON {
    /// Parses only the named top-level members of an object document into a small object value, after
    /// checking the whole document's syntax — without decoding the (possibly large) other members.
    ///
    /// Use it where a body's envelope matters (`is_success`, `error_code`, cursors) but its big fields
    /// (a log page's `content`) are handled as bytes.
    ///
    /// - Throws: ``JSONParseError`` when `bytes` is not one well-formed JSON object (the error gives the offset).
    public static func envelope(_ bytes: [UInt8], keys: Set<String>) throws(JSONParseError) -> (value: JSONValue, members: [RawMember]) {
        let members = try objectMembers(bytes)
        var fields: [(key: String, value: JSONValue)] = []
        for member in members where keys.contains(member.key) {
            fields.append((member.key, try parse(bytes[member.valueRange])))
        }
        return (.object(fields), members)
    }

    /// The keys a v1 success or error envelope is recognised by.
    public static let envelopeKeys: Set<String> = ["is_success", "error_code", "error_message", "error_msg", "message", "code"]
}
