import KlaxonModel
import KlaxonPromQL
import KlaxonRules

// One `tests:` entry of a promtool test file: load its input series and rule groups, replay the evaluations on a
// simulated clock checking `alert_rule_test` along the way, then run `promql_expr_test` on the final data.
extension RuleUnitTester {
    /// Messages that end a test group early, as promtool returns at the first load or evaluation error.
    struct GroupStop: Error {
        var messages: [String]
    }

    /// Why a `promql_expr_test` item has no result to compare: the text after `err: `.
    private struct ExprTestError: Error {
        var message: String
    }

    /// The failure messages of one test group (empty when it passes).
    static func runGroup(
        _ test: RuleUnitTestFile.TestGroup,
        evaluationInterval: Int64,
        order: [String: Int],
        ruleFiles: [(shown: String, location: String)],
        options: Options
    ) -> [String] {
        var simulation: GroupSimulation
        do {
            let inputs = try loadInputSeries(test.inputSeries, options: options)
            let groups = try loadRuleGroups(test, order: order, ruleFiles: ruleFiles, options: options)
            try checkAlertnames(test)
            simulation = GroupSimulation(
                test: test,
                evaluationInterval: evaluationInterval,
                options: options,
                inputs: inputs,
                groups: groups
            )
        } catch {
            return error.messages
        }
        var errors: [String]
        do {
            errors = try simulation.run()
        } catch {
            return error.messages
        }

        // PromQL expression tests.
        let engine = Engine(options: options.engine)
        for testCase in test.exprTests {
            if let failure = exprTestFailure(testCase, engine: engine, store: simulation.store, options: options) {
                errors.append(failure)
            }
        }
        return errors
    }

    // MARK: loading

    /// Parses every `input_series` entry; the first bad one ends the group with promtool's message.
    private static func loadInputSeries(
        _ inputSeries: [RuleUnitTestFile.InputSeries],
        options: Options
    ) throws(GroupStop) -> [GroupSimulation.Input] {
        var inputs: [GroupSimulation.Input] = []
        for input in inputSeries {
            let labels: Labels
            do {
                labels = try parseSeriesDescription(input.series)
            } catch {
                throw GroupStop(messages: [error.description])
            }
            if options.prometheus2, let token = repeatedStale(input.values) {
                // 2.42's lexer has no `stalexN`.
                let column = input.series.utf8.count + 1 + token.offset + 1
                throw GroupStop(messages: [
                    "1:\(column): parse error: unexpected identifier \(goQuote(token.text)) in series values, "
                        + "expected number or \"stale\""
                ])
            }
            do {
                inputs.append((labels, try SeriesNotation.expand(Substring(input.values))))
            } catch {
                throw GroupStop(messages: [
                    seriesValuesError(series: input.series, values: input.values, fallback: error.message)
                ])
            }
        }
        return inputs
    }

    /// Loads the groups of every rule file, ordered by `group_eval_order` (unlisted groups first, in file order).
    private static func loadRuleGroups(
        _ test: RuleUnitTestFile.TestGroup,
        order: [String: Int],
        ruleFiles: [(shown: String, location: String)],
        options: Options
    ) throws(GroupStop) -> [RuleGroup] {
        let groupOptions = RuleGroupOptions(
            defaultInterval: test.interval,
            externalLabels: Labels(test.externalLabels.map { Label($0.0, $0.1) }),
            externalURL: test.externalURL,
            engine: options.engine
        )
        var groups: [(order: Int, index: Int, group: RuleGroup)] = []
        for ruleFile in ruleFiles {
            let text: String
            switch CheckRules.readFile(ruleFile.location) {
            case .failure(let error): throw GroupStop(messages: [error.message(for: ruleFile.shown)])
            case .success(let contents): text = contents
            }
            switch RuleFileLoader.parse(text, options: options.loadOptions) {
            case .failure(let messages): throw GroupStop(messages: messages.map { "\(ruleFile.shown): \($0)" })
            case .success(let parsed):
                for spec in parsed.groups {
                    groups.append(
                        (
                            order[spec.name] ?? 0, groups.count,
                            RuleGroup(spec: spec, file: ruleFile.shown, options: groupOptions)
                        )
                    )
                }
            }
        }
        groups.sort { ($0.order, $0.index) < ($1.order, $1.index) }
        return groups.map(\.group)
    }

    /// Every `alert_rule_test` item needs an `alertname`.
    private static func checkAlertnames(_ test: RuleUnitTestFile.TestGroup) throws(GroupStop) {
        for alertTest in test.alertTests where alertTest.alertname.isEmpty {
            let inGroup = test.name.isEmpty ? "" : " (in TestGroup \(test.name))"
            throw GroupStop(messages: [
                "an item under alert_rule_test misses required attribute alertname at eval_time "
                    + "\(PromDuration(milliseconds: alertTest.evalTime))\(inGroup)"
            ])
        }
    }

    // MARK: expression tests

    /// The message of a failed `promql_expr_test` item, or nil when it passes.
    private static func exprTestFailure(
        _ testCase: RuleUnitTestFile.ExprTest,
        engine: Engine,
        store: MemoryQueryable,
        options: Options
    ) -> String? {
        let prefix = "    expr: \(goQuote(testCase.expr)), time: \(PromDuration(milliseconds: testCase.evalTime))"
        var got: [(Labels, Double)]
        var expected: [(Labels, Double)]
        do {
            got = try exprTestResult(testCase, engine: engine, store: store, options: options).map { ($0.labels, $0.v) }
            expected = try expectedSamples(testCase)
        } catch {
            return prefix + ", err: " + error.message
        }
        expected.sort { $0.0.lexicographicallyPrecedes($1.0) }
        got.sort { $0.0.lexicographicallyPrecedes($1.0) }
        let equal = expected.count == got.count && zip(expected, got).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        if equal { return nil }
        if options.diff { return prefix + ",\n" + sampleDiff(expected: expected, got: got) }
        return prefix + ",\n        exp: \(samplesString(expected))\n        got: \(samplesString(got))"
    }

    /// The test's expression evaluated at its `eval_time`; a scalar becomes one sample without labels.
    private static func exprTestResult(
        _ testCase: RuleUnitTestFile.ExprTest,
        engine: Engine,
        store: MemoryQueryable,
        options: Options
    ) throws(ExprTestError) -> [VectorSample] {
        do {
            let expr = try parseExpr(testCase.expr, options: options.parser)
            switch try engine.instantQuery(expr, at: testCase.evalTime, on: store) {
            case .vector(let samples): return samples
            case .scalar(let t, let v): return [VectorSample(labels: .empty, t: t, v: v)]
            case .matrix, .string: throw ExprTestError(message: "rule result is not a vector or scalar")
            }
        } catch let error as ExprTestError {
            throw error
        } catch let error as ParseError {
            throw ExprTestError(message: error.description)
        } catch let error as QueryError {
            throw ExprTestError(message: error.message)
        } catch {
            throw ExprTestError(message: "\(error)")
        }
    }

    /// The test's `exp_samples`, a blank `labels` meaning the empty label set.
    private static func expectedSamples(
        _ testCase: RuleUnitTestFile.ExprTest
    ) throws(ExprTestError) -> [(Labels, Double)] {
        var expected: [(Labels, Double)] = []
        for sample in testCase.expSamples {
            if sample.labels.allSatisfy(\.isWhitespace) {
                expected.append((.empty, sample.value))
                continue
            }
            do {
                expected.append((try parseSeriesDescription(sample.labels), sample.value))
            } catch {
                throw ExprTestError(message: "labels \(goQuote(sample.labels)): \(error.description)")
            }
        }
        return expected
    }
}

/// The replay of one test group: input samples appended as the simulated clock reaches them, the rule groups
/// evaluated every `evaluation_interval`, and the `alert_rule_test` items checked at their `eval_time`.
private struct GroupSimulation {
    typealias Input = (labels: Labels, steps: [SeriesNotation.Step])

    let test: RuleUnitTestFile.TestGroup
    let evaluationInterval: Int64
    let options: RuleUnitTester.Options
    let inputs: [Input]
    var groups: [RuleGroup]
    /// The input samples loaded so far plus what the rules wrote; the expression tests query it at the end.
    var store = MemoryQueryable()
    /// Per input series, how many of its steps are in `store`.
    private var loaded: [Int]
    /// The distinct non-negative `eval_time`s of the alert tests, ascending, and the next one to check.
    private let alertTimes: [Int64]
    private var nextAlertTime = 0

    init(
        test: RuleUnitTestFile.TestGroup,
        evaluationInterval: Int64,
        options: RuleUnitTester.Options,
        inputs: [Input],
        groups: [RuleGroup]
    ) {
        self.test = test
        self.evaluationInterval = evaluationInterval
        self.options = options
        self.inputs = inputs
        self.groups = groups
        self.loaded = [Int](repeating: 0, count: inputs.count)
        var alertTimes = Array(Set(test.alertTests.map(\.evalTime))).sorted()
        alertTimes.removeAll { $0 < 0 }
        self.alertTimes = alertTimes
    }

    /// Runs the clock from 0 to the group's last eval time and returns the alert-test failures; a rule evaluation
    /// error stops the group (with the failures so far).
    mutating func run() throws(RuleUnitTester.GroupStop) -> [String] {
        var errors: [String] = []
        // Simulated time, as promtool's lazy loader: samples appear as the clock reaches them.
        let maxTime = test.maxEvalTime
        let clock = ManualClock(now: 0)
        while clock.now() <= maxTime {
            let ts = clock.now()
            loadSamples(upTo: ts)
            let evalErrors = evaluateGroups(at: ts)
            errors.append(contentsOf: evalErrors)
            if !evalErrors.isEmpty { throw RuleUnitTester.GroupStop(messages: errors) }
            errors.append(contentsOf: checkAlertTests(from: ts))
            clock.advance(by: evaluationInterval)
        }
        return errors
    }

    /// Appends every input step whose time (index × interval) is at or before `ts`.
    private mutating func loadSamples(upTo ts: Int64) {
        for index in inputs.indices {
            while loaded[index] < inputs[index].steps.count, Int64(loaded[index]) * test.interval <= ts {
                let t = Int64(loaded[index]) * test.interval
                switch inputs[index].steps[loaded[index]] {
                case .value(let v): store.append(inputs[index].labels, t: t, v: v)
                case .stale: store.append(inputs[index].labels, t: t, v: StaleNaN.value)
                case .missing: break
                }
                loaded[index] += 1
            }
        }
    }

    /// Evaluates every group in order, each seeing what the previous ones wrote; returns the rules that failed.
    private mutating func evaluateGroups(at ts: Int64) -> [String] {
        var evalErrors: [String] = []
        for index in groups.indices {
            let evaluation = groups[index].evaluate(at: ts, queryable: store)
            for sample in evaluation.samples { store.append(sample.labels, t: sample.t, v: sample.v) }
            for rule in groups[index].status.rules {
                if let error = rule.lastError, rule.health == .err {
                    evalErrors.append(
                        "    rule: \(rule.name), time: \(RuleUnitTester.goDuration(ts)), err: \(error)"
                    )
                }
            }
        }
        return evalErrors
    }

    /// Checks the alert tests whose eval time falls in this evaluation's interval `[ts, ts + evaluation_interval)`.
    private mutating func checkAlertTests(from ts: Int64) -> [String] {
        var errors: [String] = []
        while nextAlertTime < alertTimes.count, ts <= alertTimes[nextAlertTime],
            alertTimes[nextAlertTime] < ts + evaluationInterval
        {
            let time = alertTimes[nextAlertTime]
            for testCase in test.alertTests where testCase.evalTime == time {
                if let failure = alertTestFailure(testCase, at: time) { errors.append(failure) }
            }
            nextAlertTime += 1
        }
        return errors
    }

    /// The message of a failed `alert_rule_test` item, or nil when the firing alerts are the expected ones.
    private func alertTestFailure(_ testCase: RuleUnitTestFile.AlertTest, at time: Int64) -> String? {
        typealias AlertPair = RuleUnitTester.AlertPair
        var got = firingAlerts(named: testCase.alertname)
        var expected = Self.expectedAlerts(testCase)
        got.sort(by: AlertPair.less)
        expected.sort(by: AlertPair.less)
        if got == expected { return nil }
        return RuleUnitTester.alertFailure(
            test: test,
            alertname: testCase.alertname,
            time: time,
            expected: expected,
            got: got,
            diff: options.diff
        )
    }

    /// The firing alerts of every alerting rule called `alertname`, annotations in Go string order.
    private func firingAlerts(named alertname: String) -> [RuleUnitTester.AlertPair] {
        var got: [RuleUnitTester.AlertPair] = []
        for group in groups {
            for rule in group.status.rules where rule.kind == .alerting && rule.name == alertname {
                for alert in rule.alerts where alert.state == .firing {
                    got.append(
                        RuleUnitTester.AlertPair(
                            labels: alert.labels.map { ($0.name, $0.value) },
                            annotations: alert.annotations.map { ($0.key, $0.value) }.sorted {
                                RuleUnitTester.goLess($0.0, $1.0)
                            }
                        )
                    )
                }
            }
        }
        return got
    }

    /// The test's `exp_alerts`, each with `alertname` added and labels and annotations in Go string order.
    private static func expectedAlerts(_ testCase: RuleUnitTestFile.AlertTest) -> [RuleUnitTester.AlertPair] {
        var expected: [RuleUnitTester.AlertPair] = []
        for alert in testCase.expAlerts {
            var labels = Dictionary(alert.labels, uniquingKeysWith: { _, last in last })
            labels[LabelName.alertName] = testCase.alertname
            let annotations = Dictionary(alert.annotations, uniquingKeysWith: { _, last in last })
            expected.append(
                RuleUnitTester.AlertPair(
                    labels: labels.map { ($0.key, $0.value) }.sorted { RuleUnitTester.goLess($0.0, $1.0) },
                    annotations: annotations.map { ($0.key, $0.value) }.sorted { RuleUnitTester.goLess($0.0, $1.0) }
                )
            )
        }
        return expected
    }
}
