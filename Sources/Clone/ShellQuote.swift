import Foundation

/// POSIX shell quoting for generated scripts.
public enum ShellQuote {
    /// `text` as one shell word: unchanged when it holds only safe characters, else in single quotes
    /// with each `'` written as `'\''`.
    public static func quote(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) || "@%+=:,./-_".unicodeScalars.contains(scalar))
        }
        if !text.isEmpty, safe { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Whether `name` can be an environment variable name (`[A-Za-z_][A-Za-z0-9_]*`).
    public static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains(Character($0)) || $0 == "_") }
    }
}
