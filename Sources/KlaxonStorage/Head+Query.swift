public import KlaxonModel

extension Head {
    /// Every series matching all matchers with at least one sample in `mint...maxt` (inclusive), with exactly those
    /// samples, staleness markers as stored. Only chunks overlapping the range are decoded, outside any lock.
    public func select(_ matchers: [LabelMatcher], mint: Timestamp, maxt: Timestamp) -> [SeriesSamples] {
        guard mint <= maxt else { return [] }
        let ids = postings.withLock { $0.resolve(matchers) }
        // Under the stripe locks: copy labels and chunk values (which retain, not copy, the encoded buffers).
        let picked: [(Labels, [XORChunk])] = collect(ids) { series in
            let chunks = Self.overlapping(series, mint: mint, maxt: maxt)
            return chunks.isEmpty ? nil : (series.labels, chunks)
        }
        var result: [SeriesSamples] = []
        result.reserveCapacity(picked.count)
        for (labels, chunks) in picked {
            var timestamps: [Timestamp] = []
            var values: [Double] = []
            let upperBound = chunks.reduce(0) { $0 + $1.count }
            timestamps.reserveCapacity(upperBound)
            values.reserveCapacity(upperBound)
            for chunk in chunks { chunk.decode(into: &timestamps, &values, mint: mint, maxt: maxt) }
            if !timestamps.isEmpty {
                result.append(SeriesSamples(labels: labels, timestamps: timestamps, values: values))
            }
        }
        return result
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
