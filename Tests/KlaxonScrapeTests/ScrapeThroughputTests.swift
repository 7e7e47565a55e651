import KlaxonModel
import KlaxonStorage
import Testing

@testable import KlaxonConfig
@testable import KlaxonScrape

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A measurement, not a benchmark harness: appends a 10,000-series body repeatedly through `ScrapeAppender` and
/// prints the time per scrape. Runs only with `KLAXON_MEASURE=1` (it is slow in debug builds).
struct ScrapeThroughputTests {
    @Test(.enabled(if: getenv("KLAXON_MEASURE") != nil, "a measurement: runs with KLAXON_MEASURE=1"))
    func tenThousandSeriesPerScrape() throws {
        let series = 10_000
        var body = "# TYPE http_requests_total counter\n"
        for index in 0..<series {
            body +=
                "http_requests_total{code=\"200\",handler=\"/api/v1/h\(index % 100)\",method=\"GET\",pod=\"p\(index)\"} \(index)\n"
        }
        let bytes = Array(body.utf8)
        let head = Head()
        let yaml = "scrape_configs:\n  - job_name: bench\n"
        let config = try #require(try PrometheusConfigLoader.parse(yaml, file: "p.yml").scrapeConfigs.first)
        guard case .active(let target) = TargetBuilder.build(address: "h:1", group: .init(targets: []), config: config)
        else { return }
        var appender = ScrapeAppender(target: target, config: config, head: head)
        let clock = ContinuousClock()
        let first = clock.measure {
            _ = appender.append(body: bytes, contentType: nil, timestamp: 1000, durationSeconds: 0)
        }
        let scrapes = 20
        let steady = clock.measure {
            for step in 1...scrapes {
                let report = appender.append(
                    body: bytes,
                    contentType: nil,
                    timestamp: 1000 + Int64(step) * 15_000,
                    durationSeconds: 0
                )
                #expect(report.postRelabel == series && report.seriesAdded == 0)
            }
        }
        let perScrape = steady / scrapes
        print(
            "scrape append, \(series) series, \(bytes.count) bytes: first scrape \(first), "
                + "then \(perScrape) per scrape (\(perScrape / series) per sample)"
        )
        #expect(head.select([.equal("__name__", "http_requests_total")], mint: .min, maxt: .max).count == series)
    }
}
