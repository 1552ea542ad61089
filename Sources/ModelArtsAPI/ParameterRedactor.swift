/// Replaces secret-looking parameter values in raw API JSON, touching no other byte.
///
/// A label looks secret when one of its words (split at `_`, `-`, `.`, spaces and lower→upper case
/// changes) is one of `patterns` (case-insensitive): by default KEY, SECRET, TOKEN, PASSWORD, PASSWD,
/// PWD, CREDENTIAL(S), AK, SK. So `obs_secret_key`, `apiToken` and `AK` are redacted, while
/// `max_tokens` and `tokenizer` are not.
public struct ParameterRedactor: Sendable, Equatable {
    /// The marker written in place of a redacted value (a JSON string).
    public static let marker = "[redacted by jobarchive]"
    /// The default label words.
    public static let defaultPatterns = ["KEY", "SECRET", "TOKEN", "PASSWORD", "PASSWD", "PWD", "CREDENTIAL", "CREDENTIALS", "AK", "SK"]

    /// Upper-cased label words that mark a secret.
    public var patterns: Set<String>

    /// A redactor for these label words (default: ``defaultPatterns``).
    public init(patterns: [String] = ParameterRedactor.defaultPatterns) {
        self.patterns = Set(patterns.map { $0.uppercased() })
    }

    /// Whether a label looks secret.
    public func isSecret(label: String) -> Bool {
        ParameterRedactor.words(label).contains { patterns.contains($0) }
    }

    /// The body with every secret-looking `parameter[].value` of the top-level object replaced by the
    /// marker, and the labels redacted. Bodies without parameters come back unchanged.
    public func redact(_ body: [UInt8]) -> (body: [UInt8], labels: [String]) {
        // try?: bodies reach here already checked to be JSON; one that is not an object, or has no
        // parameter array, has no parameter to redact. Elements that are not objects, or whose label is
        // not a string, carry no secret-looking label.
        guard let members = try? RawJSON.objectMembers(body),
            let parameter = members.first(where: { $0.key == "parameter" })
        else { return (body, []) }
        let arrayBytes = Array(body[parameter.valueRange])
        guard let elements = try? RawJSON.topLevelArrayElements(arrayBytes) else { return (body, []) }
        var replacements: [(Range<Int>, [UInt8])] = []
        var labels: [String] = []
        for element in elements {
            let elementBytes = Array(arrayBytes[element])
            guard let fields = try? RawJSON.objectMembers(elementBytes),
                let labelField = fields.first(where: { $0.key == "label" }),
                let valueField = fields.first(where: { $0.key == "value" }),
                let label = (try? RawJSON.parse(elementBytes[labelField.valueRange]))?.string,
                isSecret(label: label)
            else { continue }
            let start = parameter.valueRange.lowerBound + element.lowerBound
            let range = (start + valueField.valueRange.lowerBound)..<(start + valueField.valueRange.upperBound)
            let current = Array(body[range])
            let replacement = JSONStringLiteral.encode(Array(ParameterRedactor.marker.utf8))
            labels.append(label)
            if current != replacement { replacements.append((range, replacement)) }
        }
        var out = body
        for (range, bytes) in replacements.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            out.replaceSubrange(range, with: bytes)
        }
        return (out, labels)
    }

    /// A label's words, upper-cased.
    static func words(_ label: String) -> [String] {
        var out: [String] = []
        var current = ""
        var previousLower = false
        for ch in label {
            if !(ch.isLetter || ch.isNumber) {
                if !current.isEmpty { out.append(current.uppercased()) }
                current = ""
                previousLower = false
                continue
            }
            if ch.isUppercase, previousLower, !current.isEmpty {
                out.append(current.uppercased())
                current = ""
            }
            current.append(ch)
            previousLower = ch.isLowercase
        }
        if !current.isEmpty { out.append(current.uppercased()) }
        return out
    }
}
