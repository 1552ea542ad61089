/// Everything the log composer needs to know about one worker's log file.
struct LogRequest: Sendable {
    /// How a log ends.
    enum Ending: Sendable { case completed, failed, outOfMemory, killed, running, lost, modelSubmitFailed }

    /// Optional oddities a log must contain at least once.
    struct Features: OptionSet, Sendable {
        let rawValue: Int
        static let crlf = Features(rawValue: 1)
        static let invalidUTF8 = Features(rawValue: 2)
        static let longLine = Features(rawValue: 4)
    }

    var kind: EngineKind
    var customImage: Bool
    var jobName: String
    var versionName: String
    var workers: Int
    var worker: Int
    var ending: Ending
    var startMs: Int64
    var durationMs: Int64
    var target: Int
    var features: Features
    var seed: UInt64
    var appURL: String
    var bootFile: String
    var dataURL: String
    var trainURL: String
    var gpuType: String?
    var devicesPerWorker: Int
    /// Run parameters as `label`, printed value.
    var parameters: [Parameter]
    var userCommand: String?
}
