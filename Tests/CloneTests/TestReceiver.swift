import Foundation
import HTTPTypes
import Hummingbird
import Logging
import JobArchiveTestSupport
import ModelArtsAPI
import NIOCore

/// A stand-in for the ModelArts API on 127.0.0.1: checks SDK-HMAC-SHA256 with `AKSKVerifier` and answers create calls.
actor TestReceiver {
    /// One received request.
    struct Received: Sendable {
        var method: String
        var path: String
        var body: [UInt8]
        var accessKey: String?
    }

    static let accessKey = "CLONETESTAK"
    static let secretKey = "clone-test-secret-key"

    private(set) var received: [Received] = []
    /// Config names that exist upstream.
    var existingConfigs: Set<String> = []

    func append(_ r: Received) { received.append(r) }
    func setExisting(_ names: Set<String>) { existingConfigs = names }

    /// Runs the receiver while `body` runs with its base URL.
    func run<T: Sendable>(_ body: @escaping @Sendable (String) async throws -> T) async throws -> T {
        let verifier = AKSKVerifier(credentials: [TestReceiver.accessKey: TestReceiver.secretKey])
        let router = Router()
        let receiver = self
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let bytes = Array(buffer.readableBytesView)
            var headers: [(String, String)] = []
            for field in request.headers { headers.append((field.name.rawName, field.value)) }
            if let authority = request.head.authority, !headers.contains(where: { $0.0.lowercased() == "host" }) {
                headers.append(("Host", authority))
            }
            let path = request.uri.path
            let query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
            let signing = SigningRequest(method: request.method.rawValue, path: path, query: query, headers: headers, body: bytes)
            switch verifier.verify(signing, now: Date()) {
            case .failure(let error):
                return TestReceiver.json(.unauthorized, #"{"error_code":"APIG.0301","error_msg":"\#(error)"}"#)
            case .success(let ak):
                await receiver.append(Received(method: request.method.rawValue, path: path, body: bytes, accessKey: ak))
            }
            let parts = path.split(separator: "/").map(String.init)
            if parts.first == "v2" {
                return TestReceiver.json(.created, #"{"kind":"job","metadata":{"id":"3f6f9c2e-0000-4000-8000-000000000001","name":"x"},"status":{"phase":"Creating"}}"#)
            }
            if parts.count >= 3, parts[2] == "training-job-configs" {
                if request.method == .get {
                    let exists = await receiver.existingConfigs.contains(parts.last ?? "")
                    return exists
                        ? TestReceiver.json(.ok, #"{"is_success":true,"config_name":"\#(parts.last ?? "")"}"#)
                        : TestReceiver.json(.ok, #"{"is_success":false,"error_code":"ModelArts.0107","error_message":"config not found"}"#)
                }
                return TestReceiver.json(.ok, #"{"is_success":true}"#)
            }
            if parts.last == "versions" {
                return TestReceiver.json(.ok, #"{"is_success":true,"job_id":10,"job_name":"testModelArtsJob","status":1,"create_time":1700000000000,"version_id":12,"version_name":"V0006"}"#)
            }
            return TestReceiver.json(.ok, #"{"is_success":true,"job_id":20,"job_name":"clone","status":1,"create_time":1700000000000,"version_id":21,"version_name":"V0001","resource_id":"jobabc"}"#)
        }
        router.on("**", method: .post, use: handler)
        router.on("**", method: .put, use: handler)
        router.on("**", method: .get, use: handler)
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        var logger = Logger(label: "test.receiver")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield("http://127.0.0.1:\(channel.localAddress?.port ?? 0)")
                continuation.finish()
            }, logger: logger)
        return try await onDedicatedThreads { try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.runService(gracefulShutdownSignals: [])
                return nil
            }
            var iterator = urls.makeAsyncIterator()
            guard let url = await iterator.next() else { throw CancellationError() }
            defer { group.cancelAll() }
            return try await body(url)
        } }
    }

    static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
