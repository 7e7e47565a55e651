import KlaxonModel
import Testing

@testable import KlaxonStorage

/// Torn and corrupted files: recovery never crashes, keeps everything before the damage, reports what it skipped.
struct PersistenceDamageTests {
    /// A closed data directory with one segment: the snapshot marker, 20 series, 30 commits; the segment's bytes,
    /// and per record its start, end and sample count.
    struct Fixture {
        var data = PersistenceDataSet(seriesCount: 20)
        var segment: [UInt8] = []
        var records: [(start: Int, end: Int, samples: Int)] = []

        init() throws {
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            let head = Head(options: HeadOptions(samplesPerChunk: 8))
            let persistence = try HeadPersistence(directory: dir.path, head: head)
            _ = try persistence.recover()
            data.append(to: head, steps: 0..<30)
            persistence.close()
            segment = try FileIO.readAll(dir.path + "/wal/00000001")
            var found: [(Int, Int, Int)] = []
            segment.withUnsafeBytes { raw in
                var scanner = RecordScanner(raw)
                while true {
                    let start = scanner.offset
                    guard case .record(let type, _) = scanner.next() else { break }
                    found.append((start, scanner.offset, type == RecordType.samples.rawValue ? 20 : 0))
                }
            }
            records = found
        }

        /// Samples in the records that end at or before `offset`.
        func samplesBefore(_ offset: Int) -> Int {
            records.reduce(0) { $0 + ($1.end <= offset ? $1.samples : 0) }
        }

        /// Recovers a head from a directory whose only segment holds `bytes`.
        func recover(segment bytes: [UInt8]) throws -> (Head, RecoveryReport) {
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            try FileIO.makeDirectory(dir.path + "/wal")
            writeFile(dir.path + "/wal/00000001", bytes)
            let head = Head(options: HeadOptions(samplesPerChunk: 8))
            let persistence = try HeadPersistence(directory: dir.path, head: head)
            let report = try persistence.recover()
            persistence.close()
            return (head, report)
        }
    }

    @Test func fixtureIsWhole() throws {
        let fixture = try Fixture()
        #expect(fixture.records.count == 1 + 20 + 30)
        #expect(fixture.records.last?.end == fixture.segment.count)
        let (head, report) = try fixture.recover(segment: fixture.segment)
        #expect(report.samples == 600 && report.corruptRecordsSkipped == 0)
        #expect(sameData(dump(head), dump(fixture.data.model)))
    }

    @Test func truncationAtEveryOffsetOfTheLastRecordsKeepsWhatPrecedesIt() throws {
        let fixture = try Fixture()
        let from = fixture.records[fixture.records.count - 3].start
        let expected = dump(fixture.data.model)
        for offset in from...fixture.segment.count {
            let (head, report) = try fixture.recover(segment: Array(fixture.segment[0..<offset]))
            let boundary = fixture.records.contains { $0.end == offset } || offset == 0
            #expect(report.samples == fixture.samplesBefore(offset), "offset \(offset)")
            #expect(report.corruptRecordsSkipped == (boundary ? 0 : 1), "offset \(offset)")
            #expect(report.bytesSkipped == (boundary ? 0 : offset - fixture.records.last { $0.end <= offset }!.end))
            if !boundary { #expect(report.damage.count == 1 && report.damage[0].hasPrefix("wal/00000001 at byte")) }
            #expect(isPrefix(dump(head), of: expected))
        }
    }

    @Test func truncationInsideTheSeriesRecordsLosesOnlyTheirSeries() throws {
        let fixture = try Fixture()
        let cut = fixture.records[1 + 10].start + 5
        let (head, report) = try fixture.recover(segment: Array(fixture.segment[0..<cut]))
        #expect(report.series == 10 && report.samples == 0 && report.corruptRecordsSkipped == 1)
        #expect(head.stats().seriesCount == 10)
    }

    @Test func randomByteCorruptionIsDetectedAndEverythingBeforeItKept() throws {
        let fixture = try Fixture()
        let expected = dump(fixture.data.model)
        var random = SplitMix64(seed: 42)
        for _ in 0..<80 {
            var bytes = fixture.segment
            let position = Int(random.next() % UInt64(bytes.count))
            bytes[position] ^= UInt8(truncatingIfNeeded: random.next() % 255 + 1)
            let (head, report) = try fixture.recover(segment: bytes)
            let damaged = try #require(fixture.records.first { $0.start <= position && position < $0.end })
            #expect(report.corruptRecordsSkipped == 1, "byte \(position)")
            #expect(report.samples == fixture.samplesBefore(damaged.start), "byte \(position)")
            #expect(report.damage.first?.contains("at byte \(damaged.start):") == true, "byte \(position)")
            #expect(isPrefix(dump(head), of: expected))
        }
    }

    @Test func garbageAndEmptySegmentsDoNotCrash() throws {
        let fixture = try Fixture()
        var random = SplitMix64(seed: 9)
        for length in [0, 1, 7, 8, 9, 100, 5000] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let (head, report) = try fixture.recover(segment: bytes)
            #expect(head.stats().seriesCount == 0)
            #expect(report.corruptRecordsSkipped == (length == 0 ? 0 : 1))
        }
        // A zero-filled tail (preallocated or torn page) after valid records.
        let (head, report) = try fixture.recover(segment: fixture.segment + [UInt8](repeating: 0, count: 4096))
        #expect(report.samples == 600 && report.corruptRecordsSkipped == 1)
        #expect(sameData(dump(head), dump(fixture.data.model)))
    }

    @Test func damagedCheckpointKeepsTheSeriesBeforeTheDamageAndLeftoverTempIsIgnored() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var data = PersistenceDataSet(seriesCount: 30)
        do {
            let head = Head(options: HeadOptions(samplesPerChunk: 8))
            let persistence = try HeadPersistence(directory: dir.path, head: head)
            _ = try persistence.recover()
            data.append(to: head, steps: 0..<20)
            _ = try persistence.checkpoint()
            persistence.close()
        }
        let path = dir.path + "/checkpoint.00000001/data"
        var bytes = try FileIO.readAll(path)
        bytes[bytes.count / 2] ^= 0x40
        writeFile(path, bytes)
        // An interrupted later checkpoint: must be removed, not loaded.
        try FileIO.makeDirectory(dir.path + "/checkpoint.00000005.tmp")
        writeFile(dir.path + "/checkpoint.00000005.tmp/data", [1, 2, 3])
        let head = Head(options: HeadOptions(samplesPerChunk: 8))
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        let report = try persistence.recover()
        persistence.close()
        #expect(report.checkpoint == 1)
        #expect(report.corruptRecordsSkipped == 1)
        #expect(report.damage.first?.hasPrefix("checkpoint.00000001/data at byte") == true)
        // Every series is back (the segment after the checkpoint starts with a snapshot of all of them), but only
        // those before the damage have their samples.
        #expect(report.series == 30)
        #expect(dump(head).count > 5 && dump(head).count < 30)
        #expect(isPrefix(dump(head), of: dump(data.model)))
        #expect(try !FileIO.list(dir.path).contains("checkpoint.00000005.tmp"))
        // Every recovered series is complete: the checkpoint holds whole series per record.
        let model = dump(data.model)
        #expect(dump(head).allSatisfy { model[$0.key]?.count == $0.value.count })
    }

    @Test func unreadableFilesAreReportedAndPassedOver() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let fixture = try Fixture()
        try FileIO.makeDirectory(dir.path + "/wal")
        // A checkpoint directory without its data file, and a segment that is a directory.
        try FileIO.makeDirectory(dir.path + "/checkpoint.00000001")
        try FileIO.makeDirectory(dir.path + "/wal/00000002")
        writeFile(dir.path + "/wal/00000003", fixture.segment)
        let head = Head(options: HeadOptions(samplesPerChunk: 8))
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        let report = try persistence.recover()
        persistence.close()
        #expect(report.checkpoint == nil && report.segments == 1 && report.samples == 600)
        #expect(report.damage.count == 2)
        #expect(report.damage.first?.hasPrefix("checkpoint.00000001: open ") == true)
        #expect(report.damage.last?.hasPrefix("wal/00000002: read ") == true)
        #expect(sameData(dump(head), dump(fixture.data.model)))
    }
}
