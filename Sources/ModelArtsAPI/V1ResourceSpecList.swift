/// The response of `GET /v1/{project_id}/job/resource-specs`.
public struct V1ResourceSpecList: Sendable, Equatable {
    /// `is_success`.
    public var isSuccess: Bool?
    /// `spec_total_count`.
    public var specTotalCount: Int64?
    /// `specs[]`.
    public var specs: [V1ResourceSpec]

    /// Decodes leniently; throws when `json` is not an object or a spec lacks `spec_id`.
    public init(json: JSONValue) throws(ModelDecodingError) {
        let f = try FieldReader(json, model: "V1ResourceSpecList")
        isSuccess = f.bool("is_success")
        specTotalCount = f.int64("spec_total_count")
        specs = try f.list("specs") { (v) throws(ModelDecodingError) in try V1ResourceSpec(json: v) }
    }
}
