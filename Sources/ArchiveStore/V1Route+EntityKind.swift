public import ModelArtsAPI

/// The entity kind each list endpoint's items are archived as (declared here, beside ``EntityKind``, which
/// ModelArtsAPI cannot see).
extension V1Route {
    /// For a list endpoint, the kind its items are archived as.
    public var itemKind: EntityKind? {
        switch self {
        case .jobs: .job
        case .versions: .version
        case .configs: .configSummary
        case .resourceSpecs: .resourceSpec
        case .aiEngines: .aiEngine
        case .builtInAlgorithms: .algorithm
        case .visualizationJobs: .visualizationJob
        default: nil
        }
    }
}
