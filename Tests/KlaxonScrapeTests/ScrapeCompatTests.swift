import KlaxonModel
import KlaxonStorage
import Testing

@testable import KlaxonConfig
@testable import KlaxonScrape

/// Scrape behaviours first seen to differ from a real Prometheus 2.42 scraping the same bodies
/// (scripts/compare/scrape.py; docs/compat.md), now pinned.
struct ScrapeCompatTests {
    let head = Head()

    func makeAppender(_ extra: String = "") throws -> ScrapeAppender {
        let yaml = "scrape_configs:\n  - job_name: job1\n" + extra
        let config = try #require(try PrometheusConfigLoader.parse(yaml, file: "p.yml").scrapeConfigs.first)
        guard case .active(let target) = TargetBuilder.build(address: "t:1", group: .init(targets: []), config: config)
        else { throw ScrapeFailure("no target") }
        return ScrapeAppender(target: target, config: config, head: head)
    }

    func scrape(_ appender: inout ScrapeAppender, _ body: String, at t: Timestamp) -> ScrapeReport {
        appender.append(body: Array(body.utf8), contentType: nil, timestamp: t, durationSeconds: 0)
    }

    @Test func seriesOfAFailedScrapeAreNotNewInTheNext() throws {
        var appender = try makeAppender()
        // `ok` enters the scrape cache, then the body fails on line 2.
        let failed = scrape(&appender, "ok 1\nm{a=\"b\" 2\n", at: 1000)
        #expect(failed.error != nil)
        #expect(failed.seriesAdded == 1)
        let again = scrape(&appender, "ok 1\nm{a=\"b\" 2\n", at: 2000)
        #expect(again.error != nil)
        #expect(again.seriesAdded == 0, "Prometheus 2.42 reports 0 from the second failed scrape on")
        let good = scrape(&appender, "ok 1\n", at: 3000)
        #expect(good.error == nil && good.seriesAdded == 0)
    }

    @Test func aSeriesBackAfterASuccessfulScrapeWithoutItIsNewAgain() throws {
        var appender = try makeAppender()
        #expect(scrape(&appender, "a 1\nb 1\n", at: 1000).seriesAdded == 2)
        #expect(scrape(&appender, "a 1\n", at: 2000).seriesAdded == 0)
        #expect(scrape(&appender, "a 1\nb 1\n", at: 3000).seriesAdded == 1)
    }

    @Test func seriesWithExplicitTimestampsCountAsAdded() throws {
        var appender = try makeAppender()
        #expect(scrape(&appender, "a 1 500\nb 2\n", at: 1000).seriesAdded == 2)
        #expect(scrape(&appender, "a 1 600\nb 2\n", at: 2000).seriesAdded == 0)
    }

    @Test func sampleLimitReportsTheWholeBodyAndTheSeriesAddedWithinTheLimit() throws {
        var appender = try makeAppender("    sample_limit: 2\n")
        let report = scrape(&appender, "a 1\nb 1\nc 1\nd 1\n", at: 1000)
        #expect(report.error == "sample limit exceeded")
        #expect(report.scraped == 4)
        #expect(report.postRelabel == 4)
        #expect(report.seriesAdded == 2)
    }

    @Test func scrapeToleratesWhatPrometheusIngests() throws {
        var appender = try makeAppender()
        let report = scrape(&appender, "a 1 \nb{p=\"C:\\q\"} 2\nc 3", at: 1000)
        #expect(report.error == nil)
        #expect(report.scraped == 3)
        let b = head.select([.equal("__name__", "b")], mint: .min, maxt: .max)
        #expect(b.first?.labels["p"] == #"C:\q"#)
    }
}

extension ScrapeCompatTests {
    @Test func samplesMoreThanAnHourOldAreDroppedAsOutOfBounds() throws {
        var appender = try makeAppender()
        let now: Timestamp = 1_700_000_000_000
        let report = scrape(
            &appender,
            "old 1 1600000000000\nedge 2 \(now - 3_600_000)\nfresh 3\n",
            at: now
        )
        #expect(report.error == nil)
        #expect(report.scraped == 3 && report.postRelabel == 3)
        #expect(report.seriesAdded == 2)
        #expect(head.select([.equal("__name__", "old")], mint: .min, maxt: .max).allSatisfy { $0.values.isEmpty })
        #expect(head.select([.equal("__name__", "edge")], mint: .min, maxt: .max).first?.values == [2])
    }
}
