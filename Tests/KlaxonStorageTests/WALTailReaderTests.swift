import KlaxonModel
import Testing

@testable import KlaxonStorage

/// The WAL as remote write reads it: snapshots, a record being written, segments held or gone.
struct WALTailReaderTests {
    struct Recorder: WALVisitor {
        var snapshots: [WALPosition] = []
        var series: [UInt64: Labels] = [:]
        var samples: [(labels: Labels?, t: Timestamp, v: Double)] = []

        mutating func snapshot(at position: WALPosition) { snapshots.append(position) }
        mutating func series(sequence: UInt64, labels: Labels) { series[sequence] = labels }
        mutating func samples(at position: WALPosition, sequences: [UInt64], timestamps: [Timestamp], values: [Double])
        {
            for i in sequences.indices { samples.append((series[sequences[i]], timestamps[i], values[i])) }
        }
    }

    func commit(_ head: Head, _ name: String, t: Timestamp, v: Double) {
        var appender = head.appender()
        _ = appender.append(Labels(["__name__": name]), t: t, v: v)
        _ = appender.commit()
    }

    @Test func followsTheWALAcrossCheckpointsAndEverySegmentAfterOneStartsWithASnapshot() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let head = Head()
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        _ = try persistence.recover()
        commit(head, "a", t: 1, v: 1)
        var reader = WALTailReader(walDirectory: persistence.walPath, from: WALPosition(segment: 1, offset: 0))
        var recorder = Recorder()
        #expect(reader.read(maxSamples: 100, into: &recorder) == .caughtUp)
        #expect(recorder.snapshots == [WALPosition(segment: 1, offset: 0)])
        #expect(recorder.samples.map(\.t) == [1])
        // The reader holds segment 1: the checkpoint (which covers it) leaves it.
        persistence.holdSegments("test", from: 1)
        commit(head, "b", t: 2, v: 2)
        let report = try persistence.checkpoint()
        #expect(report.index == 1 && report.segmentsRemoved == 0)
        commit(head, "a", t: 3, v: 3)
        #expect(reader.read(maxSamples: 100, into: &recorder) == .caughtUp)
        #expect(recorder.snapshots.count == 2 && recorder.snapshots[1].segment == 2)
        #expect(recorder.samples.map(\.t) == [1, 2, 3])
        #expect(recorder.samples.map { $0.labels?.metricName } == ["a", "b", "a"])
        #expect(reader.position.segment == 2)
        // Released, the next checkpoint removes what it covers.
        persistence.holdSegments("test", from: nil)
        #expect(try persistence.checkpoint().segmentsRemoved == 2)
        #expect(reader.takeDamage().isEmpty)
    }

    @Test func aRecordStillBeingWrittenIsWaitedForAndAGoneSegmentSkipped() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let head = Head()
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        _ = try persistence.recover()
        commit(head, "a", t: 1, v: 1)
        persistence.sync()
        let path = persistence.walPath + "/00000001"
        let whole = try FileIO.readAll(path)
        // The last record torn in the newest segment: read up to it, then wait.
        writeFile(path, Array(whole[0..<(whole.count - 3)]))
        var reader = WALTailReader(walDirectory: persistence.walPath, from: WALPosition(segment: 1, offset: 0))
        var recorder = Recorder()
        #expect(reader.read(maxSamples: 100, into: &recorder) == .caughtUp)
        #expect(recorder.samples.isEmpty && reader.takeDamage().isEmpty)
        writeFile(path, whole)
        #expect(reader.read(maxSamples: 100, into: &recorder) == .caughtUp)
        #expect(recorder.samples.map(\.t) == [1])
        // A reader whose segment is gone goes on with the next one, and says so.
        var late = WALTailReader(walDirectory: persistence.walPath, from: WALPosition(segment: 0, offset: 0))
        var other = Recorder()
        _ = late.read(maxSamples: 100, into: &other)
        #expect(other.samples.map(\.t) == [1])
        #expect(late.takeDamage().first?.contains("segment 00000000 is gone") == true)
        // The budget stops a read after the record that reaches it.
        for t in 2...5 { commit(head, "a", t: Timestamp(t), v: 0) }
        var budgeted = Recorder()
        var from = WALTailReader(walDirectory: persistence.walPath, from: WALPosition(segment: 1, offset: 0))
        #expect(from.read(maxSamples: 2, into: &budgeted) == .budgetReached)
        #expect(budgeted.samples.count == 2)
    }
}
