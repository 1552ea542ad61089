import Foundation

/// Server-side verification of `SDK-HMAC-SHA256` signed requests (for the replay server).
public struct AKSKVerifier: Sendable {
    /// Known credentials: access key → secret key.
    public let credentials: [String: String]
    /// How far `X-Sdk-Date` may be from the server clock (APIG allows 15 minutes).
    public let maxSkew: TimeInterval

    /// Creates a verifier for the given AK → SK table.
    public init(credentials: [String: String], maxSkew: TimeInterval = 15 * 60) {
        self.credentials = credentials
        self.maxSkew = maxSkew
    }

    /// The parsed parts of an `Authorization: SDK-HMAC-SHA256 ...` header.
    public struct ParsedAuthorization: Sendable, Equatable {
        /// `Access=`.
        public var accessKey: String
        /// `SignedHeaders=`, split on `;` and lowercased, in the client's order.
        public var signedHeaders: [String]
        /// `Signature=`.
        public var signature: String

        /// Creates parsed authorization parts.
        public init(accessKey: String, signedHeaders: [String], signature: String) {
            self.accessKey = accessKey
            self.signedHeaders = signedHeaders
            self.signature = signature
        }
    }

    /// Parses `SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...`; nil when malformed.
    public static func parseAuthorization(_ value: String) -> ParsedAuthorization? {
        let trimmed = JSONValue.trimmed(value)
        guard let space = trimmed.firstIndex(of: " "),
            trimmed[..<space] == Substring(AKSKSigner.algorithm)
        else { return nil }
        var access: String?
        var signed: String?
        var signature: String?
        for part in trimmed[trimmed.index(after: space)...].split(separator: ",") {
            let item = JSONValue.trimmed(String(part))
            guard let eq = item.firstIndex(of: "=") else { return nil }
            let name = item[..<eq].lowercased()
            let content = String(item[item.index(after: eq)...])
            switch name {
            case "access": access = content
            case "signedheaders": signed = content
            case "signature": signature = content
            default: continue
            }
        }
        guard let access, !access.isEmpty, let signed, !signed.isEmpty, let signature, !signature.isEmpty else {
            return nil
        }
        let names = signed.split(separator: ";", omittingEmptySubsequences: false).map { $0.lowercased() }
        guard !names.contains(where: \.isEmpty) else { return nil }
        return ParsedAuthorization(accessKey: access, signedHeaders: names, signature: signature)
    }

    /// Verifies a received request: parses `Authorization: SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...`, rebuilds the canonical request from the client's SignedHeaders list (values looked up case-insensitively among the request headers), checks X-Sdk-Date within `maxSkew` (default 15 min) of `now`, compares signatures in constant time.
    public func verify(_ request: SigningRequest, now: Date) -> Result<String, SignatureError> {
        guard let header = request.header("Authorization") else {
            return .failure(SignatureError(.missingAuthorization))
        }
        guard let auth = Self.parseAuthorization(header) else {
            return .failure(SignatureError(.malformedAuthorization))
        }
        guard let secretKey = credentials[auth.accessKey] else {
            return .failure(SignatureError(.unknownAccessKey))
        }
        guard let dateText = request.header("X-Sdk-Date"), let date = AKSKSigner.parseSDKDate(JSONValue.trimmed(dateText))
        else {
            return .failure(SignatureError(.missingDate))
        }
        guard auth.signedHeaders.contains("x-sdk-date") else {
            return .failure(
                SignatureError(
                    .missingSignedHeader("x-sdk-date"),
                    message: "Incorrect IAM authentication information: verify aksk signature fail, x-sdk-date is not signed"
                ))
        }
        for name in auth.signedHeaders where request.header(name) == nil {
            return .failure(SignatureError(.missingSignedHeader(name)))
        }
        guard abs(date.timeIntervalSince(now)) <= maxSkew else {
            return .failure(SignatureError(.dateSkew))
        }
        let canonical = AKSKSigner.canonicalRequest(request, signedHeaders: auth.signedHeaders)
        let toSign = AKSKSigner.stringToSign(canonicalRequest: canonical, sdkDate: JSONValue.trimmed(dateText))
        let expected = AKSKSigner.signature(stringToSign: toSign, secretKey: secretKey)
        guard Self.constantTimeEqual(Array(expected.utf8), Array(auth.signature.lowercased().utf8)) else {
            return .failure(SignatureError(.signatureMismatch, canonicalRequest: canonical))
        }
        return .success(auth.accessKey)
    }

    /// Compares two byte strings without an early exit on the first difference.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count {
            diff |= a[i] ^ b[i]
        }
        return diff == 0
    }
}
