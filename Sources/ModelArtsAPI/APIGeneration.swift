/// The generation of the ModelArts API a path lives under: `/v1/{project_id}/…` or `/v2/{project_id}/…`.
public enum APIGeneration: String, Sendable, Hashable, CaseIterable {
    /// Old-style training: numbered jobs with versions (retired for new work in 2023).
    case v1
    /// Today's training: UUID jobs with tasks.
    case v2
}
