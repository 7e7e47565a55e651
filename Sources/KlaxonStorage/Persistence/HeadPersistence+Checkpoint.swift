public import KlaxonModel

extension HeadPersistence {
    /// Writes a checkpoint of the head and deletes the WAL segments it covers.
    ///
    /// The current segment is cut first; the checkpoint then covers every segment up to the cut one. Sealed
    /// chunks are stored as encoded, open chunks as their samples; chunks that ended before
    /// `newest sample - retention` are left out (every live series keeps its labels, so later WAL records naming
    /// it still resolve). Written to `checkpoint.N.tmp/data`, fsynced, then renamed to `checkpoint.N`. Appends
    /// and queries go on meanwhile (each stripe is locked only while its series are copied out).
    public func checkpoint() throws(PersistenceError) -> CheckpointReport {
        let outcome = checkpointGate.withLock { _ -> Result<CheckpointReport, PersistenceError> in
            do throws(PersistenceError) {
                return .success(try writeCheckpoint())
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let report):
            return report
        case .failure(let error):
            state.withLock { $0.checkpointFailures += 1 }
            throw error
        }
    }

    private func writeCheckpoint() throws(PersistenceError) -> CheckpointReport {
        let started = FileIO.monotonicMillis()
        let (ready, previous) = state.withLock { ($0.recovered && !$0.closed, $0.checkpointIndex) }
        guard ready else { throw PersistenceError(.misuse, "checkpoint() needs recover() first and no close()") }
        let mode = head.wal.withLock { $0.mode }
        let cut =
            mode == .open
            ? head.cutWithSnapshot()
            : head.wal.withLock { writer -> Int? in
                switch writer.mode {
                case .open:
                    // Failed between the two looks: cut without a snapshot (the next failure path writes one).
                    writer.flush()
                    return writer.cut()
                case .failed:
                    // Nothing reaches disk now: reserve an index, the next segment opened comes after it.
                    writer.segmentIndex += 1
                    return writer.segmentIndex
                case .relogging:
                    return writer.segmentIndex - 1
                case .detached:
                    return nil
                }
            }
        guard let index = cut, index > previous else {
            throw PersistenceError(.misuse, "checkpoint() while the WAL is re-opening; try again")
        }
        var report = CheckpointReport()
        report.index = index
        let finalPath = directory + "/" + PersistenceLayout.checkpointName(index)
        let temporary = finalPath + ".tmp"
        FileIO.removeTree(temporary)
        try FileIO.makeDirectory(temporary)
        let fd = FileIO.create(temporary + "/data")
        guard fd >= 0 else {
            FileIO.removeTree(temporary)
            throw PersistenceError(.io, "create \(temporary)/data", errno: -fd)
        }
        do throws(PersistenceError) {
            try writeSeries(to: fd, path: temporary + "/data", report: &report)
            let status = FileIO.syncFile(fd)
            guard status == 0 else { throw PersistenceError(.io, "fsync \(temporary)/data", errno: status) }
            FileIO.closeFile(fd)
        } catch {
            FileIO.closeFile(fd)
            FileIO.removeTree(temporary)
            throw error
        }
        FileIO.syncDirectory(temporary)
        do throws(PersistenceError) {
            try FileIO.move(temporary, to: finalPath)
        } catch {
            FileIO.removeTree(temporary)
            throw error
        }
        FileIO.syncDirectory(directory)

        // The checkpoint is durable: what it covers can go, but for segments a WAL reader still holds.
        report.segmentsRemoved = removeSegments(upTo: index)
        if let names = try? FileIO.list(directory) {
            for name in names {
                if let older = PersistenceLayout.checkpointIndex(name), older < index {
                    FileIO.removeTree(directory + "/" + name)
                }
            }
        }
        state.withLock { state in
            state.checkpointIndex = index
            state.checkpoints += 1
            state.lastCheckpointTime = FileIO.wallMillis()
        }
        report.durationMillis = FileIO.monotonicMillis() - started
        return report
    }

    /// Encodes every live series stripe by stripe, writing whenever the buffer passes 1 MiB.
    private func writeSeries(to fd: Int32, path: String, report: inout CheckpointReport) throws(PersistenceError) {
        let cutoff = head.newestSampleTime().map { $0 &- head.options.retention } ?? .min
        var buffer = CheckpointFormat.magic
        buffer.reserveCapacity(1 << 21)
        var times: [Timestamp] = []
        var values: [Double] = []
        var copied: [(sequence: UInt64, labels: Labels, everAppended: Bool, sealed: [XORChunk], open: XORChunk)] = []
        for stripe in head.stripes {
            copied.removeAll(keepingCapacity: true)
            var dropped = 0
            stripe.state.withLock { state in
                for series in state.slab where !series.isFree {
                    var sealed: [XORChunk] = []
                    sealed.reserveCapacity(series.sealed.count)
                    for offset in 0..<series.sealed.count {
                        let chunk = series.sealed[offset]
                        if chunk.maxTime < cutoff {
                            dropped += 1
                        } else {
                            sealed.append(chunk)
                        }
                    }
                    var open = series.head
                    if !open.isEmpty, open.maxTime < cutoff {
                        dropped += 1
                        open = XORChunk()
                    }
                    copied.append(
                        (SeriesRef(raw: series.id).sequence, series.labels, series.everAppended, sealed, open)
                    )
                }
            }
            report.chunksDroppedByRetention += dropped
            for entry in copied {
                times.removeAll(keepingCapacity: true)
                values.removeAll(keepingCapacity: true)
                entry.open.decode(into: &times, &values)
                CheckpointFormat.encode(
                    &buffer,
                    sequence: entry.sequence,
                    labels: entry.labels,
                    everAppended: entry.everAppended,
                    sealed: entry.sealed[...],
                    times: times,
                    values: values
                )
                report.series += 1
                report.chunks += entry.sealed.count
                report.openSamples += times.count
                if buffer.count >= 1 << 20 {
                    try write(buffer, to: fd, path: path)
                    report.bytes += buffer.count
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        try write(buffer, to: fd, path: path)
        report.bytes += buffer.count
    }

    private func write(_ bytes: [UInt8], to fd: Int32, path: String) throws(PersistenceError) {
        let status = bytes.withUnsafeBytes { FileIO.writeAll(fd, $0) }
        guard status == 0 else { throw PersistenceError(.io, "write \(path)", errno: status) }
    }
}
