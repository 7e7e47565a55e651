import KlaxonModel
import Testing

@testable import KlaxonPromQL

struct TestScriptTests {
    private func values(_ text: String) throws -> [SeriesNotation.Step] {
        try SeriesNotation.expand(text[...])
    }

    @Test func expandsCountingNotation() throws {
        #expect(try values("1+2x3") == [.value(1), .value(3), .value(5), .value(7)])
        #expect(try values("10-5x2") == [.value(10), .value(5), .value(0)])
        #expect(try values("-1+1x2") == [.value(-1), .value(0), .value(1)])
        #expect(try values("0x2") == [.value(0), .value(0), .value(0)])
        #expect(try values("1e3+1e3x1") == [.value(1000), .value(2000)])
    }

    @Test func expandsGapsStaleAndSpecialValues() throws {
        #expect(try values("_ _x2 stale 3") == [.missing, .missing, .missing, .stale, .value(3)])
        let special = try values("Inf -Inf")
        #expect(special == [.value(.infinity), .value(-.infinity)])
        guard case .value(let nan) = try values("NaN").first else {
            Issue.record("NaN not parsed")
            return
        }
        #expect(nan.isNaN)
    }

    @Test func rejectsMalformedValues() {
        #expect(throws: SeriesNotation.Error.self) { try values("abc") }
        #expect(throws: SeriesNotation.Error.self) { try values("1+x3") }
        #expect(throws: SeriesNotation.Error.self) { try values("1+1xz") }
        #expect(throws: SeriesNotation.Error.self) { try values("{{schema:0 sum:1}}") }
    }

    @Test func parsesSeriesDescriptions() throws {
        let (labels, rest) = try SeriesNotation.parseSeries(#"up{job="a\"b", instance="x"} 1 2"#)
        #expect(labels == ["__name__": "up", "job": "a\"b", "instance": "x"])
        #expect(rest.trimmingPrefix(" ") == "1 2")
        let (empty, _) = try SeriesNotation.parseSeries("{} 3")
        #expect(empty.isEmpty)
        #expect(throws: SeriesNotation.Error.self) { try SeriesNotation.parseSeries(#"up{job="a" 1"#) }
    }

    @Test func parsesScriptCommandsAndExpectations() throws {
        let script = try PromQLTestScript(
            parsing: """
                # comment
                load 5m
                  m{a="1"} 0+1x2

                eval instant at 10m m
                  m{a="1"} 2

                eval range from 0 to 10m step 5m m
                  expect fail msg: boom
                  m{a="1"} 0 1 _

                clear
                eval_ordered instant at 0 vector(1)
                  {} 1
                """
        )
        #expect(script.commands.count == 5)
        guard case .eval(let range) = script.commands[2] else {
            Issue.record("expected eval")
            return
        }
        #expect(range.isRange && range.step == 300_000 && range.end == 600_000)
        #expect(range.expectFail && range.failMessage == "boom")
        #expect(range.expected.first?.steps == [.value(0), .value(1), .missing])
        guard case .eval(let ordered) = script.commands[4] else {
            Issue.record("expected eval")
            return
        }
        #expect(ordered.ordered)
    }

    @Test func rejectsUnknownCommands() {
        #expect(throws: PromQLTestScript.ParseError.self) { try PromQLTestScript(parsing: "evaluate now x\n") }
        #expect(throws: PromQLTestScript.ParseError.self) { try PromQLTestScript(parsing: "load soon\n  m 1\n") }
    }

    @Test func runnerReportsPassAndFailure() throws {
        let script = try PromQLTestScript(
            parsing: """
                load 1m
                  m 1 2 3

                eval instant at 2m m
                  m 3

                eval instant at 2m m
                  m 4

                eval instant at 2m m
                  expect fail
                """
        )
        let results = script.run(engine: Engine()) { try parseExpr($0) }
        #expect(
            results.map(\.outcome) == [
                .pass, .fail("expected 4.0 for {__name__=\"m\"} but got 3.0"), .fail("expected an error, got none"),
            ]
        )
        let skipped = script.run(engine: Engine(), skip: [7: "reason"]) { try parseExpr($0) }
        #expect(skipped[1].outcome == .skip("reason"))
    }

    @Test func loadedDataAndPromtoolText() throws {
        let script = try PromQLTestScript(parsing: "load 1m\n  up{job=\"a\"} 1 _ 0.5\n")
        let (store, newest) = script.loadedData()
        #expect(newest == 120_000)
        let value = try Engine().instantQuery(try parseExpr("up"), at: 120_500, on: store)
        #expect(value.promtoolText == #"up{job="a"} => 0.5 @[120.5]"#)
        #expect(QueryValue.scalar(t: 1000, v: 2).promtoolText == "scalar: 2 @[1]")
    }
}
