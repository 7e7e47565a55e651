import KlaxonModel
import Testing

@testable import KlaxonStorage

struct HeadBehaviourTests {
    func names(_ head: Head, _ matchers: [LabelMatcher]) -> [String] {
        head.select(matchers, mint: .min, maxt: .max).map { $0.labels.description }.sorted()
    }

    func filled() -> Head {
        let head = Head()
        var appender = head.appender()
        for labels: Labels in [["a": "api"], ["a": "apix"], ["a": "", "b": "1"], ["a": "x\ny"]] {
            appender.append(labels, t: 1, v: 1)
        }
        appender.commit()
        return head
    }

    @Test func regexMatchersAreFullyAnchored() throws {
        let head = filled()
        #expect(names(head, [try LabelMatcher(.regexMatch, "a", "ap")]).isEmpty)
        #expect(names(head, [try LabelMatcher(.regexMatch, "a", "api")]) == [#"{a="api"}"#])
        #expect(names(head, [try LabelMatcher(.regexMatch, "a", "a.i")]) == [#"{a="api"}"#])
        #expect(names(head, [try LabelMatcher(.regexMatch, "a", "ap.*")]) == [#"{a="api"}"#, #"{a="apix"}"#])
        #expect(names(head, [try LabelMatcher(.regexNoMatch, "a", "api")]).count == 3)
    }

    @Test func emptyMatchingMatchersSelectSeriesWithoutTheLabel() throws {
        let head = filled()
        #expect(names(head, [.equal("a", "")]) == [#"{b="1"}"#])
        #expect(names(head, [try LabelMatcher(.regexMatch, "a", "")]) == [#"{b="1"}"#])
        #expect(names(head, [.notEqual("a", "")]).count == 3)
        #expect(names(head, [try LabelMatcher(.regexMatch, "a", ".+")]).count == 3)
        #expect(names(head, [try LabelMatcher(.regexMatch, "a", ".*")]).count == 4)
        #expect(names(head, [try LabelMatcher(.regexNoMatch, "a", ".+")]) == [#"{b="1"}"#])
        // Prometheus 2.x: `.` does not match a newline.
        let old = try LabelMatcher(.regexMatch, "a", "x.y", dotMatchesNewline: false)
        #expect(names(head, [old]).isEmpty)
        #expect(names(head, [try LabelMatcher(.regexMatch, "a", "x.y")]).count == 1)
        #expect(names(head, [.equal("nope", "")]).count == 4)
        #expect(names(head, []).count == 4)
    }

    @Test func rejectionsCarryTheBatchIndexAndReason() {
        let head = Head()
        let ref = head.getOrCreate(["__name__": "x"])
        var appender = head.appender()
        appender.append(ref, t: 10, v: 1)
        appender.append(ref, t: 20, v: 2)
        appender.append(ref, t: 15, v: 3)  // out of order within the batch
        appender.append(ref, t: 20, v: 2)  // exact duplicate: accepted silently
        appender.append(ref, t: 20, v: 9)  // same timestamp, different value
        appender.append(SeriesRef(raw: 0xdead_0000), t: 1, v: 1)  // never created
        let result = appender.commit()
        #expect(result.appended == 2)
        #expect(result.ignoredDuplicates == 1)
        #expect(result.rejections.sorted { $0.index < $1.index }.map(\.index) == [2, 4, 5])
        #expect(result.outOfOrder == 1 && result.duplicateTimestamp == 1 && result.unknownSeries == 1)
        #expect(appender.pendingCount == 0)
        let stats = head.stats()
        #expect(stats.outOfOrderRejected == 1 && stats.duplicateRejected == 1 && stats.unknownSeriesRejected == 1)
        #expect(head.select([.equal("__name__", "x")], mint: .min, maxt: .max)[0].values == [1, 2])
    }

    @Test func duplicateStaleMarkerIsAnExactDuplicate() {
        let head = Head()
        let ref = head.getOrCreate(["__name__": "x"])
        head.append(ref, t: 10, v: StaleNaN.value)
        let again = head.append(ref, t: 10, v: StaleNaN.value)
        #expect(again.ignoredDuplicates == 1 && again.rejections.isEmpty)
        // A NaN with another payload is a different value.
        #expect(head.append(ref, t: 10, v: .nan).duplicateTimestamp == 1)
    }

    @Test func getOrCreateIsStableAndRefsAreUnique() {
        let head = Head()
        let a = head.getOrCreate(["__name__": "x", "i": "1"])
        let b = head.getOrCreate(["__name__": "x", "i": "2"])
        #expect(a != b)
        #expect(head.getOrCreate(["i": "1", "__name__": "x"]) == a)
        #expect(head.ref(for: ["__name__": "x", "i": "1"]) == a)
        #expect(head.ref(for: ["__name__": "x", "i": "3"]) == nil)
        #expect(head.stats().seriesCount == 2)
    }

    @Test func neverAppendedSeriesSurvivesOneTruncation() {
        let head = Head()
        let ref = head.getOrCreate(["__name__": "fresh"])
        #expect(head.truncate(before: 1000).seriesRemoved == 0)
        #expect(head.ref(for: ["__name__": "fresh"]) == ref)
        #expect(head.truncate(before: 1000).seriesRemoved == 1)
        #expect(head.labelValues("__name__").isEmpty)
        #expect(head.append(ref, t: 5, v: 1).unknownSeries == 1)
    }

    @Test func truncationKeepsChunksReachingTheCutoffAndDropsWholeChunksOnly() {
        let head = Head(options: HeadOptions(samplesPerChunk: 10))
        let ref = head.getOrCreate(["__name__": "x"])
        var appender = head.appender()
        for step in 0..<35 { appender.append(ref, t: Int64(step), v: Double(step)) }
        appender.commit()
        #expect(head.stats().chunkCount == 4)
        // Chunk [0, 9] ends before 12 and goes; chunk [10, 19] reaches 12 and stays whole.
        let removed = head.truncate(before: 12)
        #expect(removed.chunksRemoved == 1 && removed.seriesRemoved == 0)
        let left = head.select([.equal("__name__", "x")], mint: .min, maxt: .max)[0]
        #expect(left.timestamps.first == 10 && left.count == 25)
        #expect(head.stats().chunksRemovedByRetention == 1)
        // Everything older than the newest sample: the series goes, postings included.
        #expect(head.truncate(before: 1000).seriesRemoved == 1)
        #expect(head.labelNames().isEmpty)
        #expect(head.stats().seriesCount == 0 && head.stats().chunkBytes == 0)
    }

    @Test func batchDropKeepsPostingsOfSurvivors() {
        let head = Head()
        var appender = head.appender()
        for index in 0..<100 {
            let t: Int64 = index % 2 == 0 ? 10 : 10_000
            appender.append(["__name__": "m", "job": "j", "i": String(index), "parity": String(index % 2)], t: t, v: 1)
        }
        appender.commit()
        #expect(head.truncate(before: 5000).seriesRemoved == 50)
        #expect(head.labelValues("i").count == 50)
        #expect(head.labelValues("parity") == ["1"])
        #expect(head.select([.equal("job", "j")], mint: .min, maxt: .max).count == 50)
        #expect(head.select([.notEqual("parity", "1")], mint: .min, maxt: .max).isEmpty)
        #expect(head.stats().seriesCount == 50)
    }

    /// Property: the head returns what `MemoryQueryable` returns for the same in-order samples, for arbitrary
    /// windows, across chunk boundaries.
    @Test(arguments: 0..<20)
    func agreesWithMemoryQueryable(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 7 &+ 3)
        let head = Head(options: HeadOptions(samplesPerChunk: 16))
        var reference = MemoryQueryable()
        var appender = head.appender()
        let series: [Labels] = (0..<5).map { ["__name__": "m", "s": String($0)] }
        var clocks = [Int64](repeating: 0, count: series.count)
        for _ in 0..<400 {
            let index = Int(random.next() % UInt64(series.count))
            clocks[index] += Int64(random.next() % 30_000) + 1
            let value = random.next() % 3 == 0 ? StaleNaN.value : Double(random.next() % 1000) / 8
            appender.append(series[index], t: clocks[index], v: value)
            reference.append(series[index], t: clocks[index], v: value)
        }
        #expect(appender.commit().rejections.isEmpty)
        for _ in 0..<20 {
            let a = Int64(random.next() % 3_000_000)
            let b = a + Int64(random.next() % 2_000_000)
            let matchers = [LabelMatcher.equal("__name__", "m")]
            let got = head.select(matchers, mint: a, maxt: b).sorted { $0.labels.description < $1.labels.description }
            let want = reference.select(matchers, mint: a, maxt: b).sorted {
                $0.labels.description < $1.labels.description
            }
            #expect(got.map(\.labels) == want.map(\.labels))
            for (g, w) in zip(got, want) {
                #expect(g.timestamps == w.timestamps)
                #expect(g.values.map(\.bitPattern) == w.values.map(\.bitPattern))
            }
        }
    }

    /// Many appenders (shared and distinct series), readers, label queries and housekeeping at once. Run under
    /// `swift test --sanitize=thread` to check for data races.
    @Test func appendReadAndTruncateConcurrently() async {
        let head = Head(options: HeadOptions(retention: 50_000, memoryCapBytes: 1 << 20, samplesPerChunk: 32))
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<6 {
                group.addTask {
                    var appender = head.appender()
                    var refs: [SeriesRef] = []
                    for index in 0..<50 {
                        // Half the label sets are shared by all writers: get-or-create must agree.
                        let owner = index < 25 ? "shared" : String(writer)
                        refs.append(head.getOrCreate(["__name__": "c", "w": owner, "i": String(index)]))
                    }
                    for step in 0..<300 {
                        for ref in refs { appender.append(ref, t: Int64(step) * 1000 + Int64(writer), v: Double(step)) }
                        appender.commit()
                    }
                }
            }
            group.addTask {
                for _ in 0..<100 {
                    for series in head.select([.equal("__name__", "c")], mint: .min, maxt: .max) {
                        #expect(zip(series.timestamps, series.timestamps.dropFirst()).allSatisfy { $0 < $1 })
                    }
                    _ = head.labelValues("w", [.equal("__name__", "c")])
                    await Task.yield()
                }
            }
            group.addTask {
                for round in 0..<50 {
                    head.housekeeping(now: Int64(round) * 6000)
                    await Task.yield()
                }
            }
        }
        let stats = head.stats()
        #expect(stats.seriesCount <= 25 + 6 * 25)
        #expect(stats.samplesAppended > 0)
    }

    @Test func concurrentGetOrCreateAgreesOnRefs() async {
        let head = Head()
        let all = await withTaskGroup(of: [SeriesRef].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<200).map { head.getOrCreate(["__name__": "g", "i": String($0)]) } }
            }
            var collected: [[SeriesRef]] = []
            for await refs in group { collected.append(refs) }
            return collected
        }
        #expect(all.count == 8)
        #expect(all.allSatisfy { $0 == all[0] })
        #expect(Set(all[0]).count == 200)
        #expect(head.stats().seriesCount == 200)
        #expect(head.labelValues("i").count == 200)
    }
}
