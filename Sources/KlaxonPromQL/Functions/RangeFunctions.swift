import KlaxonModel

extension Evaluator {
    /// Functions over a range vector (`rate`, `*_over_time`, …): one output element per input series.
    mutating func evalRangeFunction(_ c: Call, at t: Timestamp) throws(QueryError) -> [Element] {
        // Meant for this call only, not for calls inside its parameters.
        let nameIgnored = nameIgnoredByConsumer
        nameIgnoredByConsumer = false
        let name = c.function.name
        let args = c.args
        guard let matrixIndex = c.function.argTypes.firstIndex(of: .matrix), matrixIndex < args.count else {
            throw .exec("function \(name) is not supported")
        }
        // Scalar parameters (evaluated once per step).
        var params: [Double] = []
        for (i, arg) in args.enumerated() where i != matrixIndex {
            params.append(try evalScalar(arg, at: t))
        }
        // The window bounds the selector or subquery used.
        var arg = args[matrixIndex]
        while case .paren(let p) = arg { arg = p.expr }
        var range: Int64 = 0
        var ref = t
        switch arg {
        case .matrixSelector(let ms):
            range = ms.range
            ref = (resolveAt(ms.selector.at) ?? t) - ms.selector.offset
        case .subquery(let sq):
            range = sq.range
            ref = (resolveAt(sq.at) ?? t) - sq.offset
        default: break
        }
        // predict_linear's intercept is at the step time even under `@` (as upstream).
        let evalTime = t
        let mode3 = options.mode == .prometheus3
        let keepName = name == "last_over_time" || name == "first_over_time"
        var out: [Element] = []
        if case .matrixSelector(let ms) = arg, windowOnlyRangeFunctions.contains(name) {
            if !keepName && !nameIgnored { ensureWithoutName(ms.selector.matchers) }
            guard let selection = cache[ms.selector.matchers] else { return [] }
            // Selector data: windows are read from the prefetched flat arrays directly (no RangeSeries, no
            // slices retaining the arrays per series).
            out.reserveCapacity(selection.count)
            var total = 0
            selection.rangeTs.withUnsafeBufferPointer { tsBuffer in
                selection.rangeVs.withUnsafeBufferPointer { vsBuffer in
                    for i in 0..<selection.count {
                        let r = selection.rangeRanges[i]
                        let hi = upperBound(tsBuffer, r, ref)
                        let lo = leftOpen ? upperBound(tsBuffer, r, ref - range) : lowerBound(tsBuffer, r, ref - range)
                        if lo >= hi { continue }
                        total += hi - lo
                        let value = try? rangeFunctionValue(
                            name,
                            UnsafeBufferPointer(rebasing: tsBuffer[lo..<hi]),
                            UnsafeBufferPointer(rebasing: vsBuffer[lo..<hi]),
                            params: params,
                            ref: ref,
                            range: range,
                            evalTime: evalTime,
                            mode3: mode3
                        )
                        guard let value else { continue }
                        let labels = keepName || nameIgnored ? selection.labels[i] : selection.withoutName[i]
                        out.append(Element(labels: labels, v: value, t: t))
                    }
                }
            }
            try checkLimits(total)
        } else {
            let matrix = try evalMatrix(arg, at: t)
            out.reserveCapacity(matrix.count)
            for series in matrix {
                if series.ts.isEmpty { continue }
                let result = series.ts.withUnsafeBufferPointer { ts in
                    series.vs.withUnsafeBufferPointer { vs in
                        Result { () throws(QueryError) -> Double? in
                            try rangeFunctionValue(
                                name,
                                ts,
                                vs,
                                params: params,
                                ref: ref,
                                range: range,
                                evalTime: evalTime,
                                mode3: mode3
                            )
                        }
                    }
                }
                guard let value = try result.get() else { continue }
                let labels = keepName ? series.labels : (series.withoutName ?? series.labels.withoutMetricName)
                out.append(Element(labels: labels, v: value, t: t))
            }
        }
        // Series of one selector that all share a metric name stay unique when the name is dropped.
        if case .matrixSelector(let ms) = arg,
            ms.selector.matchers.contains(where: { $0.name == LabelName.metricName && $0.type == .equal })
        {
            return out
        }
        return try checkedUnique(out)
    }

}

/// A window's timestamps, as a plain buffer: the per-window functions are concrete (not generic over the
/// collection), so they compile to straight loops whatever the caller's generic context is.
typealias TimeWindow = UnsafeBufferPointer<Timestamp>
/// A window's values (see `TimeWindow`).
typealias ValueWindow = UnsafeBufferPointer<Double>

/// The value of range function `name` over one window (nil: no output element for this series).
func rangeFunctionValue(
    _ name: String,
    _ ts: TimeWindow,
    _ vs: ValueWindow,
    params: [Double],
    ref: Timestamp,
    range: Int64,
    evalTime: Timestamp,
    mode3: Bool
) throws(QueryError) -> Double? {
    var result: Double?
    switch name {
    case "rate", "increase", "delta":
        result = extrapolatedRate(
            ts,
            vs,
            rangeStart: ref - range,
            rangeEnd: ref,
            isCounter: name != "delta",
            isRate: name == "rate",
            mode3: mode3
        )
    case "irate", "idelta":
        result = instantValue(ts, vs, isRate: name == "irate")
    case "changes":
        var n = 0.0
        var prev = vs[vs.startIndex]
        for v in vs.dropFirst() {
            if v != prev && !(v.isNaN && prev.isNaN) { n += 1 }
            prev = v
        }
        result = n
    case "resets":
        var n = 0.0
        var prev = vs[vs.startIndex]
        for v in vs.dropFirst() {
            if v < prev { n += 1 }
            prev = v
        }
        result = n
    case "deriv":
        if ts.count >= 2 { result = linearRegression(ts, vs, interceptTime: ts[ts.startIndex]).slope }
    case "predict_linear":
        if ts.count >= 2 {
            let (slope, intercept) = linearRegression(ts, vs, interceptTime: evalTime)
            result = slope * params[0] + intercept
        }
    case "avg_over_time": result = avgOverTime(vs, mode3: mode3)
    case "sum_over_time":
        if mode3 {
            var sum = 0.0
            var comp = 0.0
            for v in vs { (sum, comp) = kahanSumInc(v, sum, comp) }
            result = sum.isInfinite ? sum : sum + comp
        } else {
            result = vs.reduce(0, +)
        }
    case "count_over_time": result = Double(vs.count)
    case "min_over_time":
        var m = vs[vs.startIndex]
        for v in vs where v < m || m.isNaN { m = v }
        result = m
    case "max_over_time":
        var m = vs[vs.startIndex]
        for v in vs where v > m || m.isNaN { m = v }
        result = m
    case "last_over_time": result = vs[vs.endIndex - 1]
    case "first_over_time": result = vs[vs.startIndex]
    case "ts_of_last_over_time": result = Double(ts[ts.endIndex - 1]) / 1000
    case "ts_of_first_over_time": result = Double(ts[ts.startIndex]) / 1000
    case "ts_of_max_over_time", "ts_of_min_over_time":
        let isMax = name == "ts_of_max_over_time"
        var best = vs[vs.startIndex]
        var bestT = ts[ts.startIndex]
        for i in vs.indices {
            let v = vs[i]
            if (isMax ? v >= best : v <= best) || best.isNaN {
                best = v
                bestT = ts[i]
            }
        }
        result = Double(bestT) / 1000
    case "present_over_time": result = 1
    case "quantile_over_time": result = quantile(params[0], Array(vs))
    case "mad_over_time":
        let median = quantile(0.5, Array(vs))
        result = quantile(0.5, vs.map { abs($0 - median) })
    case "stddev_over_time", "stdvar_over_time":
        var count = 0.0
        var mean = 0.0
        var cMean = 0.0
        var aux = 0.0
        var cAux = 0.0
        for v in vs {
            count += 1
            let delta = v - (mean + cMean)
            (mean, cMean) = kahanSumInc(delta / count, mean, cMean)
            (aux, cAux) = kahanSumInc(delta * (v - (mean + cMean)), aux, cAux)
        }
        let variance = (aux + cAux) / count
        result = name == "stddev_over_time" ? variance.squareRoot() : variance
    case "holt_winters", "double_exponential_smoothing":
        let sf = params[0]
        let tf = params[1]
        if sf <= 0 || sf >= 1 {
            throw .exec("invalid smoothing factor. Expected: 0 < sf < 1, got: \(formatGoFloatDecimal(sf))")
        }
        if tf <= 0 || tf >= 1 {
            throw .exec("invalid trend factor. Expected: 0 < tf < 1, got: \(formatGoFloatDecimal(tf))")
        }
        result = holtWinters(vs, sf: sf, tf: tf)
    default:
        throw .exec("function \(name) is not supported")
    }
    return result
}

/// `avg_over_time`: 2.x's incremental Kahan mean, or 3.x's direct mean switching to incremental on overflow.
func avgOverTime(_ vs: ValueWindow, mode3: Bool) -> Double {
    if !mode3 {
        var mean = 0.0
        var count = 0.0
        var c = 0.0
        for v in vs {
            count += 1
            if mean.isInfinite {
                if v.isInfinite && (mean > 0) == (v > 0) { continue }
                if !v.isInfinite && !v.isNaN { continue }
            }
            (mean, c) = kahanSumInc(v / count - mean / count, mean, c)
        }
        return mean.isInfinite ? mean : mean + c
    }
    // 3.x: direct Kahan mean while it does not overflow, then incremental.
    var sum = vs[vs.startIndex]
    var c = 0.0
    var mean = 0.0
    var count = 1.0
    var incremental = false
    for v in vs.dropFirst() {
        count += 1
        if !incremental {
            let (ns, nc) = kahanSumInc(v, sum, c)
            if !ns.isInfinite {
                (sum, c) = (ns, nc)
                continue
            }
            incremental = true
            mean = sum / (count - 1)
            c /= count - 1
        }
        let q = (count - 1) / count
        (mean, c) = kahanSumInc(v / count, q * mean, q * c)
    }
    if incremental { return mean + c }
    return sum / count + c / count
}

/// Range functions that need nothing but the window's samples and scalar parameters, and never throw.
let windowOnlyRangeFunctions: Set<String> = [
    "rate", "increase", "delta", "irate", "idelta", "changes", "resets", "deriv", "predict_linear",
    "avg_over_time", "sum_over_time", "count_over_time", "min_over_time", "max_over_time", "last_over_time",
    "first_over_time", "ts_of_last_over_time", "ts_of_first_over_time", "ts_of_max_over_time",
    "ts_of_min_over_time", "present_over_time", "quantile_over_time", "mad_over_time", "stddev_over_time",
    "stdvar_over_time",
]

/// `rate`/`increase`/`delta`: the extrapolated increase over the window (Prometheus `extrapolatedRate`).
func extrapolatedRate(
    _ ts: TimeWindow,
    _ vs: ValueWindow,
    rangeStart: Timestamp,
    rangeEnd: Timestamp,
    isCounter: Bool,
    isRate: Bool,
    mode3: Bool
) -> Double? {
    if ts.count < 2 { return nil }
    let firstT = ts[ts.startIndex]
    let lastT = ts[ts.endIndex - 1]
    let firstV = vs[vs.startIndex]
    var correction = 0.0
    var last = 0.0
    if isCounter {
        for v in vs {
            if v < last { correction += last }
            last = v
        }
    } else {
        last = vs[vs.endIndex - 1]
    }
    let result = last - firstV + correction
    var durationToStart = Double(firstT - rangeStart) / 1000
    var durationToEnd = Double(rangeEnd - lastT) / 1000
    let sampled = Double(lastT - firstT) / 1000
    let averageStep = sampled / Double(ts.count - 1)
    let threshold = averageStep * 1.1
    var factor: Double
    if mode3 {
        if durationToStart >= threshold { durationToStart = averageStep / 2 }
        if isCounter && result > 0 && firstV >= 0 {
            let durationToZero = sampled * (firstV / result)
            if durationToZero < durationToStart { durationToStart = durationToZero }
        }
        if durationToEnd >= threshold { durationToEnd = averageStep / 2 }
        factor = (sampled + durationToStart + durationToEnd) / sampled
    } else {
        if isCounter && result > 0 && firstV >= 0 {
            let durationToZero = sampled * (firstV / result)
            if durationToZero < durationToStart { durationToStart = durationToZero }
        }
        var extrapolateTo = sampled
        extrapolateTo += durationToStart < threshold ? durationToStart : averageStep / 2
        extrapolateTo += durationToEnd < threshold ? durationToEnd : averageStep / 2
        factor = extrapolateTo / sampled
    }
    // One factor, as Prometheus computes it: `rate` divides the factor, not the result, by the range (the two
    // differ in the last bit: 50 * (1/300) is 0.16666666666666669, 50 / 300 is 0.16666666666666666).
    if isRate { factor /= Double(rangeEnd - rangeStart) / 1000 }
    return result * factor
}

/// `irate`/`idelta`: from the last two samples.
func instantValue(_ ts: TimeWindow, _ vs: ValueWindow, isRate: Bool) -> Double? {
    if ts.count < 2 { return nil }
    let last = vs[vs.endIndex - 1]
    let previous = vs[vs.endIndex - 2]
    var result = isRate && last < previous ? last : last - previous
    let interval = ts[ts.endIndex - 1] - ts[ts.endIndex - 2]
    if interval == 0 { return nil }
    if isRate { result /= Double(interval) / 1000 }
    return result
}

/// Least-squares regression with Kahan sums; x is seconds relative to `interceptTime`.
func linearRegression(
    _ ts: TimeWindow,
    _ vs: ValueWindow,
    interceptTime: Timestamp
) -> (slope: Double, intercept: Double) {
    var n = 0.0
    var sumX = 0.0
    var cX = 0.0
    var sumY = 0.0
    var cY = 0.0
    var sumXY = 0.0
    var cXY = 0.0
    var sumX2 = 0.0
    var cX2 = 0.0
    let initY = vs[vs.startIndex]
    var constY = true
    for i in ts.indices {
        let v = vs[i]
        if constY && v != initY { constY = false }
        n += 1
        let x = Double(ts[i] - interceptTime) / 1000
        (sumX, cX) = kahanSumInc(x, sumX, cX)
        (sumY, cY) = kahanSumInc(v, sumY, cY)
        (sumXY, cXY) = kahanSumInc(x * v, sumXY, cXY)
        (sumX2, cX2) = kahanSumInc(x * x, sumX2, cX2)
    }
    if constY {
        if initY.isInfinite { return (.nan, .nan) }
        return (0, initY)
    }
    sumX += cX
    sumY += cY
    sumXY += cXY
    sumX2 += cX2
    let covXY = sumXY - sumX * sumY / n
    let varX = sumX2 - sumX * sumX / n
    let slope = covXY / varX
    let intercept = sumY / n - slope * sumX / n
    return (slope, intercept)
}

/// Double exponential smoothing (`holt_winters` in 2.x).
func holtWinters(_ vs: ValueWindow, sf: Double, tf: Double) -> Double? {
    let values = Array(vs)
    if values.count < 2 { return nil }
    var s0 = 0.0
    var s1 = values[0]
    var b = values[1] - values[0]
    for i in 1..<values.count {
        let x = sf * values[i]
        if i > 1 { b = tf * (s1 - s0) + (1 - tf) * b }
        let y = (1 - sf) * (s1 + b)
        s0 = s1
        s1 = x + y
    }
    return s1
}
