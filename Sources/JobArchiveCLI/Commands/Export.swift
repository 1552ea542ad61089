import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive export`: everything back out as plain JSON and `.log` files, or as JSON Lines.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write everything back out as plain files (JSON as captured, logs byte-exact, a SHA-256 manifest).",
            discussion: """
                DIR gets:
                  entities/KIND/KEY.json           each entity's captured JSON as of the capture, byte for byte
                  revisions/KIND/KEY/CAPTURE.json  every revision ever stored (the history)
                  lists/KEY.json                   list responses (training-jobs, versions/JOB, …) re-assembled
                  logs/JOB/VERSION/FILE.log        each v1 log, byte-exact (streamed, checked against its SHA-256)
                  logs/v2/UUID/RUN/TASK.log        each v2 task log (RUN: the task's scheduling run)
                  captures.json                    the captures and their gaps
                  manifest.json                    every file with role, key, capture, size and SHA-256
                  SHA256SUMS                       for `cd DIR && sha256sum -c SHA256SUMS`
                Keys become folders (a version 10/3 is entities/version/10/3.json); characters outside \
                A-Z a-z 0-9 . _ - are written %XX. DIR must be new or empty. With --at N everything is as \
                capture N left it, logs included: a log that grew since is written as it ended then.

                --jsonl streams the same content to standard output as JSON Lines instead: archive, capture, \
                revision (raw JSON as a string), list, log and line records, one per line; a line's "text" \
                keeps its terminator, and bytes that are not valid UTF-8 come as "text_base64" ("raw_base64").

                Examples:
                  jobarchive export archives/sample.sqlite /tmp/sample-export
                  jobarchive export archives/sample.sqlite /tmp/at-1 --at 1
                  jobarchive export archives/sample.sqlite --jsonl | gzip > sample.jsonl.gz

                Exit status: 0 ok; 1 unreadable or damaged archive, DIR not empty or not writable; 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @Argument(help: "The directory to write (new or empty).", completion: .directory)
        var directory: String?

        @Flag(help: "Stream JSON Lines to standard output instead of writing a directory.")
        var jsonl = false

        @OptionGroup var capture: CaptureOption
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if jsonl && directory != nil { throw ValidationError("--jsonl writes to standard output; drop DIR") }
            if !jsonl && directory == nil { throw ValidationError("give a directory to export into, or --jsonl") }
            if jsonl && output.json { throw ValidationError("--jsonl and --json cannot be combined") }
        }

        struct Summary: Encodable {
            var directory: String
            var asOfCapture: Int64
            var files: Int
            var bytes: Int
            var roles: [String: Int]
            var deleted: Int
            var manifest: String
        }

        func run() async throws {
            try await runQuery { out in
                let archive = try openArchive(path.archive)
                if jsonl {
                    try archive.export.jsonl(asOf: capture.capture) { out.write(bytes: $0) }
                    return
                }
                guard let directory else { return }
                let manifest = try archive.export.directory(to: directory, asOf: capture.capture) { message in
                    if Terminal.stderrIsTTY { printError(message) }
                }
                var roles: [String: Int] = [:]
                for f in manifest.files { roles[f.role, default: 0] += 1 }
                let bytes = manifest.files.reduce(0) { $0 + $1.bytes }
                let summary = Summary(
                    directory: directory, asOfCapture: manifest.asOfCapture, files: manifest.files.count, bytes: bytes,
                    roles: roles, deleted: manifest.deleted.count, manifest: directory + "/manifest.json")
                if output.json { try writeJSON(summary, to: out); return }
                let parts = roles.keys.sorted().map { "\(roles[$0] ?? 0) \($0)" }.joined(separator: ", ")
                out.line("exported \(manifest.files.count) files (\(formatBytes(bytes))) as of capture \(manifest.asOfCapture) to \(directory): \(parts)")
                if !manifest.deleted.isEmpty { out.line("\(manifest.deleted.count) entities gone upstream are listed in the manifest without files") }
                out.line("check with: cd \(directory) && sha256sum -c --quiet SHA256SUMS")
            }
        }
    }
}
