import Foundation
import ModelArtsAPI

/// Checks a request's credentials: an `X-Auth-Token` from the configured set, or an `SDK-HMAC-SHA256` signature.
///
/// Failures are answered like API Gateway: 401 with `APIGW.0301` (or `APIGW.0303` for a date more
/// than 15 minutes off) and a message saying what was wrong.
public struct ReplayAuthenticator: Sendable {
    /// Accepted `X-Auth-Token` values.
    public let tokens: [String]
    /// AK → SK pairs accepted for signatures.
    public let credentials: [String: String]
    /// How far `X-Sdk-Date` may be from the server clock.
    public let maxSkew: TimeInterval

    /// Creates an authenticator; with no tokens and no credentials every request passes.
    public init(tokens: [String], credentials: [String: String], maxSkew: TimeInterval = 15 * 60) {
        self.tokens = tokens
        self.credentials = credentials
        self.maxSkew = maxSkew
    }

    /// Whether any authentication is configured.
    public var isEnabled: Bool { !tokens.isEmpty || !credentials.isEmpty }

    /// Checks a request; `request` carries its headers (with `Host`), decoded query and body.
    public func check(_ request: SigningRequest, now: Date) -> Result<Void, ReplayAPIError> {
        guard isEnabled else { return .success(()) }
        let authorization = request.header("Authorization")
        if let authorization, authorization.hasPrefix(AKSKSigner.algorithm) {
            guard !credentials.isEmpty else {
                return .failure(.unauthorized(
                    code: "APIGW.0301",
                    message: "Incorrect IAM authentication information: AK/SK signatures are not accepted by this server; send X-Auth-Token"))
            }
            switch AKSKVerifier(credentials: credentials, maxSkew: maxSkew).verify(request, now: now) {
            case .success: return .success(())
            case .failure(let error): return .failure(.unauthorized(code: error.apigErrorCode, message: error.message))
            }
        }
        if let token = request.header("X-Auth-Token") {
            guard !tokens.isEmpty else {
                return .failure(.unauthorized(
                    code: "APIGW.0301",
                    message: "Incorrect IAM authentication information: tokens are not accepted by this server; sign the request with AK/SK"))
            }
            let given = Array(token.utf8)
            var matched = false
            for candidate in tokens where Self.constantTimeEqual(Array(candidate.utf8), given) {
                matched = true
            }
            return matched
                ? .success(())
                : .failure(.unauthorized(code: "APIGW.0301", message: "Incorrect IAM authentication information: decrypt token fail"))
        }
        if authorization != nil {
            return .failure(.unauthorized(
                code: "APIGW.0301", message: "Incorrect IAM authentication information: verify aksk signature fail, invalid authorization header"))
        }
        let missing = tokens.isEmpty ? "authorization header not found" : "x-auth-token not found"
        return .failure(.unauthorized(code: "APIGW.0301", message: "Incorrect IAM authentication information: \(missing)"))
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
