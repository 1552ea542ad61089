/// A v2 endpoint with the values of its path parameters: the one place a v2 path is spelled.
public enum V2Endpoint: Sendable, Hashable {
    /// `training-jobs`: creates a training job (POST).
    case jobs

    /// The path segments after `/v2/{project_id}/`, not yet percent-encoded.
    public var segments: [String] {
        switch self {
        case .jobs: ["training-jobs"]
        }
    }

    /// The path after `/v2/{project_id}/`, not yet percent-encoded.
    public var path: String { segments.joined(separator: "/") }
}
