/// One resource spec (flavor) of `GET /v1/{project_id}/job/resource-specs`.
public struct V1ResourceSpec: Sendable, Equatable {
    /// `spec_id` (required).
    public var specID: Int64
    /// `core` (numbers accepted by spelling).
    public var core: String?
    /// `cpu` (numbers accepted by spelling).
    public var cpu: String?
    /// `gpu_num`.
    public var gpuNum: Int64?
    /// `gpu_type`.
    public var gpuType: String?
    /// `spec_code`, e.g. `modelarts.vm.cpu.2u`.
    public var specCode: String?
    /// `max_num`.
    public var maxNum: Int64?
    /// `unit_num`.
    public var unitNum: Int64?
    /// `storage` (numbers accepted by spelling).
    public var storage: String?
    /// `interface_type`.
    public var interfaceType: Int64?
    /// `no_resource`: true when no resources are available.
    public var noResource: Bool?

    /// Decodes leniently; throws when `json` is not an object or `spec_id` is missing.
    public init(json: JSONValue) throws(ModelDecodingError) {
        let f = try FieldReader(json, model: "V1ResourceSpec")
        specID = try f.requiredInt64("spec_id")
        core = f.string("core")
        cpu = f.string("cpu")
        gpuNum = f.int64("gpu_num")
        gpuType = f.string("gpu_type")
        specCode = f.string("spec_code")
        maxNum = f.int64("max_num")
        unitNum = f.int64("unit_num")
        storage = f.string("storage")
        interfaceType = f.int64("interface_type")
        noResource = f.bool("no_resource")
    }
}
