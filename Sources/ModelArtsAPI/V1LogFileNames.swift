/// The response of `GET .../versions/{version_id}/log/file-names`.
public struct V1LogFileNames: Sendable, Equatable, Decodable {
    /// `is_success`.
    public var isSuccess: Bool?
    /// `log_file_list`: one file per worker (a lone string, or a JSON-encoded array string, is accepted too).
    public var logFileList: [String]

    /// Decodes leniently; throws when `json` is not an object.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }

    private enum CodingKeys: CodingKey { case isSuccess }

    /// `log_file_list` is read from whichever of its shapes arrived.
    public init(from decoder: any Decoder) throws {
        isSuccess = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Bool.self, forKey: .isSuccess)
        switch try JSONValueDecoder.json(of: decoder)["log_file_list"] {
        case .array(let names)?:
            logFileList = names.compactMap { $0.string }
        case .string(let text)?:
            // try?: a string that is not a JSON array is taken as one file name (below), not dropped.
            if let decoded = try? RawJSON.parse(Array(text.utf8)), let names = decoded.array {
                logFileList = names.compactMap { $0.string }
            } else {
                logFileList = text.isEmpty ? [] : [text]
            }
        default:
            logFileList = []
        }
    }
}
