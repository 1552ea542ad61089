import Foundation
import ModelArtsAPI

/// The known-answer vectors of `/work/shared/testdata/aksk-sha256-vectors.json`, decoded with `RawJSON`.
struct AKSKVectorFile {
    struct Vector {
        var index: Int
        var method: String
        var host: String
        var path: String
        var query: [(String, String)]
        var headersIn: [(String, String)]
        var body: String
        var expectedAuthorization: String
        var expectedSignedHeadersSent: [(String, String)]
        var expectedRequestURI: String

        /// The request as the SDK sends it: headers_in plus Host (signed by the caller), no Authorization.
        var request: SigningRequest {
            SigningRequest(
                method: method, path: path, query: query, headers: headersIn + [("Host", host)],
                body: Array(body.utf8))
        }

        /// The request with the expected Authorization header attached.
        var signedRequest: SigningRequest {
            var r = request
            r.headers.append(("Authorization", expectedAuthorization))
            return r
        }

        var sdkDate: String { headersIn.first(where: { $0.0 == "X-Sdk-Date" })?.1 ?? "" }
    }

    var algorithm: String
    var ak: String
    var sk: String
    var vectors: [Vector]

    enum LoadError: Error { case missing(String) }

    static func load() throws -> AKSKVectorFile {
        let data = try Data(contentsOf: TestSupport.vectorsURL())
        let root = try RawJSON.parse(data)
        func str(_ v: JSONValue?, _ what: String) throws -> String {
            guard let s = v?.string else { throw LoadError.missing(what) }
            return s
        }
        func pairs(_ v: JSONValue?) -> [(String, String)] {
            if let object = v?.object { return object.map { ($0.key, $0.value.string ?? "") } }
            return (v?.array ?? []).compactMap { pair in
                guard let items = pair.array, items.count == 2, let k = items[0].string, let val = items[1].string else {
                    return nil
                }
                return (k, val)
            }
        }
        var vectors: [Vector] = []
        for (index, v) in (root["vectors"]?.array ?? []).enumerated() {
            vectors.append(
                Vector(
                    index: index,
                    method: try str(v["method"], "method"),
                    host: try str(v["host"], "host"),
                    path: try str(v["path"], "path"),
                    query: pairs(v["query"]),
                    headersIn: pairs(v["headers_in"]),
                    body: try str(v["body"], "body"),
                    expectedAuthorization: try str(v["expected_authorization"], "expected_authorization"),
                    expectedSignedHeadersSent: pairs(v["expected_signed_headers_sent"]),
                    expectedRequestURI: try str(v["expected_request_uri"], "expected_request_uri")))
        }
        return AKSKVectorFile(
            algorithm: try str(root["algorithm"], "algorithm"), ak: try str(root["ak"], "ak"),
            sk: try str(root["sk"], "sk"), vectors: vectors)
    }
}
