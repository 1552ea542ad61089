/// A v1 error envelope: `{"is_success": false, "error_code": "ModelArts.0105", "error_message": "..."}`.
///
/// The message is read from `error_message`, else `error_msg`, else `message`; the code from
/// `error_code`, else `code`.
public struct V1Error: Error, Sendable, Equatable, Decodable, CustomStringConvertible {
    /// `error_code`, e.g. `ModelArts.0105` or `APIGW.0301`.
    public var errorCode: String?
    /// `error_message` / `error_msg` / `message`.
    public var errorMessage: String?

    /// Creates an error value.
    public init(errorCode: String?, errorMessage: String?) {
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }

    /// Decodes leniently; throws when `json` is not an object.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }

    private enum CodingKeys: CodingKey { case errorCode, code, errorMessage, errorMsg, message }

    /// Takes the first of the alternative keys present with a usable value.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        errorCode = try c.decodeIfPresent(String.self, forKey: .errorCode) ?? c.decodeIfPresent(String.self, forKey: .code)
        errorMessage =
            try c.decodeIfPresent(String.self, forKey: .errorMessage) ?? c.decodeIfPresent(String.self, forKey: .errorMsg)
            ?? c.decodeIfPresent(String.self, forKey: .message)
    }

    /// The error of a response body, when `is_success` is false or `error_code` is present; nil otherwise.
    public static func detect(_ json: JSONValue) -> V1Error? {
        guard case .object = json else { return nil }
        let failed = json["is_success"]?.bool == false
        let hasCode = json["error_code"].map { !$0.isNull } ?? false
        // try?: V1Error(json:) throws only for a non-object, excluded just above.
        guard failed || hasCode, let error = try? V1Error(json: json) else { return nil }
        return error
    }

    /// `ModelArts.0105: Error string`.
    public var description: String {
        "\(errorCode ?? "unknown error code"): \(errorMessage ?? "no message")"
    }
}
