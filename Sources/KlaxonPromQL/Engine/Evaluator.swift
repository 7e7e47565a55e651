import KlaxonModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An instant-vector element during evaluation; `t` is the sample's own timestamp for selector results.
struct Element {
    var labels: Labels
    var v: Double
    var t: Timestamp
}

/// A range-vector series during evaluation: slices into the prefetched arrays (no copy) or subquery output.
struct RangeSeries {
    var labels: Labels
    /// `labels` without `__name__`, precomputed for selector data (functions drop the name every step).
    var withoutName: Labels?
    var ts: ArraySlice<Timestamp>
    var vs: ArraySlice<Double>
}

enum Value {
    case scalar(Double)
    case vector([Element])
    case matrix([RangeSeries])
    case string(String)
}

/// The data of one selector, prefetched once per query, in label order: all samples (for lookback, staleness
/// markers included) and the samples for range windows (without markers: the same arrays when the selection has
/// none). Series `i` has `ts[ranges[i]]` and `rangeTs[rangeRanges[i]]`; no arrays per series.
struct CachedSelection {
    var labels: [Labels] = []
    /// `labels` without `__name__`, built on first use by `ensureWithoutName` (range functions drop the name every
    /// step); empty until then, and never built when only aggregations that ignore the name consume the data.
    var withoutName: [Labels] = []
    var ranges: [Range<Int>] = []
    var ts: [Timestamp] = []
    var vs: [Double] = []
    var rangeRanges: [Range<Int>] = []
    var rangeTs: [Timestamp] = []
    var rangeVs: [Double] = []
    var count: Int { labels.count }
}

/// Evaluates one query. Data of each distinct selector is selected once for the whole query time span.
///
/// Not generic over the store: the store is called once per selector, while the evaluation code would otherwise
/// run unspecialized (the public `Engine` entry points are called from other modules).
struct Evaluator {
    let queryable: any Queryable
    let options: EngineOptions
    let start: Timestamp
    let end: Timestamp
    let step: Int64
    let deadline: ContinuousClock.Instant
    var spans: [[LabelMatcher]: (Timestamp, Timestamp)] = [:]
    var cache: [[LabelMatcher]: CachedSelection] = [:]
    var checkCounter = 0
    /// Set by an aggregation whose result cannot depend on `__name__` just before it evaluates its argument, when
    /// that argument is a range function over a selector: the function then keeps the selector's labels as they
    /// are instead of building name-less copies per series (read and cleared by `evalRangeFunction`).
    var nameIgnoredByConsumer = false

    init(queryable: any Queryable, options: EngineOptions, start: Timestamp, end: Timestamp, step: Int64) {
        self.queryable = queryable
        self.options = options
        self.start = start
        self.end = end
        self.step = step
        self.deadline = ContinuousClock.now.advanced(by: options.timeout)
    }

    var leftOpen: Bool { options.mode == .prometheus3 }

    // MARK: prefetch

    func resolveAt(_ at: AtModifier?) -> Timestamp? {
        switch at {
        case .none: return nil
        case .timestamp(let t)?: return t
        case .start?: return start
        case .end?: return end
        }
    }

    /// Records the time span each selector needs, then selects every selector's data once.
    mutating func prefetch(_ expr: Expr) throws(QueryError) {
        collectSpans(expr, from: start, to: end)
        for (matchers, span) in spans {
            try checkDeadline()
            // All series' samples in two flat arrays, kept as selected; the series order is the labels' order,
            // as in Prometheus's series sets.
            let selected = queryable.selectFlat(matchers, mint: span.0, maxt: span.1)
            let order = labelOrder(selected.labels)
            var c = CachedSelection()
            c.labels.reserveCapacity(order.count)
            c.ranges.reserveCapacity(order.count)
            for index in order {
                c.labels.append(selected.labels[index])
                c.ranges.append(selected.ranges[index])
            }
            c.ts = selected.timestamps
            c.vs = selected.values
            if selected.values.contains(where: { StaleNaN.isStale($0) }) {
                c.rangeRanges.reserveCapacity(order.count)
                c.rangeTs.reserveCapacity(c.ts.count)
                c.rangeVs.reserveCapacity(c.ts.count)
                for range in c.ranges {
                    let first = c.rangeTs.count
                    for i in range where !StaleNaN.isStale(c.vs[i]) {
                        c.rangeTs.append(c.ts[i])
                        c.rangeVs.append(c.vs[i])
                    }
                    c.rangeRanges.append(first..<c.rangeTs.count)
                }
            } else {
                c.rangeTs = c.ts
                c.rangeVs = c.vs
                c.rangeRanges = c.ranges
            }
            cache[matchers] = c
        }
    }

    private mutating func addSpan(_ matchers: [LabelMatcher], _ mint: Timestamp, _ maxt: Timestamp) {
        if let old = spans[matchers] {
            spans[matchers] = (min(old.0, mint), max(old.1, maxt))
        } else {
            spans[matchers] = (mint, maxt)
        }
    }

    private mutating func collectSpans(_ expr: Expr, from s: Timestamp, to e: Timestamp) {
        switch expr {
        case .number, .string: return
        case .vectorSelector(let vs):
            let (bs, be) = resolveAt(vs.at).map { ($0, $0) } ?? (s, e)
            addSpan(vs.matchers, bs - vs.offset - options.lookbackDelta, be - vs.offset)
        case .matrixSelector(let ms):
            let vs = ms.selector
            let (bs, be) = resolveAt(vs.at).map { ($0, $0) } ?? (s, e)
            addSpan(vs.matchers, bs - vs.offset - ms.range, be - vs.offset)
        case .subquery(let sq):
            let (bs, be) = resolveAt(sq.at).map { ($0, $0) } ?? (s, e)
            collectSpans(sq.expr, from: bs - sq.offset - sq.range, to: be - sq.offset)
        case .paren(let p): collectSpans(p.expr, from: s, to: e)
        case .unary(let u): collectSpans(u.expr, from: s, to: e)
        case .binary(let b):
            collectSpans(b.lhs, from: s, to: e)
            collectSpans(b.rhs, from: s, to: e)
        case .aggregate(let a):
            if let p = a.parameter { collectSpans(p, from: s, to: e) }
            collectSpans(a.expr, from: s, to: e)
        case .call(let c):
            for arg in c.args { collectSpans(arg, from: s, to: e) }
        }
    }

    // MARK: limits

    mutating func checkLimits(_ samples: Int) throws(QueryError) {
        if samples > options.maxSamples { throw .tooManySamples }
        checkCounter &+= 1
        if checkCounter & 7 == 0 { try checkDeadline() }
    }

    /// `--query.timeout` and cancellation (a client that went away).
    func checkDeadline() throws(QueryError) {
        if ContinuousClock.now > deadline { throw .timeout }
        if let cancellation = options.cancellation, cancellation.isCancelled { throw .canceled }
    }

    // MARK: evaluation

    mutating func eval(_ expr: Expr, at t: Timestamp) throws(QueryError) -> Value {
        switch expr {
        case .number(let n): return .scalar(n.value)
        case .string(let s): return .string(s.value)
        case .paren(let p): return try eval(p.expr, at: t)
        case .vectorSelector(let vs):
            let out = selectVector(vs, at: t)
            try checkLimits(out.count)
            return .vector(out)
        case .matrixSelector(let ms):
            let out = selectMatrix(ms, at: t)
            var n = 0
            for s in out { n += s.ts.count }
            try checkLimits(n)
            return .matrix(out)
        case .subquery(let sq):
            return .matrix(try evalSubquery(sq, at: t))
        case .unary(let u):
            let value = try eval(u.expr, at: t)
            if u.op == .plus { return value }
            switch value {
            case .scalar(let v): return .scalar(-v)
            case .vector(var elements):
                for i in elements.indices {
                    elements[i].v = -elements[i].v
                    elements[i].labels = elements[i].labels.withoutMetricName
                }
                return .vector(try checkedUnique(elements))
            default: throw .exec("unary minus on non-numeric value")
            }
        case .binary(let b): return try evalBinary(b, at: t)
        case .aggregate(let a): return .vector(try evalAggregate(a, at: t))
        case .call(let c): return try evalCall(c, at: t)
        }
    }

    mutating func evalVector(_ expr: Expr, at t: Timestamp) throws(QueryError) -> [Element] {
        switch try eval(expr, at: t) {
        case .vector(let v): return v
        case .scalar(let s): return [Element(labels: .empty, v: s, t: t)]
        default: throw .exec("expected instant vector, got \(expr.type.rawValue)")
        }
    }

    mutating func evalScalar(_ expr: Expr, at t: Timestamp) throws(QueryError) -> Double {
        switch try eval(expr, at: t) {
        case .scalar(let s): return s
        case .vector(let v): return v.count == 1 ? v[0].v : .nan
        default: throw .exec("expected scalar, got \(expr.type.rawValue)")
        }
    }

    mutating func evalMatrix(_ expr: Expr, at t: Timestamp) throws(QueryError) -> [RangeSeries] {
        switch try eval(expr, at: t) {
        case .matrix(let m): return m
        default: throw .exec("expected range vector, got \(expr.type.rawValue)")
        }
    }

    func selectVector(_ vs: VectorSelector, at t: Timestamp) -> [Element] {
        guard let c = cache[vs.matchers] else { return [] }
        let ref = (resolveAt(vs.at) ?? t) - vs.offset
        let lowest = ref - options.lookbackDelta
        var out: [Element] = []
        out.reserveCapacity(c.count)
        c.ts.withUnsafeBufferPointer { ts in
            for i in 0..<c.count {
                let range = c.ranges[i]
                let j = upperBound(ts, range, ref) - 1
                if j < range.lowerBound { continue }
                let st = ts[j]
                if leftOpen ? st <= lowest : st < lowest { continue }
                let v = c.vs[j]
                if StaleNaN.isStale(v) { continue }
                out.append(Element(labels: c.labels[i], v: v, t: st))
            }
        }
        return out
    }

    /// Builds the name-less label sets of a cached selection if they are not built yet.
    mutating func ensureWithoutName(_ matchers: [LabelMatcher]) {
        guard let c = cache[matchers], c.withoutName.count != c.labels.count else { return }
        var built: [Labels] = []
        built.reserveCapacity(c.labels.count)
        for labels in c.labels { built.append(dropMetricName(labels)) }
        cache[matchers]?.withoutName = built
    }

    mutating func selectMatrix(_ ms: MatrixSelector, at t: Timestamp) -> [RangeSeries] {
        ensureWithoutName(ms.selector.matchers)
        guard let c = cache[ms.selector.matchers] else { return [] }
        let ref = (resolveAt(ms.selector.at) ?? t) - ms.selector.offset
        var out: [RangeSeries] = []
        out.reserveCapacity(c.count)
        c.rangeTs.withUnsafeBufferPointer { ts in
            for i in 0..<c.count {
                // The window at `ref`: `(ref-range, ref]` (3.x) or `[ref-range, ref]` (2.x).
                let range = c.rangeRanges[i]
                let hi = upperBound(ts, range, ref)
                let lo = leftOpen ? upperBound(ts, range, ref - ms.range) : lowerBound(ts, range, ref - ms.range)
                if lo >= hi { continue }
                out.append(
                    RangeSeries(
                        labels: c.labels[i],
                        withoutName: c.withoutName[i],
                        ts: c.rangeTs[lo..<hi],
                        vs: c.rangeVs[lo..<hi]
                    )
                )
            }
        }
        return out
    }

    mutating func evalSubquery(_ sq: SubqueryExpr, at t: Timestamp) throws(QueryError) -> [RangeSeries] {
        let stepMs = sq.step > 0 ? sq.step : options.defaultEvaluationInterval
        let ref = (resolveAt(sq.at) ?? t) - sq.offset
        let windowStart = ref - sq.range
        var first = stepMs * (windowStart / stepMs)  // truncates toward zero, as Go does
        if leftOpen ? first <= windowStart : first < windowStart { first += stepMs }
        var index: [Labels: Int] = [:]
        var tsOut: [[Timestamp]] = []
        var vsOut: [[Double]] = []
        var labelsOut: [Labels] = []
        var total = 0
        var inner = first
        while inner <= ref {
            let value = try eval(sq.expr, at: inner)
            switch value {
            case .scalar(let v):
                append(.empty, inner, v, &index, &labelsOut, &tsOut, &vsOut)
                total += 1
            case .vector(let elements):
                for e in elements where !StaleNaN.isStale(e.v) {
                    append(e.labels, inner, e.v, &index, &labelsOut, &tsOut, &vsOut)
                }
                total += elements.count
            default: throw .exec("subquery is only allowed on instant vector")
            }
            try checkLimits(total)
            inner += stepMs
        }
        var out: [RangeSeries] = []
        out.reserveCapacity(labelsOut.count)
        for i in labelsOut.indices {
            out.append(RangeSeries(labels: labelsOut[i], withoutName: nil, ts: tsOut[i][...], vs: vsOut[i][...]))
        }
        return out
    }

    private func append(
        _ labels: Labels,
        _ t: Timestamp,
        _ v: Double,
        _ index: inout [Labels: Int],
        _ labelsOut: inout [Labels],
        _ tsOut: inout [[Timestamp]],
        _ vsOut: inout [[Double]]
    ) {
        if let i = index[labels] {
            tsOut[i].append(t)
            vsOut[i].append(v)
        } else {
            index[labels] = labelsOut.count
            labelsOut.append(labels)
            tsOut.append([t])
            vsOut.append([v])
        }
    }
}

/// First index in `range` whose element is greater than `value` (`range.upperBound` when none is).
func upperBound(_ array: UnsafeBufferPointer<Timestamp>, _ range: Range<Int>, _ value: Timestamp) -> Int {
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
        let mid = (low + high) / 2
        if array[mid] <= value { low = mid + 1 } else { high = mid }
    }
    return low
}

/// First index in `range` whose element is not less than `value` (`range.upperBound` when none is).
func lowerBound(_ array: UnsafeBufferPointer<Timestamp>, _ range: Range<Int>, _ value: Timestamp) -> Int {
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
        let mid = (low + high) / 2
        if array[mid] < value { low = mid + 1 } else { high = mid }
    }
    return low
}

/// Orders label sets as Prometheus `labels.Compare` does (name, then value, label by label).
func lexicographicLess(_ a: Labels, _ b: Labels) -> Bool {
    let n = min(a.count, b.count)
    for i in 0..<n {
        let x = a[i]
        let y = b[i]
        if x.name != y.name { return x.name < y.name }
        if x.value != y.value { return x.value < y.value }
    }
    return a.count < b.count
}

/// The permutation that orders `sets` as `lexicographicLess` (Prometheus `labels.Compare`) does, without
/// comparing `String`s: each set is serialized once into one byte arena (`name 0 value 0 …`, which orders as the
/// label-by-label comparison when no name or value contains a NUL byte), and (8-byte prefix after the common
/// prefix, index) pairs are sorted, falling back to the rest of the bytes only on equal prefixes.
func labelOrder(_ sets: [Labels]) -> [Int] {
    let n = sets.count
    if n < 2 { return Array(0..<n) }
    var arena: [UInt8] = []
    arena.reserveCapacity(n * 96)
    var offsets = [Int](repeating: 0, count: n + 1)
    var hasNul = false
    for i in 0..<n {
        sets[i].storage.withUnsafeBufferPointer { labels in
            // Indexed, in place: `for label in labels` would copy each label (retaining both strings).
            for k in labels.indices {
                let nameStart = arena.count
                arena.append(contentsOf: labels[k].name.utf8)
                let nameEnd = arena.count
                arena.append(0)
                arena.append(contentsOf: labels[k].value.utf8)
                if arena[nameStart..<nameEnd].contains(0) || arena[(nameEnd + 1)...].contains(0) { hasNul = true }
                arena.append(0)
            }
        }
        offsets[i + 1] = arena.count
    }
    if hasNul {
        return (0..<n).sorted { lexicographicLess(sets[$0], sets[$1]) }
    }
    return arena.withUnsafeBufferPointer { bytes -> [Int] in
        // Common prefix of all serializations.
        var common = offsets[1] - offsets[0]
        for i in 1..<n where common > 0 {
            let a = offsets[0]
            let b = offsets[i]
            let limit = min(common, offsets[i + 1] - b)
            var k = 0
            while k < limit && bytes[a + k] == bytes[b + k] { k += 1 }
            common = k
        }
        var keyed: [(key: UInt64, index: Int)] = []
        keyed.reserveCapacity(n)
        for i in 0..<n {
            var key: UInt64 = 0
            let start = offsets[i] + common
            let end = offsets[i + 1]
            for k in 0..<8 {
                key <<= 8
                if start + k < end { key |= UInt64(bytes[start + k]) }
            }
            keyed.append((key, i))
        }
        keyed.sort { x, y in
            if x.key != y.key { return x.key < y.key }
            let a = offsets[x.index] + common + 8
            let b = offsets[y.index] + common + 8
            let aEnd = offsets[x.index + 1]
            let bEnd = offsets[y.index + 1]
            let length = min(aEnd - a, bEnd - b)
            if length > 0, let base = bytes.baseAddress {
                let order = memcmp(base + a, base + b, length)
                if order != 0 { return order < 0 }
            }
            return aEnd - a < bEnd - b
        }
        return keyed.map(\.index)
    }
}

/// `labels` without `__name__`, built with one allocation (`Array.filter` grows its result step by step).
func dropMetricName(_ labels: Labels) -> Labels {
    guard labels.has(LabelName.metricName) else { return labels }
    var out: [Label] = []
    out.reserveCapacity(labels.count - 1)
    for label in labels where label.name != LabelName.metricName { out.append(label) }
    return Labels(sortedUnchecked: out)
}
