import ModelArtsAPI

/// Replaces a version's secret parameter values wherever they appear in its log pages.
///
/// Values shorter than 6 bytes are left alone (they would match ordinary text).
struct SecretScrubber: Sendable {
    /// The byte strings to replace, longest first.
    let secrets: [[UInt8]]
    private static let marker = Array(ParameterRedactor.marker.utf8)

    /// Nothing to scrub.
    static let none = SecretScrubber(secrets: [])

    init(secrets: [[UInt8]]) {
        self.secrets = secrets.filter { $0.count >= 6 }.sorted { $0.count > $1.count }
    }

    /// The secret-looking parameter values of a version (as the API sent them, before redaction).
    init(version: V1Version, redactor: ParameterRedactor) {
        self.init(secrets: version.parameters.compactMap { p in
            guard redactor.isSecret(label: p.label), let text = p.value.string, text != ParameterRedactor.marker else { return nil }
            return Array(text.utf8)
        })
    }

    /// The secret parameter values of a v2 job's details (`algorithm.parameters[]` whose name looks secret or
    /// whose `constraint.sensitive` is true), as the API sent them.
    init(v2Job json: JSONValue, redactor: ParameterRedactor) {
        self.init(secrets: (json["algorithm"]?["parameters"]?.array ?? []).compactMap { p in
            guard let name = p["name"]?.string, let text = p["value"]?.string, text != ParameterRedactor.marker,
                redactor.isSecret(label: name) || p["constraint"]?["sensitive"]?.bool == true
            else { return nil }
            return Array(text.utf8)
        })
    }

    /// `bytes` with every secret replaced by the marker.
    func scrub(_ bytes: [UInt8]) -> [UInt8] {
        guard !secrets.isEmpty else { return bytes }
        var out = bytes
        for secret in secrets {
            var result: [UInt8] = []
            var i = 0
            var changed = false
            while let range = out[i...].firstRange(of: secret) {
                result += out[i..<range.lowerBound]
                result += SecretScrubber.marker
                i = range.upperBound
                changed = true
            }
            if changed {
                result += out[i...]
                out = result
            }
        }
        return out
    }
}
