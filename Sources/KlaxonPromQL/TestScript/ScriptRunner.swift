import KlaxonModel

extension PromQLTestScript {
    public enum Outcome: Sendable, Hashable {
        case pass
        case skip(String)
        case fail(String)
    }

    public struct CaseResult: Sendable {
        public var line: Int
        public var expr: String
        public var outcome: Outcome
        /// A reason the runner can tell by itself why this case cannot pass yet (native histograms, annotations).
        public var knownGap: String?
        /// For a skipped case: it was run anyway and passed, so its skip entry is stale.
        public var skippedButPasses = false
    }

    /// Runs every command; `skip` maps eval line numbers to the reason they are skipped.
    public func run(
        engine: Engine,
        skip: [Int: String] = [:],
        parse: (String) throws -> Expr
    ) -> [CaseResult] {
        var store = MemoryQueryable()
        var nativeData: String?
        var results: [CaseResult] = []
        for command in commands {
            switch command {
            case .clear:
                store.removeAll()
                nativeData = nil
            case .load(let interval, let series, _, let unsupported):
                if let u = unsupported { nativeData = u }
                for s in series {
                    for (i, step) in s.steps.enumerated() {
                        let t = Int64(i) * interval
                        switch step {
                        case .value(let v): store.append(s.labels, t: t, v: v)
                        case .stale: store.append(s.labels, t: t, v: StaleNaN.value)
                        case .missing: break
                        }
                    }
                }
            case .eval(let eval):
                var gap = eval.unsupported
                if gap == nil, eval.expectWarnOrInfo {
                    gap = "expects an annotation (warn/info), which Klaxon does not emit"
                }
                if let reason = skip[eval.line] {
                    var result = CaseResult(line: eval.line, expr: eval.expr, outcome: .skip(reason), knownGap: gap)
                    if !eval.expectWarnOrInfo, nativeData == nil, eval.unsupported == nil {
                        result.skippedButPasses = runEval(eval, engine: engine, store: store, parse: parse) == .pass
                    }
                    results.append(result)
                    continue
                }
                if gap == nil, let n = nativeData { gap = n }
                var outcome = runEval(eval, engine: engine, store: store, parse: parse)
                if eval.expectWarnOrInfo, outcome == .pass {
                    outcome = .fail("expects a warn/info annotation, which Klaxon does not emit")
                }
                results.append(CaseResult(line: eval.line, expr: eval.expr, outcome: outcome, knownGap: gap))
            }
        }
        return results
    }

    func runEval(_ eval: Eval, engine: Engine, store: MemoryQueryable, parse: (String) throws -> Expr) -> Outcome {
        let expr: Expr
        do {
            expr = try parse(eval.expr)
        } catch {
            if eval.expectFail { return checkFailMessage(eval, "\(error)") }
            return .fail("parse error: \(error)")
        }
        let value: QueryValue
        do {
            if eval.isRange {
                value = try engine.rangeQuery(expr, start: eval.start, end: eval.end, step: eval.step, on: store)
            } else {
                value = try engine.instantQuery(expr, at: eval.start, on: store)
            }
        } catch {
            if eval.expectFail { return checkFailMessage(eval, error.message) }
            return .fail("unexpected error: \(error.message)")
        }
        if eval.expectFail { return .fail("expected an error, got none") }
        if let problem = compare(eval, value) { return .fail(problem) }
        // Like upstream: an instant query must give the same result in range mode (checked at the middle step).
        if !eval.isRange, !eval.ordered, expr.type == .vector || expr.type == .scalar {
            do {
                let range = try engine.rangeQuery(
                    expr,
                    start: eval.start - Time.minute,
                    end: eval.start + Time.minute,
                    step: Time.minute,
                    on: store
                )
                guard case .matrix(let series) = range else { return .fail("range mode returned no matrix") }
                var vector: [VectorSample] = []
                for s in series {
                    if let p = s.samples.first(where: { $0.t == eval.start }) {
                        vector.append(VectorSample(labels: s.labels, t: p.t, v: p.v))
                    }
                }
                let asValue: QueryValue
                if case .scalar = value {
                    asValue = .scalar(t: eval.start, v: vector.first?.v ?? .nan)
                } else {
                    asValue = .vector(vector)
                }
                if let problem = compare(eval, asValue) { return .fail("in range mode: \(problem)") }
            } catch {
                return .fail("error in range mode: \(error.message)")
            }
        }
        return .pass
    }

    func checkFailMessage(_ eval: Eval, _ message: String) -> Outcome {
        if let expected = eval.failMessage, expected != message {
            return .fail("expected error \"\(expected)\", got \"\(message)\"")
        }
        if let pattern = eval.failRegex {
            guard let regex = try? RE2Regex(pattern), regex.matches(message) else {
                return .fail("error \"\(message)\" does not match /\(pattern)/")
            }
        }
        return .pass
    }

    static func almostEqual(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN && b.isNaN { return StaleNaN.isStale(a) == StaleNaN.isStale(b) }
        if a == b { return true }
        let minNormal = Double(bitPattern: 0x0010_0000_0000_0000)
        let epsilon = 0.000001
        let diff = abs(a - b)
        if a == 0 || b == 0 || diff < minNormal { return diff < epsilon * minNormal }
        return diff / (abs(a) + abs(b)) < epsilon
    }

    func compare(_ eval: Eval, _ value: QueryValue) -> String? {
        switch value {
        case .string(_, let s):
            guard let expected = eval.expectedString else { return "unexpected string result \"\(s)\"" }
            return expected == s ? nil : "expected string \"\(expected)\", got \"\(s)\""
        case .scalar(_, let v):
            guard eval.expected.count == 1, eval.expected[0].labels == nil,
                case .value(let e) = eval.expected[0].steps.first
            else { return "unexpected scalar result \(v)" }
            return Self.almostEqual(e, v) ? nil : "expected scalar \(e), got \(v)"
        case .vector(let samples):
            if eval.isRange { return "range query returned a vector" }
            if eval.expected.contains(where: { $0.labels == nil }) { return "expected a scalar, got a vector" }
            var expected: [Labels: (Int, Double?)] = [:]
            for (i, e) in eval.expected.enumerated() {
                guard let labels = e.labels else { continue }
                var v: Double?
                if case .value(let x) = e.steps.first { v = x }
                expected[labels] = (i, v)
            }
            var seen = Set<Labels>()
            for (pos, s) in samples.enumerated() {
                guard let (index, v) = expected[s.labels] else {
                    return "unexpected metric \(s.labels) in result, with value \(s.v)"
                }
                if !seen.insert(s.labels).inserted { return "duplicate metric \(s.labels) in result" }
                if eval.ordered && index != pos {
                    return "expected metric \(s.labels) at position \(index + 1) but was at \(pos + 1)"
                }
                guard let ev = v else { return "no expected value for \(s.labels)" }
                if !Self.almostEqual(ev, s.v) { return "expected \(ev) for \(s.labels) but got \(s.v)" }
            }
            for e in eval.expected {
                if let l = e.labels, !seen.contains(l) { return "expected metric \(l) not found" }
            }
            return nil
        case .matrix(let series):
            let from: Timestamp
            let step: Int64
            if eval.isRange {
                from = eval.start
                step = eval.step
            } else if let rv = eval.rangeVector {
                from = rv.from
                step = rv.step
            } else {
                return "received range result on instant evaluation"
            }
            var expected: [Labels: [SeriesNotation.Step]] = [:]
            for e in eval.expected {
                guard let l = e.labels else { return "expected a scalar line in a range result" }
                expected[l] = e.steps
            }
            var seen = Set<Labels>()
            for s in series {
                guard let steps = expected[s.labels] else { return "unexpected series \(s.labels) in result" }
                seen.insert(s.labels)
                var want: [Sample] = []
                for (i, st) in steps.enumerated() {
                    if case .value(let v) = st { want.append(Sample(t: from + Int64(i) * step, v: v)) }
                }
                if want.count != s.samples.count {
                    return
                        "expected \(want.count) points for \(s.labels), got \(s.samples.count): \(s.samples.map { "\($0.v)@\($0.t)" })"
                }
                for (w, g) in zip(want, s.samples) where w.t != g.t || !Self.almostEqual(w.v, g.v) {
                    return "expected \(w.v)@\(w.t) for \(s.labels), got \(g.v)@\(g.t)"
                }
            }
            for l in expected.keys where !seen.contains(l) {
                if expected[l]?.contains(where: { if case .value = $0 { return true } else { return false } }) == true {
                    return "expected series \(l) not found"
                }
            }
            return nil
        }
    }
}
