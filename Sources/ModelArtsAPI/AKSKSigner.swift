import Crypto
import Foundation

/// Huawei Cloud `SDK-HMAC-SHA256` request signing (the AK/SK scheme of API Gateway).
public struct AKSKSigner: Sendable {
    /// The algorithm name that prefixes the `Authorization` header and the string to sign.
    public static let algorithm = "SDK-HMAC-SHA256"
    /// The SHA-256 of an empty body.
    public static let emptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The access key (AK), sent in the clear.
    public let accessKey: String
    let secretKey: String

    /// Creates a signer for one AK/SK pair.
    public init(accessKey: String, secretKey: String) {
        self.accessKey = accessKey
        self.secretKey = secretKey
    }

    /// Returns the `Authorization` header value for `request`.
    ///
    /// The request should already carry `X-Sdk-Date` (use `signed(_:date:signedHeaders:)` to add it);
    /// without one the date in the string to sign is empty. Host handling is the caller's: pass `Host`
    /// in the headers to sign it. Default signed headers: every header except `Authorization` and
    /// names containing `_` (the Python SDK rule, which the known-answer vectors follow; the Go SDK
    /// also skips `Content-Type*`; pass `signedHeaders` to choose).
    public func authorization(for request: SigningRequest, signedHeaders: [String]? = nil) -> String {
        let names = Self.normalizedSignedHeaders(signedHeaders ?? Self.defaultSignedHeaders(request))
        let canonical = Self.canonicalRequest(request, signedHeaders: names)
        let toSign = Self.stringToSign(canonicalRequest: canonical, sdkDate: request.header("X-Sdk-Date") ?? "")
        let signature = Self.signature(stringToSign: toSign, secretKey: secretKey)
        return Self.authorizationHeader(accessKey: accessKey, signedHeaders: names, signature: signature)
    }

    /// Returns `request` with `X-Sdk-Date` (from `date`, if absent) and `Authorization` headers added.
    public func signed(_ request: SigningRequest, date: Date = Date(), signedHeaders: [String]? = nil) -> SigningRequest {
        var copy = request
        copy.headers.removeAll(where: { $0.0.lowercased() == "authorization" })
        if copy.header("X-Sdk-Date") == nil {
            copy.headers.append(("X-Sdk-Date", Self.formatSDKDate(date)))
        }
        copy.headers.append(("Authorization", authorization(for: copy, signedHeaders: signedHeaders)))
        return copy
    }

    // MARK: - Building blocks

    /// The six-part canonical request; `signedHeaders` are used in the given order (lowercased).
    public static func canonicalRequest(_ request: SigningRequest, signedHeaders: [String]) -> String {
        let names = signedHeaders.map { $0.lowercased() }
        var headerLines = ""
        for name in names {
            headerLines += name + ":" + trimmedHeaderValue(request.header(name) ?? "") + "\n"
        }
        let payloadHash = request.header("X-Sdk-Content-Sha256") ?? hexSHA256(request.body)
        return [
            request.method.uppercased(),
            canonicalURI(request.path),
            canonicalQueryString(request.query),
            headerLines,
            names.joined(separator: ";"),
            payloadHash,
        ].joined(separator: "\n")
    }

    /// `SDK-HMAC-SHA256\n{sdkDate}\n{hex(sha256(canonicalRequest))}`.
    public static func stringToSign(canonicalRequest: String, sdkDate: String) -> String {
        algorithm + "\n" + sdkDate + "\n" + hexSHA256(Array(canonicalRequest.utf8))
    }

    /// Sorted (by key, then value, byte order), encoded `k=v` pairs joined with `&`.
    public static func canonicalQueryString(_ query: [(String, String)]) -> String {
        let sorted = query.sorted { a, b in
            if a.0 != b.0 { return a.0.utf8.lexicographicallyPrecedes(b.0.utf8) }
            return a.1.utf8.lexicographicallyPrecedes(b.1.utf8)
        }
        return sorted.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    /// Each path segment percent-decoded then re-encoded, rejoined with `/`, with a trailing `/` ensured.
    public static func canonicalURI(_ path: String) -> String {
        let segments = Array(path.utf8).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var uri = segments.map { encode(bytes: percentDecode(Array($0))) }.joined(separator: "/")
        if !uri.hasSuffix("/") { uri += "/" }
        return uri
    }

    /// The request target the SDK sends: the raw path plus `?` and the canonical query string (when any).
    public static func requestURI(_ request: SigningRequest) -> String {
        let query = canonicalQueryString(request.query)
        return query.isEmpty ? request.path : request.path + "?" + query
    }

    /// RFC 3986 encoding: `A–Z a–z 0–9 - _ . ~` kept, every other UTF-8 byte as uppercase `%XX`.
    public static func encode(_ s: String) -> String {
        encode(bytes: Array(s.utf8))
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC, e.g. `20191115T033655Z`.
    public static func formatSDKDate(_ date: Date) -> String {
        SDKDate.format(epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// Parses an `X-Sdk-Date` value; nil unless it is exactly `yyyyMMdd'T'HHmmss'Z'`.
    public static func parseSDKDate(_ text: String) -> Date? {
        SDKDate.parse(text).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// Lowercase hex HMAC-SHA256 of the string to sign, keyed with the SK's UTF-8 bytes.
    public static func signature(stringToSign: String, secretKey: String) -> String {
        let key = SymmetricKey(data: Array(secretKey.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        return hex(Array(mac))
    }

    /// `SDK-HMAC-SHA256 Access={ak}, SignedHeaders={a;b}, Signature={hex}`.
    public static func authorizationHeader(accessKey: String, signedHeaders: [String], signature: String) -> String {
        "\(algorithm) Access=\(accessKey), SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
    }

    /// Lowercase hex SHA-256 of `bytes`.
    public static func hexSHA256(_ bytes: [UInt8]) -> String {
        hex(Array(SHA256.hash(data: bytes)))
    }

    // MARK: - Helpers

    static func defaultSignedHeaders(_ request: SigningRequest) -> [String] {
        request.headers.map { $0.0.lowercased() }.filter { !$0.contains("_") && $0 != "authorization" }
    }

    /// Lowercased, de-duplicated, sorted.
    static func normalizedSignedHeaders(_ names: [String]) -> [String] {
        Array(Set(names.map { $0.lowercased() })).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static func trimmedHeaderValue(_ value: String) -> String {
        JSONValue.trimmed(value)
    }

    static func encode(bytes: [UInt8]) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for b in bytes {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` sequences; malformed ones are kept literally.
    public static func percentDecode(_ bytes: [UInt8]) -> [UInt8] {
        func hexValue(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
                let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2])
            {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let hexDigits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
