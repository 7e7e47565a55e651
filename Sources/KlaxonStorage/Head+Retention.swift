public import KlaxonModel

/// What one housekeeping pass removed.
public struct TruncateResult: Sendable, Equatable {
    public var chunksRemoved = 0
    public var seriesRemoved = 0
    public init() {}
}

extension Head {
    /// Drops every chunk whose newest sample is older than `before` (whole chunks only), then every series with no
    /// chunk left, removing it from the postings. A series created but never appended to survives one pass.
    @discardableResult
    public func truncate(before: Timestamp) -> TruncateResult {
        var total = TruncateResult()
        for stripe in stripes {
            stripe.state.withLock { state in
                var dropped: [(id: UInt64, labels: Labels)] = []
                var removedChunks = 0
                for slot in state.slab.indices where !state.slab[slot].isFree {
                    while let oldest = state.slab[slot].sealed.first, oldest.maxTime < before {
                        state.slab[slot].sealed.removeFirst()
                        state.sealedBytes -= oldest.byteCount
                        removedChunks += 1
                    }
                    let open = state.slab[slot].head
                    if state.slab[slot].sealed.isEmpty, !open.isEmpty, open.maxTime < before {
                        state.slab[slot].head = XORChunk()
                        removedChunks += 1
                    }
                    if !state.slab[slot].hasChunks {
                        if state.slab[slot].everAppended || state.slab[slot].idleTruncations > 0 {
                            dropped.append(drop(slot: slot, in: &state))
                            total.seriesRemoved += 1
                        } else {
                            state.slab[slot].idleTruncations += 1
                        }
                    }
                }
                postings.withLock { $0.remove(dropped) }
                state.stats.chunksRemovedByRetention += removedChunks
                total.chunksRemoved += removedChunks
            }
        }
        return total
    }

    /// Retention and memory cap: truncates before `now - retention`, then drops the oldest sealed chunks until the
    /// chunk bytes are below `memoryCapBytes`.
    @discardableResult
    public func housekeeping(now: Timestamp) -> TruncateResult {
        var result = truncate(before: now &- options.retention)
        let capped = enforceMemoryCap()
        result.chunksRemoved += capped.chunksRemoved
        result.seriesRemoved += capped.seriesRemoved
        return result
    }

    /// Drops the oldest sealed chunks (by newest sample time, across all series) until the chunk bytes fit
    /// `options.memoryCapBytes`. Open head chunks are never dropped here.
    @discardableResult
    public func enforceMemoryCap() -> TruncateResult {
        let current = stats().chunkBytes
        let excess = current - options.memoryCapBytes
        guard excess > 0 else { return TruncateResult() }
        var ends: [(Timestamp, Int)] = []
        for stripe in stripes {
            stripe.state.withLock { state in
                for series in state.slab where !series.isFree {
                    for offset in 0..<series.sealed.count {
                        let chunk = series.sealed[offset]
                        ends.append((chunk.maxTime, chunk.byteCount))
                    }
                }
            }
        }
        ends.sort { $0.0 < $1.0 }
        var freed = 0
        var cutoff = Timestamp.min
        for (end, bytes) in ends {
            cutoff = end
            freed += bytes
            if freed >= excess { break }
        }
        guard cutoff != .min else { return TruncateResult() }
        var total = TruncateResult()
        for stripe in stripes {
            stripe.state.withLock { state in
                var dropped: [(id: UInt64, labels: Labels)] = []
                var removed = 0
                for slot in state.slab.indices where !state.slab[slot].isFree {
                    while let oldest = state.slab[slot].sealed.first, oldest.maxTime <= cutoff {
                        state.slab[slot].sealed.removeFirst()
                        state.sealedBytes -= oldest.byteCount
                        removed += 1
                    }
                    if !state.slab[slot].hasChunks, state.slab[slot].everAppended {
                        dropped.append(drop(slot: slot, in: &state))
                        total.seriesRemoved += 1
                    }
                }
                postings.withLock { $0.remove(dropped) }
                state.stats.chunksRemovedByMemoryCap += removed
                total.chunksRemoved += removed
            }
        }
        return total
    }

    /// Frees a slot and returns what to remove from the postings; the caller holds the stripe lock and removes
    /// the returned entries from the postings before releasing it (lock order: stripe, then postings).
    private func drop(slot: Int, in state: inout StripeState) -> (id: UInt64, labels: Labels) {
        let series = state.slab[slot]
        state.byLabels[series.labels] = nil
        state.slab[slot] = MemSeries()
        state.freeSlots.append(slot)
        state.stats.seriesRemoved += 1
        if options.maxSeries > 0 { releaseSeriesPlace() }
        return (series.id, series.labels)
    }
}
