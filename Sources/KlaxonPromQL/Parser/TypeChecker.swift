import KlaxonModel

/// Prometheus's `checkAST`: a post-order walk that reports the first type error with Prometheus's wording and
/// normalises vector matching (set operators become many-to-many; matching is dropped unless both sides are
/// instant vectors).
struct TypeChecker {
    let input: [UInt8]

    private func fail(_ message: String, _ range: PositionRange) -> ParseError {
        ParseError(kind: .type, message: message, position: range, in: input)
    }

    /// Prometheus's `DocumentedType`-free internal names (`ValueType.String()`), used in a few messages.
    private func goName(_ type: ValueType) -> String {
        switch type {
        case .scalar: return "scalar"
        case .vector: return "vector"
        case .matrix: return "matrix"
        case .string: return "string"
        }
    }

    private func expectType(_ expr: Expr, _ want: ValueType, _ context: String) throws(ParseError) -> Expr {
        let checked = try check(expr)
        if checked.type != want {
            throw fail("expected type \(want.rawValue) in \(context), got \(checked.type.rawValue)", checked.position)
        }
        return checked
    }

    func check(_ expr: Expr) throws(ParseError) -> Expr {
        switch expr {
        case .number, .string, .matrixSelector:
            if case .matrixSelector(let m) = expr { _ = try check(.vectorSelector(m.selector)) }
            return expr
        case .vectorSelector(let selector):
            try checkSelector(selector)
            return expr
        case .paren(var paren):
            paren.expr = try check(paren.expr)
            return .paren(paren)
        case .unary(var unary):
            unary.expr = try check(unary.expr)
            let type = unary.expr.type
            if type != .scalar && type != .vector {
                throw fail(
                    "unary expression only allowed on expressions of type scalar or instant vector, got \"\(type.rawValue)\"",
                    unary.position
                )
            }
            return .unary(unary)
        case .subquery(var subquery):
            subquery.expr = try check(subquery.expr)
            if subquery.expr.type != .vector {
                throw fail(
                    "subquery is only allowed on instant vector, got \(goName(subquery.expr.type)) instead",
                    subquery.position
                )
            }
            return .subquery(subquery)
        case .aggregate(var aggregate):
            aggregate.expr = try expectType(aggregate.expr, .vector, "aggregation expression")
            if let parameter = aggregate.parameter {
                switch aggregate.op {
                case .topk, .bottomk, .quantile, .limitk, .limitRatio:
                    aggregate.parameter = try expectType(parameter, .scalar, "aggregation parameter")
                case .countValues:
                    aggregate.parameter = try expectType(parameter, .string, "aggregation parameter")
                default:
                    aggregate.parameter = try check(parameter)
                }
            }
            return .aggregate(aggregate)
        case .call(var call):
            try checkArity(call)
            let types = call.function.argTypes
            for i in call.args.indices {
                // `info`'s second argument selects the info series and may match everything (3.x).
                if call.function.name == "info", i == 1, case .vectorSelector = call.args[i] { continue }
                var t = i
                if t >= types.count {
                    if call.function.variadic == 0 { break }
                    t = types.count - 1
                }
                call.args[i] = try expectType(
                    call.args[i],
                    types[t],
                    "call to function \(goQuoted(call.function.name))"
                )
            }
            return .call(call)
        case .binary(let binary):
            return .binary(try checkBinary(binary))
        }
    }

    private func goQuoted(_ s: String) -> String { goQuote(s) }

    private func checkArity(_ call: Call) throws(ParseError) {
        let function = call.function
        let count = call.args.count
        let declared = function.argTypes.count
        let name = goQuoted(function.name)
        if function.variadic == 0 {
            if declared != count {
                throw fail("expected \(declared) argument(s) in call to \(name), got \(count)", call.position)
            }
            return
        }
        let required = declared - 1
        if required > count {
            throw fail("expected at least \(required) argument(s) in call to \(name), got \(count)", call.position)
        }
        let maximum = required + function.variadic
        if function.variadic > 0 && maximum < count {
            throw fail("expected at most \(maximum) argument(s) in call to \(name), got \(count)", call.position)
        }
    }

    private func checkSelector(_ selector: VectorSelector) throws(ParseError) {
        if let name = selector.name {
            // The last matcher is the one for the written name.
            for matcher in selector.matchers.dropLast() where matcher.name == "__name__" {
                throw fail(
                    "metric name must not be set twice: \(goQuoted(name)) or \(goQuoted(matcher.value))",
                    selector.position
                )
            }
            return
        }
        if !selector.matchers.contains(where: { !$0.matchesEmpty }) {
            throw fail("vector selector must contain at least one non-empty matcher", selector.position)
        }
    }

    /// The span of the operator between the operands, spaces trimmed (Prometheus's `opRange`).
    private func operatorRange(_ binary: BinaryExpr) -> PositionRange {
        var start = binary.lhs.position.end
        while start < input.count && isSpace(input[start]) { start += 1 }
        var end = binary.rhs.position.start - 1
        while end > start && end < input.count && isSpace(input[end]) { end -= 1 }
        return PositionRange(start: start, end: end)
    }

    private func checkBinary(_ original: BinaryExpr) throws(ParseError) -> BinaryExpr {
        var binary = original
        binary.lhs = try check(binary.lhs)
        binary.rhs = try check(binary.rhs)
        let lt = binary.lhs.type
        let rt = binary.rhs.type
        let op = binary.op
        if binary.returnBool && !op.isComparison {
            throw fail("bool modifier can only be used on comparison operators", operatorRange(binary))
        }
        if op.isComparison && !binary.returnBool && lt == .scalar && rt == .scalar {
            throw fail("comparisons between scalars must use BOOL modifier", operatorRange(binary))
        }
        var matching = binary.matching ?? VectorMatching()
        if op.isSetOperator && matching.cardinality == .oneToOne { matching.cardinality = .manyToMany }
        if matching.on {
            for label in matching.matchingLabels where matching.include.contains(label) {
                throw fail(
                    "label \(goQuoted(label)) must not occur in ON and GROUP clause at once",
                    operatorRange(binary)
                )
            }
        }
        if lt != .scalar && lt != .vector {
            throw fail("binary expression must contain only scalar and instant vector types", binary.lhs.position)
        }
        if rt != .scalar && rt != .vector {
            throw fail("binary expression must contain only scalar and instant vector types", binary.rhs.position)
        }
        if lt != .vector || rt != .vector {
            if !matching.matchingLabels.isEmpty {
                throw fail("vector matching only allowed between instant vectors", binary.position)
            }
            binary.matching = nil
        } else {
            if op.isSetOperator {
                if matching.cardinality == .oneToMany || matching.cardinality == .manyToOne {
                    throw fail("no grouping allowed for \(goQuoted(op.rawValue)) operation", binary.position)
                }
            }
            binary.matching = matching
        }
        if (lt == .scalar || rt == .scalar) && op.isSetOperator {
            throw fail("set operator \(goQuoted(op.rawValue)) not allowed in binary scalar expression", binary.position)
        }
        return binary
    }
}
