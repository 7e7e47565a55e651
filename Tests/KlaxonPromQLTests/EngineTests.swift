import KlaxonModel
import Testing

@testable import KlaxonPromQL

private func selector(_ name: String, _ labels: [String: String] = [:], offset: Int64 = 0) -> VectorSelector {
    var matchers = [LabelMatcher.equal(LabelName.metricName, name)]
    for (k, v) in labels.sorted(by: { $0.key < $1.key }) { matchers.append(.equal(k, v)) }
    return VectorSelector(name: name, matchers: matchers, offset: offset)
}

private func vs(_ name: String, _ labels: [String: String] = [:]) -> Expr { .vectorSelector(selector(name, labels)) }

private func call(_ name: String, _ args: [Expr], types: [ValueType], returns: ValueType = .vector) -> Expr {
    .call(Call(function: FunctionSignature(name: name, argTypes: types, returnType: returns), args: args))
}

private func range(_ name: String, _ d: Int64, _ labels: [String: String] = [:]) -> Expr {
    .matrixSelector(MatrixSelector(selector: selector(name, labels), range: d))
}

/// Loads `values` at `interval` steps from 0; `nil` is a gap, `.nan` with stale bits a marker.
private func store(_ series: [(Labels, [Double?])], interval: Int64) -> MemoryQueryable {
    var q = MemoryQueryable()
    for (labels, values) in series {
        for (i, v) in values.enumerated() {
            if let v { q.append(labels, t: Int64(i) * interval, v: v) }
        }
    }
    return q
}

private func vectorValues(_ value: QueryValue) -> [Labels: Double] {
    guard case .vector(let samples) = value else { return [:] }
    var out: [Labels: Double] = [:]
    for s in samples { out[s.labels] = s.v }
    return out
}

private let three = Engine(options: EngineOptions(mode: .prometheus3))
private let two = Engine(options: EngineOptions(mode: .prometheus2))
private let metric: Labels = ["__name__": "metric"]

struct EngineTests {
    @Test func staleMarkerHidesSeriesUntilNextSample() throws {
        let q = store([(metric, [0, 1, StaleNaN.value, 2])], interval: 10_000)
        #expect(vectorValues(try three.instantQuery(vs("metric"), at: 10_000, on: q)) == [metric: 1])
        #expect(vectorValues(try three.instantQuery(vs("metric"), at: 20_000, on: q)).isEmpty)
        #expect(vectorValues(try three.instantQuery(vs("metric"), at: 25_000, on: q)).isEmpty)
        #expect(vectorValues(try three.instantQuery(vs("metric"), at: 30_000, on: q)) == [metric: 2])
    }

    @Test func lookbackIsLeftOpenIn3AndClosedIn2() throws {
        let q = store([(metric, [0, 1, StaleNaN.value, 2])], interval: 10_000)
        // Last sample at 30s: 2.x still sees it at 330s, 3.x only up to 329.999s.
        #expect(vectorValues(try two.instantQuery(vs("metric"), at: 330_000, on: q)) == [metric: 2])
        #expect(vectorValues(try two.instantQuery(vs("metric"), at: 330_001, on: q)).isEmpty)
        #expect(vectorValues(try three.instantQuery(vs("metric"), at: 329_999, on: q)) == [metric: 2])
        #expect(vectorValues(try three.instantQuery(vs("metric"), at: 330_000, on: q)).isEmpty)
    }

    @Test func rangeWindowBoundaryDependsOnMode() throws {
        let q = store([(metric, Array(repeating: 1, count: 7))], interval: 10_000)  // 0s … 60s
        let expr = call("count_over_time", [range("metric", 60_000)], types: [.matrix])
        #expect(vectorValues(try three.instantQuery(expr, at: 60_000, on: q)) == [.empty: 6])
        #expect(vectorValues(try two.instantQuery(expr, at: 60_000, on: q)) == [.empty: 7])
    }

    @Test func rateExtrapolatesAndHandlesCounterResets() throws {
        // 0,10,20,30,40,5,15 every 10s: increase = 40 + 15 - 0 = 55 over 60s of samples.
        let q = store([(metric, [0, 10, 20, 30, 40, 5, 15])], interval: 10_000)
        let expr = call("increase", [range("metric", 60_000)], types: [.matrix])
        let two = vectorValues(try two.instantQuery(expr, at: 60_000, on: q))
        // 2.x: window [0, 60s] holds all 7 samples, no extrapolation needed (first value 0 → zero point).
        #expect(two[.empty] == 55)
        let rateExpr = call("rate", [range("metric", 60_000)], types: [.matrix])
        let rate = vectorValues(
            try Engine(options: EngineOptions(mode: .prometheus2)).instantQuery(rateExpr, at: 60_000, on: q)
        )
        #expect(abs((rate[.empty] ?? 0) - 55.0 / 60.0) < 1e-12)
    }

    @Test func oneToOneMatchingRejectsDuplicatesOnTheOneSide() throws {
        let a: Labels = ["__name__": "a", "job": "x", "i": "1"]
        let b1: Labels = ["__name__": "b", "job": "x", "i": "1"]
        let b2: Labels = ["__name__": "b", "job": "x", "i": "2"]
        let q = store([(a, [1]), (b1, [2]), (b2, [3])], interval: 1000)
        let expr = Expr.binary(
            BinaryExpr(
                op: .add,
                lhs: vs("a"),
                rhs: vs("b"),
                matching: VectorMatching(matchingLabels: ["job"], on: true)
            )
        )
        #expect(throws: QueryError.self) { try three.instantQuery(expr, at: 0, on: q) }
        do {
            _ = try three.instantQuery(expr, at: 0, on: q)
        } catch {
            #expect(error.message.contains("many-to-many matching not allowed"))
        }
        // With i in the matching labels it is one-to-one and works.
        let ok = Expr.binary(
            BinaryExpr(
                op: .add,
                lhs: vs("a"),
                rhs: vs("b"),
                matching: VectorMatching(matchingLabels: ["job", "i"], on: true)
            )
        )
        #expect(vectorValues(try three.instantQuery(ok, at: 0, on: q)) == [["i": "1", "job": "x"]: 3])
    }

    @Test func maxSamplesLimitIsAnError() throws {
        var series: [(Labels, [Double?])] = []
        for i in 0..<10 { series.append((["__name__": "m", "i": "\(i)"], [1])) }
        let q = store(series, interval: 1000)
        let limited = Engine(options: EngineOptions(maxSamples: 5))
        do {
            _ = try limited.instantQuery(vs("m"), at: 0, on: q)
            Issue.record("expected too many samples")
        } catch {
            #expect(error.kind == .tooManySamples)
        }
        #expect(
            vectorValues(try Engine(options: EngineOptions(maxSamples: 10)).instantQuery(vs("m"), at: 0, on: q)).count
                == 10
        )
    }

    @Test func timeoutIsAnError() throws {
        let q = store([(metric, [1])], interval: 1000)
        let engine = Engine(options: EngineOptions(timeout: .zero))
        do {
            _ = try engine.rangeQuery(vs("metric"), start: 0, end: 1000 * 1000, step: 1000, on: q)
            Issue.record("expected a timeout")
        } catch {
            #expect(error.kind == .timeout)
        }
    }

    @Test func absentDerivesLabelsFromEqualityMatchers() throws {
        let q = MemoryQueryable()
        var sel = selector("nope", ["job": "api"])
        sel.matchers.append(try LabelMatcher(.regexMatch, "instance", "a.*"))
        let expr = call("absent", [.vectorSelector(sel)], types: [.vector])
        #expect(vectorValues(try three.instantQuery(expr, at: 0, on: q)) == [["job": "api"]: 1])
    }

    @Test func histogramQuantileInterpolatesAndNeedsInfBucket() throws {
        var series: [(Labels, [Double?])] = []
        for (le, count) in [("0.1", 10.0), ("0.5", 20), ("1", 30), ("+Inf", 40)] {
            series.append((["__name__": "h_bucket", "le": le], [count]))
        }
        let q = store(series, interval: 1000)
        let expr = call(
            "histogram_quantile",
            [.number(NumberLiteral(value: 0.5)), vs("h_bucket")],
            types: [.scalar, .vector]
        )
        #expect(vectorValues(try three.instantQuery(expr, at: 0, on: q)) == [.empty: 0.5])
        // Without the +Inf bucket the result is NaN.
        let noInf = store(Array(series.prefix(3)), interval: 1000)
        let v = vectorValues(try three.instantQuery(expr, at: 0, on: noInf))
        #expect(v[.empty]?.isNaN == true)
    }

    @Test func rangeQueryRejectsMatrixExpressions() {
        let q = MemoryQueryable()
        #expect(throws: QueryError.self) {
            try three.rangeQuery(range("metric", 60_000), start: 0, end: 10_000, step: 1000, on: q)
        }
    }

    @Test func goFloatFormatting() {
        #expect(formatGoFloatDecimal(1) == "1")
        #expect(formatGoFloatDecimal(0.5) == "0.5")
        #expect(formatGoFloatDecimal(1e21) == "1000000000000000000000")
        #expect(formatGoFloatDecimal(1.5e-7) == "0.00000015")
        #expect(formatGoFloatDecimal(-.infinity) == "-Inf")
    }
}

struct EngineEdgeCaseTests {
    private func str(_ s: String) -> Expr { .string(StringLiteral(value: s)) }
    private func num(_ v: Double) -> Expr { .number(NumberLiteral(value: v)) }

    @Test func subqueryStepsAreAlignedAndWindowModeDependent() throws {
        let inner = call("vector", [num(1)], types: [.scalar])
        let sq = Expr.subquery(SubqueryExpr(expr: inner, range: 60_000, step: 20_000))
        let expr = call("count_over_time", [sq], types: [.matrix])
        let q = MemoryQueryable()
        // Steps at absolute multiples of 20s: 3.x (0s, 60s] → 20, 40, 60; 2.x [0s, 60s] adds 0.
        #expect(vectorValues(try three.instantQuery(expr, at: 60_000, on: q)) == [.empty: 3])
        #expect(vectorValues(try two.instantQuery(expr, at: 60_000, on: q)) == [.empty: 4])
        // Not aligned to the query time: at 70s the steps are still 20, 40, 60.
        #expect(vectorValues(try three.instantQuery(expr, at: 70_000, on: q)) == [.empty: 3])
    }

    @Test func atEndPinsSelectorInRangeQueries() throws {
        let q = store([(metric, [1, 2, 3, 4])], interval: 60_000)
        var sel = selector("metric")
        sel.at = .end
        let value = try three.rangeQuery(.vectorSelector(sel), start: 0, end: 180_000, step: 60_000, on: q)
        guard case .matrix(let series) = value, let only = series.first else {
            Issue.record("expected one series")
            return
        }
        #expect(only.samples.map(\.v) == [4, 4, 4, 4])
        #expect(only.samples.map(\.t) == [0, 60_000, 120_000, 180_000])
    }

    @Test func labelReplaceIsAnchoredAndExpandsGroups() throws {
        let q = store([(["__name__": "m", "src": "abc-42"], [1])], interval: 1000)
        func replace(_ regex: String, _ repl: String) throws -> [Labels: Double] {
            let expr = call(
                "label_replace",
                [vs("m"), str("dst"), str(repl), str("src"), str(regex)],
                types: [.vector, .string, .string, .string, .string]
            )
            return vectorValues(try three.instantQuery(expr, at: 0, on: q))
        }
        // "abc" does not match the whole value: unchanged.
        #expect(try replace("abc", "x") == [["__name__": "m", "src": "abc-42"]: 1])
        #expect(try replace("(\\w+)-(\\d+)", "${2}_$1") == [["__name__": "m", "src": "abc-42", "dst": "42_abc"]: 1])
        // As in Go, `$2_` names the group "2_" (absent), so only `${1}` contributes.
        #expect(try replace("(\\w+)-(\\d+)", "$2_${1}") == [["__name__": "m", "src": "abc-42", "dst": "abc"]: 1])
        // `$1x` names a group "1x", which does not exist: expands to nothing, so dst stays absent.
        #expect(try replace("(.*)", "$1x") == [["__name__": "m", "src": "abc-42"]: 1])
        #expect(throws: QueryError.self) { try replace("(", "x") }
    }

    @Test func topkKeepsLabelsAndSortsNaNLast() throws {
        let q = store(
            [
                (["__name__": "m", "i": "a"], [.nan]),
                (["__name__": "m", "i": "b"], [5]),
                (["__name__": "m", "i": "c"], [7]),
            ],
            interval: 1000
        )
        let expr = Expr.aggregate(AggregateExpr(op: .topk, expr: vs("m"), parameter: num(2)))
        guard case .vector(let samples) = try three.instantQuery(expr, at: 0, on: q) else {
            Issue.record("expected a vector")
            return
        }
        #expect(samples.map { $0.labels["i"] } == ["c", "b"])
        let bottom = Expr.aggregate(AggregateExpr(op: .bottomk, expr: vs("m"), parameter: num(3)))
        guard case .vector(let all) = try three.instantQuery(bottom, at: 0, on: q) else {
            Issue.record("expected a vector")
            return
        }
        #expect(all.map { $0.labels["i"] } == ["b", "c", "a"])
    }

    @Test func countValuesFormatsValuesLikeGo() throws {
        let q = store(
            [
                (["__name__": "m", "i": "a"], [1e21]), (["__name__": "m", "i": "b"], [0.5]),
                (["__name__": "m", "i": "c"], [0.5]),
            ],
            interval: 1000
        )
        let expr = Expr.aggregate(AggregateExpr(op: .countValues, expr: vs("m"), parameter: str("v")))
        #expect(
            vectorValues(try three.instantQuery(expr, at: 0, on: q)) == [
                ["v": "1000000000000000000000"]: 1, ["v": "0.5"]: 2,
            ]
        )
    }

    @Test func droppingNamesIntoDuplicatesIsAnError() throws {
        let q = store([(["__name__": "a", "x": "1"], [1]), (["__name__": "b", "x": "1"], [2])], interval: 1000)
        var sel = VectorSelector(name: nil, matchers: [try LabelMatcher(.regexMatch, "__name__", "a|b")])
        sel.offset = 0
        let expr = Expr.binary(BinaryExpr(op: .mul, lhs: .vectorSelector(sel), rhs: num(2)))
        do {
            _ = try three.instantQuery(expr, at: 0, on: q)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "vector cannot contain metrics with the same labelset")
        }
    }
}
