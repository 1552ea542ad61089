import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension ModelArtsClient {
    /// `GET` a temporary download link the API handed out (a v2 log's OBS URL), with no credentials: the link
    /// carries its own signature. 5xx answers and transport failures are retried like API reads; any other
    /// answer (a 403 for an expired link) is returned.
    ///
    /// The link's query (its signature) never appears in errors or logs.
    ///
    /// - Throws: ``ModelArtsClientError``: `.invalidArgument` for a link that is not https (or plain http to
    ///   loopback, or `--insecure-http`); `.cancelled`; `.retriesExhausted` once 5xx retries are spent;
    ///   `.transport`/`.timeout` when no answer came; `.invalidBody` for a body larger than `maxBodyBytes`.
    public func download(_ link: String) async throws(ModelArtsClientError) -> APIResponse {
        let shown = ModelArtsClient.withoutQuery(link)
        do {
            try endpoint.requireSafeTransport(link)
        } catch {
            throw ModelArtsClientError(error.code, error.message.replacingOccurrences(of: link, with: shown))
        }
        var attempt = 0
        while true {
            try ModelArtsClient.checkCancellation()
            if let pacer { try await pacer.acquire() }
            counters.addRequest()
            var failure: ModelArtsClientError
            do {
                var request = HTTPClientRequest(url: link)
                request.method = .GET
                request.headers.add(name: "User-Agent", value: "jobarchive/0.1")
                let response = try await http.execute(request, timeout: .milliseconds(Int64(configuration.requestTimeout * 1000)))
                let buffer: ByteBuffer
                do {
                    buffer = try await response.body.collect(upTo: configuration.maxBodyBytes)
                } catch is NIOTooManyBytesError {
                    throw ModelArtsClientError(.invalidBody, "GET \(shown): the file is larger than \(configuration.maxBodyBytes) bytes", httpStatus: Int(response.status.code))
                }
                let status = Int(response.status.code)
                let answer = APIResponse(
                    status: status, headers: response.headers.map { ($0.name, $0.value) },
                    body: buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? [])
                guard (500...599).contains(status) else { return answer }
                failure = ModelArtsClientError(.retriesExhausted, "GET \(shown): HTTP \(status) after \(attempt + 1) attempts", httpStatus: status)
            } catch let error as ModelArtsClientError {
                throw error
            } catch _ where Task.isCancelled {
                throw ModelArtsClientError(.cancelled, "GET \(shown): cancelled")
            } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                failure = ModelArtsClientError(.timeout, "GET \(shown): timed out")
            } catch {
                // The error's text may quote the URL: its query goes before the text is shortened.
                let text = ModelArtsClient.redacting(link, in: "\(error)")
                failure = ModelArtsClientError(.transport, "GET \(shown): \(text.count > 200 ? String(text.prefix(200)) + "…" : text)")
            }
            guard attempt < configuration.maxRetries else { throw failure }
            attempt += 1
            counters.addRetry()
            try await ModelArtsClient.sleep(seconds: backoff(attempt - 1))
        }
    }

    /// `text` with `link`, and its query wherever it appears, replaced by the link without its query.
    static func redacting(_ link: String, in text: String) -> String {
        var out = text.replacingOccurrences(of: link, with: withoutQuery(link))
        if let cut = link.firstIndex(where: { $0 == "?" || $0 == "#" }), link.index(after: cut) < link.endIndex {
            out = out.replacingOccurrences(of: String(link[link.index(after: cut)...]), with: "…")
        }
        return out
    }

    /// A link as errors may show it: scheme, host and path, the query (a signature) cut.
    static func withoutQuery(_ link: String) -> String {
        guard let cut = link.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return link }
        return String(link[..<cut]) + "?…"
    }
}
