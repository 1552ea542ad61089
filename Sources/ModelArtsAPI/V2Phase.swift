/// The phases of a v2 training job (`status.phase`), as the service spells them.
public enum V2Phase: String, Sendable, CaseIterable {
    case creating = "Creating"
    case pending = "Pending"
    case running = "Running"
    case failed = "Failed"
    case completed = "Completed"
    case terminating = "Terminating"
    case terminated = "Terminated"
    case abnormal = "Abnormal"

    /// The phase named by `text`, case-insensitively (`failed`, `Failed`).
    public init?(name text: String) {
        guard let phase = V2Phase.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
        self = phase
    }

    /// Whether the job ended without success.
    public var isFailure: Bool { self == .failed || self == .abnormal }

    /// Whether the job has ended (Completed, Failed, Terminated, Abnormal): its logs no longer grow.
    public var isTerminal: Bool { self == .completed || self == .failed || self == .terminated || self == .abnormal }
}
