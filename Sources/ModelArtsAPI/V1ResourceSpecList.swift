/// The response of `GET /v1/{project_id}/job/resource-specs`.
public struct V1ResourceSpecList: Sendable, Equatable, Decodable {
    /// `is_success`.
    public var isSuccess: Bool?
    /// `spec_total_count`.
    public var specTotalCount: Int64?
    /// `specs[]`.
    public var specs: [V1ResourceSpec]

    /// Decodes leniently; throws when `json` is not an object or a spec lacks `spec_id`.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
