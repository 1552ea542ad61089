import ArgumentParser

/// The archive path argument shared by read commands.
struct ArchivePathArgument: ParsableArguments {
    @Argument(help: "The archive file (.sqlite).", completion: .file(extensions: ["sqlite"]))
    var archive: String
}

/// `--json` for scripts.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of a table, for scripts.")
    var json = false
}
