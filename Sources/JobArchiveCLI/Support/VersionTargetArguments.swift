import ArchiveStore
import ArgumentParser

/// `ARCHIVE JOB [VERSION]`: the archive and the version a command reads. JOB may also be `JOB/VERSION`
/// (then VERSION is not given again) and, where the command reads as of a capture, `JOB/VERSION@N`.
struct VersionTargetArguments: ParsableArguments {
    @OptionGroup var path: ArchivePathArgument

    @Argument(help: ArgumentHelp("A job id or name, or JOB/VERSION.", valueName: "job"))
    var job: String

    @Argument(help: ArgumentHelp("A version id or name (default: the job's latest).", valueName: "version"))
    var version: String?

    /// JOB as typed, parsed (`JOB`, `JOB/VERSION`, `JOB/VERSION@N`).
    var spec: VersionSpec {
        get throws { try VersionSpec(parsing: job) }
    }

    func validate() throws {
        if try spec.version != nil && version != nil { throw ValidationError("give the version once: JOB/VERSION or JOB VERSION") }
    }

    /// The job and version in `archive` as of `capture` (the version default: the job's latest).
    func resolve(in archive: Archive, asOf capture: Int64?) throws -> ResolvedVersion {
        let spec = try self.spec
        return try archive.jobs.resolve(job: spec.job ?? job, version: spec.version ?? version, asOf: capture)
    }
}
