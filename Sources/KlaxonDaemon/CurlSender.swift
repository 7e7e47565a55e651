import KlaxonCurl
import KlaxonModel
import KlaxonNotify

/// The router's `HTTPSender` over the shared libcurl client: one request, bounded by the stage's deadline.
struct CurlSender: KlaxonModel.HTTPSender {
    let client: HTTPClient
    let clock: any KlaxonClock

    func send(_ request: KlaxonModel.HTTPRequest, deadline: Timestamp) async throws -> KlaxonModel.HTTPResponse {
        let remaining = max(deadline - clock.now(), 1)
        var curlRequest = KlaxonCurl.HTTPRequest(
            url: request.url,
            method: KlaxonCurl.HTTPRequest.Method(rawValue: request.method) ?? .post,
            headers: request.headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) },
            body: request.body,
            timeoutMilliseconds: remaining,
            maxBodyBytes: 1 << 20
        )
        curlRequest.followRedirects = false
        let response = try await client.execute(curlRequest)
        return KlaxonModel.HTTPResponse(status: response.status, body: response.body)
    }
}
