/// One v1 job/version status code (0–21) with its constant, short name and meaning.
///
/// Terminal statuses are those after which the version no longer changes on its own:
/// 3 IMAGE_FAILED, 5 SUBMIT_FAILED, 6 DELETE_FAILED, 10 COMPLETED, 11 FAILED, 12 KILLED,
/// 13 CANCELED, 14 LOST, 16 SUBMIT_MODEL_FAILED, 17 DEPLOY_SERVICE_FAILED,
/// 20 CHECK_RUNNING_COMPLETED, 21 CHECK_FAILED. Everything else (including 0 UNKNOWN, which
/// may resolve later, and 15 SCALING) is treated as still in progress, so a snapshot re-polls it.
/// DELETE_FAILED and LOST count as terminal because nothing further happens without user action.
public struct JobStatus: Sendable, Hashable, CustomStringConvertible {
    /// The numeric `status` value.
    public let code: Int
    /// The constant, e.g. `JOBSTAT_RUNNING`.
    public let name: String
    /// The lowercase constant without the `JOBSTAT_` prefix, e.g. `running`, `image_failed`.
    public let shortName: String
    /// A human-readable meaning, e.g. `Running`.
    public let meaning: String
    /// Whether the status is final (see the type documentation for the choice).
    public let isTerminal: Bool

    init(_ code: Int, _ suffix: String, _ meaning: String, terminal: Bool) {
        self.code = code
        self.name = "JOBSTAT_" + suffix
        self.shortName = suffix.lowercased()
        self.meaning = meaning
        self.isTerminal = terminal
    }

    /// Every status, indexed by code (0…21).
    public static let all: [JobStatus] = [
        JobStatus(0, "UNKNOWN", "Unknown", terminal: false),
        JobStatus(1, "INIT", "Initializing", terminal: false),
        JobStatus(2, "IMAGE_CREATING", "Creating the job image", terminal: false),
        JobStatus(3, "IMAGE_FAILED", "Image creation failed", terminal: true),
        JobStatus(4, "SUBMIT_TRYING", "Submitting", terminal: false),
        JobStatus(5, "SUBMIT_FAILED", "Submission failed", terminal: true),
        JobStatus(6, "DELETE_FAILED", "Deletion failed", terminal: true),
        JobStatus(7, "WAITING", "Queuing", terminal: false),
        JobStatus(8, "RUNNING", "Running", terminal: false),
        JobStatus(9, "KILLING", "Being cancelled", terminal: false),
        JobStatus(10, "COMPLETED", "Completed", terminal: true),
        JobStatus(11, "FAILED", "Run failed", terminal: true),
        JobStatus(12, "KILLED", "Cancelled successfully", terminal: true),
        JobStatus(13, "CANCELED", "Cancelled", terminal: true),
        JobStatus(14, "LOST", "Lost", terminal: true),
        JobStatus(15, "SCALING", "Scaling", terminal: false),
        JobStatus(16, "SUBMIT_MODEL_FAILED", "Model submission failed", terminal: true),
        JobStatus(17, "DEPLOY_SERVICE_FAILED", "Service deployment failed", terminal: true),
        JobStatus(18, "CHECK_INIT", "Review initializing", terminal: false),
        JobStatus(19, "CHECK_RUNNING", "Review running", terminal: false),
        JobStatus(20, "CHECK_RUNNING_COMPLETED", "Review completed", terminal: true),
        JobStatus(21, "CHECK_FAILED", "Review failed", terminal: true),
    ]

    /// The status with this code; nil outside 0…21.
    public init?(code: Int) {
        guard code >= 0 && code < Self.all.count else { return nil }
        self = Self.all[code]
    }

    /// Looks up by constant (`JOBSTAT_RUNNING`), short name (`running`) or number as text (`8`), case-insensitively.
    public init?(name: String) {
        let key = JSONValue.trimmed(name).lowercased()
        if let code = Int(key) {
            self.init(code: code)
            return
        }
        guard let found = Self.all.first(where: { $0.name.lowercased() == key || $0.shortName == key }) else {
            return nil
        }
        self = found
    }

    /// `8 JOBSTAT_RUNNING (Running)`.
    public var description: String { "\(code) \(name) (\(meaning))" }
}
