/// One saved training-job configuration.
public struct GeneratedConfig: Sendable {
    /// The configuration's name (`config_name`).
    public var name: String
    /// `"custom"` or `"sample"`.
    public var type: String
    /// Body of `GET /v1/{p}/training-job-configs/{config_name}?config_type={type}`.
    public var detailBody: [UInt8]
}
