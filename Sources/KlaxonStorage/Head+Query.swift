public import KlaxonModel

extension Head {
    /// Every series matching all matchers with at least one sample in `mint...maxt` (inclusive), with exactly those
    /// samples, staleness markers as stored. Only chunks overlapping the range are decoded, outside any lock.
    public func select(_ matchers: [LabelMatcher], mint: Timestamp, maxt: Timestamp) -> [SeriesSamples] {
        guard mint <= maxt else { return [] }
        let (labels, chunkEnds, chunks) = gather(matchers, mint: mint, maxt: maxt)
        var result: [SeriesSamples] = []
        result.reserveCapacity(labels.count)
        var start = 0
        for i in labels.indices {
            let end = chunkEnds[i]
            var timestamps: [Timestamp] = []
            var values: [Double] = []
            // Room for the samples inside the range, estimated from each chunk's time span (appending grows it
            // if the samples are unevenly spaced); avoids allocating whole chunks' worth for a short window.
            var upperBound = 0
            for c in start..<end { upperBound += Self.estimatedCount(chunks[c], mint: mint, maxt: maxt) }
            timestamps.reserveCapacity(upperBound)
            values.reserveCapacity(upperBound)
            for c in start..<end { chunks[c].decode(into: &timestamps, &values, mint: mint, maxt: maxt) }
            if !timestamps.isEmpty {
                result.append(SeriesSamples(labels: labels[i], timestamps: timestamps, values: values))
            }
            start = end
        }
        return result
    }

    /// The same selection as `select`, decoded into two flat arrays for all series (the query engine's path).
    public func selectFlat(_ matchers: [LabelMatcher], mint: Timestamp, maxt: Timestamp) -> FlatSeriesSet {
        guard mint <= maxt else { return FlatSeriesSet() }
        let (labels, chunkEnds, chunks) = gather(matchers, mint: mint, maxt: maxt)
        var set = FlatSeriesSet()
        set.ranges.reserveCapacity(labels.count)
        var total = 0
        // Indexed loops: iterating `chunks` by value would copy (retain and release) every chunk.
        for c in chunks.indices { total += Self.estimatedCount(chunks[c], mint: mint, maxt: maxt) }
        set.timestamps.reserveCapacity(total)
        set.values.reserveCapacity(total)
        // Series whose chunks overlap the range but hold no sample inside it (rare) are dropped afterwards, so
        // that the common case hands over `labels` whole instead of copying each label set.
        var empty: [Int] = []
        var start = 0
        for i in labels.indices {
            let end = chunkEnds[i]
            let first = set.timestamps.count
            for c in start..<end { chunks[c].decode(into: &set.timestamps, &set.values, mint: mint, maxt: maxt) }
            if set.timestamps.count > first {
                set.ranges.append(first..<set.timestamps.count)
            } else {
                empty.append(i)
            }
            start = end
        }
        if empty.isEmpty {
            set.labels = labels
        } else {
            set.labels.reserveCapacity(labels.count - empty.count)
            var next = 0
            for i in labels.indices {
                if next < empty.count, empty[next] == i {
                    next += 1
                    continue
                }
                set.labels.append(labels[i])
            }
        }
        return set
    }

    /// Under the stripe locks: the labels and chunk values (which retain, not copy, the encoded buffers) of the
    /// matching series with a chunk overlapping `mint...maxt`, in flat arrays (no array per series); series `i`
    /// owns `chunks[chunkEnds[i-1]..<chunkEnds[i]]`.
    private func gather(
        _ matchers: [LabelMatcher],
        mint: Timestamp,
        maxt: Timestamp
    ) -> (labels: [Labels], chunkEnds: [Int], chunks: [XORChunk]) {
        let ids = postings.withLock { $0.resolve(matchers) }
        guard !ids.isEmpty else { return ([], [], []) }
        var labels: [Labels] = []
        var chunkEnds: [Int] = []
        var chunks: [XORChunk] = []
        labels.reserveCapacity(ids.count)
        chunkEnds.reserveCapacity(ids.count)
        chunks.reserveCapacity(ids.count * 2)
        var byStripe = [[UInt64]](repeating: [], count: SeriesRef.stripeCount)
        for id in ids { byStripe[SeriesRef(raw: id).stripe].append(id) }
        for (stripeIndex, list) in byStripe.enumerated() where !list.isEmpty {
            stripes[stripeIndex].state.withLock { state in
                for id in list {
                    let slot = SeriesRef(raw: id).slot
                    guard slot < state.slab.count, state.slab[slot].id == id else { continue }
                    // Read in place (copying the MemSeries would retain all its buffers); a chunk is copied only
                    // when it overlaps.
                    let before = chunks.count
                    let sealedCount = state.slab[slot].sealed.count
                    for offset in 0..<sealedCount {
                        if state.slab[slot].sealed.maxTime(at: offset) < mint { continue }
                        if state.slab[slot].sealed.minTime(at: offset) > maxt { break }
                        chunks.append(state.slab[slot].sealed[offset])
                    }
                    if !state.slab[slot].head.isEmpty, state.slab[slot].head.maxTime >= mint,
                        state.slab[slot].head.minTime <= maxt
                    {
                        chunks.append(state.slab[slot].head)
                    }
                    if chunks.count > before {
                        labels.append(state.slab[slot].labels)
                        chunkEnds.append(chunks.count)
                    }
                }
            }
        }
        return (labels, chunkEnds, chunks)
    }

    static func estimatedCount(_ chunk: XORChunk, mint: Timestamp, maxt: Timestamp) -> Int {
        if chunk.minTime >= mint && chunk.maxTime <= maxt { return chunk.count }
        let span = chunk.maxTime - chunk.minTime
        if span <= 0 { return chunk.count }
        let covered = min(chunk.maxTime, maxt) - max(chunk.minTime, mint)
        if covered < 0 { return 1 }
        let estimate = Int(Double(chunk.count - 1) * Double(covered) / Double(span)) + 2
        return min(chunk.count, estimate)
    }

    /// The label sets of the series matching all matchers that have a chunk overlapping `mint...maxt`.
    public func series(_ matchers: [LabelMatcher], mint: Timestamp = .min, maxt: Timestamp = .max) -> [Labels] {
        let ids = postings.withLock { $0.resolve(matchers) }
        return collect(ids) { series in
            Self.overlapping(series, mint: mint, maxt: maxt).isEmpty ? nil : series.labels
        }
    }

    /// Sorted label names of the series matching all matchers (all series when `matchers` is empty).
    public func labelNames(_ matchers: [LabelMatcher] = []) -> [String] {
        if matchers.isEmpty {
            return postings.withLock { Array($0.byName.keys) }.sorted()
        }
        var names = Set<String>()
        for labels in labelSets(matchers) {
            for label in labels { names.insert(label.name) }
        }
        return names.sorted()
    }

    /// Sorted distinct values of `name` among the series matching all matchers (all series when empty).
    public func labelValues(_ name: String, _ matchers: [LabelMatcher] = []) -> [String] {
        if matchers.isEmpty {
            return postings.withLock { $0.byName[name].map { Array($0.keys) } ?? [] }.sorted()
        }
        var values = Set<String>()
        for labels in labelSets(matchers) {
            if let value = labels.value(of: name) { values.insert(value) }
        }
        return values.sorted()
    }

    private func labelSets(_ matchers: [LabelMatcher]) -> [Labels] {
        let ids = postings.withLock { $0.resolve(matchers) }
        return collect(ids) { $0.labels }
    }

    static func overlapping(_ series: MemSeries, mint: Timestamp, maxt: Timestamp) -> [XORChunk] {
        var chunks: [XORChunk] = []
        for offset in 0..<series.sealed.count {
            let chunk = series.sealed[offset]
            if chunk.maxTime < mint { continue }
            if chunk.minTime > maxt { break }
            chunks.append(chunk)
        }
        let open = series.head
        if !open.isEmpty, open.maxTime >= mint, open.minTime <= maxt { chunks.append(open) }
        return chunks
    }

    /// Calls `body` on each live series named by `ids`, taking each stripe lock once; keeps the non-nil results.
    func collect<T>(_ ids: [UInt64], _ body: (MemSeries) -> T?) -> [T] {
        guard !ids.isEmpty else { return [] }
        var byStripe = [[UInt64]](repeating: [], count: SeriesRef.stripeCount)
        for id in ids { byStripe[SeriesRef(raw: id).stripe].append(id) }
        var result: [T] = []
        result.reserveCapacity(ids.count)
        for (stripeIndex, list) in byStripe.enumerated() where !list.isEmpty {
            stripes[stripeIndex].state.withLock { state in
                for id in list {
                    let slot = SeriesRef(raw: id).slot
                    guard slot < state.slab.count, state.slab[slot].id == id else { continue }
                    if let value = body(state.slab[slot]) { result.append(value) }
                }
            }
        }
        return result
    }
}
