/// One HTTP response from the API.
public struct APIResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Response headers (name, value), as received.
    public var headers: [(String, String)]
    /// The exact body bytes.
    public var body: [UInt8]

    /// The first header with this name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}
