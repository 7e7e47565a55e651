import KlaxonExposition
import KlaxonModel
import KlaxonStorage
import Logging
import Testing

@testable import KlaxonDaemon

#if canImport(Glibc)
import Glibc
#endif

/// The daemon's data directory: recovery, checkpoint on close, and a directory that cannot be written.
@Suite struct DataDirectoryTests {
    static func capture() -> (Logger, LogSink) {
        let sink = LogSink(capturing: true)
        let logger = Logger(label: "t") { _ in LogfmtLogHandler(label: "", level: .debug, sink: sink) }
        return (logger, sink)
    }

    static func metrics(_ directory: DataDirectory) -> String {
        var out = ExpositionWriter(reservingCapacity: 4096)
        directory.writeMetrics(to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    static func append(_ head: Head, _ samples: [(Labels, Timestamp, Double)]) -> Int {
        var appender = head.appender()
        for (labels, t, v) in samples { _ = appender.append(labels, t: t, v: v) }
        return appender.commit().appended
    }

    static let series: Labels = ["__name__": "up", "job": "a"]
    static var upMatcher: LabelMatcher {
        get throws { try LabelMatcher(.equal, "__name__", "up") }
    }

    @Test func samplesSurviveARestartAndRetentionAppliesOnClose() throws {
        let path = temporaryDirectory() + "/data"
        let hour = Time.hour
        let (logger, sink) = Self.capture()
        let head = Head(options: HeadOptions(retention: hour, samplesPerChunk: 4))
        let first = DataDirectory(path: path, head: head, retention: hour, logger: logger)
        #expect(first.recover() == nil, "empty directory: nothing recovered")
        let old = (0..<8).map { (Self.series, Int64($0) * 1000, Double($0)) }
        let recent = (0..<8).map { (Self.series, 3 * hour + Int64($0) * 1000, 100 + Double($0)) }
        #expect(Self.append(head, old) == 8)
        #expect(Self.append(head, recent) == 8)
        first.close(now: 3 * hour + 10_000)
        #expect(sink.captured.contains { $0.contains("msg=\"WAL checkpoint written\"") })

        let (logger2, sink2) = Self.capture()
        let restarted = Head(options: HeadOptions(retention: hour, samplesPerChunk: 4))
        let second = DataDirectory(path: path, head: restarted, retention: hour, logger: logger2)
        #expect(second.recover() == 3 * hour + 7000, "the newest sample: when the last run was alive")
        let line = try #require(sink2.captured.first { $0.contains("msg=\"WAL recovery finished\"") })
        #expect(line.contains("corrupt_records_skipped=0") && line.contains("series=1"))
        let selected = restarted.select([try Self.upMatcher], mint: 0, maxt: 4 * hour)
        #expect(selected.count == 1)
        #expect(selected.first?.timestamps.first == 3 * hour, "chunks past retention were dropped on close")
        #expect(selected.first?.values.last == 107)
        #expect(Self.metrics(second).contains("klaxon_storage_wal_healthy 1"))
        second.close(now: 3 * hour + 20_000)
    }

    @Test func directoryThatCannotBeCreatedLeavesTheStoreInMemory() {
        let base = temporaryDirectory()
        writeBytes([1], to: base + "/file")
        let (logger, sink) = Self.capture()
        let head = Head(options: HeadOptions())
        let directory = DataDirectory(path: base + "/file/data", head: head, retention: Time.hour, logger: logger)
        #expect(directory.persistence == nil)
        #expect(directory.recover() == nil)
        #expect(
            sink.captured.contains {
                $0.contains("level=error msg=\"Cannot use the data directory; samples are kept in memory only\"")
            }
        )
        #expect(Self.append(head, [(Self.series, 1000, 1)]) == 1, "appends go on")
        #expect(Self.metrics(directory).contains("klaxon_storage_wal_healthy 0"))
        directory.close(now: 2000)
    }

    @Test func unwritableWALIsLoggedCountedAndAppendsGoOn() throws {
        // Root ignores permission bits: a regular file where the wal/ directory belongs makes every open fail.
        let path = temporaryDirectory() + "/data"
        mkdir(path, 0o755)
        writeBytes([1], to: path + "/wal")
        let (logger, sink) = Self.capture()
        let head = Head(options: HeadOptions())
        let directory = DataDirectory(path: path, head: head, retention: Time.hour, logger: logger)
        _ = directory.recover()
        #expect(
            sink.captured.contains {
                $0.contains("msg=\"Cannot write the WAL; samples are kept in memory only until it can\"")
            }
        )
        #expect(Self.append(head, [(Self.series, 1000, 1)]) == 1)
        #expect(Self.append(head, [(Self.series, 2000, 2)]) == 1)
        let text = Self.metrics(directory)
        #expect(text.contains("klaxon_storage_wal_healthy 0"))
        let failures = text.split(separator: "\n").first { $0.hasPrefix("klaxon_storage_wal_write_failures_total ") }
        #expect(failures != nil && failures != "klaxon_storage_wal_write_failures_total 0")
        #expect(try head.select([Self.upMatcher], mint: 0, maxt: 3000).first?.values == [1, 2])
        directory.close(now: 3000)
    }
}

extension DataDirectoryTests {
    @Test func aSecondProcessCannotTakeTheDataDirectory() throws {
        let path = temporaryDirectory() + "/data"
        let (logger, _) = Self.capture()
        let first = DataDirectory(path: path, head: Head(options: HeadOptions()), retention: Time.hour, logger: logger)
        try first.lock()
        // flock conflicts between open file descriptions, as between two processes.
        let second = DataDirectory(path: path, head: Head(options: HeadOptions()), retention: Time.hour, logger: logger)
        #expect(throws: DaemonError.self) { try second.lock() }
        first.unlock()
        try second.lock()
        second.unlock()
    }
}
