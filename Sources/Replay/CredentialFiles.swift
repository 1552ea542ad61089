import Foundation

/// Reads the token and AK/SK files `jobarchive serve` accepts.
public enum CredentialFiles {
    /// Tokens, one per line; blank lines and lines starting with `#` are skipped, spaces trimmed.
    ///
    /// - Throws: ``ReplayError`` (`.credentials`) when the file cannot be read or holds no token.
    public static func tokens(at path: String) throws(ReplayError) -> [String] {
        let lines = try readLines(path, what: "token file")
        let tokens = lines.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !tokens.isEmpty else { throw ReplayError(.credentials, "\(path): token file holds no token") }
        return tokens
    }

    /// AK/SK pairs: one pair per line as `AK SK`, `AK,SK` or `AK:SK`, or Huawei's downloaded
    /// `credentials.csv` (`User Name,Access Key Id,Secret Access Key`: the last two columns are used
    /// and the header line is skipped). Blank lines and `#` comments are skipped.
    ///
    /// - Throws: ``ReplayError`` (`.credentials`) when the file cannot be read, a line is not a pair, or it holds no
    ///   pair.
    public static func credentials(at path: String) throws(ReplayError) -> [String: String] {
        var out: [String: String] = [:]
        for (number, line) in try readLines(path, what: "credentials file").enumerated() {
            if line.isEmpty || line.hasPrefix("#") || line.lowercased().contains("access key") { continue }
            let fields = line.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == ":" })
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                .filter { !$0.isEmpty }
            guard fields.count >= 2 else {
                throw ReplayError(.credentials, "\(path):\(number + 1): expected 'AK SK' (or 'AK,SK'), found one field")
            }
            out[fields[fields.count - 2]] = fields[fields.count - 1]
        }
        guard !out.isEmpty else { throw ReplayError(.credentials, "\(path): credentials file holds no AK/SK pair") }
        return out
    }

    private static func readLines(_ path: String, what: String) throws(ReplayError) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReplayError(.credentials, "\(path): cannot read the \(what)")
        }
        return String(decoding: data, as: UTF8.self)
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
