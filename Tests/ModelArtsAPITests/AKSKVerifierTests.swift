import Foundation
import ModelArtsAPI
import Testing

@Suite("SDK-HMAC-SHA256 verification")
struct AKSKVerifierTests {
    /// Replaces the last character of `text` with a different one.
    func flipLast(_ text: String) -> String {
        guard let last = text.last else { return "x" }
        return String(text.dropLast()) + (last == "0" ? "1" : "0")
    }

    func replacingHeader(_ request: SigningRequest, _ name: String, _ transform: (String) -> String) -> SigningRequest {
        var copy = request
        copy.headers = copy.headers.map { $0.0.lowercased() == name.lowercased() ? ($0.0, transform($0.1)) : $0 }
        return copy
    }

    @Test("accepts every vector and rejects each with one byte changed")
    func vectors() throws {
        let file = try AKSKVectorFile.load()
        let verifier = AKSKVerifier(credentials: [file.ak: file.sk, "OTHER": "x"])
        for v in file.vectors {
            let now = try #require(AKSKSigner.parseSDKDate(v.sdkDate))
            let good = v.signedRequest
            #expect(try verifier.verify(good, now: now).get() == file.ak, "vector \(v.index)")
            // Header names are matched case-insensitively.
            var lowercased = good
            lowercased.headers = good.headers.map { ($0.0.lowercased(), $0.1) }
            #expect(try verifier.verify(lowercased, now: now).get() == file.ak, "vector \(v.index)")

            var mutations: [(String, SigningRequest)] = []
            mutations.append(("signature", replacingHeader(good, "Authorization", flipLast)))
            var body = good
            if body.body.isEmpty { body.body = [UInt8(ascii: " ")] } else { body.body[body.body.count / 2] ^= 0x01 }
            mutations.append(("body", body))
            var path = good
            path.path = flipLast(path.path)
            mutations.append(("path", path))
            mutations.append(("host header", replacingHeader(good, "Host", flipLast)))
            mutations.append(("date", replacingHeader(good, "X-Sdk-Date", { $0.replacingOccurrences(of: "00Z", with: "01Z").replacingOccurrences(of: "01Z", with: "02Z") })))
            var query = good
            query.query.append(("extra", "1"))
            mutations.append(("query", query))
            if good.header("Content-Type") != nil {
                mutations.append(("content-type", replacingHeader(good, "Content-Type", flipLast)))
            }
            var method = good
            method.method = good.method == "GET" ? "HEAD" : "GET"
            mutations.append(("method", method))
            for (what, bad) in mutations {
                let result = verifier.verify(bad, now: now)
                guard case .failure(let error) = result else {
                    Issue.record("vector \(v.index): \(what) change accepted")
                    continue
                }
                #expect(error.code == .signatureMismatch, "vector \(v.index): \(what)")
                #expect(error.apigErrorCode == "APIGW.0301")
                #expect(error.canonicalRequest != nil)
            }
        }
    }

    @Test("date skew, missing pieces, unknown keys and malformed headers")
    func failures() throws {
        let signer = AKSKSigner(accessKey: "AK", secretKey: "SK")
        let verifier = AKSKVerifier(credentials: ["AK": "SK"])
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let request = signer.signed(SigningRequest(method: "GET", path: "/v1/p/training-jobs", headers: [("Host", "h")]), date: date)
        #expect(try verifier.verify(request, now: date.addingTimeInterval(14 * 60)).get() == "AK")
        #expect(try verifier.verify(request, now: date.addingTimeInterval(-15 * 60)).get() == "AK")

        func code(_ r: SigningRequest, now: Date = date) -> SignatureError.Code? {
            if case .failure(let e) = verifier.verify(r, now: now) { return e.code }
            return nil
        }
        #expect(code(request, now: date.addingTimeInterval(16 * 60)) == .dateSkew)
        #expect(code(request, now: date.addingTimeInterval(-16 * 60)) == .dateSkew)

        var noAuth = request
        noAuth.headers.removeAll { $0.0 == "Authorization" }
        #expect(code(noAuth) == .missingAuthorization)

        #expect(code(replacingHeader(request, "Authorization", { _ in "Bearer abc" })) == .malformedAuthorization)
        #expect(code(replacingHeader(request, "Authorization", { $0.replacingOccurrences(of: "Signature=", with: "Sig=") })) == .malformedAuthorization)
        #expect(code(replacingHeader(request, "Authorization", { $0.replacingOccurrences(of: "SDK-HMAC-SHA256", with: "V11-HMAC-SHA256") })) == .malformedAuthorization)
        #expect(code(replacingHeader(request, "Authorization", { $0.replacingOccurrences(of: "Access=AK", with: "Access=NOPE") })) == .unknownAccessKey)

        var noDate = request
        noDate.headers.removeAll { $0.0 == "X-Sdk-Date" }
        #expect(code(noDate) == .missingDate)
        #expect(code(replacingHeader(request, "X-Sdk-Date", { _ in "2023-11-14" })) == .missingDate)

        var noHost = request
        noHost.headers.removeAll { $0.0 == "Host" }
        #expect(code(noHost) == .missingSignedHeader("host"))

        let dateUnsigned = signer.signed(SigningRequest(method: "GET", path: "/", headers: [("Host", "h")]), date: date, signedHeaders: ["host"])
        #expect(code(dateUnsigned) == .missingSignedHeader("x-sdk-date"))

        // The signature comparison accepts uppercase hex.
        let upper = replacingHeader(request, "Authorization") { value in
            guard let range = value.range(of: "Signature=") else { return value }
            return String(value[..<range.upperBound]) + value[range.upperBound...].uppercased()
        }
        #expect(try verifier.verify(upper, now: date).get() == "AK")
    }

    @Test("a client's own SignedHeaders list is honoured (Go style, Content-Type unsigned)")
    func clientSignedHeaders() throws {
        let signer = AKSKSigner(accessKey: "AK", secretKey: "SK")
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let request = signer.signed(
            SigningRequest(method: "POST", path: "/v1/p/training-jobs", headers: [("Content-Type", "application/json"), ("X-Project-Id", "p")], body: Array("{}".utf8)),
            date: date, signedHeaders: ["x-sdk-date", "x-project-id"])
        #expect(request.header("Authorization")?.contains("SignedHeaders=x-project-id;x-sdk-date,") == true)
        let verifier = AKSKVerifier(credentials: ["AK": "SK"])
        // Changing an unsigned header does not matter; changing a signed one does.
        let changedType = replacingHeader(request, "Content-Type") { _ in "text/plain" }
        #expect(try verifier.verify(changedType, now: date).get() == "AK")
        let changedProject = replacingHeader(request, "X-Project-Id") { _ in "q" }
        guard case .failure(let error) = verifier.verify(changedProject, now: date) else {
            Issue.record("expected failure")
            return
        }
        #expect(error.code == .signatureMismatch)
    }

    @Test("APIG-style codes and messages")
    func errorShapes() throws {
        #expect(SignatureError(.signatureMismatch).message == "Incorrect IAM authentication information: verify aksk signature fail")
        #expect(SignatureError(.signatureMismatch).apigErrorCode == "APIGW.0301")
        #expect(SignatureError(.dateSkew).apigErrorCode == "APIGW.0303")
        #expect(SignatureError(.missingAuthorization).apigErrorCode == "APIGW.0301")
        #expect(SignatureError(.unknownAccessKey).httpStatus == 401)
        #expect(SignatureError(.signatureMismatch).description == "APIGW.0301: Incorrect IAM authentication information: verify aksk signature fail")
        let body = SignatureError(.dateSkew).responseBody(requestID: "r1")
        #expect(body["error_code"] == .string("APIGW.0303") && body["request_id"] == .string("r1"))
        #expect(V1Error.detect(body)?.errorCode == "APIGW.0303")
        let parsed = try #require(AKSKVerifier.parseAuthorization("SDK-HMAC-SHA256 Access=A, SignedHeaders=host;x-sdk-date, Signature=ab"))
        #expect(parsed == AKSKVerifier.ParsedAuthorization(accessKey: "A", signedHeaders: ["host", "x-sdk-date"], signature: "ab"))
    }
}
