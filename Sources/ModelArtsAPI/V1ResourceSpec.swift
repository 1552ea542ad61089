/// One resource spec (flavor) of `GET /v1/{project_id}/job/resource-specs`.
public struct V1ResourceSpec: Sendable, Equatable, Decodable {
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
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
