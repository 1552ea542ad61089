import ModelArtsAPI

/// One change to a version's run parameters: `--set`, `--unset` or `--add`.
public enum ParameterOverride: Sendable, Equatable {
    /// `--set label=value`: replace an existing parameter's value, keeping its JSON type.
    case set(label: String, text: String)
    /// `--unset label`: drop an existing parameter.
    case unset(label: String)
    /// `--add label=value`: append a new parameter (type inferred from the text).
    case add(label: String, text: String)

    /// The label this override touches.
    public var label: String {
        switch self {
        case .set(let label, _), .unset(let label), .add(let label, _): return label
        }
    }

    /// Parses `label=value` as given to `--set` or `--add` (the first `=` splits).
    ///
    /// - Throws: ``CloneError`` (`.invalidOption`) when `text` has no `=` or an empty label.
    public static func splitAssignment(_ text: String, option: String) throws(CloneError) -> (String, String) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw CloneError(.invalidOption, "\(option) '\(text)' is not label=value")
        }
        return (String(text[..<eq]), String(text[text.index(after: eq)...]))
    }

    /// The JSON value for `text` given the archived value's type.
    ///
    /// - a number stays a number (the text must be a JSON number: `0.02`, `64`, `1e-4`);
    /// - a string stays a string (the text is taken literally: `42` → `"42"`);
    /// - a boolean stays a boolean (`true` or `false`);
    /// - a redacted, null or structured original takes the type the text spells (see ``inferred(_:)``).
    ///
    /// - Throws: ``CloneError`` (`.invalidOption`) when `text` does not spell a value of the original's type, naming
    ///   the label and the type.
    public static func typed(_ text: String, like original: JSONValue, label: String) throws(CloneError) -> JSONValue {
        if case .string(let s) = original, s == ParameterRedactor.marker { return inferred(text) }
        switch original {
        case .number(let spelling):
            // try?: a parse failure becomes the usage error just below.
            guard let parsed = try? RawJSON.parse(text), case .number(let parsedSpelling) = parsed, parsedSpelling == text else {
                throw CloneError(.invalidOption, "parameter \(label) is a number in the archive (\(spelling)); '\(text)' is not a JSON number")
            }
            return .number(text)
        case .string:
            return .string(text)
        case .bool:
            switch text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw CloneError(.invalidOption, "parameter \(label) is a boolean in the archive; give true or false, not '\(text)'")
            }
        case .null, .object, .array:
            return inferred(text)
        }
    }

    /// The type a new value's text spells: a JSON number, `true`/`false`, a quoted JSON string, or else the text as a string.
    public static func inferred(_ text: String) -> JSONValue {
        // try?: text that is not JSON is taken as a plain string, by definition.
        if let parsed = try? RawJSON.parse(text) {
            switch parsed {
            case .number, .bool, .string: return parsed
            default: break
            }
        }
        return .string(text)
    }
}
