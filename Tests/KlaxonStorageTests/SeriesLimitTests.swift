import KlaxonModel
import Synchronization
import Testing

@testable import KlaxonStorage

/// `--storage.tsdb.max-series`: new series beyond the limit are refused, existing ones keep appending, refusals
/// are counted and reported at most once per interval, and freed places can be taken again.
struct SeriesLimitTests {
    func series(_ index: Int) -> Labels {
        Labels(["__name__": "spike", "id": String(index)])
    }

    @Test func refusesNewSeriesBeyondTheLimitButKeepsAppendingToExistingOnes() {
        let head = Head(options: HeadOptions(maxSeries: 3))
        let kept = (0..<3).map { head.getOrCreate(series($0)) }
        #expect(kept.allSatisfy { $0.isStored })
        let refused = head.getOrCreate(series(3))
        #expect(!refused.isStored)
        #expect(refused == .overLimit)
        #expect(head.getOrCreate(series(0)) == kept[0], "an existing series is found, not refused")

        var appender = head.appender()
        for ref in kept { appender.append(ref, t: 1000, v: 1) }
        appender.append(refused, t: 1000, v: 1)
        appender.append(series(4), t: 1000, v: 1)
        let result = appender.commit()
        #expect(result.appended == 3)
        #expect(result.seriesLimit == 2)
        #expect(result.unknownSeries == 0)

        let stats = head.stats()
        #expect(stats.seriesCount == 3)
        #expect(stats.seriesLimitRefused == 2)
        #expect(stats.seriesLimitSamplesRejected == 2)
        #expect(head.select([.equal("__name__", "spike")], mint: .min, maxt: .max).count == 3)
    }

    @Test func zeroMeansUnlimited() {
        let head = Head(options: HeadOptions(maxSeries: 0))
        for index in 0..<500 { #expect(head.getOrCreate(series(index)).isStored) }
        #expect(head.stats().seriesCount == 500)
        #expect(head.stats().seriesLimitRefused == 0)
    }

    @Test func placesFreedByRetentionCanBeTakenAgain() {
        let head = Head(options: HeadOptions(maxSeries: 2))
        var appender = head.appender()
        appender.append(series(0), t: 1000, v: 1)
        appender.append(series(1), t: 1000, v: 1)
        appender.commit()
        #expect(!head.getOrCreate(series(2)).isStored)
        head.truncate(before: 10_000)
        #expect(head.stats().seriesCount == 0)
        #expect(head.seriesCountedForLimit == 0)
        #expect(head.getOrCreate(series(2)).isStored)
        #expect(head.getOrCreate(series(3)).isStored)
        #expect(!head.getOrCreate(series(4)).isStored)
    }

    @Test func reportsAtMostOncePerInterval() {
        let reports = Mutex<[SeriesLimitReport]>([])
        let head = Head(
            options: HeadOptions(maxSeries: 1, seriesLimitReportInterval: .seconds(3600)) { report in
                reports.withLock { $0.append(report) }
            }
        )
        _ = head.getOrCreate(series(0))
        for index in 1...100 { _ = head.getOrCreate(series(index)) }
        let seen = reports.withLock { $0 }
        #expect(seen.count == 1)
        #expect(seen.first == SeriesLimitReport(limit: 1, refusedTotal: 1, example: series(1)))
        #expect(head.stats().seriesLimitRefused == 100)
    }

    @Test func reportsAgainAfterTheInterval() {
        let count = Atomic<Int>(0)
        let head = Head(
            options: HeadOptions(maxSeries: 1, seriesLimitReportInterval: .zero) { _ in
                count.add(1, ordering: .relaxed)
            }
        )
        _ = head.getOrCreate(series(0))
        for index in 1...5 { _ = head.getOrCreate(series(index)) }
        #expect(count.load(ordering: .relaxed) == 5)
    }

    @Test func concurrentCreatorsNeverOvershootTheLimit() async {
        let head = Head(options: HeadOptions(maxSeries: 1000))
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for index in 0..<500 { _ = head.getOrCreate(self.series(worker * 500 + index)) }
                }
            }
        }
        let stats = head.stats()
        #expect(stats.seriesCount == 1000)
        #expect(stats.seriesLimitRefused == 3000)
    }

    /// Refused samples are not written to the WAL: a replay has nothing to restore for them, and a spike's refused
    /// samples would hold the WAL lock, and with it every other committer, while they were encoded.
    @Test func refusedSamplesAreNotLogged() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        do {
            let head = Head(options: HeadOptions(maxSeries: 2))
            let persistence = try HeadPersistence(directory: dir.path, head: head)
            _ = try persistence.recover()
            var appender = head.appender()
            for step in 0..<3 {
                for index in 0..<10 { appender.append(series(index), t: Int64(step) * 1000, v: Double(step)) }
                #expect(appender.commit().seriesLimit == 8)
            }
            let stats = persistence.stats()
            #expect(stats.samplesLogged == 2 * 3)
            persistence.close()
        }
        let head = Head(options: HeadOptions(maxSeries: 2))
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        let report = try persistence.recover()
        #expect(report.series == 2 && report.samples == 6 && report.damage.isEmpty)
        #expect(head.select([.equal("__name__", "spike")], mint: .min, maxt: .max).count == 2)
        persistence.close()
    }
}
