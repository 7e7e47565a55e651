import KlaxonModel
import Testing

@testable import KlaxonExposition

/// A scrape-like consumer: resolves each series through the cache, building labels only on a miss.
struct CachingConsumer: ExpositionConsumer {
    var cache = SeriesCache<Labels>()
    var generation: UInt64 = 0
    var misses = 0
    var resolved: [Labels] = []

    mutating func consume(_ event: ExpositionEvent) throws(ExpositionError) {
        guard case .sample(let sample) = event else { return }
        if let index = cache.find(sample.series, generation: generation) {
            resolved.append(cache[index].payload)
        } else {
            misses += 1
            let labels = sample.labels()
            cache.insert(sample.series, payload: labels, generation: generation)
            resolved.append(labels)
        }
    }
}

struct SeriesCacheTests {
    let body = Array(
        """
        # TYPE up gauge
        up{job="a",instance="x:1"} 1
        up{job="a",instance="x:2"} 0
        requests_total{code="200"} 10

        """.utf8
    )

    @Test func repeatedScrapeHitsTheCache() throws {
        var consumer = CachingConsumer()
        var parser = TextParser()
        consumer.generation = 1
        try parser.parse(body, into: &consumer)
        #expect(consumer.misses == 3)
        consumer.generation = 2
        consumer.resolved.removeAll()
        try parser.parse(body, into: &consumer)
        #expect(consumer.misses == 3)
        #expect(consumer.resolved.map(\.metricName) == ["up", "up", "requests_total"])
        #expect(consumer.resolved[1]["instance"] == "x:2")
    }

    @Test func vanishedSeriesAreFoundByGeneration() throws {
        var consumer = CachingConsumer()
        var parser = TextParser()
        consumer.generation = 1
        try parser.parse(body, into: &consumer)
        consumer.generation = 2
        try parser.parse(Array("up{job=\"a\",instance=\"x:1\"} 1\n".utf8), into: &consumer)
        let gone = consumer.cache.removeEntries(notSeenSince: 2)
        #expect(Set(gone.map { $0["instance"] }) == ["x:2", ""])
        #expect(consumer.cache.count == 1)
        // The survivor is still found after compaction.
        consumer.generation = 3
        let before = consumer.misses
        try parser.parse(Array("up{job=\"a\",instance=\"x:1\"} 1\n".utf8), into: &consumer)
        #expect(consumer.misses == before)
    }

    @Test func growsPastItsInitialCapacity() {
        var cache = SeriesCache<Int>(capacity: 4)
        for i in 0..<10_000 {
            let key = Array("series_\(i){a=\"\(i % 7)\"}".utf8)
            key.withUnsafeBufferPointer { cache.insert($0, payload: i, generation: 0) }
        }
        #expect(cache.count == 10_000)
        for i in stride(from: 0, to: 10_000, by: 97) {
            let key = Array("series_\(i){a=\"\(i % 7)\"}".utf8)
            let found = key.withUnsafeBufferPointer { cache.find($0, generation: 1) }
            #expect(found.map { cache[$0].payload } == i)
        }
        let missing = Array("series_x".utf8)
        #expect(missing.withUnsafeBufferPointer { cache.find($0, generation: 1) } == nil)
    }
}
