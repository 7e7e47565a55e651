import KlaxonModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Kahan–Neumaier compensated summation step (`sum + c` is the compensated total).
@inline(__always)
func kahanSumInc(_ inc: Double, _ sum: Double, _ c: Double) -> (Double, Double) {
    let t = sum + inc
    var c = c
    if t.isInfinite {
        c = 0
    } else if abs(sum) >= abs(inc) {
        c += (sum - t) + inc
    } else {
        c += (inc - t) + sum
    }
    return (t, c)
}

private struct Group {
    var count: Double = 0
    var value: Double = 0
    var kahan: Double = 0
    var mean: Double = 0
    var incrementalMean = false
    var members: [Element] = []
}

extension Evaluator {
    /// The grouping of an aggregation: `by` keeps the listed names, `without` drops them and `__name__`.
    func groupKeyer(_ a: AggregateExpr) -> GroupKeyer {
        GroupKeyer(names: a.without ? a.grouping + [LabelName.metricName] : a.grouping, without: a.without)
    }

    /// Whether the aggregation's result is the same whether or not its input series carry `__name__`: the group
    /// key never contains it (`without` drops it, `by` keeps it only when listed) and only values of the members
    /// are used (unlike topk/bottomk/count_values, which output or inspect member labels).
    func ignoresMetricName(_ a: AggregateExpr) -> Bool {
        switch a.op {
        case .sum, .avg, .count, .group, .min, .max, .stddev, .stdvar, .quantile:
            return a.without || !a.grouping.contains(LabelName.metricName)
        default:
            return false
        }
    }

    /// Whether `expr` is a window-only range function (`rate`, `avg_over_time`, …) of a selector fixing the metric
    /// name: its output series are unique with or without the name, so keeping the name changes nothing but the
    /// labels, which `ignoresMetricName` aggregations do not look at.
    func isRangeFunctionOverNamedSelector(_ expr: Expr) -> Bool {
        var e = expr
        while case .paren(let p) = e { e = p.expr }
        guard case .call(let c) = e, windowOnlyRangeFunctions.contains(c.function.name),
            c.function.name != "last_over_time", c.function.name != "first_over_time"
        else { return false }
        for arg in c.args {
            var inner = arg
            while case .paren(let p) = inner { inner = p.expr }
            if case .matrixSelector(let ms) = inner {
                return ms.selector.matchers.contains { $0.name == LabelName.metricName && $0.type == .equal }
            }
        }
        return false
    }

    mutating func evalAggregate(_ a: AggregateExpr, at t: Timestamp) throws(QueryError) -> [Element] {
        var param = Double.nan
        var label = ""
        if let p = a.parameter {
            if a.op == .countValues {
                guard case .string(let s) = try eval(p, at: t) else { throw .exec("count_values needs a string") }
                label = s
                if !isValidLabelName(label) { throw .exec("invalid label name \(goQuote(label))") }
            } else {
                param = try evalScalar(p, at: t)
            }
        }
        nameIgnoredByConsumer = ignoresMetricName(a) && isRangeFunctionOverNamedSelector(a.expr)
        let input = try evalVector(a.expr, at: t)
        nameIgnoredByConsumer = false
        let keyer = groupKeyer(a)
        switch a.op {
        case .topk, .bottomk: return try topk(a, input, param, keyer)
        case .countValues: return countValues(input, label, t, keyer)
        default: break
        }
        var table = GroupTable(keyer: keyer)
        var groups: [Group] = []
        let mode3 = options.mode == .prometheus3
        for e in input {
            let (gi, isNew) = table.group(of: e.labels)
            if isNew {
                var g = Group(count: 1, value: e.v, mean: e.v)
                switch a.op {
                case .group: g.value = 1
                case .count: g.value = 1
                case .stddev, .stdvar: g.value = 0
                case .quantile: g.members = [e]
                default: break
                }
                groups.append(g)
                continue
            }
            groups[gi].count += 1
            let v = e.v
            switch a.op {
            case .sum:
                if mode3 {
                    (groups[gi].value, groups[gi].kahan) = kahanSumInc(v, groups[gi].value, groups[gi].kahan)
                } else {
                    groups[gi].value += v
                }
            case .avg:
                if mode3 {
                    avg3(&groups[gi], v)
                } else {
                    avg2(&groups[gi], v)
                }
            case .count: groups[gi].value += 1
            case .group: break
            case .min:
                if groups[gi].value > v || groups[gi].value.isNaN { groups[gi].value = v }
            case .max:
                if groups[gi].value < v || groups[gi].value.isNaN { groups[gi].value = v }
            case .stddev, .stdvar:
                let delta = v - groups[gi].mean
                groups[gi].mean += delta / groups[gi].count
                groups[gi].value += delta * (v - groups[gi].mean)
            case .quantile: groups[gi].members.append(e)
            case .topk, .bottomk, .countValues: break
            case .limitk, .limitRatio:
                throw .exec("\(a.op.rawValue) is an experimental aggregation and is not supported")
            }
        }
        if a.op == .limitk || a.op == .limitRatio {
            throw .exec("\(a.op.rawValue) is an experimental aggregation and is not supported")
        }
        var out: [Element] = []
        out.reserveCapacity(groups.count)
        for (gi, g) in groups.enumerated() {
            var v: Double
            switch a.op {
            case .sum: v = mode3 ? g.value + g.kahan : g.value
            case .avg:
                if mode3 {
                    v = g.incrementalMean ? g.mean + g.kahan : g.value / g.count + g.kahan / g.count
                } else {
                    v = g.mean
                }
            case .stdvar: v = g.value / g.count
            case .stddev: v = (g.value / g.count).squareRoot()
            case .quantile: v = quantile(param, g.members.map(\.v))
            default: v = g.value
            }
            if mode3, a.op == .stddev || a.op == .stdvar, g.count == 1, !g.mean.isFinite { v = .nan }
            out.append(Element(labels: table.keys[gi], v: v, t: t))
        }
        return out
    }

    private func avg2(_ g: inout Group, _ v: Double) {
        if g.mean.isInfinite {
            if v.isInfinite && (g.mean > 0) == (v > 0) { return }
            if !v.isInfinite && !v.isNaN { return }
        }
        g.mean += v / g.count - g.mean / g.count
    }

    private func avg3(_ g: inout Group, _ v: Double) {
        if !g.incrementalMean {
            let (nv, nc) = kahanSumInc(v, g.value, g.kahan)
            if !nv.isInfinite {
                g.value = nv
                g.kahan = nc
                return
            }
            g.incrementalMean = true
            g.mean = g.value / (g.count - 1)
            g.kahan /= g.count - 1
        }
        if g.mean.isInfinite {
            if v.isInfinite && (g.mean > 0) == (v > 0) { return }
            if !v.isInfinite && !v.isNaN { return }
        }
        let q = (g.count - 1) / g.count
        (g.mean, g.kahan) = kahanSumInc(v / g.count, q * g.mean, q * g.kahan)
    }

    private func topk(
        _ a: AggregateExpr,
        _ input: [Element],
        _ param: Double,
        _ keyer: GroupKeyer
    ) throws(QueryError)
        -> [Element]
    {
        if param.isNaN { throw .exec("Parameter value is NaN") }
        if param >= 9.2e18 || param <= -9.2e18 { throw .exec("Scalar value \(param) overflows int64") }
        let k = Int(param)
        if k < 1 { return [] }
        let top = a.op == .topk
        var table = GroupTable(keyer: keyer)
        var groups: [[Element]] = []
        for e in input {
            let (gi, isNew) = table.group(of: e.labels)
            if isNew {
                groups.append([e])
            } else {
                groups[gi].append(e)
            }
        }
        // NaN sorts last for both directions.
        func before(_ x: Double, _ y: Double) -> Bool {
            if x.isNaN { return false }
            if y.isNaN { return true }
            return top ? x > y : x < y
        }
        var out: [Element] = []
        for g in groups {
            let sorted = g.enumerated().sorted { lhs, rhs in
                if before(lhs.element.v, rhs.element.v) { return true }
                if before(rhs.element.v, lhs.element.v) { return false }
                return lhs.offset < rhs.offset
            }
            for item in sorted.prefix(k) { out.append(item.element) }
        }
        return out
    }

    private func countValues(
        _ input: [Element],
        _ label: String,
        _ t: Timestamp,
        _ keyer: GroupKeyer
    ) -> [Element] {
        var index: [Labels: Int] = [:]
        var out: [Element] = []
        for e in input {
            let key = keyer.key(e.labels).setting(label, to: formatGoFloatDecimal(e.v))
            if let i = index[key] {
                out[i].v += 1
            } else {
                index[key] = out.count
                out.append(Element(labels: key, v: 1, t: t))
            }
        }
        return out
    }
}

/// `quantile(φ, values)`: linear interpolation between the closest ranks (`rank = φ·(n−1)`).
func quantile(_ q: Double, _ values: [Double]) -> Double {
    if values.isEmpty || q.isNaN { return .nan }
    if q < 0 { return -.infinity }
    if q > 1 { return .infinity }
    let sorted = values.sorted { a, b in
        if a.isNaN { return !b.isNaN }
        if b.isNaN { return false }
        return a < b
    }
    let n = Double(sorted.count)
    let rank = q * (n - 1)
    let lower = max(0, rank.rounded(.down))
    let upper = min(n - 1, lower + 1)
    let weight = rank - rank.rounded(.down)
    return sorted[Int(lower)] * (1 - weight) + sorted[Int(upper)] * weight
}

/// Whether `name` is a valid label name (`[a-zA-Z_][a-zA-Z0-9_]*`).
func isValidLabelName(_ name: String) -> Bool {
    var first = true
    if name.isEmpty { return false }
    for b in name.utf8 {
        let ok =
            (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b == 0x5f || (!first && b >= 0x30 && b <= 0x39)
        if !ok { return false }
        first = false
    }
    return true
}

/// Go's `strconv.FormatFloat(v, 'f', -1, 64)`: shortest round-tripping digits, never an exponent.
func formatGoFloatDecimal(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v == .infinity { return "+Inf" }
    if v == -.infinity { return "-Inf" }
    let text = v.description
    guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
        if text.hasSuffix(".0") { return String(text.dropLast(2)) }
        return text
    }
    var mantissa = String(text[..<e])
    let exponent = Int(text[text.index(after: e)...]) ?? 0
    var negative = false
    if mantissa.hasPrefix("-") {
        negative = true
        mantissa.removeFirst()
    }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let intPart = String(parts[0])
    var frac = parts.count > 1 ? String(parts[1]) : ""
    if frac == "0" { frac = "" }
    var digits = intPart + frac
    var point = intPart.count + exponent
    if point <= 0 {
        digits = String(repeating: "0", count: -point + 1) + digits
        point = 1
    } else if point > digits.count {
        digits += String(repeating: "0", count: point - digits.count)
    }
    var result = String(digits.prefix(point))
    let rest = digits.dropFirst(point)
    if !rest.isEmpty { result += "." + rest }
    return negative ? "-" + result : result
}
