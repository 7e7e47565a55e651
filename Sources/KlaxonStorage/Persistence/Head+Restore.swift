package import KlaxonModel

extension Head {
    /// Creates (or finds) the series and, if it has no samples yet, gives it the sealed chunks (as encoded) and
    /// re-appends the open chunk's samples. `everAppended` marks a series that had samples (all past retention
    /// now), so that the next truncation drops it unless the WAL brings new ones. Used by checkpoint loading only.
    func restore(
        labels: Labels,
        everAppended: Bool,
        sealed: [XORChunk],
        times: [Timestamp],
        values: [Double]
    ) -> SeriesRef {
        let ref = getOrCreate(labels)
        let perChunk = options.samplesPerChunk
        stripes[ref.stripe].state.withLock { state in
            let slot = ref.slot
            guard slot < state.slab.count, state.slab[slot].id == ref.raw, !state.slab[slot].everAppended else {
                return
            }
            var restored = 0
            if everAppended { state.slab[slot].everAppended = true }
            for chunk in sealed {
                state.slab[slot].sealed.append(chunk)
                state.sealedBytes += chunk.byteCount
                state.slab[slot].lastTime = chunk.maxTime
                restored += chunk.count
            }
            if let last = sealed.last {
                state.slab[slot].everAppended = true
                if times.isEmpty, let sample = last.samples().last {
                    state.slab[slot].lastValueBits = sample.v.bitPattern
                }
            }
            for index in times.indices {
                let outcome = state.slab[slot].append(
                    t: times[index],
                    v: values[index],
                    samplesPerChunk: perChunk,
                    sealedBytes: &state.sealedBytes
                )
                if case .appended = outcome { restored += 1 }
            }
            state.stats.samplesAppended += restored
        }
        return ref
    }

    /// The newest sample time over all series, nil when the head holds no sample.
    package func newestSampleTime() -> Timestamp? {
        var newest = Timestamp.min
        for stripe in stripes {
            stripe.state.withLock { state in
                for series in state.slab where !series.isFree && series.everAppended {
                    newest = max(newest, series.lastTime)
                }
            }
        }
        return newest == .min ? nil : newest
    }
}
