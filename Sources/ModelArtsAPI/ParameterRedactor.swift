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

    /// The body with every secret-looking parameter value replaced by the marker, and the labels redacted:
    /// v1's top-level `parameter[]` (`label`, `value`) and v2's `algorithm.parameters[]` and
    /// `job_config.parameters[]` (`name`, `value`; also every one whose `constraint.sensitive` is true), and
    /// their `environments` whose names look secret (`HF_TOKEN`, `AWS_SECRET_ACCESS_KEY`). Bodies without
    /// parameters come back unchanged.
    public func redact(_ body: [UInt8]) -> (body: [UInt8], labels: [String]) {
        // try?: bodies reach here already checked to be JSON; one that is not an object, or has no
        // parameter array, has no parameter to redact.
        guard let members = try? RawJSON.objectMembers(body) else { return (body, []) }
        var replacements: [(Range<Int>, [UInt8])] = []
        var labels: [String] = []
        if let parameter = members.first(where: { $0.key == "parameter" }) {
            collect(body, array: parameter.valueRange, labelKey: "label", into: &replacements, labels: &labels)
        }
        // v2: a job's `algorithm.parameters`, a saved algorithm's `job_config.parameters`, and their
        // `environments` (an object of NAME: value, or an array of {name, value}) whose names look secret.
        for container in members where container.key == "algorithm" || container.key == "job_config" {
            guard let inner = try? RawJSON.objectMembers(Array(body[container.valueRange])) else { continue }
            let base = container.valueRange.lowerBound
            if let parameters = inner.first(where: { $0.key == "parameters" }) {
                let range = (base + parameters.valueRange.lowerBound)..<(base + parameters.valueRange.upperBound)
                collect(body, array: range, labelKey: "name", into: &replacements, labels: &labels)
            }
            guard let environments = inner.first(where: { $0.key == "environments" }) else { continue }
            let range = (base + environments.valueRange.lowerBound)..<(base + environments.valueRange.upperBound)
            // try?: an environments member that is neither an object nor an array holds no variable to redact.
            if let variables = try? RawJSON.objectMembers(Array(body[range])) {
                for variable in variables where isSecret(label: variable.key) {
                    let value = (range.lowerBound + variable.valueRange.lowerBound)..<(range.lowerBound + variable.valueRange.upperBound)
                    replacements.append((value, JSONStringLiteral.encode(Array(ParameterRedactor.marker.utf8))))
                    labels.append("environments.\(variable.key)")
                }
            } else {
                collect(body, array: range, labelKey: "name", into: &replacements, labels: &labels)
            }
        }
        var out = body
        for (range, bytes) in replacements.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            out.replaceSubrange(range, with: bytes)
        }
        return (out, labels)
    }

    /// The replacements for the secret parameters of the array at `array` in `body`: a label (under
    /// `labelKey`) that looks secret, or `constraint.sensitive` true. Elements that are not objects, or
    /// whose label is not a string, carry no secret-looking label.
    private func collect(
        _ body: [UInt8], array: Range<Int>, labelKey: String, into replacements: inout [(Range<Int>, [UInt8])], labels: inout [String]
    ) {
        let arrayBytes = Array(body[array])
        // try?: a parameter member that is not an array has no parameter to redact.
        guard let elements = try? RawJSON.topLevelArrayElements(arrayBytes) else { return }
        for element in elements {
            let elementBytes = Array(arrayBytes[element])
            // try?: as above, an element that does not read as a labelled object is not a secret parameter.
            guard let fields = try? RawJSON.objectMembers(elementBytes),
                let labelField = fields.first(where: { $0.key == labelKey }),
                let valueField = fields.first(where: { $0.key == "value" }),
                let label = (try? RawJSON.parse(elementBytes[labelField.valueRange]))?.string
            else { continue }
            let sensitive = fields.first(where: { $0.key == "constraint" }).flatMap { try? RawJSON.parse(elementBytes[$0.valueRange]) }?["sensitive"]?.bool ?? false
            guard sensitive || isSecret(label: label) else { continue }
            let start = array.lowerBound + element.lowerBound
            let range = (start + valueField.valueRange.lowerBound)..<(start + valueField.valueRange.upperBound)
            let replacement = JSONStringLiteral.encode(Array(ParameterRedactor.marker.utf8))
            labels.append(label)
            if Array(body[range]) != replacement { replacements.append((range, replacement)) }
        }
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
