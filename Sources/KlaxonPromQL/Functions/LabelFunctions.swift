import KlaxonModel

extension Evaluator {
    mutating func stringArg(_ expr: Expr, at t: Timestamp) throws(QueryError) -> String {
        guard case .string(let s) = try eval(expr, at: t) else { throw .exec("expected string argument") }
        return s
    }

    /// `label_replace(v, dst, replacement, src, regex)`.
    mutating func labelReplace(_ args: [Expr], at t: Timestamp) throws(QueryError) -> [Element] {
        let dst = try stringArg(args[1], at: t)
        let replacement = try stringArg(args[2], at: t)
        let src = try stringArg(args[3], at: t)
        let pattern = try stringArg(args[4], at: t)
        let regex: RE2Regex
        do {
            regex = try RE2Regex("^(?:" + pattern + ")$")
        } catch {
            throw .exec("invalid regular expression in label_replace(): \(pattern)")
        }
        if !isValidLabelName(dst) { throw .exec("invalid destination label name in label_replace(): \(dst)") }
        let input = try evalVector(args[0], at: t)
        var out: [Element] = []
        out.reserveCapacity(input.count)
        for var e in input {
            let value = e.labels[src]
            if let match = regex.firstMatch(in: value) {
                e.labels = e.labels.setting(dst, to: match.expand(replacement))
            }
            e.t = t
            out.append(e)
        }
        return try checkedUnique(out)
    }

    /// `label_join(v, dst, separator, src...)`.
    mutating func labelJoin(_ args: [Expr], at t: Timestamp) throws(QueryError) -> [Element] {
        let dst = try stringArg(args[1], at: t)
        let separator = try stringArg(args[2], at: t)
        var sources: [String] = []
        for arg in args.dropFirst(3) {
            let src = try stringArg(arg, at: t)
            if !isValidLabelName(src) { throw .exec("invalid source label name in label_join(): \(src)") }
            sources.append(src)
        }
        if !isValidLabelName(dst) { throw .exec("invalid destination label name in label_join(): \(dst)") }
        let input = try evalVector(args[0], at: t)
        var out: [Element] = []
        out.reserveCapacity(input.count)
        for var e in input {
            var joined = ""
            for (i, src) in sources.enumerated() {
                if i > 0 { joined += separator }
                joined += e.labels[src]
            }
            e.labels = e.labels.setting(dst, to: joined)
            e.t = t
            out.append(e)
        }
        return try checkedUnique(out)
    }
}
