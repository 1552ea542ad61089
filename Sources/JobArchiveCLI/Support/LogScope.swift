import ArchiveStore
import ArgumentParser

/// The logs `log` and `get-log` choose from: a v1 version's files, or a v2 job's task logs (one per task and
/// scheduling run), each as a capture left it.
struct LogScope {
    /// The files, as of ``capture`` (those stored later left out).
    var files: [LogFileInfo]
    /// How messages name the owner: `job 10 version 12`, `v2 job 3f…`.
    var owner: String
    /// Whether these are a v2 job's task logs.
    var isV2: Bool
    /// The capture the files are read as of; nil: as stored.
    var capture: Int64?

    /// The logs of JOB [VERSION] as typed: a v1 job (its version, default the latest) or, when no v1 job has
    /// that id or name and no version is given, a v2 job's UUID or name.
    static func resolve(_ archive: Archive, job: String, version: String?, asOf capture: Int64?) throws -> LogScope {
        if let capture { _ = try archive.captures.resolve(capture) }
        let files: [LogFileInfo]
        let scope: LogScope
        // With a version it is a v1 job; without, a v1 job (its latest version) or a v2 job.
        switch version == nil ? try archive.jobs.resolveAnyJob(job, asOf: capture) : .v1(try archive.jobs.resolveJob(job, asOf: capture)) {
        case .v1(let jobID):
            let versionID = try archive.jobs.resolveVersion(jobID: jobID, version, asOf: capture)
            files = try archive.logs.files(jobID: jobID, versionID: versionID)
            scope = LogScope(files: [], owner: "job \(jobID) version \(versionID)", isV2: false, capture: capture)
        case .v2(let v2):
            files = try archive.logs.files(v2JobID: v2.jobID)
            scope = LogScope(files: [], owner: "v2 job \(v2.jobID)", isV2: true, capture: capture)
        }
        var resolved = scope
        resolved.files = try archive.logs.asOf(files, capture: capture)
        return resolved
    }

    /// " as of capture N", or nothing.
    var asOfText: String { capture.map { " as of capture \($0)" } ?? "" }

    /// Picks one log. v1: by `file` name, by `worker` (the file ending in `.N`) or `task` (`worker-N` or a file
    /// name); default worker 0, else the first file. v2: by `task` (or `worker` N = `worker-N`, or `file`), default
    /// worker-0, else the first task; then by `run`, default the task's latest. Errors list what exists.
    func pick(file: String?, worker: Int?, task: String?, run: Int?) throws -> LogFileInfo {
        guard !files.isEmpty else { throw ArchiveError(.noSuchItem, "\(owner) has no archived log files\(asOfText)") }
        return isV2 ? try pickV2(task: task ?? file ?? worker.map { "worker-\($0)" }, run: run) : try pickV1(file: file, worker: worker, task: task, run: run)
    }

    private func pickV2(task: String?, run: Int?) throws -> LogFileInfo {
        var tasks: [String] = []
        for f in files where !tasks.contains(f.fileName) { tasks.append(f.fileName) }
        let name: String
        if let task {
            guard tasks.contains(task) else {
                throw ArchiveError(.noSuchItem, "no task '\(TextTable.clean(task))' in \(owner)\(asOfText); tasks: \(tasks.joined(separator: ", "))")
            }
            name = task
        } else {
            name = tasks.contains("worker-0") ? "worker-0" : tasks[0]
        }
        let runs = files.filter { $0.fileName == name }
        guard let run else { return runs.max { ($0.run ?? 0) < ($1.run ?? 0) } ?? runs[0] }
        guard let found = runs.first(where: { $0.run == run }) else {
            let known = runs.compactMap(\.run).map(String.init).joined(separator: ", ")
            throw ArchiveError(.noSuchItem, "no run \(run) of \(name) in \(owner)\(asOfText); runs: \(known)")
        }
        return found
    }

    private func pickV1(file: String?, worker: Int?, task: String?, run: Int?) throws -> LogFileInfo {
        if run != nil { throw ArchiveError(.invalidArgument, "--run is for a v2 job's task logs; \(owner) is a v1 version") }
        var file = file
        var worker = worker
        if let task {
            if task.hasPrefix("worker-"), let n = Int(task.dropFirst("worker-".count)) { worker = n } else { file = task }
        }
        let names = files.map { TextTable.clean($0.fileName) }.joined(separator: ", ")
        if let file {
            guard let found = files.first(where: { $0.fileName == file }) else {
                throw ArchiveError(.noSuchItem, "no log file '\(TextTable.clean(file))' in \(owner)\(asOfText); files: \(names)")
            }
            return found
        }
        let workers = files.map { f -> Int? in
            guard let dot = f.fileName.lastIndex(of: ".") else { return nil }
            return Int(f.fileName[f.fileName.index(after: dot)...])
        }
        guard let worker else {
            if let i = workers.firstIndex(of: 0) { return files[i] }
            return files[0]
        }
        if let i = workers.firstIndex(of: worker) { return files[i] }
        if workers.allSatisfy({ $0 == nil }), worker < files.count { return files[worker] }
        let known = workers.allSatisfy({ $0 == nil }) ? (0..<files.count).map(String.init) : workers.compactMap { $0 }.map(String.init)
        throw ArchiveError(.noSuchItem, "no worker \(worker) in \(owner)\(asOfText); workers: \(known.joined(separator: ", ")) (files: \(names))")
    }
}
