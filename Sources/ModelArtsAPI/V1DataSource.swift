/// One `data_source[]` entry of a version or configuration.
public struct V1DataSource: Sendable, Equatable, Decodable {
    /// `dataset_id`.
    public var datasetID: String?
    /// `dataset_version`.
    public var datasetVersion: String?
    /// `type`: `obs` or `dataset`.
    public var type: String?
    /// `data_url`.
    public var dataURL: String?

    /// Decodes leniently; throws when `json` is not an object.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
