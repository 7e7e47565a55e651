import KlaxonCurl
import KlaxonModel
import KlaxonPromQL
import KlaxonStorage
import Testing

@testable import KlaxonServer

#if canImport(Glibc)
import Glibc
#endif

/// Throughput figures, printed, not asserted (a shared 2-core machine is too noisy for time limits). Runs only
/// with `KLAXON_SERVER_MEASURE=1`: `KLAXON_SERVER_MEASURE=1 swift test --skip-build --filter ServerMeasurementTests`.
@Suite(.enabled(if: getenv("KLAXON_SERVER_MEASURE") != nil, "a measurement: runs with KLAXON_SERVER_MEASURE=1"))
struct ServerMeasurementTests {
    static func bigHead(series: Int, samples: Int) -> Head {
        let head = Head(options: HeadOptions(retention: 100 * 365 * Time.day))
        var appender = head.appender()
        for i in 0..<series {
            let labels: Labels = [
                "__name__": "http_requests_total", "instance": "host-\(i % 100):9100", "job": "api",
                "path": "/api/v\(i / 100)",
            ]
            for s in 0..<samples {
                _ = appender.append(labels, t: 1_700_000_000_000 + Int64(s) * 15_000, v: Double(i * s) * 1.5)
            }
        }
        _ = appender.commit()
        return head
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    @Test func encodingAndLoopbackThroughput() async throws {
        let head = Self.bigHead(series: 10_000, samples: 120)
        let api = makeAPI(head: head)
        let clock = ContinuousClock()

        // 1. JSON encoding alone: a 10k-sample vector and a 10k × 120-point matrix.
        var vector: [VectorSample] = []
        var matrix: [MatrixSeries] = []
        for labels in head.series([.equal("__name__", "http_requests_total")]) {
            vector.append(VectorSample(labels: labels, t: 1_700_000_300_000, v: 123.456))
            matrix.append(
                MatrixSeries(
                    labels: labels,
                    samples: (0..<120).map { Sample(t: 1_700_000_000_000 + Int64($0) * 15_000, v: Double($0) * 0.1) }
                )
            )
        }
        var bytes = 0
        let vectorTime = clock.measure {
            for _ in 0..<10 {
                var w = JSONWriter(capacity: 1 << 20)
                w.queryResult(.vector(vector))
                bytes = w.bytes.count
            }
        }
        print("encode vector 10k samples: \(Self.seconds(vectorTime) / 10 * 1000) ms, \(bytes) bytes")
        let matrixTime = clock.measure {
            var w = JSONWriter(capacity: 1 << 24)
            w.queryResult(.matrix(matrix))
            bytes = w.bytes.count
        }
        print("encode matrix 1.2M points: \(Self.seconds(matrixTime) * 1000) ms, \(bytes) bytes")

        // 2. Whole handler: instant query of all 10k series.
        let handlerTime = await clock.measure {
            for _ in 0..<10 {
                _ = await api.handle(request(fromCase: "GET /api/v1/query?query=http_requests_total&time=1700001000"))
            }
        }
        print("handler /api/v1/query 10k series: \(Self.seconds(handlerTime) / 10 * 1000) ms")

        // 3. Loopback: 2,000 small queries, 4 at a time.
        let server = APIServer(
            configuration: ServerConfiguration(port: 0, engine: .init(mode: .prometheus2)),
            head: head,
            backend: FakeBackend()
        )
        let task = Task { try await server.run() }
        let port = await server.boundPort
        let client = try HTTPClient()
        let url =
            "http://127.0.0.1:\(port)/api/v1/query?query=http_requests_total%7Bpath%3D%22/api/v7%22,instance%3D%22host-7:9100%22%7D&time=1700001000"
        let requests = 2000
        let loopTime = try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        for _ in stride(from: worker, to: requests, by: 4) {
                            let response = try await client.execute(HTTPRequest(url: url))
                            #expect(response.status == 200)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        print(
            "loopback: \(requests) queries in \(Self.seconds(loopTime)) s = \(Double(requests) / Self.seconds(loopTime)) req/s"
        )
        client.shutdown()
        task.cancel()
        _ = await task.result
    }
}
