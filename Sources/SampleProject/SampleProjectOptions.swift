/// Knobs for ``SampleProjectGenerator/generate(_:)``; equal options always give byte-identical projects.
public struct SampleProjectOptions: Sendable {
    /// Seed of every pseudo-random choice.
    public var seed: UInt64 = 1
    /// Number of synthetic jobs, in addition to the seed job.
    public var jobs: Int = 8
    /// Average number of versions per synthetic job; each job gets 1...2*n.
    public var versionsPerJob: Int = 3
    /// Approximate total raw log bytes across all log files.
    public var logBytes: Int = 2_000_000
    /// Whether to include the seed document's job 10 "testModelArtsJob".
    public var includeSeedJob: Bool = true
    /// Directory of real training logs whose lines are mixed in (files sorted by name), if present.
    public var realLogsDirectory: String? = nil
    /// The project ID the bodies pretend to belong to.
    public var projectID: String = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    /// v2 training jobs to add (UUID jobs with tasks, runs, events, metrics and per-task logs), sharing the
    /// log budget with the v1 jobs in proportion to their number.
    public var v2Jobs: Int = 0

    /// Creates the default options.
    public init() {}
}
