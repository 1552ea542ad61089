import ModelArtsAPI

/// The query string of a request, split and percent-decoded exactly once.
///
/// Only `%XX` escapes are decoded (a `+` stays a `+`, as the Huawei SDKs send spaces as `%20`);
/// repeated keys are kept in order, and a key without `=` has the empty value.
public struct QueryParameters: Sendable {
    /// The decoded `(name, value)` pairs in request order.
    public let pairs: [(String, String)]

    /// Parses a raw query string (without the leading `?`); nil or empty gives no parameters.
    public init(rawQuery: String?) {
        guard let rawQuery, !rawQuery.isEmpty else {
            pairs = []
            return
        }
        var out: [(String, String)] = []
        for item in rawQuery.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let eq = item.firstIndex(of: UInt8(ascii: "=")) {
                out.append((Self.decode(item[item.startIndex..<eq]), Self.decode(item[item.index(after: eq)...])))
            } else {
                out.append((Self.decode(item), ""))
            }
        }
        pairs = out
    }

    /// Creates parameters from decoded pairs.
    public init(pairs: [(String, String)]) {
        self.pairs = pairs
    }

    /// The first value of `name`, or nil when absent.
    public subscript(name: String) -> String? {
        pairs.first(where: { $0.0 == name })?.1
    }

    /// Percent-decodes `%XX` escapes; a `%` not followed by two hex digits is kept literally.
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        guard input.contains(UInt8(ascii: "%")) else { return String(decoding: input, as: UTF8.self) }
        return String(decoding: AKSKSigner.percentDecode(input), as: UTF8.self)
    }

    /// Percent-decodes a path segment (router parameters arrive still encoded).
    static func decodePathSegment(_ text: String) -> String {
        decode(Array(text.utf8))
    }
}
