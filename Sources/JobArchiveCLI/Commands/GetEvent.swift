import ArchiveStore
import ArgumentParser
import ModelArtsAPI

extension JobArchiveCommand {
    /// `jobarchive get-event`: ma-cli's `ma-job get-event`, from the archive's captures.
    struct GetEvent: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get-event",
            abstract: "ma-cli alias: a job's events — a v2 job's captured events; for v1, versions appearing, status changes, deletion across captures.",
            discussion: """
                For a v2 job (its UUID or name) these are the events the service listed, as captured: TIME, \
                LEVEL, SOURCE and MESSAGE as the API gave them. v1 has no event API; the archive's record of a \
                v1 job's events is what its captures saw: a version first stored (with its status), each status \
                change between captures, the job or a version gone upstream. TIME is then the capture's start, \
                so an event happened at or before it.

                Examples:
                  jobarchive get-event archives/sample.sqlite -i 585024
                  jobarchive get-event archives/sample.sqlite -i sklearn-iris-svm --json

                Same as: jobarchive history ARCHIVE JOB. Exit status: 0 ok, 1 unknown job, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @Option(name: [.customShort("i"), .customLong("job-id")], help: "The job (id or exact name).")
        var jobID: String

        @OptionGroup var output: RowOutputOptions

        /// One event, ma-cli style.
        struct Event: Encodable {
            var time: String
            var capture: Int64
            var level: String
            var source: String
            var message: String
        }

        /// The events listing (ma-cli's columns).
        static var listing: Listing<Event> {
            Listing(
                csv: [
                    .init("time") { $0.time }, .value("capture") { $0.capture }, .init("level") { $0.level }, .init("source") { $0.source },
                    .init("message") { $0.message },
                ],
                table: [
                    .init(.left("TIME")) { e, _ in e.time }, .value(.right("CAPTURE")) { $0.capture },
                    .init(.left("LEVEL")) { e, style in e.level == "Error" ? style.red(e.level) : (e.level == "Warning" ? style.yellow(e.level) : e.level) },
                    .init(.left("MESSAGE", shrink: true)) { e, _ in e.message },
                ])
        }

        func run() async throws {
            try await runQuery(archive: path.archive, style: Style(enabled: Terminal.colorByDefault)) { archive, out in
                let id: Int64
                switch try archive.jobs.resolveAnyJob(jobID) {
                case .v1(let found):
                    id = found
                case .v2(let v2):
                    // A v2 job: its captured events, as the service listed them (capture: the one that stored each).
                    let detail = try archive.jobs.v2JobDetail(v2)
                    let events = detail.events.map {
                        Event(time: $0.time ?? "", capture: detail.job.revisionCapture, level: $0.level ?? "", source: $0.source ?? "", message: $0.message ?? "")
                    }
                    try GetEvent.listing.write(events, output: output, to: out)
                    return
                }
                var events: [Event] = []
                for h in try archive.history.changes(jobID: id) {
                    for c in h.changes where c.kind == "job" || c.kind == "version" {
                        let subject = c.kind == "job" ? "job \(c.key)" : "version \(c.versionID.map(String.init) ?? c.key)" + (c.name.map { " \($0)" } ?? "")
                        let failed = c.statusAfter.map { [3, 5, 6, 11, 14, 16, 17, 21].contains($0) } ?? false
                        switch c.change {
                        case .added:
                            if c.kind == "job" { continue }
                            events.append(Event(time: h.capture.startedAt, capture: h.capture.id, level: failed ? "Error" : "Info", source: "Job", message: "\(subject) archived, status \(Format.statusText(c.statusAfter))"))
                        case .changed where c.statusChanged:
                            events.append(Event(time: h.capture.startedAt, capture: h.capture.id, level: failed ? "Error" : "Info", source: "Job", message: "\(subject): \(Format.statusText(c.statusBefore)) → \(Format.statusText(c.statusAfter))"))
                        case .deleted:
                            events.append(Event(time: h.capture.startedAt, capture: h.capture.id, level: "Warning", source: "Job", message: "\(subject) gone upstream (deleted)"))
                        case .restored:
                            events.append(Event(time: h.capture.startedAt, capture: h.capture.id, level: "Info", source: "Job", message: "\(subject) seen again"))
                        default:
                            continue
                        }
                    }
                }
                try GetEvent.listing.write(events, output: output, to: out)
            }
        }
    }
}
