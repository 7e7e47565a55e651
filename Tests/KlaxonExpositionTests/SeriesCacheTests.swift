import KlaxonExposition
import KlaxonModel
import Testing

struct SeriesCacheTests {
    static let body = Array(
        """
        # TYPE up gauge
        up{job="a",instance="x:1"} 1
        up{job="a",instance="x:2"} 0
        requests_total{code="200",path="/very/long/path/that/is/not/a/small/string"} 42

        """.utf8
    )

    /// Parses `body` and returns the label sets obtained through `cache`.
    static func scrape(_ body: [UInt8], _ cache: inout SeriesCache) throws -> [Labels] {
        var parser = TextParser(body)
        var result: [Labels] = []
        while let entry = try parser.next() {
            if entry == .series { result.append(parser.labels(using: &cache)) }
        }
        cache.endScrape()
        return result
    }

    @Test func repeatedScrapeReturnsCachedLabels() throws {
        var cache = SeriesCache()
        let first = try Self.scrape(Self.body, &cache)
        #expect(cache.misses == 3 && cache.hits == 0)
        let second = try Self.scrape(Self.body, &cache)
        #expect(cache.misses == 3 && cache.hits == 3)
        #expect(first == second)
        // Same storage, not just equal content: the cached label strings are reused.
        for (a, b) in zip(first, second) {
            a.storage.withUnsafeBufferPointer { pa in
                b.storage.withUnsafeBufferPointer { pb in #expect(pa.baseAddress == pb.baseAddress) }
            }
        }
        #expect(
            second[2]
                == Labels([
                    "__name__": "requests_total", "code": "200", "path": "/very/long/path/that/is/not/a/small/string",
                ])
        )
    }

    @Test func differentRawBytesAreDifferentKeys() throws {
        var cache = SeriesCache()
        _ = try Self.scrape(Array("a{x=\"1\"} 1\n".utf8), &cache)
        let labels = try Self.scrape(Array("a{x=\"2\"} 1\n".utf8), &cache)
        #expect(cache.misses == 2)
        #expect(labels == [Labels(["__name__": "a", "x": "2"])])
    }

    @Test func endScrapeForgetsSeriesThatDisappeared() throws {
        var cache = SeriesCache()
        _ = try Self.scrape(Self.body, &cache)
        #expect(cache.count == 3)
        _ = try Self.scrape(Array("up{job=\"a\",instance=\"x:1\"} 1\n".utf8), &cache)
        #expect(cache.count == 1)
        _ = try Self.scrape(Self.body, &cache)
        #expect(cache.hits == 2)
        #expect(cache.misses == 5)
        #expect(cache.count == 3)
    }

    @Test func manySeriesGrowTheTable() throws {
        var text = ""
        for index in 0..<5000 { text += "m{i=\"\(index)\"} \(index)\n" }
        let body = Array(text.utf8)
        var cache = SeriesCache()
        let first = try Self.scrape(body, &cache)
        let second = try Self.scrape(body, &cache)
        #expect(first == second)
        #expect(cache.hits == 5000 && cache.misses == 5000)
        #expect(second[4321] == Labels(["__name__": "m", "i": "4321"]))
    }
}
