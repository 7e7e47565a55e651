import KlaxonModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Applies a binary operator to two floats; for comparisons, `keep` says whether the pair passes the filter
/// and the value is the left-hand side.
func binaryValue(_ op: BinaryOp, _ l: Double, _ r: Double) -> (value: Double, keep: Bool) {
    switch op {
    case .add: return (l + r, true)
    case .sub: return (l - r, true)
    case .mul: return (l * r, true)
    case .div: return (l / r, true)
    case .pow: return (GoMath.pow(l, r), true)
    case .mod: return (l.truncatingRemainder(dividingBy: r), true)
    case .atan2: return (GoMath.atan2(l, r), true)
    case .eql: return (l, l == r)
    case .neq: return (l, l != r)
    case .gtr: return (l, l > r)
    case .lss: return (l, l < r)
    case .gte: return (l, l >= r)
    case .lte: return (l, l <= r)
    case .and, .or, .unless: return (l, true)
    }
}

/// Whether an operator's result drops `__name__` (`atan2` keeps it in 2.x, drops it in 3.x).
func dropsMetricName(_ op: BinaryOp, _ mode: EngineMode) -> Bool {
    switch op {
    case .add, .sub, .mul, .div, .mod, .pow: return true
    case .atan2: return mode == .prometheus3
    default: return false
    }
}

extension Evaluator {
    mutating func evalBinary(_ b: BinaryExpr, at t: Timestamp) throws(QueryError) -> Value {
        let lhs = try eval(b.lhs, at: t)
        let rhs = try eval(b.rhs, at: t)
        switch (lhs, rhs) {
        case (.scalar(let l), .scalar(let r)):
            let (value, keep) = binaryValue(b.op, l, r)
            if b.op.isComparison { return .scalar(keep ? 1 : 0) }
            return .scalar(value)
        case (.vector(let l), .scalar(let r)):
            return .vector(try checkedUnique(vectorScalar(b, l, r, swap: false)))
        case (.scalar(let l), .vector(let r)):
            return .vector(try checkedUnique(vectorScalar(b, r, l, swap: true)))
        case (.vector(let l), .vector(let r)):
            let matching = b.matching ?? VectorMatching(cardinality: b.op.isSetOperator ? .manyToMany : .oneToOne)
            switch b.op {
            case .and: return .vector(setAnd(l, r, matching))
            case .or: return .vector(setOr(l, r, matching))
            case .unless: return .vector(setUnless(l, r, matching))
            default: return .vector(try vectorVector(b, l, r, matching))
            }
        default:
            throw .exec("invalid operand types for binary operator \(b.op.rawValue)")
        }
    }

    func vectorScalar(_ b: BinaryExpr, _ vector: [Element], _ scalar: Double, swap: Bool) -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(vector.count)
        let drop = dropsMetricName(b.op, options.mode) || b.returnBool
        for var e in vector {
            var (l, r) = (e.v, scalar)
            if swap { (l, r) = (r, l) }
            var (value, keep) = binaryValue(b.op, l, r)
            if b.op.isComparison && swap { value = r }
            if b.returnBool {
                value = keep ? 1 : 0
                keep = true
            }
            guard keep else { continue }
            e.v = value
            if drop { e.labels = dropMetricName(e.labels) }
            out.append(e)
        }
        return out
    }

    func signature(_ labels: Labels, _ matching: VectorMatching) -> Labels {
        if matching.on {
            return labels.keeping(Set(matching.matchingLabels))
        }
        var names = Set(matching.matchingLabels)
        names.insert(LabelName.metricName)
        return labels.removing(names)
    }

    func setAnd(_ l: [Element], _ r: [Element], _ m: VectorMatching) -> [Element] {
        var right = Set<Labels>()
        for e in r { right.insert(signature(e.labels, m)) }
        return l.filter { right.contains(signature($0.labels, m)) }
    }

    func setOr(_ l: [Element], _ r: [Element], _ m: VectorMatching) -> [Element] {
        var left = Set<Labels>()
        for e in l { left.insert(signature(e.labels, m)) }
        var out = l
        for e in r where !left.contains(signature(e.labels, m)) { out.append(e) }
        return out
    }

    func setUnless(_ l: [Element], _ r: [Element], _ m: VectorMatching) -> [Element] {
        var right = Set<Labels>()
        for e in r { right.insert(signature(e.labels, m)) }
        return l.filter { !right.contains(signature($0.labels, m)) }
    }

    func vectorVector(
        _ b: BinaryExpr,
        _ lhsIn: [Element],
        _ rhsIn: [Element],
        _ m: VectorMatching
    )
        throws(QueryError) -> [Element]
    {
        if m.cardinality == .manyToMany { throw .exec("many-to-many only allowed for set operators") }
        var (lhs, rhs) = (lhsIn, rhsIn)
        if m.cardinality == .oneToMany { (lhs, rhs) = (rhs, lhs) }
        var rightSigs: [Labels: Element] = [:]
        rightSigs.reserveCapacity(rhs.count)
        for rs in rhs {
            let sig = signature(rs.labels, m)
            if let dup = rightSigs[sig] {
                let side = m.cardinality == .oneToMany ? "left" : "right"
                let pair =
                    options.mode == .prometheus3 ? "\(dup.labels), \(rs.labels)" : "\(rs.labels), \(dup.labels)"
                let matched = m.on ? rs.labels.keeping(Set(m.matchingLabels)) : sig
                throw .exec(
                    "found duplicate series for the match group \(matched) on the \(side) hand-side of the operation: "
                        + "[\(pair)];many-to-many matching not allowed: "
                        + "matching labels must be unique on one side"
                )
            }
            rightSigs[sig] = rs
        }
        if options.mode == .prometheus3 && m.cardinality == .oneToOne {
            // 3.x reports duplicates on the left even when the filter would drop them.
            var leftSigs = Set<Labels>()
            for ls in lhs {
                let sig = signature(ls.labels, m)
                if rightSigs[sig] != nil && !leftSigs.insert(sig).inserted {
                    throw .exec(
                        "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)"
                    )
                }
            }
        }
        var matchedSigs: [Labels: Set<Labels>] = [:]
        var out: [Element] = []
        out.reserveCapacity(lhs.count)
        for ls in lhs {
            let sig = signature(ls.labels, m)
            guard let rs = rightSigs[sig] else { continue }
            var (vl, vr) = (ls.v, rs.v)
            if m.cardinality == .oneToMany { (vl, vr) = (vr, vl) }
            var (value, keep) = binaryValue(b.op, vl, vr)
            if b.returnBool {
                value = keep ? 1 : 0
            } else if !keep {
                continue
            }
            var metric = resultLabels(ls.labels, rs.labels, b.op, m)
            if b.returnBool { metric = metric.withoutMetricName }
            if m.cardinality == .oneToOne {
                if matchedSigs[sig] != nil {
                    throw .exec(
                        "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)"
                    )
                }
                matchedSigs[sig] = []
            } else {
                var inserted = matchedSigs[sig] ?? []
                if inserted.contains(metric) {
                    throw .exec("multiple matches for matching labels in grouping side")
                }
                inserted.insert(metric)
                matchedSigs[sig] = inserted
            }
            out.append(Element(labels: metric, v: value, t: ls.t))
        }
        return out
    }

    func resultLabels(_ lhs: Labels, _ rhs: Labels, _ op: BinaryOp, _ m: VectorMatching) -> Labels {
        var result = lhs
        if dropsMetricName(op, options.mode) { result = dropMetricName(result) }
        if m.cardinality == .oneToOne {
            if m.on {
                result = result.keeping(Set(m.matchingLabels))
            } else {
                result = result.removing(Set(m.matchingLabels))
            }
        }
        for name in m.include {
            result = result.setting(name, to: rhs[name])
        }
        return result
    }
}
