/// What to build from an archived version: overrides, new version or new job, target API.
public struct CloneOptions: Sendable, Equatable {
    /// Whether the request creates a version of the same job or a new job.
    public enum Mode: Sendable, Equatable {
        /// `POST …/training-jobs/{job_id}/versions` with `pre_version_id` = the archived version.
        case newVersion
        /// `POST …/training-jobs` with this job name.
        case newJob(name: String)
    }

    /// Which training API the request is for.
    public enum Target: String, Sendable, Equatable, CaseIterable {
        /// The v1 training API (reference §1.7–1.8).
        case v1
        /// The v2 training API (reference §5).
        case v2
    }

    /// Parameter changes, applied in order.
    public var parameterOverrides: [ParameterOverride] = []
    /// `--config field=value` assignments, applied in order.
    public var configAssignments: [String] = []
    /// New version (default) or new job.
    public var mode: Mode = .newVersion
    /// The target API (default v1).
    public var target: Target = .v1
    /// `job_desc` (v1) / `metadata.description` (v2); nil keeps the archived job description.
    public var description: String?
    /// The v2 `flavor_id`; nil derives it from the archive (flavor_code, spec_code, or the spec list).
    public var flavor: String?

    /// Default options: a new version of the same job with the archived values.
    public init() {}

    /// Checks a job name: 1–64 characters of `[0-9A-Za-z_-]` (reference §1.7).
    ///
    /// - Throws: ``CloneError`` (`.invalidOption`) naming the rule the name breaks.
    public static func checkJobName(_ name: String) throws(CloneError) {
        let valid = (1...64).contains(name.count) && name.unicodeScalars.allSatisfy(isNameCharacter)
        guard valid else { throw CloneError(.invalidOption, "job name '\(name)' must be 1-64 characters of letters, digits, _ and -") }
    }

    /// Whether a job name may hold this character: ASCII letters, digits, `_` and `-`.
    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) || scalar == "_" || scalar == "-")
    }

    /// `raw` with every character a job name may not hold replaced by `-`.
    static func nameCharacters(_ raw: String) -> String {
        String(raw.unicodeScalars.map { isNameCharacter($0) ? Character($0) : "-" })
    }

    /// Checks a description: at most 256 characters (reference §1.7).
    ///
    /// - Throws: ``CloneError`` (`.invalidOption`) when the text is longer than 256 characters.
    public static func checkDescription(_ text: String) throws(CloneError) {
        guard text.count <= 256 else { throw CloneError(.invalidOption, "--desc is \(text.count) characters; the API allows at most 256") }
    }
}
