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
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex("^(?:" + RE2Translation.swiftPattern(pattern) + ")$")
        } catch {
            throw .exec("invalid regular expression in label_replace(): \(pattern)")
        }
        if !isValidLabelName(dst) { throw .exec("invalid destination label name in label_replace(): \(dst)") }
        let input = try evalVector(args[0], at: t)
        var out: [Element] = []
        out.reserveCapacity(input.count)
        for var e in input {
            let value = e.labels[src]
            if let match = try? regex.wholeMatch(in: value) {
                let expanded = expandTemplate(replacement, match.output)
                e.labels = e.labels.setting(dst, to: expanded)
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

/// Go `regexp.Expand`: `$1`, `${1}`, `$name`, `${name}`, `$$`; unknown references expand to nothing.
func expandTemplate(_ template: String, _ output: AnyRegexOutput) -> String {
    RegexMatch(output).expand(template)
}
