/// The response of `GET /v1/{project_id}/built-in-algorithms`.
public struct V1BuiltInAlgorithmList: Sendable, Equatable, Decodable {
    /// `is_success`.
    public var isSuccess: Bool?
    /// `model_total_count`.
    public var modelTotalCount: Int64?
    /// `models[]`.
    public var models: [V1BuiltInAlgorithm]

    /// Decodes leniently; throws when `json` is not an object or a model lacks `model_id`.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
