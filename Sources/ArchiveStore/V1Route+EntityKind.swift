public import ModelArtsAPI

/// The entity kinds the catalogue's endpoints are archived as (declared here, beside ``EntityKind``, which
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

    /// For a detail endpoint, the kind its whole body is archived as.
    public var bodyKind: EntityKind? {
        switch self {
        case .version: .versionDetail
        case .logFileNames: .logFileList
        case .config: .config
        case .visualizationJob: .visualizationJob
        default: nil
        }
    }
}
