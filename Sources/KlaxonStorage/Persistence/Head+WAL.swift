import KlaxonModel
import Synchronization

extension Head {
    /// Logs a committed batch when persistence is attached: one buffered write, no allocation at steady state.
    /// After a WAL failure, opens a fresh segment (at most once a second) and re-logs every live series first.
    func log(refs: [UInt64], timestamps: [Timestamp], values: [Double]) {
        let logged = wal.withLock { writer -> Bool in
            switch writer.mode {
            case .open:
                writer.logSamples(refs: refs, timestamps: timestamps, values: values)
                writer.flush()
                return true
            case .relogging:
                writer.deferSamples(refs: refs, timestamps: timestamps, values: values)
                return true
            case .detached:
                writer.counters.writeFailures += 1
                return true
            case .failed:
                if FileIO.monotonicMillis() < writer.retryAfter {
                    writer.counters.writeFailures += 1
                    return true
                }
                writer.buffer.removeAll(keepingCapacity: true)
                writer.open(index: writer.segmentIndex + 1)
                guard writer.fd >= 0 else {
                    writer.counters.writeFailures += 1
                    return true
                }
                writer.beginSnapshot()
                writer.deferSamples(refs: refs, timestamps: timestamps, values: values)
                return false
            }
        }
        if logged { return }
        relogAllSeries()
        wal.withLock { $0.endSnapshot() }
    }

    /// Buffers a series record for every live series (the WAL is in `.relogging`, so nothing is flushed meanwhile;
    /// commits defer their sample records).
    /// Lock order: each stripe, then the WAL.
    func relogAllSeries() {
        for stripe in stripes {
            stripe.state.withLock { state in
                wal.withLock { writer in
                    for series in state.slab where !series.isFree {
                        writer.logSeries(sequence: SeriesRef(raw: series.id).sequence, labels: series.labels)
                    }
                }
            }
        }
    }

    /// Starts logging into segment `index` of `directory`: opens it, re-logs every live series, flushes and
    /// fsyncs. Returns false (and stays attached, in failed mode) when the segment cannot be opened.
    func attachWAL(directory: String, options: PersistenceOptions, segment index: Int) -> Bool {
        let opened = wal.withLock { writer -> Bool in
            writer.directory = directory
            writer.options = options
            writer.buffer.reserveCapacity(64 << 10)
            writer.mode = .failed
            writer.open(index: index)
            guard writer.fd >= 0 else { return false }
            writer.beginSnapshot()
            return true
        }
        walAttached.store(true, ordering: .releasing)
        guard opened else { return false }
        relogAllSeries()
        wal.withLock { writer in
            writer.endSnapshot()
            writer.sync(now: FileIO.monotonicMillis())
        }
        return true
    }

    /// Cuts the WAL and starts the next segment with a snapshot (every live series), so that a reader can start
    /// there. Returns the index of the segment closed, or nil when the WAL is not writing (detached, failed, or
    /// already in a snapshot).
    func cutWithSnapshot() -> Int? {
        let (closed, began) = wal.withLock { writer -> (Int?, Bool) in
            guard writer.mode == .open else { return (nil, false) }
            writer.flush()
            guard writer.mode == .open else { return (nil, false) }
            let closed = writer.cut()
            guard writer.fd >= 0 else { return (closed, false) }
            writer.beginSnapshot()
            return (closed, true)
        }
        if began {
            relogAllSeries()
            wal.withLock { $0.endSnapshot() }
        }
        return closed
    }

    /// Stops logging: flushes, fsyncs and closes the segment.
    func detachWAL() {
        walAttached.store(false, ordering: .releasing)
        wal.withLock { writer in
            writer.flush()
            writer.closeSegment()
            writer.mode = .detached
        }
    }
}
