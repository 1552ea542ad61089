/// How the client authenticates. Never stored, logged or printed.
public enum ClientCredentials: Sendable {
    /// No authentication (a local replay server without auth).
    case none
    /// An IAM token sent as `X-Auth-Token`.
    case token(String)
    /// AK/SK request signing (`SDK-HMAC-SHA256`).
    case accessKey(ak: String, sk: String)
    /// The IAM password flow: a project-scoped token fetched from IAM and renewed before it expires.
    case password(user: String, password: String, domain: String, projectName: String?)

    /// Credentials from the environment, in this order: `MODELARTS_TOKEN`; `HUAWEICLOUD_SDK_AK` and
    /// `HUAWEICLOUD_SDK_SK`; `MODELARTS_USERNAME`, `MODELARTS_PASSWORD`, `MODELARTS_DOMAIN` (and optional
    /// `MODELARTS_PROJECT_NAME`). Nil when none is set.
    public static func fromEnvironment(_ env: [String: String]) -> ClientCredentials? {
        if let token = env["MODELARTS_TOKEN"], !token.isEmpty { return .token(token) }
        if let ak = env["HUAWEICLOUD_SDK_AK"], let sk = env["HUAWEICLOUD_SDK_SK"], !ak.isEmpty, !sk.isEmpty {
            return .accessKey(ak: ak, sk: sk)
        }
        if let user = env["MODELARTS_USERNAME"], let password = env["MODELARTS_PASSWORD"], !user.isEmpty, !password.isEmpty {
            return .password(user: user, password: password, domain: env["MODELARTS_DOMAIN"] ?? user, projectName: env["MODELARTS_PROJECT_NAME"])
        }
        return nil
    }

    /// A description safe to print: the kind only.
    public var kind: String {
        switch self {
        case .none: return "none"
        case .token: return "IAM token"
        case .accessKey: return "AK/SK"
        case .password: return "IAM password"
        }
    }
}
