/// What the API answered to a submission.
public struct SubmitResponse: Sendable, Equatable {
    /// The HTTP status.
    public var status: Int
    /// The exact body bytes.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}
