/// A job as the command line names it: a v1 job (numbered, with versions) or a v2 job.
public enum JobReference: Sendable {
    /// A v1 job, by id.
    case v1(Int64)
    /// A v2 job.
    case v2(V2JobSummary)
}
