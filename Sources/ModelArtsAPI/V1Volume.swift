/// One `volumes[]` entry: `{"nfs": {...}}` or `{"host_path": {...}}`.
public struct V1Volume: Sendable, Equatable, Decodable {
    /// The volume type, from the wrapping key.
    public enum Kind: Sendable, Equatable, Hashable {
        /// `nfs` (SFS Turbo).
        case nfs
        /// `host_path`.
        case hostPath
        /// Any other wrapping key.
        case unknown(String)
    }

    /// The volume type.
    public var kind: Kind
    /// `id` (NFS file system id).
    public var id: String?
    /// `src_path`.
    public var srcPath: String?
    /// `dest_path`.
    public var destPath: String?
    /// `read_only`.
    public var readOnly: Bool?

    private enum CodingKeys: CodingKey { case id, srcPath, destPath, readOnly }

    /// Decodes leniently; throws when `json` is not an object.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }

    /// Reads the wrapping key as `kind`, then the fields of the object it wraps.
    public init(from decoder: any Decoder) throws {
        let json = try JSONValueDecoder.json(of: decoder)
        guard case .object(let members) = json else {
            throw ModelDecodingError(model: "V1Volume", message: "expected a JSON object, got \(json.kindName)")
        }
        // Prefer a known wrapper; otherwise the first object-valued member; otherwise a flat object.
        let wrapper =
            members.first(where: { $0.key == "nfs" || $0.key == "host_path" })
            ?? members.first(where: { $0.value.object != nil })
        let body: JSONValue
        if let wrapper {
            switch wrapper.key {
            case "nfs": kind = .nfs
            case "host_path": kind = .hostPath
            default: kind = .unknown(wrapper.key)
            }
            body = wrapper.value.object != nil ? wrapper.value : .object([])
        } else {
            kind = .unknown("")
            body = json
        }
        let fields = try JSONValueDecoder(body, model: "V1Volume").container(keyedBy: CodingKeys.self)
        id = try fields.decodeIfPresent(String.self, forKey: .id)
        srcPath = try fields.decodeIfPresent(String.self, forKey: .srcPath)
        destPath = try fields.decodeIfPresent(String.self, forKey: .destPath)
        readOnly = try fields.decodeIfPresent(Bool.self, forKey: .readOnly)
    }
}
