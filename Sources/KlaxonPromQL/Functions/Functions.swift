import KlaxonModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Evaluator {
    /// Evaluates a function call, dispatching on the signature's name.
    mutating func evalCall(_ c: Call, at t: Timestamp) throws(QueryError) -> Value {
        let name = c.function.name
        let args = c.args
        if let math = mathFunction(name) { return .vector(try evalMathFunction(math, args[0], at: t)) }
        switch name {
        case "time": return .scalar(Double(t) / 1000)
        case "pi": return .scalar(Double.pi)
        case "vector": return .vector([Element(labels: .empty, v: try evalScalar(args[0], at: t), t: t)])
        case "scalar":
            let v = try evalVector(args[0], at: t)
            return .scalar(v.count == 1 ? v[0].v : .nan)
        case "timestamp": return .vector(try evalTimestamp(args[0], at: t))
        case "absent":
            let input = try evalVector(args[0], at: t)
            return .vector(absentResult(inputIsEmpty: input.isEmpty, args[0], at: t))
        case "absent_over_time":
            let input = try evalMatrix(args[0], at: t)
            return .vector(absentResult(inputIsEmpty: input.isEmpty, args[0], at: t))
        case "clamp", "clamp_min", "clamp_max": return .vector(try evalClamp(name, args, at: t))
        case "round": return .vector(try evalRound(args, at: t))
        case "sort", "sort_desc": return .vector(try evalSort(args[0], ascending: name == "sort", at: t))
        case "sort_by_label", "sort_by_label_desc":
            return .vector(try evalSortByLabel(args, descending: name == "sort_by_label_desc", at: t))
        case "label_replace": return .vector(try labelReplace(args, at: t))
        case "label_join": return .vector(try labelJoin(args, at: t))
        case "histogram_quantile": return .vector(try histogramQuantile(args, at: t))
        case "histogram_count", "histogram_sum", "histogram_avg", "histogram_fraction", "histogram_stddev",
            "histogram_stdvar":
            // Native histograms only: float samples are ignored.
            return .vector([])
        case "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year":
            return .vector(try evalDateFunction(name, args, at: t))
        default:
            return .vector(try evalRangeFunction(c, at: t))
        }
    }

    /// `abs`, `ln`, `sqrt`, ...: `math` applied to every sample, metric name dropped.
    private mutating func evalMathFunction(
        _ math: (Double) -> Double,
        _ arg: Expr,
        at t: Timestamp
    ) throws(QueryError) -> [Element] {
        let input = try evalVector(arg, at: t)
        return try checkedUnique(input.map { Element(labels: $0.labels.withoutMetricName, v: math($0.v), t: t) })
    }

    /// `timestamp(v)`: the sample's own timestamp when the (unparenthesised) argument is a selector, else `t`.
    private mutating func evalTimestamp(_ argument: Expr, at t: Timestamp) throws(QueryError) -> [Element] {
        var arg = argument
        while case .paren(let p) = arg { arg = p.expr }
        let input = try evalVector(arg, at: t)
        let isSelector: Bool
        if case .vectorSelector = arg { isSelector = true } else { isSelector = false }
        return try checkedUnique(
            input.map {
                Element(labels: $0.labels.withoutMetricName, v: Double(isSelector ? $0.t : t) / 1000, t: t)
            }
        )
    }

    /// `absent` / `absent_over_time` once the argument is evaluated: nothing, or one sample labelled from its
    /// equality matchers.
    private func absentResult(inputIsEmpty: Bool, _ arg: Expr, at t: Timestamp) -> [Element] {
        if !inputIsEmpty { return [] }
        return [Element(labels: absentLabels(arg), v: 1, t: t)]
    }

    /// `clamp(v, min, max)`, `clamp_min(v, min)`, `clamp_max(v, max)`; `clamp` with max < min is empty.
    private mutating func evalClamp(_ name: String, _ args: [Expr], at t: Timestamp) throws(QueryError) -> [Element] {
        let input = try evalVector(args[0], at: t)
        var lo = -Double.infinity
        var hi = Double.infinity
        if name == "clamp" {
            lo = try evalScalar(args[1], at: t)
            hi = try evalScalar(args[2], at: t)
            if hi < lo { return [] }
        } else if name == "clamp_min" {
            lo = try evalScalar(args[1], at: t)
        } else {
            hi = try evalScalar(args[1], at: t)
        }
        return try checkedUnique(
            input.map { Element(labels: $0.labels.withoutMetricName, v: goMax(lo, goMin(hi, $0.v)), t: t) }
        )
    }

    /// `round(v, to_nearest=1)`, rounding half up as Go's `math.Floor(v*inverse+0.5) / inverse`.
    private mutating func evalRound(_ args: [Expr], at t: Timestamp) throws(QueryError) -> [Element] {
        let input = try evalVector(args[0], at: t)
        let nearest = args.count > 1 ? try evalScalar(args[1], at: t) : 1
        let inverse = 1 / nearest
        return try checkedUnique(
            input.map {
                Element(
                    labels: $0.labels.withoutMetricName,
                    v: ($0.v * inverse + 0.5).rounded(.down) / inverse,
                    t: t
                )
            }
        )
    }

    /// `sort` / `sort_desc`: stable by value, NaN last either way.
    private mutating func evalSort(_ arg: Expr, ascending asc: Bool, at t: Timestamp) throws(QueryError) -> [Element] {
        let input = try evalVector(arg, at: t)
        return input.enumerated().sorted { a, b in
            let (x, y) = (a.element.v, b.element.v)
            if x.isNaN || y.isNaN {
                if x.isNaN != y.isNaN { return y.isNaN }
                return a.offset < b.offset
            }
            if x != y { return asc ? x < y : x > y }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// `sort_by_label` / `sort_by_label_desc`: natural order of the named labels, ties by the whole label set.
    private mutating func evalSortByLabel(
        _ args: [Expr],
        descending desc: Bool,
        at t: Timestamp
    ) throws(QueryError) -> [Element] {
        let input = try evalVector(args[0], at: t)
        var names: [String] = []
        for arg in args.dropFirst() {
            guard case .string(let s) = try eval(arg, at: t) else { continue }
            names.append(s)
        }
        return input.sorted { a, b in
            for n in names {
                let (x, y) = (a.labels[n], b.labels[n])
                if x != y { return desc ? naturalLess(y, x) : naturalLess(x, y) }
            }
            return desc ? lexicographicLess(b.labels, a.labels) : lexicographicLess(a.labels, b.labels)
        }
    }

    /// `hour()`, `month(v)`, ...: of `time()` without an argument, else of each sample's value.
    private mutating func evalDateFunction(
        _ name: String,
        _ args: [Expr],
        at t: Timestamp
    ) throws(QueryError)
        -> [Element]
    {
        let input: [Element]
        if args.isEmpty {
            input = [Element(labels: .empty, v: Double(t) / 1000, t: t)]
        } else {
            input = try evalVector(args[0], at: t)
        }
        return try checkedUnique(
            input.map { Element(labels: $0.labels.withoutMetricName, v: dateFunction(name, $0.v), t: t) }
        )
    }

    func checkedUnique(_ elements: [Element]) throws(QueryError) -> [Element] {
        if elements.count < 2 { return elements }
        var seen = Set<Labels>()
        seen.reserveCapacity(elements.count)
        for e in elements where !seen.insert(e.labels).inserted {
            throw .exec("vector cannot contain metrics with the same labelset")
        }
        return elements
    }

    func absentLabels(_ arg: Expr) -> Labels {
        var expr = arg
        while case .paren(let p) = expr { expr = p.expr }
        let matchers: [LabelMatcher]
        switch expr {
        case .vectorSelector(let vs): matchers = vs.matchers
        case .matrixSelector(let ms): matchers = ms.selector.matchers
        default: return .empty
        }
        var labels: [String: String] = [:]
        var dropped = Set<String>()
        for m in matchers where m.name != LabelName.metricName {
            if m.type == .equal && labels[m.name] == nil {
                labels[m.name] = m.value
            } else {
                dropped.insert(m.name)
            }
        }
        for d in dropped { labels[d] = nil }
        return Labels(labels)
    }
}

func goMax(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return .nan }
    return a > b ? a : b
}

func goMin(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return .nan }
    return a < b ? a : b
}

/// Compares strings treating digit runs as numbers (Prometheus `sort_by_label`).
func naturalLess(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var i = 0
    var j = 0
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    while i < x.count && j < y.count {
        if isDigit(x[i]) && isDigit(y[j]) {
            var ei = i
            while ei < x.count && isDigit(x[ei]) { ei += 1 }
            var ej = j
            while ej < y.count && isDigit(y[ej]) { ej += 1 }
            var si = i
            while si < ei - 1 && x[si] == 0x30 { si += 1 }
            var sj = j
            while sj < ej - 1 && y[sj] == 0x30 { sj += 1 }
            if ei - si != ej - sj { return ei - si < ej - sj }
            for k in 0..<(ei - si) where x[si + k] != y[sj + k] { return x[si + k] < y[sj + k] }
            i = ei
            j = ej
        } else {
            if x[i] != y[j] { return x[i] < y[j] }
            i += 1
            j += 1
        }
    }
    return x.count - i < y.count - j
}

/// The one-argument math functions; the transcendental ones are Go's own (`GoMath`), as Prometheus calls them.
func mathFunction(_ name: String) -> ((Double) -> Double)? {
    switch name {
    case "abs": return { abs($0) }
    case "ceil": return { $0.rounded(.up) }
    case "floor": return { $0.rounded(.down) }
    case "exp": return GoMath.exp
    case "sqrt": return { $0.squareRoot() }
    case "ln": return GoMath.log
    case "log2": return GoMath.log2
    case "log10": return GoMath.log10
    case "sgn": return { $0 < 0 ? -1 : ($0 > 0 ? 1 : $0) }
    case "acos": return GoMath.acos
    case "acosh": return GoMath.acosh
    case "asin": return GoMath.asin
    case "asinh": return GoMath.asinh
    case "atan": return GoMath.atan
    case "atanh": return GoMath.atanh
    case "cos": return GoMath.cos
    case "cosh": return GoMath.cosh
    case "sin": return GoMath.sin
    case "sinh": return GoMath.sinh
    case "tan": return GoMath.tan
    case "tanh": return GoMath.tanh
    case "deg": return { $0 * 180 / Double.pi }
    case "rad": return { $0 * Double.pi / 180 }
    default: return nil
    }
}

/// The calendar functions, on a value in Unix seconds, in UTC.
func dateFunction(_ name: String, _ v: Double) -> Double {
    if v.isNaN || v.isInfinite { return .nan }
    let seconds = Int64(v)
    var days = seconds / 86_400
    var rem = seconds % 86_400
    if rem < 0 {
        rem += 86_400
        days -= 1
    }
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    var year = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    if month <= 2 { year += 1 }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    switch name {
    case "day_of_month": return Double(day)
    case "day_of_week":
        let w = (days % 7 + 11) % 7  // 1970-01-01 was a Thursday (4)
        return Double(w)
    case "day_of_year":
        let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        return Double(cumulative[Int(month) - 1] + Int(day) + (leap && month > 2 ? 1 : 0))
    case "days_in_month":
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return Double(lengths[Int(month) - 1] + (leap && month == 2 ? 1 : 0))
    case "hour": return Double(rem / 3600)
    case "minute": return Double(rem % 3600 / 60)
    case "month": return Double(month)
    case "year": return Double(year)
    default: return .nan
    }
}
