import KlaxonModel
import Testing

@testable import KlaxonStorage

struct PersistenceTests {
    let chunked = HeadOptions(samplesPerChunk: 10)

    @Test func crc32cMatchesTheCastagnoliCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([]) == 0)
        // Slicing-by-8 and the byte loop agree on every length and split point.
        let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for length in 0...bytes.count {
            let whole = CRC32C.checksum(Array(bytes[0..<length]))
            let split = bytes.withUnsafeBytes { raw -> UInt32 in
                let first = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<(length / 3)]))
                return CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[(length / 3)..<length]), continuing: first)
            }
            #expect(whole == split)
        }
    }

    @Test func varintsAndZigzagsRoundTripAndTruncationThrows() {
        let values: [Int64] = [0, 1, -1, 63, -64, 1 << 40, .max, .min, -123_456_789]
        var buffer: [UInt8] = []
        for value in values { buffer.appendZigzag(value) }
        buffer.appendVarint(.max)
        let decoded = buffer.withUnsafeBytes { raw -> (values: [Int64], last: UInt64?, atEnd: Bool, extra: Bool) in
            var reader = ByteReader(raw)
            let values = values.compactMap { _ in try? reader.zigzag() }
            let last = try? reader.varint()
            return (values, last, reader.isAtEnd, (try? reader.varint()) != nil)
        }
        #expect(decoded.values == values && decoded.last == .max && decoded.atEnd && !decoded.extra)
        // An 11-byte varint and a count larger than the record are rejected, not trusted.
        let long = [UInt8](repeating: 0xff, count: 11)
        let overlong = long.withUnsafeBytes { raw -> UInt64? in
            var reader = ByteReader(raw)
            return try? reader.varint()
        }
        #expect(overlong == nil)
        let counted = [UInt8]([0x7f, 1, 2]).withUnsafeBytes { raw -> Int? in
            var reader = ByteReader(raw)
            return try? reader.count(minBytes: 1)
        }
        #expect(counted == nil)
    }

    @Test func refMapKeepsDenseAndSparseSequencesApart() {
        var map = RefMap()
        #expect(map[0] == nil && map[5] == nil)
        map[5] = 55
        map[1] = 11
        map[RefMap.denseLimit + 3] = 99
        #expect(map[5] == 55 && map[1] == 11 && map[2] == nil && map[RefMap.denseLimit + 3] == 99)
        #expect(map[RefMap.denseLimit + 4] == nil && map[.max] == nil)
        map[5] = 56
        #expect(map[5] == 56)
    }

    @Test func everySampleSurvivesCloseAndRecover() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var data = PersistenceDataSet(seriesCount: 150)
        do {
            let head = Head(options: chunked)
            let persistence = try HeadPersistence(directory: dir.path, head: head)
            let empty = try persistence.recover()
            #expect(empty.series == 0 && empty.samples == 0 && empty.damage.isEmpty && empty.walError == nil)
            data.append(to: head, steps: 0..<57)
            #expect(sameData(dump(head), dump(data.model)))
            let stats = persistence.stats()
            #expect(stats.samplesLogged == 150 * 57 && stats.writeFailures == 0 && stats.healthy)
            persistence.close()
        }
        let head = Head(options: chunked)
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        let report = try persistence.recover()
        #expect(report.series == 150)
        #expect(report.samples == 150 * 57)
        #expect(report.corruptRecordsSkipped == 0 && report.damage.isEmpty)
        #expect(report.segments == 1)
        #expect(head.stats().chunkCount == 150 * 6)
        #expect(sameData(dump(head), dump(data.model)))
        // Appending continues after recovery, also through a second restart.
        data.append(to: head, steps: 57..<60)
        persistence.close()
        let again = Head(options: chunked)
        let second = try HeadPersistence(directory: dir.path, head: again)
        let report2 = try second.recover()
        #expect(report2.series == 150 && report2.segments == 2 && report2.damage.isEmpty)
        #expect(sameData(dump(again), dump(data.model)))
        second.close()
    }

    @Test func checkpointPlusLaterSegmentsRecoverEverything() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var data = PersistenceDataSet(seriesCount: 40)
        do {
            let head = Head(options: chunked)
            let persistence = try HeadPersistence(directory: dir.path, head: head)
            _ = try persistence.recover()
            data.append(to: head, steps: 0..<33)
            let checkpoint = try persistence.checkpoint()
            #expect(checkpoint.series == 40)
            #expect(checkpoint.chunks == 40 * 3)
            #expect(checkpoint.openSamples == 40 * 3)
            #expect(checkpoint.segmentsRemoved == 1 && checkpoint.index == 1)
            #expect(persistence.stats().checkpoints == 1 && persistence.stats().lastCheckpointTime > 0)
            // New series and samples after the checkpoint go to the next segment.
            data.labels.append(["__name__": "late", "instance": "new"])
            data.append(to: head, steps: 33..<50)
            persistence.close()
        }
        let names = try FileIO.list(dir.path).sorted()
        #expect(names == ["checkpoint.00000001", "wal"])
        #expect(try FileIO.list(dir.path + "/wal") == ["00000002"])
        let head = Head(options: chunked)
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        let report = try persistence.recover()
        #expect(report.checkpoint == 1)
        #expect(report.chunks == 40 * 3)
        #expect(report.samples == 40 * 33 + 41 * 17)
        #expect(report.segments == 1)
        #expect(report.series == 41)
        #expect(report.damage.isEmpty)
        #expect(sameData(dump(head), dump(data.model)))
        // A second checkpoint replaces the first and removes the segments it covers.
        let second = try persistence.checkpoint()
        #expect(second.index == 3 && second.series == 41)
        #expect(try FileIO.list(dir.path).sorted() == ["checkpoint.00000003", "wal"])
        #expect(try FileIO.list(dir.path + "/wal") == ["00000004"])
        persistence.close()
        let last = Head(options: chunked)
        let final = try HeadPersistence(directory: dir.path, head: last)
        #expect(try final.recover().damage.isEmpty)
        #expect(sameData(dump(last), dump(data.model)))
        final.close()
    }

    @Test func retentionIsHonouredByCheckpointAndRecovery() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let options = HeadOptions(retention: 100_000, samplesPerChunk: 5)
        let head = Head(options: options)
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        _ = try persistence.recover()
        let kept = head.getOrCreate(["__name__": "kept"])
        let gone = head.getOrCreate(["__name__": "gone"])
        for step in 0..<20 { head.append(gone, t: Int64(step) * 1000, v: 1) }
        for step in 0..<100 { head.append(kept, t: Int64(step) * 10_000, v: Double(step)) }
        let report = try persistence.checkpoint()
        // Newest sample 990 s: chunks ending before 890 s are left out, 4 of "gone", 17 of "kept".
        #expect(report.chunksDroppedByRetention == 4 + 17)
        persistence.close()

        head.truncate(before: 990_000 - 100_000)
        let restored = Head(options: options)
        let second = try HeadPersistence(directory: dir.path, head: restored)
        let recovered = try second.recover()
        #expect(recovered.damage.isEmpty)
        #expect(restored.ref(for: ["__name__": "gone"]) == nil)
        #expect(sameData(dump(restored), dump(head)))
        let series = restored.select([.equal("__name__", "kept")], mint: .min, maxt: .max)
        #expect(series.first?.timestamps.first == 850_000)
        second.close()
    }

    @Test func duplicateAndOutOfOrderRulesStillHoldAfterRecovery() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        do {
            let head = Head(options: chunked)
            let persistence = try HeadPersistence(directory: dir.path, head: head)
            _ = try persistence.recover()
            let ref = head.getOrCreate(["__name__": "x"])
            for step in 0..<25 { head.append(ref, t: Int64(step), v: Double(step) / 10) }
            _ = try persistence.checkpoint()
            persistence.close()
        }
        let head = Head(options: chunked)
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        _ = try persistence.recover()
        let ref = try #require(head.ref(for: ["__name__": "x"]))
        #expect(head.append(ref, t: 24, v: 2.4).ignoredDuplicates == 1)
        #expect(head.append(ref, t: 24, v: 9).duplicateTimestamp == 1)
        #expect(head.append(ref, t: 3, v: 9).outOfOrder == 1)
        #expect(head.append(ref, t: 25, v: 2.5).appended == 1)
        #expect(head.select([], mint: .min, maxt: .max).first?.count == 26)
        persistence.close()
    }

    @Test func misuseIsAnErrorNotACrash() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let head = Head()
        let persistence = try HeadPersistence(directory: dir.path, head: head)
        #expect(throws: PersistenceError.self) { try persistence.checkpoint() }
        _ = try persistence.recover()
        #expect(throws: PersistenceError.self) { try persistence.recover() }
        persistence.close()
        let busy = Head()
        _ = busy.getOrCreate(["__name__": "x"])
        let other = try HeadPersistence(directory: dir.path, head: busy)
        #expect(throws: PersistenceError.self) { try other.recover() }
        #expect(throws: PersistenceError.self) {
            try HeadPersistence(directory: "/proc/self/nope/deeper", head: Head())
        }
    }
}
