/// The one loopback test of the package: which host names may be talked to in plain HTTP, and bound
/// without authentication.
///
/// Strict on purpose. A host is loopback only when it is spelled as one of:
/// - `localhost` (exactly; not `localhost.example` or `localhost.`),
/// - `::1` or `0:0:0:0:0:0:0:1`, with or without brackets,
/// - a dotted quad in `127.0.0.0/8` written in plain decimal: four parts, each 0–255, without
///   leading zeros (`127.0.0.1`, `127.10.0.3`).
///
/// Everything else is not loopback, even where a resolver would map it to 127.0.0.1: short forms
/// (`127.1`), hex or octal parts (`0x7f.1`, `0177.0.0.1`, `127.0.0.01`), IPv4-mapped IPv6
/// (`::ffff:127.0.0.1`) and names that merely start like an address (`127.evil.example`,
/// `127.0.0.1.example.com`). Those are names a DNS server answers for, so credentials sent to them in
/// clear text could go anywhere.
public enum LoopbackHost {
    /// Whether `host` (as in a URL or a `--host` option) names a loopback address.
    public static func isLoopback(_ host: String) -> Bool {
        var h = Substring(host.lowercased())
        if h.hasPrefix("["), h.hasSuffix("]") { h = h.dropFirst().dropLast() }
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy(isDecimalOctet)
    }

    /// `0`…`255` in plain decimal, no sign, no leading zero.
    private static func isDecimalOctet(_ part: Substring) -> Bool {
        guard !part.isEmpty, part.count <= 3, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        if part.count > 1, part.first == "0" { return false }
        guard let value = Int(part) else { return false }
        return value <= 255
    }
}
