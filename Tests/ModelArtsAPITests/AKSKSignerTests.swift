import Foundation
import ModelArtsAPI
import Testing

@Suite("SDK-HMAC-SHA256 signing")
struct AKSKSignerTests {
    @Test("every vector of aksk-sha256-vectors.json: Authorization, headers sent, request URI")
    func vectorFile() throws {
        let file = try AKSKVectorFile.load()
        #expect(file.algorithm == AKSKSigner.algorithm)
        #expect(file.vectors.count == 6)
        let signer = AKSKSigner(accessKey: file.ak, secretKey: file.sk)
        for v in file.vectors {
            #expect(signer.authorization(for: v.request) == v.expectedAuthorization, "vector \(v.index)")
            // signed(_:) keeps the given X-Sdk-Date and sends exactly the expected headers.
            let sent = signer.signed(v.request, date: Date(timeIntervalSince1970: 0))
            let sentHeaders = Dictionary(uniqueKeysWithValues: sent.headers.map { ($0.0, $0.1) })
            let expectedHeaders = Dictionary(uniqueKeysWithValues: v.expectedSignedHeadersSent.map { ($0.0, $0.1) })
            #expect(sentHeaders == expectedHeaders, "vector \(v.index)")
            #expect(AKSKSigner.requestURI(v.request) == v.expectedRequestURI, "vector \(v.index)")
        }
    }

    @Test("V1: Go SDK test1 (underscore header unsigned)")
    func goTest1() {
        let request = SigningRequest(
            method: "GET", path: "/path", query: [("limit", "1")],
            headers: [("X-Sdk-Date", "20060102T150405Z"), ("TEST_UNDERSCORE", "TEST_VALUE")])
        let canonical = AKSKSigner.canonicalRequest(request, signedHeaders: ["x-sdk-date"])
        #expect(canonical == "GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(AKSKSigner.stringToSign(canonicalRequest: canonical, sdkDate: "20060102T150405Z")
            == "SDK-HMAC-SHA256\n20060102T150405Z\n85c3b7730f308aee452b16138a42a914397e43a8f0d732dfa521c0ef2afa98a4")
        #expect(AKSKSigner(accessKey: "AccessKey", secretKey: "SecretKey").authorization(for: request)
            == "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624")
    }

    @Test("V2: Go SDK test2 (body with trailing newline, Content-Type unsigned)")
    func goTest2() {
        let request = SigningRequest(
            method: "POST", path: "/path", query: [("key", "value")],
            headers: [("X-Sdk-Date", "20060102T150405Z"), ("TEST_UNDERSCORE", "TEST_VALUE"), ("Content-Type", "application/json")],
            body: Array("{\"Name\":\"test\",\"Id\":1}\n".utf8))
        let canonical = AKSKSigner.canonicalRequest(request, signedHeaders: ["x-sdk-date"])
        #expect(canonical == "POST\n/path/\nkey=value\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\na29d7b4c5efd1a22011d69fd7b7aee76fe51e4083c609244228de258afd61289")
        #expect(AKSKSigner.stringToSign(canonicalRequest: canonical, sdkDate: "20060102T150405Z")
            == "SDK-HMAC-SHA256\n20060102T150405Z\n13f75ff5f5216199f986c7e7f2f77834d5e160ad9e46f37319816dc72ba7eeab")
        #expect(AKSKSigner(accessKey: "AccessKey", secretKey: "SecretKey").authorization(for: request, signedHeaders: ["x-sdk-date"])
            == "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59")
    }

    @Test("V3 and V4: Python SDK test_signer1/2 (Host signed)")
    func pythonTests() {
        let signer = AKSKSigner(accessKey: "AccessKey", secretKey: "SecretKey")
        var request = SigningRequest(
            method: "GET", path: "/resources", query: [("size", "1")],
            headers: [("X-Sdk-Date", "20200608T023900Z"), ("TEST_UNDERSCORE", "TEST_VALUE"), ("Host", "service.endpoint.myhuaweicloud.com")])
        let canonical = AKSKSigner.canonicalRequest(request, signedHeaders: ["host", "x-sdk-date"])
        #expect(canonical == "GET\n/resources/\nsize=1\nhost:service.endpoint.myhuaweicloud.com\nx-sdk-date:20200608T023900Z\n\nhost;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(AKSKSigner.stringToSign(canonicalRequest: canonical, sdkDate: "20200608T023900Z")
            == "SDK-HMAC-SHA256\n20200608T023900Z\nde94dd1e1ccdb730b403ce35d7e14f7c7b04337f6def1c3a3a2ba936852b133f")
        #expect(signer.authorization(for: request)
            == "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842")

        request.method = "POST"
        request.body = Array(#"{"name":"test","id":1}"#.utf8)
        #expect(AKSKSigner.hexSHA256(request.body) == "8ed555081b9961769014bc1182c629bb0fe68d7b01c1fc1caab4dc791f377e8c")
        let canonical4 = AKSKSigner.canonicalRequest(request, signedHeaders: ["host", "x-sdk-date"])
        #expect(AKSKSigner.stringToSign(canonicalRequest: canonical4, sdkDate: "20200608T023900Z")
            == "SDK-HMAC-SHA256\n20200608T023900Z\n2b1b2515e48cb55e043ff2ec5b93d3f13ec287e1da1d7a2e4e14b0611a341969")
        #expect(signer.authorization(for: request)
            == "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f")
    }

    @Test("V5: API signing guide worked example")
    func signingGuide() {
        let request = SigningRequest(
            method: "GET", path: "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
            query: [("marker", "13551d6b-755d-4757-b956-536f674975c0"), ("limit", "2")],
            headers: [("Content-Type", "application/json"), ("Host", "service.region.example.com"), ("X-Sdk-Date", "20191115T033655Z")])
        let canonical = AKSKSigner.canonicalRequest(request, signedHeaders: ["content-type", "host", "x-sdk-date"])
        #expect(canonical == "GET\n/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\nlimit=2&marker=13551d6b-755d-4757-b956-536f674975c0\ncontent-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n\ncontent-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(AKSKSigner.hexSHA256(Array(canonical.utf8)) == "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a")
        #expect(AKSKSigner(accessKey: "QTWAOYTTINDUT2QVKYUC", secretKey: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc").authorization(for: request)
            == "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe")
    }

    @Test("V6: canonical query-string encoding")
    func queryEncoding() {
        let query: [(String, String)] = [
            ("limit", "1"), ("enable", "true"), ("test", "一 (&=?!#%.*)"), ("path", "/tmp/123"),
            ("multi", "3"), ("multi", "1"), ("multi", "2"),
        ]
        #expect(AKSKSigner.canonicalQueryString(query)
            == "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29")
        #expect(AKSKSigner.canonicalQueryString([]) == "")
    }

    @Test("encoding, canonical URI and SDK dates")
    func helpers() {
        #expect(AKSKSigner.encode("AZaz09-_.~") == "AZaz09-_.~")
        #expect(AKSKSigner.encode("a b/é+") == "a%20b%2F%C3%A9%2B")
        #expect(AKSKSigner.canonicalURI("") == "/")
        #expect(AKSKSigner.canonicalURI("/") == "/")
        #expect(AKSKSigner.canonicalURI("/v1/p/training-job-configs/my config") == "/v1/p/training-job-configs/my%20config/")
        #expect(AKSKSigner.canonicalURI("/v1/p/training-job-configs/my%20config/") == "/v1/p/training-job-configs/my%20config/")
        #expect(AKSKSigner.canonicalURI("/a/%zz/%41") == "/a/%25zz/A/")
        #expect(AKSKSigner.formatSDKDate(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        #expect(AKSKSigner.formatSDKDate(Date(timeIntervalSince1970: 1_573_788_615.9)) == "20191115T033015Z")
        #expect(AKSKSigner.formatSDKDate(Date(timeIntervalSince1970: 951_782_400)) == "20000229T000000Z")
        #expect(AKSKSigner.parseSDKDate("20191115T033015Z") == Date(timeIntervalSince1970: 1_573_788_615))
        #expect(AKSKSigner.parseSDKDate("20000229T000000Z") == Date(timeIntervalSince1970: 951_782_400))
        #expect(AKSKSigner.parseSDKDate("2019-11-15T03:30:15Z") == nil)
        #expect(AKSKSigner.parseSDKDate("20191315T033015Z") == nil)
        for seconds in stride(from: Int64(-86_400 * 400), through: 4_102_444_800, by: 7_654_321) {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(AKSKSigner.parseSDKDate(AKSKSigner.formatSDKDate(date)) == date)
        }
    }

    @Test("signed(_:) adds X-Sdk-Date from the date when absent, and an X-Sdk-Content-Sha256 header replaces the body hash")
    func signedAddsDate() {
        let signer = AKSKSigner(accessKey: "AK", secretKey: "SK")
        let request = SigningRequest(method: "get", path: "/x", headers: [("Host", "h")])
        let sent = signer.signed(request, date: Date(timeIntervalSince1970: 1_573_788_615))
        #expect(sent.header("x-sdk-date") == "20191115T033015Z")
        #expect(sent.header("authorization")?.hasPrefix("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=") == true)
        let unsigned = SigningRequest(method: "PUT", path: "/x", headers: [("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")], body: [1, 2, 3])
        #expect(AKSKSigner.canonicalRequest(unsigned, signedHeaders: []).hasSuffix("\nUNSIGNED-PAYLOAD"))
    }
}
