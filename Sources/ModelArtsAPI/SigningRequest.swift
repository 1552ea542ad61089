/// The parts of an HTTP request that SDK-HMAC-SHA256 signs.
public struct SigningRequest: Sendable {
    /// HTTP method, e.g. `GET` (uppercased when signing).
    public var method: String
    /// The raw path, not yet percent-encoded, e.g. `/v1/p/training-job-configs/my config`.
    public var path: String
    /// Query parameters, raw (not encoded); repeated keys allowed.
    public var query: [(String, String)]
    /// Request headers; names are matched case-insensitively.
    public var headers: [(String, String)]
    /// The exact body bytes.
    public var body: [UInt8]

    /// Creates a request description.
    public init(
        method: String, path: String, query: [(String, String)] = [], headers: [(String, String)] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first(where: { $0.0.lowercased() == wanted })?.1
    }
}
