import ArgumentParser
import Clone

/// `--set`, `--unset` and `--add`: typed parameter overrides shared by `clone` and `restore-config`.
struct ParameterOverrideOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: "label=value: change a parameter, keeping its type (repeatable).")
    var sets: [String] = []

    @Option(name: .customLong("unset"), help: "label: drop a parameter (repeatable).")
    var unsets: [String] = []

    @Option(name: .customLong("add"), help: "label=value: add a parameter (repeatable).")
    var adds: [String] = []

    /// The overrides in application order: every --set, then every --unset, then every --add.
    func overrides() throws -> [ParameterOverride] {
        var out: [ParameterOverride] = []
        for text in sets {
            let (label, value) = try ParameterOverride.splitAssignment(text, option: "--set")
            out.append(.set(label: label, text: value))
        }
        out += unsets.map { .unset(label: $0) }
        for text in adds {
            let (label, value) = try ParameterOverride.splitAssignment(text, option: "--add")
            out.append(.add(label: label, text: value))
        }
        return out
    }

    /// The options as given, for clone records.
    var words: [String] {
        sets.map { "--set \($0)" } + unsets.map { "--unset \($0)" } + adds.map { "--add \($0)" }
    }
}
