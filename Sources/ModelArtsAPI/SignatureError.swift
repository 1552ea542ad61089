/// Why an AK/SK-signed request was rejected, with API Gateway style codes and messages.
public struct SignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure kinds.
    public enum Code: Sendable, Equatable, Hashable {
        /// No `Authorization` header.
        case missingAuthorization
        /// `Authorization` is not `SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...`.
        case malformedAuthorization
        /// The access key is not known.
        case unknownAccessKey
        /// A header named in `SignedHeaders` is absent (or `x-sdk-date` is not signed).
        case missingSignedHeader(String)
        /// `X-Sdk-Date` is absent or not `yyyyMMdd'T'HHmmss'Z'`.
        case missingDate
        /// `X-Sdk-Date` is too far from the server clock.
        case dateSkew
        /// The signature does not match.
        case signatureMismatch
    }

    /// The failure kind.
    public var code: Code
    /// The APIG-style message, e.g. `Incorrect IAM authentication information: verify aksk signature fail`.
    public var message: String
    /// On a signature mismatch, the canonical request the server computed (APIG echoes it for debugging).
    public var canonicalRequest: String?

    /// Creates an error; the message defaults to the APIG wording for `code`.
    public init(_ code: Code, message: String? = nil, canonicalRequest: String? = nil) {
        self.code = code
        self.message = message ?? Self.defaultMessage(code)
        self.canonicalRequest = canonicalRequest
    }

    /// `APIGW.0303` for date skew, `APIGW.0301` for every other signature/auth problem.
    public var apigErrorCode: String { code == .dateSkew ? "APIGW.0303" : "APIGW.0301" }

    /// The HTTP status APIG answers with (401).
    public var httpStatus: Int { 401 }

    /// `APIGW.0301: Incorrect IAM authentication information: verify aksk signature fail`.
    public var description: String { "\(apigErrorCode): \(message)" }

    /// The APIG error body: `{"error_msg": ..., "error_code": ..., "request_id": ...}`.
    public func responseBody(requestID: String) -> JSONValue {
        .object([
            (key: "error_msg", value: .string(message)),
            (key: "error_code", value: .string(apigErrorCode)),
            (key: "request_id", value: .string(requestID)),
        ])
    }

    static func defaultMessage(_ code: Code) -> String {
        let iam = "Incorrect IAM authentication information: "
        switch code {
        case .missingAuthorization:
            return iam + "authorization header not found"
        case .malformedAuthorization:
            return iam + "verify aksk signature fail, invalid authorization header"
        case .unknownAccessKey:
            return iam + "verify aksk signature fail, access key not found"
        case .missingSignedHeader(let name):
            return iam + "verify aksk signature fail, signed header '\(name)' not found"
        case .missingDate:
            return iam + "x-sdk-date not found or invalid"
        case .dateSkew:
            return "Incorrect app authentication information: the x-sdk-date differs from the server time by more than 15 minutes"
        case .signatureMismatch:
            return iam + "verify aksk signature fail"
        }
    }
}
