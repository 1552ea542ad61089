import Foundation
import ModelArtsAPI

/// Where a ModelArts project's v1 API lives.
public struct ModelArtsEndpoint: Sendable, Equatable {
    /// Scheme, host, port and optional path prefix, without a trailing slash.
    public private(set) var baseURL: String
    /// Whether plain http to a non-loopback host was allowed (`--insecure-http`).
    public private(set) var allowsInsecureHTTP: Bool
    /// The project id in `/v1/{project_id}/…`.
    public var projectID: String
    /// The IAM endpoint for the password flow (derived from a region, or given).
    public var iamURL: String?

    /// An endpoint from a base URL; plain http is allowed only on loopback unless `allowInsecureHTTP`.
    ///
    /// - Throws: ``ModelArtsClientError`` (`.invalidArgument`) for a URL that does not parse, has no host, carries
    ///   credentials or a scheme other than http(s); plain http to a host that is not loopback without
    ///   `allowInsecureHTTP`; an IAM URL that is not http(s); a project id of other than letters, digits, `-`, `_`.
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
        if scheme == "http", !allowInsecureHTTP, !LoopbackHost.isLoopback(host) {
            throw ModelArtsClientError(
                .invalidArgument,
                "refusing plain http to \(host): credentials would cross the network in clear text; use https, a loopback address (127.0.0.1, ::1, localhost), or pass --insecure-http")
        }
        if let iamURL {
            guard let iam = URLComponents(string: iamURL), let iamScheme = iam.scheme?.lowercased(), let iamHost = iam.host, !iamHost.isEmpty,
                iamScheme == "https" || iamScheme == "http"
            else {
                throw ModelArtsClientError(.invalidArgument, "the IAM endpoint '\(iamURL)' is not an http(s) URL")
            }
            if iamScheme == "http", !allowInsecureHTTP, !LoopbackHost.isLoopback(iamHost) {
                throw ModelArtsClientError(
                    .invalidArgument,
                    "refusing plain http to the IAM endpoint \(iamHost): the password would cross the network in clear text; use https or pass --insecure-http")
            }
        }
        guard ModelArtsEndpoint.isValidProjectID(projectID) else {
            throw ModelArtsClientError(.invalidArgument, "--project-id '\(projectID)' is not a project id (letters, digits, - and _)")
        }
        var base = "\(scheme)://\(host.contains(":") ? "[\(host)]" : host)"
        if let port = comps.port { base += ":\(port)" }
        base += comps.path.hasSuffix("/") ? String(comps.path.dropLast()) : comps.path
        self.baseURL = base
        self.allowsInsecureHTTP = allowInsecureHTTP
        self.projectID = projectID
        self.iamURL = iamURL
    }

    /// Throws unless requests may go to `url`: https, or plain http to loopback, or `--insecure-http`.
    ///
    /// Checked by every sender before a connection is made, so no credential travels in clear text to a
    /// look-alike host even when an endpoint was built some other way.
    ///
    /// - Throws: ``ModelArtsClientError`` (`.invalidArgument`) naming the URL and why it is refused.
    public func requireSafeTransport(_ url: String) throws(ModelArtsClientError) {
        guard let comps = URLComponents(string: url), let scheme = comps.scheme?.lowercased() else {
            throw ModelArtsClientError(.invalidArgument, "not a URL: \(url)")
        }
        if scheme == "https" { return }
        let host = comps.host ?? ""
        guard scheme == "http", allowsInsecureHTTP || LoopbackHost.isLoopback(host) else {
            throw ModelArtsClientError(
                .invalidArgument,
                "refusing plain http to \(host): credentials would cross the network in clear text; use https, a loopback address (127.0.0.1, ::1, localhost), or pass --insecure-http")
        }
    }

    /// The public endpoints of a Huawei Cloud region (e.g. `cn-north-4`).
    ///
    /// - Throws: ``ModelArtsClientError`` (`.invalidArgument`) for a region that is not a region name like
    ///   `cn-north-4`, or a project id of other than letters, digits, `-` and `_`.
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

    /// Whether a host name is a loopback address (the package's one strict test, ``LoopbackHost``).
    public static func isLoopback(_ host: String) -> Bool {
        LoopbackHost.isLoopback(host)
    }

    /// Whether the base URL's host is loopback.
    public var isLoopback: Bool {
        LoopbackHost.isLoopback(URLComponents(string: baseURL)?.host ?? "")
    }

    static func isValidProjectID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 128 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
