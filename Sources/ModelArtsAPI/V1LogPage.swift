/// One page of `GET .../versions/{version_id}/aom-log`.
///
/// Cursors are always kept as strings: when the server sends a number, its literal spelling is
/// used, so 19-digit cursors keep every digit.
public struct V1LogPage: Sendable, Equatable, Decodable {
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
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
