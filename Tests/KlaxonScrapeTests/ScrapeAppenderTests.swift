import KlaxonModel
import KlaxonStorage
import Testing

@testable import KlaxonConfig
@testable import KlaxonScrape

struct ScrapeAppenderTests {
    let head = Head()

    func makeAppender(_ body: String = "", head store: Head? = nil) throws -> ScrapeAppender {
        let yaml = "scrape_configs:\n  - job_name: job1\n" + body
        let config = try #require(try PrometheusConfigLoader.parse(yaml, file: "p.yml").scrapeConfigs.first)
        guard case .active(let target) = TargetBuilder.build(address: "t:1", group: .init(targets: []), config: config)
        else { throw ScrapeFailure("no target") }
        return ScrapeAppender(target: target, config: config, head: store ?? head)
    }

    func samples(_ name: String, _ extra: [LabelMatcher] = [], in store: Head? = nil) -> [SeriesSamples] {
        (store ?? head).select([.equal("__name__", name)] + extra, mint: .min, maxt: .max)
            .sorted { $0.labels.description < $1.labels.description }
    }

    func value(_ name: String, at t: Timestamp, in store: Head? = nil) -> Double? {
        guard let series = samples(name, in: store).first, let index = series.timestamps.firstIndex(of: t) else {
            return nil
        }
        return series.values[index]
    }

    @Test func samplesGetTargetLabelsAndSyntheticSeries() throws {
        var appender = try makeAppender()
        let report = appender.append(
            body: Array("a 1\nb{x=\"y\"} 2\n".utf8),
            contentType: "text/plain; version=0.0.4",
            timestamp: 1000,
            durationSeconds: 0.25
        )
        #expect(report == ScrapeReport(scraped: 2, postRelabel: 2, seriesAdded: 2, error: nil))
        #expect(samples("a").map(\.labels) == [["__name__": "a", "instance": "t:1", "job": "job1"]])
        #expect(samples("b").first?.labels["x"] == "y")
        #expect(value("up", at: 1000) == 1)
        #expect(value("scrape_duration_seconds", at: 1000) == 0.25)
        #expect(value("scrape_samples_scraped", at: 1000) == 2)
        #expect(value("scrape_samples_post_metric_relabeling", at: 1000) == 2)
        #expect(value("scrape_series_added", at: 1000) == 2)
        #expect(samples("up").first?.labels == ["__name__": "up", "instance": "t:1", "job": "job1"])
    }

    /// Series the head refuses (over `--storage.tsdb.max-series`) are remembered by the scrape cache, and asked for
    /// again once the head has room: here after retention drops the series that held the places.
    @Test func refusedSeriesAreRetriedWhenTheHeadHasRoom() throws {
        let limited = Head(options: HeadOptions(maxSeries: 5 + 2))  // the 5 report series, then 2 more
        var appender = try makeAppender(head: limited)
        func names() -> [String] { ["a", "b", "c"].filter { !samples($0, in: limited).isEmpty } }
        _ = appender.append(body: Array("a 1\nb 1\nc 1\n".utf8), contentType: nil, timestamp: 1000, durationSeconds: 0)
        #expect(names() == ["a", "b"])
        #expect(limited.stats().seriesLimitRefused == 1)
        // Still no room (`a` and `b` are stale from 2000 on but still in the head): `c` is answered from the cache,
        // the head is not asked again.
        for t in [2000, 3000] as [Timestamp] {
            _ = appender.append(body: Array("c 2\n".utf8), contentType: nil, timestamp: t, durationSeconds: 0)
        }
        #expect(limited.stats().seriesLimitRefused == 1)
        #expect(names() == ["a", "b"])
        // Retention drops `a` and `b` (last sample: their stale markers at 2000); the report series stay.
        limited.truncate(before: 2500)
        #expect(limited.hasRoomForNewSeries)
        _ = appender.append(body: Array("c 4\n".utf8), contentType: nil, timestamp: 4000, durationSeconds: 0)
        #expect(names() == ["c"])
        #expect(samples("c", in: limited).first?.values == [4])
        #expect(value("up", at: 4000, in: limited) == 1)
    }

    @Test func clashingLabelsAreExportedUnlessHonored() throws {
        var plain = try makeAppender()
        _ = plain.append(
            body: Array("m{job=\"x\",exported_job=\"e\"} 1\n".utf8),
            contentType: nil,
            timestamp: 1,
            durationSeconds: 0
        )
        #expect(
            samples("m").first?.labels
                == [
                    "__name__": "m", "exported_exported_job": "x", "exported_job": "e", "instance": "t:1",
                    "job": "job1",
                ]
        )
        let honoring = Head()
        let yaml = "scrape_configs:\n  - job_name: job1\n    honor_labels: true\n"
        let config = try #require(try PrometheusConfigLoader.parse(yaml, file: "p.yml").scrapeConfigs.first)
        guard case .active(let target) = TargetBuilder.build(address: "t:1", group: .init(targets: []), config: config)
        else {
            Issue.record("the honor_labels target was not built")
            return
        }
        var honored = ScrapeAppender(target: target, config: config, head: honoring)
        _ = honored.append(body: Array("m{job=\"x\"} 1\n".utf8), contentType: nil, timestamp: 1, durationSeconds: 0)
        let labels = honoring.select([.equal("__name__", "m")], mint: .min, maxt: .max).first?.labels
        #expect(labels == ["__name__": "m", "instance": "t:1", "job": "x"])
    }

    @Test func metricRelabelingDropsAndRewrites() throws {
        var appender = try makeAppender(
            """
                metric_relabel_configs:
                  - source_labels: [__name__]
                    regex: 'go_.*'
                    action: drop
                  - source_labels: [__name__]
                    regex: '(.*)_ms'
                    target_label: __name__
                    replacement: '${1}_milliseconds'

            """
        )
        let report = appender.append(
            body: Array("go_goroutines 5\nlatency_ms 3\nother 1\n".utf8),
            contentType: nil,
            timestamp: 10,
            durationSeconds: 0
        )
        #expect(report.scraped == 3 && report.postRelabel == 2)
        #expect(samples("go_goroutines").isEmpty)
        #expect(samples("latency_milliseconds").first?.values == [3])
        #expect(value("scrape_samples_post_metric_relabeling", at: 10) == 2)
    }

    @Test func vanishedSeriesGetStaleMarkersButTimestampedOnesDoNot() throws {
        var appender = try makeAppender()
        _ = appender.append(
            body: Array("a 1\nb 2\nc 3 5\n".utf8),
            contentType: nil,
            timestamp: 1000,
            durationSeconds: 0
        )
        let second = appender.append(body: Array("a 1\n".utf8), contentType: nil, timestamp: 2000, durationSeconds: 0)
        #expect(second.seriesAdded == 0)
        let b = try #require(samples("b").first)
        #expect(b.timestamps == [1000, 2000])
        #expect(StaleNaN.isStale(b.values[1]))
        #expect(samples("c").first?.timestamps == [5])
        #expect(samples("a").first?.values == [1, 1])
    }

    @Test func honorTimestampsFalseUsesScrapeTime() throws {
        var appender = try makeAppender("    honor_timestamps: false\n")
        _ = appender.append(body: Array("a 1 5\n".utf8), contentType: nil, timestamp: 1000, durationSeconds: 0)
        #expect(samples("a").first?.timestamps == [1000])
    }

    @Test func openMetricsIsChosenByContentType() throws {
        var appender = try makeAppender()
        let report = appender.append(
            body: Array("# TYPE c counter\nc_total 4 1.5\n# EOF\n".utf8),
            contentType: "application/openmetrics-text; version=1.0.0; charset=utf-8",
            timestamp: 9000,
            durationSeconds: 0
        )
        #expect(report.error == nil)
        #expect(samples("c_total").first?.timestamps == [1500])
        let missingEOF = appender.append(
            body: Array("c_total 4\n".utf8),
            contentType: "application/openmetrics-text",
            timestamp: 10_000,
            durationSeconds: 0
        )
        #expect(missingEOF.error == "data does not end with # EOF")
    }

    @Test func garbageFailsTheScrapeAndMarksEverythingStale() throws {
        var appender = try makeAppender()
        _ = appender.append(body: Array("a 1\n".utf8), contentType: nil, timestamp: 1000, durationSeconds: 0)
        let report = appender.append(
            body: Array("a 1\n<html>oops\n".utf8),
            contentType: nil,
            timestamp: 2000,
            durationSeconds: 0
        )
        #expect(report.error != nil)
        #expect(value("up", at: 2000) == 0)
        let a = try #require(samples("a").first)
        // The good line before the garbage is not kept: the batch is rolled back, then `a` is marked stale.
        #expect(a.timestamps == [1000, 2000])
        #expect(StaleNaN.isStale(a.values[1]))
    }

    @Test func sampleLimitFailsTheWholeScrape() throws {
        var appender = try makeAppender("    sample_limit: 2\n")
        let ok = appender.append(body: Array("a 1\nb 1\n".utf8), contentType: nil, timestamp: 1000, durationSeconds: 0)
        #expect(ok.error == nil)
        let over = appender.append(
            body: Array("a 1\nb 1\nc 1\n".utf8),
            contentType: nil,
            timestamp: 2000,
            durationSeconds: 0
        )
        #expect(over.error == "sample limit exceeded")
        #expect(value("up", at: 2000) == 0)
        #expect(samples("c").first?.count ?? 0 == 0)
        #expect(samples("a").first.map { StaleNaN.isStale($0.values[1]) } == true)
        #expect(value("scrape_samples_scraped", at: 2000) == 3)
        // A real Prometheus 2.42 goes on counting past the limit (scripts/compare/scrape.py, docs/compat.md).
        #expect(value("scrape_samples_post_metric_relabeling", at: 2000) == 3)
    }

    @Test func labelLimitsFailTheScrapeWithPrometheusWording() throws {
        var count = try makeAppender("    label_limit: 3\n")
        let tooMany = count.append(
            body: Array("m{a=\"1\"} 1\n".utf8),
            contentType: nil,
            timestamp: 1,
            durationSeconds: 0
        )
        #expect(tooMany.error == "label_limit exceeded (metric: m, number of labels: 4, limit: 3)")
        var names = try makeAppender("    label_name_length_limit: 8\n")
        let longName = names.append(
            body: Array("m{abcdefghi=\"1\"} 1\n".utf8),
            contentType: nil,
            timestamp: 1,
            durationSeconds: 0
        )
        #expect(
            longName.error == "label_name_length_limit exceeded (metric: m, label name: abcdefghi, length: 9, limit: 8)"
        )
        var values = try makeAppender("    label_value_length_limit: 3\n")
        let longValue = values.append(
            body: Array("m{a=\"xxxx\"} 1\n".utf8),
            contentType: nil,
            timestamp: 1,
            durationSeconds: 0
        )
        #expect(
            longValue.error
                == "label_value_length_limit exceeded (metric: m, label name: a, value: \"xxxx\", length: 4, limit: 3)"
        )
    }

    @Test func failedRequestAndRemovalWriteStaleMarkers() throws {
        var appender = try makeAppender()
        _ = appender.append(body: Array("a 1\n".utf8), contentType: nil, timestamp: 1000, durationSeconds: 0)
        let failed = appender.appendFailure(
            "server returned HTTP status 500 Internal Server Error",
            timestamp: 2000,
            durationSeconds: 0.1
        )
        #expect(failed.error == "server returned HTTP status 500 Internal Server Error")
        #expect(value("up", at: 2000) == 0)
        #expect(samples("a").first.map { StaleNaN.isStale($0.values[1]) } == true)
        _ = appender.append(body: Array("a 2\n".utf8), contentType: nil, timestamp: 3000, durationSeconds: 0)
        appender.appendStaleMarkers(timestamp: 4000)
        #expect(samples("a").first.map { StaleNaN.isStale($0.values[3]) } == true)
        #expect(samples("up").first.map { StaleNaN.isStale($0.values.last ?? 0) } == true)
    }

    @Test func repeatedScrapesReuseSeries() throws {
        var appender = try makeAppender()
        for step in 1...5 {
            let body = (0..<100).map { "m{i=\"\($0)\"} \(step)\n" }.joined()
            let report = appender.append(
                body: Array(body.utf8),
                contentType: nil,
                timestamp: Int64(step) * 1000,
                durationSeconds: 0
            )
            #expect(report.seriesAdded == (step == 1 ? 100 : 0))
        }
        #expect(samples("m").count == 100)
        #expect(samples("m").allSatisfy { $0.values == [1, 2, 3, 4, 5] })
    }
}
