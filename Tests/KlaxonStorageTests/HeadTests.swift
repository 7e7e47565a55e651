import KlaxonModel
import Testing

@testable import KlaxonStorage

struct HeadTests {
    func labels(_ name: String, _ pairs: [String: String]) -> Labels {
        Labels(pairs).setting("__name__", to: name)
    }

    func fill(_ head: Head) {
        var appender = head.appender()
        for (job, instance) in [("api", "a"), ("api", "b"), ("db", "a"), ("web", "c")] {
            let ref = head.getOrCreate(labels("up", ["job": job, "instance": instance]))
            for step in 0..<10 { appender.append(ref, t: Int64(step) * 15_000, v: Double(step)) }
        }
        let bare = head.getOrCreate(labels("up", ["instance": "z"]))
        appender.append(bare, t: 0, v: 1)
        appender.commit()
    }

    func select(_ head: Head, _ matchers: [LabelMatcher], mint: Int64 = .min, maxt: Int64 = .max) -> [String] {
        head.select(matchers, mint: mint, maxt: maxt).map { $0.labels["job"] + "/" + $0.labels["instance"] }.sorted()
    }

    @Test func matchersResolveThroughPostings() throws {
        let head = Head()
        fill(head)
        #expect(select(head, [.equal("job", "api")]) == ["api/a", "api/b"])
        #expect(select(head, [.equal("__name__", "up"), .notEqual("job", "api")]) == ["/z", "db/a", "web/c"])
        #expect(select(head, [try LabelMatcher(.regexMatch, "job", "a.i|w.*")]) == ["api/a", "api/b", "web/c"])
        #expect(
            select(head, [.equal("__name__", "up"), try LabelMatcher(.regexNoMatch, "job", "api|db")]) == [
                "/z", "web/c",
            ]
        )
        // `job=""` selects series without the label.
        #expect(select(head, [.equal("__name__", "up"), .equal("job", "")]) == ["/z"])
        #expect(select(head, [.equal("instance", "a"), .equal("job", "db")]) == ["db/a"])
        #expect(select(head, [.equal("job", "nope")]).isEmpty)
        #expect(head.labelValues("job") == ["api", "db", "web"])
        #expect(head.labelNames() == ["__name__", "instance", "job"])
        #expect(head.labelValues("instance", [.equal("job", "api")]) == ["a", "b"])
    }

    @Test func selectReturnsTheClosedWindowAcrossChunks() {
        let head = Head()
        let ref = head.getOrCreate(labels("x", [:]))
        var appender = head.appender()
        for step in 0..<1000 { appender.append(ref, t: Int64(step) * 1000, v: Double(step)) }
        #expect(appender.commit().appended == 1000)
        let result = head.select([.equal("__name__", "x")], mint: 239_000, maxt: 361_000)
        #expect(result.count == 1)
        #expect(result[0].timestamps.first == 239_000)
        #expect(result[0].timestamps.last == 361_000)
        #expect(result[0].values == (239...361).map(Double.init))
    }

    @Test func rangeReadTouchesOnlyOverlappingChunks() {
        var series = MemSeries(id: 1, labels: labels("x", [:]))
        var sealedBytes = 0
        for step in 0..<(120 * 5) {
            _ = series.append(t: Int64(step), v: 1, samplesPerChunk: 120, sealedBytes: &sealedBytes)
        }
        #expect(series.sealed.count == 4)
        #expect(sealedBytes == (0..<4).reduce(0) { $0 + series.sealed[$1].byteCount })
        #expect(Head.overlapping(series, mint: 130, maxt: 200).count == 1)
        #expect(Head.overlapping(series, mint: 100, maxt: 250).count == 3)
        #expect(Head.overlapping(series, mint: 500, maxt: 20_000).count == 1)
        #expect(Head.overlapping(series, mint: 10_000, maxt: 20_000).isEmpty)
    }

    @Test func outOfOrderAndDuplicatesAreRejectedAndCounted() {
        let head = Head()
        let ref = head.getOrCreate(labels("x", [:]))
        #expect(head.append(ref, t: 100, v: 1).appended == 1)
        #expect(head.append(ref, t: 50, v: 2).outOfOrder == 1)
        #expect(head.append(ref, t: 100, v: 3).duplicateTimestamp == 1)
        let same = head.append(ref, t: 100, v: 1)
        #expect(same.appended == 0 && same.duplicateTimestamp == 0)
        #expect(head.append(ref, t: 200, v: 4).appended == 1)
        let stats = head.stats()
        #expect(stats.samplesAppended == 2)
        #expect(stats.outOfOrderRejected == 1)
        #expect(stats.duplicateRejected == 1)
        let stored = head.select([.equal("__name__", "x")], mint: .min, maxt: .max)
        #expect(stored[0].timestamps == [100, 200])
        #expect(stored[0].values == [1, 4])
    }

    @Test func staleMarkersAreStoredAsSuch() {
        let head = Head()
        let ref = head.getOrCreate(labels("x", [:]))
        head.append(ref, t: 1, v: 5)
        head.append(ref, t: 2, v: StaleNaN.value)
        head.append(ref, t: 3, v: .nan)
        let values = head.select([.equal("__name__", "x")], mint: .min, maxt: .max)[0].values
        #expect(values[0] == 5)
        #expect(StaleNaN.isStale(values[1]))
        #expect(values[2].isNaN && !StaleNaN.isStale(values[2]))
    }

    @Test func retentionDropsOldChunksAndEmptySeries() {
        let head = Head(options: .init(retention: 1_000_000))
        let old = head.getOrCreate(labels("old", [:]))
        let live = head.getOrCreate(labels("live", [:]))
        var appender = head.appender()
        for step in 0..<600 {
            appender.append(old, t: Int64(step) * 1000, v: 1)
            appender.append(live, t: Int64(step) * 1000 + 2_000_000, v: 2)
        }
        appender.commit()
        let bytesBefore = head.stats().chunkBytes
        head.housekeeping(now: 2_000_000 + 600_000 + 900_000)  // keeps samples at or after 1_500_000
        #expect(head.select([.equal("__name__", "old")], mint: .min, maxt: .max).isEmpty)
        #expect(head.labelValues("__name__") == ["live"])
        #expect(head.stats().seriesCount == 1)
        #expect(head.stats().chunkBytes < bytesBefore)
        // The stale ref is now unknown; a new series with the same labels gets a fresh ref.
        #expect(head.append(old, t: 5_000_000, v: 1).unknownSeries == 1)
        #expect(head.getOrCreate(labels("old", [:])) != old)
    }

    @Test func memoryCapDropsOldestClosedChunksFirst() {
        let head = Head(options: .init(retention: .max / 4, memoryCapBytes: 4000))
        let refs = (0..<10).map { head.getOrCreate(labels("m", ["i": String($0)])) }
        var appender = head.appender()
        for step in 0..<(120 * 4) {
            for (index, ref) in refs.enumerated() {
                appender.append(ref, t: Int64(step) * 1000, v: Double(step * index) * 1.1)
            }
        }
        appender.commit()
        #expect(head.stats().chunkBytes > 4000)
        head.housekeeping(now: Int64(120 * 4) * 1000)
        #expect(head.stats().chunkBytes <= 4000 || head.stats().chunksRemovedByMemoryCap > 0)
        #expect(head.stats().chunksRemovedByMemoryCap > 0)
        // Every series still has its newest samples.
        let latest = head.select(
            [.equal("__name__", "m")],
            mint: Int64(120 * 4 - 1) * 1000,
            maxt: .max
        )
        #expect(latest.count == 10)
    }

    /// Many writers on distinct series and a reader at the same time: no lost samples, no torn reads.
    @Test func concurrentAppendsAndReads() async {
        let head = Head()
        let writers = 8
        let samplesPerWriter = 2000
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    let ref = head.getOrCreate(Labels(["__name__": "c", "w": String(writer)]))
                    var appender = head.appender()
                    for step in 0..<samplesPerWriter {
                        appender.append(ref, t: Int64(step), v: Double(step))
                        if step % 100 == 99 { appender.commit() }
                    }
                    appender.commit()
                }
            }
            group.addTask {
                for _ in 0..<50 {
                    for series in head.select([.equal("__name__", "c")], mint: .min, maxt: .max) {
                        // Each read is a consistent prefix: value equals timestamp.
                        #expect(zip(series.timestamps, series.values).allSatisfy { Double($0) == $1 })
                    }
                    await Task.yield()
                }
            }
        }
        let all = head.select([.equal("__name__", "c")], mint: .min, maxt: .max)
        #expect(all.count == writers)
        #expect(all.allSatisfy { $0.count == samplesPerWriter })
        #expect(head.stats().samplesAppended == writers * samplesPerWriter)
    }
}
