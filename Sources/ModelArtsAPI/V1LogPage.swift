/// One page of `GET .../versions/{version_id}/aom-log`.
///
/// Cursors are always kept as strings: when the server sends a number, its literal spelling is
/// used, so 19-digit cursors keep every digit.
public struct V1LogPage: Sendable, Equatable {
    /// `is_success`.
    public var isSuccess: Bool?
    /// `content`: the log text.
    public var content: String?
    /// `lines`: number of lines returned.
    public var lines: Int64?
    /// `start_line` cursor.
    public var startLine: String?
    /// `end_line` cursor.
    public var endLine: String?

    /// Decodes leniently; throws when `json` is not an object.
    public init(json: JSONValue) throws(ModelDecodingError) {
        let f = try FieldReader(json, model: "V1LogPage")
        isSuccess = f.bool("is_success")
        content = f.string("content")
        lines = f.int64("lines")
        startLine = f.string("start_line")
        endLine = f.string("end_line")
    }
}
