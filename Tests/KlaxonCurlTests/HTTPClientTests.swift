import Foundation
import KlaxonCurl
import KlaxonTestSupport
import Testing

/// Starts the loopback fixture server once for the test process; it exits when the test process does.
private let fixtureServer: Result<Int, any Error> = Result {
    try TestSupport.startPythonFixture(TestSupport.fixtures("test_server.py"))
}

private func url(_ path: String) throws -> String {
    "http://127.0.0.1:\(try fixtureServer.get())\(path)"
}

@Suite(.serialized)
struct HTTPClientTests {
    let client: HTTPClient

    init() throws {
        client = try HTTPClient()
    }

    @Test func getReturnsStatusHeadersAndBody() async throws {
        let response = try await client.execute(HTTPRequest(url: try url("/ok")))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "hello\n")
        #expect(response.contentType == "text/plain; version=0.0.4")
        #expect(response.header("content-length") == "6")
    }

    @Test func sendsConfiguredHeadersAndAuthorization() async throws {
        let request = HTTPRequest(
            url: try url("/echo"),
            headers: [(name: "X-Prometheus-Scrape-Timeout-Seconds", value: "10")],
            authorization: .header(type: "Bearer", credentials: "s3cr3t")
        )
        let text = String(decoding: try await client.execute(request).body, as: UTF8.self)
        #expect(text.contains("X-Prometheus-Scrape-Timeout-Seconds: 10"))
        #expect(text.contains("Authorization: Bearer s3cr3t"))
    }

    @Test func basicAuthIsEncoded() async throws {
        let request = HTTPRequest(url: try url("/echo"), authorization: .basic(username: "user", password: "pass"))
        let text = String(decoding: try await client.execute(request).body, as: UTF8.self)
        #expect(text.contains("Authorization: Basic dXNlcjpwYXNz"))
    }

    @Test func gzipIsRequestedAndDecoded() async throws {
        let response = try await client.execute(HTTPRequest(url: try url("/gzip"), acceptGzip: true))
        #expect(response.header("Content-Encoding") == "gzip")
        #expect(response.body.count == 9000)
    }

    @Test func postSendsBody() async throws {
        let request = HTTPRequest(
            url: try url("/hook"),
            method: .post,
            headers: [(name: "Content-Type", value: "application/json")],
            body: Array(#"{"a":1}"#.utf8)
        )
        let text = String(decoding: try await client.execute(request).body, as: UTF8.self)
        #expect(text == #"POST application/json {"a":1}"#)
    }

    @Test func errorStatusIsAResponseNotAnError() async throws {
        let response = try await client.execute(HTTPRequest(url: try url("/status/503")))
        #expect(response.status == 503)
    }

    @Test func redirectsAreFollowed() async throws {
        let response = try await client.execute(HTTPRequest(url: try url("/redirect")))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/plain; version=0.0.4")
    }

    @Test func timeoutFailsTheRequest() async throws {
        let request = HTTPRequest(url: try url("/slow"), timeoutMilliseconds: 300)
        await #expect {
            _ = try await client.execute(request)
        } throws: { error in
            (error as? CurlError)?.kind == .timeout
        }
    }

    @Test func bodyLimitFromContentLengthAndWhileStreaming() async throws {
        for path in ["/big?n=100000", "/stream"] {
            let request = HTTPRequest(url: try url(path), maxBodyBytes: 50_000)
            await #expect {
                _ = try await client.execute(request)
            } throws: { error in
                (error as? CurlError)?.kind == .bodyTooLarge
            }
        }
        let fits = try await client.execute(HTTPRequest(url: try url("/big?n=50000"), maxBodyBytes: 50_000))
        #expect(fits.body.count == 50_000)
    }

    @Test func refusedConnectionIsAConnectError() async throws {
        // Port 1 on loopback: nothing listens there in the test environment.
        await #expect {
            _ = try await client.execute(HTTPRequest(url: "http://127.0.0.1:1/", timeoutMilliseconds: 2000))
        } throws: { error in
            (error as? CurlError)?.kind == .connect
        }
    }

    @Test func manyConcurrentRequestsShareOneEventThread() async throws {
        let target = try url("/ok")
        let client = self.client
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<50 {
                group.addTask { try await client.execute(HTTPRequest(url: target)).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.count == 50)
        #expect(statuses.allSatisfy { $0 == 200 })
    }

    @Test func cancellationEndsAnInFlightRequest() async throws {
        let request = HTTPRequest(url: try url("/slow"), timeoutMilliseconds: 10_000)
        let client = self.client
        let task = Task { try await client.execute(request) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect {
            _ = try await task.value
        } throws: { error in
            (error as? CurlError)?.kind == .cancelled
        }
    }

    @Test func shutdownFailsLaterRequests() async throws {
        let own = try HTTPClient()
        own.shutdown()
        await #expect {
            _ = try await own.execute(HTTPRequest(url: try url("/ok")))
        } throws: { error in
            (error as? CurlError)?.kind == .cancelled
        }
    }
}
