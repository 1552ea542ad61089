import ArgumentParser
import ModelArtsAPI

/// `--api v1|v2|both`: which training API generations a command covers.
enum APIChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Old-style training: numbered jobs with versions.
    case v1
    /// Today's training: UUID jobs with tasks.
    case v2
    /// Both generations.
    case both

    /// The generations chosen.
    var generations: Set<APIGeneration> {
        switch self {
        case .v1: [.v1]
        case .v2: [.v2]
        case .both: [.v1, .v2]
        }
    }
}
