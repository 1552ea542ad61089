import ArchiveStore
import ArgumentParser
import ModelArtsAPI

extension JobArchiveCommand {
    /// `jobarchive diff`: two versions, or one version at two captures, field by field.
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two versions, or one version across two captures: parameters, image, spec, data, metrics.",
            discussion: """
                A and B are JOB/VERSION, optionally @CAPTURE. B may also be just VERSION (same job as A) or \
                just @CAPTURE (A's version at another capture: what changed upstream between snapshots). For \
                v2 jobs A and B are job UUIDs or names (optionally @CAPTURE), B may be just @CAPTURE; the \
                details bodies are compared in the same sections (metadata and status as run, the algorithm \
                as image, spec.resource as spec, inputs and outputs as data, parameters by name, each task's \
                metrics as system metrics). \
                Every top-level field of the captured JSON is compared, unknown ones included, grouped as \
                run, image, spec, data, parameters (by label), metrics (per class and total), system metrics \
                (summaries per series) and other. Only differences are shown unless --all.

                Examples:
                  jobarchive diff archives/sample.sqlite 585024/V0002 585024/V0003
                  jobarchive diff archives/sample.sqlite 585024/V0002 V0004 --all
                  jobarchive diff /tmp/demo.sqlite 585024/1121512@1 @2     # an archive with 2 captures
                  jobarchive diff archives/sample.sqlite 10/10 571581/1112489 --json
                  jobarchive diff ARCHIVE 3f0c9a5e-… 7d21e4b0-…             # two v2 jobs

                Exit status: 0 (whether or not they differ), 1 unknown job, version or capture, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @Argument(help: ArgumentHelp("The left side: JOB/VERSION[@CAPTURE], or a v2 job's UUID or name[@CAPTURE].", valueName: "a"))
        var left: String

        @Argument(help: ArgumentHelp("The right side: JOB/VERSION[@CAPTURE], VERSION (same job) or @CAPTURE (same version).", valueName: "b"))
        var right: String

        @Flag(help: "Also list the fields that are equal.")
        var all = false

        @Option(help: ArgumentHelp("Only these sections, comma-separated: \(JobReader.sectionOrder.joined(separator: ", ")).", valueName: "names"))
        var section: String?

        @OptionGroup var output: RowOutputOptions
        @OptionGroup var color: ColorOptions

        func validate() throws {
            let a = try VersionSpec(parsing: left, what: "left side")
            guard a.job != nil else { throw ValidationError("the left side must be JOB/VERSION or a v2 job (optionally @CAPTURE)") }
            // Without a version the left side may be a v2 job, known only once the archive is read.
            if a.version != nil { _ = try rightSpec(a) } else { _ = try VersionSpec(parsing: right, what: "right side") }
            if let section {
                for name in section.split(separator: ",") where !JobReader.sectionOrder.contains(String(name)) {
                    throw ValidationError("unknown section '\(name)'; sections: \(JobReader.sectionOrder.joined(separator: ", "))")
                }
            }
        }

        /// The right side, completed from the left one.
        func rightSpec(_ a: VersionSpec) throws -> VersionSpec {
            if !right.contains("/") && !right.hasPrefix("@") {
                var spec = try VersionSpec(parsing: right, what: "right side")
                spec.version = spec.job
                spec.job = a.job
                return spec
            }
            var b = try VersionSpec(parsing: right, what: "right side")
            if b.job == nil {
                b.job = a.job
                b.version = a.version
            }
            guard b.version != nil else { throw ValidationError("the right side must be JOB/VERSION, VERSION or @CAPTURE") }
            return b
        }

        struct Out: Encodable {
            var a: VersionSide
            var b: VersionSide
            var changes: [Change]
            var identical: Bool
        }

        /// A field change as `diff` shows it: the values as text.
        struct Change: Encodable {
            var section: String
            var name: String
            var a: String?
            var b: String?
            var same: Bool

            init(_ change: FieldChange) {
                section = change.section
                name = change.name
                a = change.a.map(Diff.text)
                b = change.b.map(Diff.text)
                same = change.same
            }
        }

        func run() async throws {
            try await runQuery(style: color.style) { out in
                let aSpec = try VersionSpec(parsing: left)
                let archive = try openArchive(path.archive)
                func side(_ spec: VersionSpec) throws -> (VersionSide, [VersionField], String?) {
                    if let c = spec.capture { _ = try archive.captures.resolve(c) }
                    let target = try archive.jobs.resolve(job: spec.job ?? "", version: spec.version, asOf: spec.capture)
                    let (side, fields) = try archive.jobs.versionFields(jobID: target.jobID, versionID: target.versionID, asOf: spec.capture)
                    let name = fields.first { $0.name == "version_name" }?.value?.text
                    return (side, fields, name)
                }
                func v2Side(_ spec: VersionSpec) throws -> (VersionSide, [VersionField], String?) {
                    if let c = spec.capture { _ = try archive.captures.resolve(c) }
                    guard case .v2(let job) = try archive.jobs.resolveAnyJob(spec.job ?? "", asOf: spec.capture) else {
                        throw UsageError("'\(TextTable.clean(spec.job ?? ""))' is a v1 job: compare v1 versions as JOB/VERSION, v2 jobs by UUID or name")
                    }
                    let (side, fields) = try archive.jobs.v2JobFields(job, asOf: spec.capture)
                    return (side, fields, job.name)
                }
                let a: VersionSide, aFields: [VersionField], aName: String?
                let b: VersionSide, bFields: [VersionField], bName: String?
                if aSpec.version == nil {
                    // A v2 job (a v1 job needs a version here); so is the right side, or the same job @CAPTURE.
                    var right = try VersionSpec(parsing: self.right, what: "right side")
                    if right.version != nil { throw UsageError("the right side of a v2 job is a v2 job (UUID or name) or @CAPTURE, not JOB/VERSION") }
                    if right.job == nil { right.job = aSpec.job }
                    (a, aFields, aName) = try v2Side(aSpec)
                    (b, bFields, bName) = try v2Side(right)
                } else {
                    (a, aFields, aName) = try side(aSpec)
                    (b, bFields, bName) = try side(try rightSpec(aSpec))
                }
                let sections = section.map { Set($0.split(separator: ",").map(String.init)) }
                let everything = JobReader.compare(aFields, bFields, includeSame: true)
                let changes = everything.filter { (all || !$0.same) && (sections?.contains($0.section) ?? true) }.map(Change.init)
                let identical = !everything.contains { !$0.same }
                if output.json {
                    try writeJSON(Out(a: a, b: b, changes: changes, identical: identical), to: out)
                    return
                }
                if output.csv {
                    out.write(CSV.line(["section", "field", "a", "b", "same"]))
                    for c in changes { out.write(CSV.line([c.section, c.name, c.a ?? "", c.b ?? "", c.same ? "1" : "0"])) }
                    return
                }
                let s = out.style
                func label(_ side: VersionSide, _ name: String?) -> String {
                    (side.v2JobID ?? "\(side.jobID)/\(side.versionID)") + "\(name.map { " \(TextTable.clean($0))" } ?? "") @\(side.capture)"
                        + (side.revisionCapture != side.capture ? " (stored by capture \(side.revisionCapture))" : "")
                }
                out.line(s.red("--- a: " + label(a, aName)))
                out.line(s.green("+++ b: " + label(b, bName)))
                if a.revisionID == b.revisionID {
                    out.line(s.dim("both sides are the same stored revision (\(a.revisionID)); nothing changed between these captures"))
                }
                if changes.isEmpty {
                    out.line(identical ? "identical" : "no differences in the selected sections")
                    return
                }
                var current = ""
                let width = min(32, changes.map { TextTable.displayWidth($0.name) }.max() ?? 0)
                for c in changes {
                    if c.section != current {
                        out.line()
                        out.line(s.bold(c.section))
                        current = c.section
                    }
                    let name = c.name + String(repeating: " ", count: max(0, width - TextTable.displayWidth(c.name)))
                    let av = Diff.show(c.a, field: c.name)
                    let bv = Diff.show(c.b, field: c.name)
                    if c.same {
                        out.line("  " + s.dim(name) + "  " + s.dim(av))
                    } else if TextTable.displayWidth(av) + TextTable.displayWidth(bv) + width + 8 <= (Terminal.width ?? 120) {
                        out.line("  " + name + "  " + s.red(av) + s.dim(" → ") + s.green(bv))
                    } else {
                        out.line("  " + c.name)
                        out.line("    " + s.red("- " + av))
                        out.line("    " + s.green("+ " + bv))
                    }
                }
            }
        }

        /// A field's value as text: the JSON text, or a series as `12 samples, mean 3.25, max 7`.
        static func text(_ value: VersionFieldValue) -> String {
            switch value {
            case .text(let text): return text
            case .series(let s): return "\(s.samples) samples, mean \(Format.decimal(s.mean)), max \(Format.decimal(s.max))"
            }
        }

        /// A value for display: null or absent as "(none)", statuses named.
        static func show(_ value: String?, field: String) -> String {
            guard let value else { return "(none)" }
            if field == "status", let code = Int(value), let status = JobStatus(code: code) { return "\(code) \(status.shortName)" }
            return TextTable.clean(value)
        }
    }
}
