import KlaxonModel

/// Prometheus's `String()` of expressions (`promql/parser/printer.go`): one line, canonical spacing.
extension Expr: CustomStringConvertible {
    public var description: String {
        var out = ""
        print(into: &out)
        return out
    }

    func print(into out: inout String) {
        switch self {
        case .number(let n): out += formatGoFloat(n.value)
        case .string(let s): out += goQuote(s.value)
        case .vectorSelector(let v): v.print(into: &out, withModifiers: true)
        case .matrixSelector(let m):
            m.selector.print(into: &out, withModifiers: false)
            out += "[" + PromDuration(milliseconds: m.range).description + "]"
            printModifiers(at: m.selector.at, offset: m.selector.offset, into: &out)
        case .subquery(let s):
            s.expr.print(into: &out)
            out += "[" + PromDuration(milliseconds: s.range).description + ":"
            if s.step != 0 { out += PromDuration(milliseconds: s.step).description }
            out += "]"
            printModifiers(at: s.at, offset: s.offset, into: &out)
        case .paren(let p):
            out += "("
            p.expr.print(into: &out)
            out += ")"
        case .unary(let u):
            out += u.op.rawValue
            u.expr.print(into: &out)
        case .binary(let b):
            b.lhs.print(into: &out)
            out += " " + b.op.rawValue
            if b.returnBool { out += " bool" }
            if let m = b.matching, m.on || !m.matchingLabels.isEmpty {
                out += m.on ? " on (" : " ignoring ("
                out += m.matchingLabels.joined(separator: ", ") + ")"
                if m.cardinality == .manyToOne || m.cardinality == .oneToMany {
                    out += m.cardinality == .manyToOne ? " group_left (" : " group_right ("
                    out += m.include.joined(separator: ", ") + ")"
                }
            }
            out += " "
            b.rhs.print(into: &out)
        case .aggregate(let a):
            out += a.op.rawValue
            if a.without {
                out += " without (" + a.grouping.joined(separator: ", ") + ") "
            } else if !a.grouping.isEmpty {
                out += " by (" + a.grouping.joined(separator: ", ") + ") "
            }
            out += "("
            if let parameter = a.parameter {
                parameter.print(into: &out)
                out += ", "
            }
            a.expr.print(into: &out)
            out += ")"
        case .call(let c):
            out += c.function.name + "("
            for (i, arg) in c.args.enumerated() {
                if i > 0 { out += ", " }
                arg.print(into: &out)
            }
            out += ")"
        }
    }
}

extension VectorSelector {
    func print(into out: inout String, withModifiers: Bool) {
        out += name ?? ""
        var parts: [String] = []
        for matcher in matchers {
            if let name, matcher.name == LabelName.metricName, matcher.type == .equal, matcher.value == name {
                continue
            }
            parts.append(matcher.description)
        }
        if !parts.isEmpty {
            parts.sort()
            out += "{" + parts.joined(separator: ",") + "}"
        }
        if withModifiers { printModifiers(at: at, offset: offset, into: &out) }
    }
}

/// ` @ <t>` then ` offset <d>`, as Prometheus prints them.
private func printModifiers(at: AtModifier?, offset: Int64, into out: inout String) {
    switch at {
    case .timestamp(let ms): out += " @ " + formatMillisAsSeconds(ms)
    case .start: out += " @ start()"
    case .end: out += " @ end()"
    case nil: break
    }
    if offset > 0 {
        out += " offset " + PromDuration(milliseconds: offset).description
    } else if offset < 0 {
        out += " offset -" + PromDuration(milliseconds: -offset).description
    }
}

/// Go's `%.3f` of `float64(ms) / 1000`.
func formatMillisAsSeconds(_ ms: Int64) -> String {
    if ms.magnitude >= 1 << 42 { return goFormatFixed(Double(ms) / 1000, decimals: 3) }
    let negative = ms < 0
    let magnitude = ms.magnitude
    let fraction = String(magnitude % 1000)
    return (negative ? "-" : "") + String(magnitude / 1000) + "."
        + String(repeating: "0", count: 3 - fraction.count) + fraction
}

/// Go's `strconv.FormatFloat(v, 'g', -1, 64)` / `fmt.Sprint(float64)`: shortest digits, exponent form when the
/// decimal exponent is < -4 or >= 6, `+Inf`, `-Inf`, `NaN`.
func formatGoFloat(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    if value == 0 { return value.sign == .minus ? "-0" : "0" }
    // Swift's description gives the shortest round-tripping digits; re-layout them Go's way.
    var text = value.magnitude.description
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        exponent = Int(text[text.index(after: e)...]) ?? 0
        text = String(text[..<e])
    }
    var digits = ""
    var pointIndex = text.count
    for (i, ch) in text.enumerated() {
        if ch == "." { pointIndex = i } else { digits.append(ch) }
    }
    // value = 0.digits * 10^(pointIndex + exponent), after stripping leading zeros.
    var decimalPoint = pointIndex + exponent
    while digits.first == "0" && digits.count > 1 {
        digits.removeFirst()
        decimalPoint -= 1
    }
    while digits.last == "0" && digits.count > 1 { digits.removeLast() }
    let exp = decimalPoint - 1
    var out = value < 0 ? "-" : ""
    if exp < -4 || exp >= 6 {
        out.append(digits.first ?? "0")
        if digits.count > 1 { out += "." + digits.dropFirst() }
        out += exp < 0 ? "e-" : "e+"
        let e = String(abs(exp))
        out += (e.count < 2 ? "0" : "") + e
    } else if decimalPoint <= 0 {
        out += "0." + String(repeating: "0", count: -decimalPoint) + digits
    } else if decimalPoint >= digits.count {
        out += digits + String(repeating: "0", count: decimalPoint - digits.count)
    } else {
        let i = digits.index(digits.startIndex, offsetBy: decimalPoint)
        out += digits[..<i] + "." + digits[i...]
    }
    return out
}
