public import KlaxonModel

extension HeadPersistence {
    /// Loads the newest checkpoint and replays the WAL segments after it into `head` (which must be empty), drops
    /// what is past retention (relative to the newest sample), then attaches: from now on every
    /// `Appender.commit` of `head` is logged.
    ///
    /// Damage never stops recovery (a file that cannot be read at all is reported and passed over): a record with a torn header, an implausible length, a checksum mismatch or
    /// content that does not decode ends the replay of its file (everything before it is kept) and is reported
    /// in `damage`. An unwritable directory is not an error either: `walError` says why the WAL is off, appends
    /// keep landing in memory and `stats().writeFailures` counts them.
    public func recover() throws(PersistenceError) -> RecoveryReport {
        let started = FileIO.monotonicMillis()
        let fresh = state.withLock { state -> Bool in
            defer { state.recovered = true }
            return !state.recovered
        }
        guard fresh else { throw PersistenceError(.misuse, "recover() called twice") }
        guard head.stats().seriesCount == 0 else {
            throw PersistenceError(.misuse, "recover() needs an empty head")
        }
        var report = RecoveryReport()
        var refs = RefMap()

        var checkpoints: [Int] = []
        for name in try FileIO.list(directory) where name.hasPrefix("checkpoint.") {
            if name.hasSuffix(".tmp") {
                FileIO.removeTree(directory + "/" + name)
            } else if let index = PersistenceLayout.checkpointIndex(name) {
                checkpoints.append(index)
            }
        }
        checkpoints.sort()
        var base = 0
        if let newest = checkpoints.last {
            do throws(PersistenceError) {
                try loadCheckpoint(index: newest, refs: &refs, report: &report)
                report.checkpoint = newest
                base = newest
            } catch {
                // Replay whatever segments are left (and delete none of them).
                report.damage.append("\(PersistenceLayout.checkpointName(newest)): \(error), not loaded")
            }
            for older in checkpoints.dropLast() {
                FileIO.removeTree(directory + "/" + PersistenceLayout.checkpointName(older))
            }
        }

        var segments: [Int] = []
        do throws(PersistenceError) {
            segments = try FileIO.list(walDirectory).compactMap(PersistenceLayout.segmentIndex).sorted()
        } catch {
            report.damage.append("wal: \(error)")
        }
        var appender = head.appender()
        var expected = base + 1
        for index in segments {
            let path = walDirectory + "/" + PersistenceLayout.segmentName(index)
            if index <= base {
                // Covered by the checkpoint; left for a WAL reader that may still hold it (the next checkpoint
                // removes what no reader holds).
                continue
            }
            if index != expected, base > 0 || expected > 1 {
                report.damage.append("wal: segments \(expected)...\(index - 1) missing")
            }
            expected = index + 1
            do throws(PersistenceError) {
                try replay(segment: index, path: path, refs: &refs, appender: &appender, report: &report)
                report.segments += 1
            } catch {
                report.damage.append("wal/\(PersistenceLayout.segmentName(index)): \(error), not replayed")
            }
        }

        if let newest = head.newestSampleTime() {
            head.truncate(before: newest &- head.options.retention)
        }
        report.series = head.stats().seriesCount

        // Past every segment and checkpoint index on disk, loaded or not, so that no name is reused.
        let next = max(segments.last ?? 0, checkpoints.last ?? 0) + 1
        if !head.attachWAL(directory: directory, options: options, segment: next) {
            report.walError = head.wal.withLock { $0.lastError } ?? "cannot open WAL segment \(next)"
        }
        state.withLock { $0.checkpointIndex = base }
        report.durationMillis = FileIO.monotonicMillis() - started
        return report
    }

    private func replay(
        segment index: Int,
        path: String,
        refs: inout RefMap,
        appender: inout Appender,
        report: inout RecoveryReport
    ) throws(PersistenceError) {
        let bytes = try FileIO.readAll(path)
        let name = "wal/" + PersistenceLayout.segmentName(index)
        let head = self.head
        var sequences: [UInt64] = []
        var times: [Timestamp] = []
        var values: [Double] = []
        bytes.withUnsafeBytes { raw in
            var scanner = RecordScanner(raw)
            while true {
                let start = scanner.offset
                let problem: String
                switch scanner.next() {
                case .end:
                    return
                case .damaged(let why):
                    problem = why
                case .record(let type, var reader):
                    do throws(RecordDecodeError) {
                        switch RecordType(rawValue: type) {
                        case .series:
                            let (sequence, labels) = try reader.series()
                            refs[sequence] = head.getOrCreate(labels).raw
                        case .samples:
                            try reader.samples(sequences: &sequences, timestamps: &times, values: &values)
                            var unknown = 0
                            for index in sequences.indices {
                                if let ref = refs[sequences[index]] {
                                    appender.append(SeriesRef(raw: ref), t: times[index], v: values[index])
                                } else {
                                    unknown += 1
                                }
                            }
                            report.samplesForUnknownSeries += unknown
                            report.samples += appender.commit().appended
                        case .snapshot:
                            guard reader.isAtEnd else { throw RecordDecodeError(message: "trailing bytes") }
                        default:
                            throw RecordDecodeError(message: "unknown record type \(type)")
                        }
                        continue
                    } catch {
                        appender.rollback()
                        problem = error.message
                    }
                }
                report.corruptRecordsSkipped += 1
                report.bytesSkipped += raw.count - start
                report.damage.append("\(name) at byte \(start): \(problem), \(raw.count - start) bytes skipped")
                return
            }
        }
    }

    private func loadCheckpoint(
        index: Int,
        refs: inout RefMap,
        report: inout RecoveryReport
    ) throws(PersistenceError) {
        let name = PersistenceLayout.checkpointName(index) + "/data"
        let bytes = try FileIO.readAll(directory + "/" + name)
        let head = self.head
        bytes.withUnsafeBytes { raw in
            guard raw.count >= CheckpointFormat.magic.count,
                raw.prefix(CheckpointFormat.magic.count).elementsEqual(CheckpointFormat.magic)
            else {
                report.corruptRecordsSkipped += 1
                report.bytesSkipped += raw.count
                report.damage.append("\(name): not a checkpoint (bad magic), \(raw.count) bytes skipped")
                return
            }
            var scanner = RecordScanner(raw, offset: CheckpointFormat.magic.count)
            var times: [Timestamp] = []
            var values: [Double] = []
            var chunks: [XORChunk] = []
            while true {
                let start = scanner.offset
                let problem: String
                switch scanner.next() {
                case .end:
                    return
                case .damaged(let why):
                    problem = why
                case .record(let type, var reader):
                    do throws(RecordDecodeError) {
                        guard type == RecordType.checkpointSeries.rawValue else {
                            throw RecordDecodeError(message: "unknown record type \(type)")
                        }
                        let sequence = try reader.varint()
                        let labels = try reader.labels()
                        let everAppended = try CheckpointFormat.decodeChunks(
                            &reader,
                            into: &chunks,
                            times: &times,
                            values: &values
                        )
                        let ref = head.restore(
                            labels: labels,
                            everAppended: everAppended,
                            sealed: chunks,
                            times: times,
                            values: values
                        )
                        refs[sequence] = ref.raw
                        report.chunks += chunks.count
                        report.samples += times.count
                        for chunk in chunks { report.samples += chunk.count }
                        continue
                    } catch {
                        problem = error.message
                    }
                }
                report.corruptRecordsSkipped += 1
                report.bytesSkipped += raw.count - start
                report.damage.append("\(name) at byte \(start): \(problem), \(raw.count - start) bytes skipped")
                return
            }
        }
    }
}
