/// The response of `GET /v1/{project_id}/training-job-configs`.
public struct V1ConfigList: Sendable, Equatable, Decodable {
    /// `is_success`.
    public var isSuccess: Bool?
    /// `config_total_count`.
    public var configTotalCount: Int64?
    /// `configs[]`.
    public var configs: [V1Config]

    /// Decodes leniently; throws when `json` is not an object or a config lacks `config_name`.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
