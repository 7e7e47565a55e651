import KlaxonModel
import Testing

@testable import KlaxonStorage

#if canImport(Glibc)
import Glibc
#endif

/// Disk full and unwritable directories: appends keep landing in memory, failures are counted and reported.
struct PersistenceFailureTests {
    func appendSteps(_ head: Head, _ ref: SeriesRef, _ range: Range<Int>) {
        var appender = head.appender()
        for step in range {
            appender.append(ref, t: Int64(step) * 1000, v: Double(step))
            appender.commit()
        }
    }

    @Test func diskFullKeepsAppendingInMemoryAndTheWALResumesOnAFreshSegment() throws {
        #if os(Linux)
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let head = Head()
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        _ = try persistence.recover()
        let first = head.getOrCreate(["__name__": "a"])
        appendSteps(head, first, 0..<10)
        // Every write now fails with ENOSPC.
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        head.wal.withLock { writer in
            close(writer.fd)
            writer.fd = full
        }
        let second = head.getOrCreate(["__name__": "b"])
        appendSteps(head, first, 10..<15)
        appendSteps(head, second, 0..<5)
        var stats = persistence.stats()
        #expect(stats.writeFailures == 10)
        #expect(!stats.healthy)
        #expect(stats.lastError?.contains("write segment 1") == true)
        #expect(head.select([], mint: .min, maxt: .max).map(\.count).sorted() == [5, 15])

        // The retry delay has passed: the next commit opens segment 2, re-logs every series, then its batch.
        head.wal.withLock { $0.retryAfter = 0 }
        appendSteps(head, second, 5..<8)
        stats = persistence.stats()
        #expect(stats.healthy && stats.currentSegment == 2 && stats.writeFailures == 10)
        persistence.close()

        let restored = Head()
        let again = try HeadPersistence(directory: dir.path, head: restored)
        let report = try again.recover()
        #expect(report.damage.isEmpty && report.series == 2)
        // Samples logged before the failure and after the WAL resumed; those in between were lost from disk.
        let a = restored.select([.equal("__name__", "a")], mint: .min, maxt: .max)
        let b = restored.select([.equal("__name__", "b")], mint: .min, maxt: .max)
        #expect(a.first?.timestamps == (0..<10).map { Int64($0) * 1000 })
        #expect(b.first?.timestamps == (5..<8).map { Int64($0) * 1000 })
        again.close()
        #endif
    }

    @Test func aCheckpointDuringAFailureSavesWhatTheWALLost() throws {
        #if os(Linux)
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let head = Head()
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        _ = try persistence.recover()
        let ref = head.getOrCreate(["__name__": "a"])
        appendSteps(head, ref, 0..<3)
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        head.wal.withLock { writer in
            close(writer.fd)
            writer.fd = full
        }
        appendSteps(head, ref, 3..<6)
        let checkpoint = try persistence.checkpoint()
        #expect(checkpoint.index == 2 && checkpoint.openSamples == 6)
        head.wal.withLock { $0.retryAfter = 0 }
        appendSteps(head, ref, 6..<8)
        #expect(persistence.stats().currentSegment == 3 && persistence.stats().healthy)
        persistence.close()
        let restored = Head()
        let again = try HeadPersistence(directory: dir.path, head: restored)
        let report = try again.recover()
        #expect(report.checkpoint == 2 && report.damage.isEmpty)
        #expect(restored.select([], mint: .min, maxt: .max).first?.count == 8)
        again.close()
        #endif
    }

    @Test func unwritableDirectoryIsReportedAndAppendsStayInMemory() throws {
        #if os(Linux)
        // Even root cannot create files in /proc/self.
        let head = Head()
        let persistence = try HeadPersistence(directory: "/proc/self", head: head)
        let report = try persistence.recover()
        #expect(report.walError != nil)
        #expect(report.series == 0)
        let ref = head.getOrCreate(["__name__": "a"])
        appendSteps(head, ref, 0..<4)
        #expect(head.select([], mint: .min, maxt: .max).first?.count == 4)
        let stats = persistence.stats()
        // Opening segment 1 failed, then each commit.
        #expect(stats.writeFailures == 1 + 4 && !stats.healthy)
        #expect(stats.lastError?.contains("open segment 1") == true)
        #expect(throws: PersistenceError.self) { try persistence.checkpoint() }
        #expect(persistence.stats().checkpointFailures == 1)
        persistence.close()
        #endif
    }
}
