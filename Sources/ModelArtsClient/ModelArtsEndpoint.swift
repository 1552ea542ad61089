import Foundation

/// Where a ModelArts project's v1 API lives.
public struct ModelArtsEndpoint: Sendable, Equatable {
    /// Scheme, host, port and optional path prefix, without a trailing slash.
    public var baseURL: String
    /// The project id in `/v1/{project_id}/…`.
    public var projectID: String
    /// The IAM endpoint for the password flow (derived from a region, or given).
    public var iamURL: String?

    /// An endpoint from a base URL; plain http is allowed only on loopback unless `allowInsecureHTTP`.
    public init(url: String, projectID: String, allowInsecureHTTP: Bool = false, iamURL: String? = nil) throws(ModelArtsClientError) {
        guard let comps = URLComponents(string: url), let scheme = comps.scheme?.lowercased(), let host = comps.host, !host.isEmpty else {
            throw ModelArtsClientError(.invalidArgument, "--endpoint '\(url)' is not a URL like https://modelarts.cn-north-4.myhuaweicloud.com")
        }
        guard comps.user == nil, comps.password == nil else {
            throw ModelArtsClientError(.invalidArgument, "--endpoint must not carry credentials; use --token, AK/SK or the environment")
        }
        guard scheme == "https" || scheme == "http" else {
            throw ModelArtsClientError(.invalidArgument, "--endpoint must be http or https, not \(scheme)")
        }
        if scheme == "http", !allowInsecureHTTP, !ModelArtsEndpoint.isLoopback(host) {
            throw ModelArtsClientError(.invalidArgument, "--endpoint uses plain http to \(host); only loopback may use http (pass --insecure-http to override)")
        }
        guard ModelArtsEndpoint.isValidProjectID(projectID) else {
            throw ModelArtsClientError(.invalidArgument, "--project-id '\(projectID)' is not a project id (letters, digits, - and _)")
        }
        var base = "\(scheme)://\(host.contains(":") ? "[\(host)]" : host)"
        if let port = comps.port { base += ":\(port)" }
        base += comps.path.hasSuffix("/") ? String(comps.path.dropLast()) : comps.path
        self.baseURL = base
        self.projectID = projectID
        self.iamURL = iamURL
    }

    /// The public endpoints of a Huawei Cloud region (e.g. `cn-north-4`).
    public init(region: String, projectID: String) throws(ModelArtsClientError) {
        guard !region.isEmpty, region.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw ModelArtsClientError(.invalidArgument, "--region '\(region)' is not a region name like cn-north-4")
        }
        try self.init(
            url: "https://modelarts.\(region).myhuaweicloud.com", projectID: projectID,
            iamURL: "https://iam.\(region).myhuaweicloud.com")
    }

    /// The URL's host as a `Host` header value (`host[:port]`, default ports omitted).
    public var hostHeader: String {
        guard let comps = URLComponents(string: baseURL), let host = comps.host else { return "" }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        if let port = comps.port, !(comps.scheme == "https" && port == 443), !(comps.scheme == "http" && port == 80) {
            return "\(bracketed):\(port)"
        }
        return bracketed
    }

    /// The path prefix of the base URL ("" for none).
    public var pathPrefix: String { URLComponents(string: baseURL)?.path ?? "" }

    /// Whether a host name is a loopback address.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }

    static func isValidProjectID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 128 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
