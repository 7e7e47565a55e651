import KlaxonModel
import Testing

@testable import KlaxonStorage

struct PersistenceConcurrencyTests {
    @Test func checkpointsWhileFourWritersAppendLoseNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let head = Head(options: HeadOptions(samplesPerChunk: 16))
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        _ = try persistence.recover()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    var appender = head.appender()
                    for step in 0..<300 {
                        for series in 0..<25 {
                            // New series keep appearing while checkpoints run.
                            let labels: Labels = ["__name__": "w\(writer)", "s": "\(series + step / 100 * 25)"]
                            appender.append(labels, t: Int64(step) * 1000, v: Double(step * series))
                        }
                        appender.commit()
                    }
                }
            }
            group.addTask {
                for _ in 0..<5 { _ = try persistence.checkpoint() }
            }
            try await group.waitForAll()
        }
        #expect(persistence.stats().checkpoints == 5 && persistence.stats().writeFailures == 0)
        persistence.close()
        let expected = dump(head)
        #expect(expected.count == 4 * 75)
        let restored = Head(options: HeadOptions(samplesPerChunk: 16))
        let again = try HeadPersistence(directory: dir.path, head: restored)
        let report = try again.recover()
        #expect(report.damage.isEmpty && report.samplesForUnknownSeries == 0)
        #expect(sameData(dump(restored), expected))
        again.close()
    }

    @Test func fullSegmentsAreCutAndDamageInOneDoesNotStopTheNext() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var data = PersistenceDataSet(seriesCount: 30)
        do {
            let head = Head()
            let persistence = try HeadPersistence(
                directory: dir.path,
                head: head,
                options: PersistenceOptions(segmentBytes: 4096)
            )
            _ = try persistence.recover()
            data.append(to: head, steps: 0..<100)
            persistence.close()
        }
        let segments = try FileIO.list(dir.path + "/wal").sorted()
        #expect(segments.count >= 8)
        // Tear the third segment in the middle.
        let third = dir.path + "/wal/" + segments[2]
        let bytes = try FileIO.readAll(third)
        writeFile(third, Array(bytes[0..<(bytes.count / 2 + 3)]))
        let head = Head()
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        let report = try persistence.recover()
        persistence.close()
        #expect(report.segments == segments.count)
        #expect(report.corruptRecordsSkipped == 1)
        #expect(report.damage.count == 1 && report.damage[0].hasPrefix("wal/" + segments[2] + " at byte"))
        // Later segments still replay: every series reaches its last sample; only the torn part is missing.
        let got = dump(head)
        let model = dump(data.model)
        #expect(got.count == 30)
        for (labels, samples) in got {
            let full = try #require(model[labels])
            #expect(samples.last! == full.last!)
            #expect(samples.count < full.count)
            #expect(samples.allSatisfy { sample in full.contains { $0 == sample } })
        }
    }
}
