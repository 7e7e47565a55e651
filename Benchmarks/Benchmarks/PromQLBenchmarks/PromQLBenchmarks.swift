import Benchmark
import KlaxonModel
import KlaxonPromQL

/// 1,000 counters (10 jobs × 100 instances), one sample every 15 s for 2 h.
private func makeStore() -> MemoryQueryable {
    var store = MemoryQueryable()
    for job in 0..<10 {
        for instance in 0..<100 {
            let labels: Labels = ["__name__": "http_requests_total", "job": "job\(job)", "instance": "i\(instance)"]
            var value = 0.0
            var t: Timestamp = 0
            while t <= 2 * Time.hour {
                value += Double((instance + job) % 7 + 1)
                store.append(labels, t: t, v: value)
                t += 15 * Time.second
            }
        }
    }
    return store
}

private let selector = VectorSelector(
    name: "http_requests_total",
    matchers: [LabelMatcher.equal(LabelName.metricName, "http_requests_total")]
)

/// `sum by (job) (rate(http_requests_total[5m]))`
private let sumRate = Expr.aggregate(
    AggregateExpr(
        op: .sum,
        expr: .call(
            Call(
                function: FunctionSignature(name: "rate", argTypes: [.matrix], returnType: .vector),
                args: [.matrixSelector(MatrixSelector(selector: selector, range: 5 * Time.minute))]
            )
        ),
        grouping: ["job"]
    )
)

let benchmarks: @Sendable () -> Void = {
    registerParserBenchmarks()
    registerRuleQueryBenchmarks()
    let store = makeStore()
    let engine = Engine()
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        maxDuration: .seconds(5)
    )

    Benchmark("instant sum by (job) (rate(x[5m])) over 1000 series") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try engine.instantQuery(sumRate, at: Time.hour, on: store))
        }
    }

    Benchmark("range 1h step 15s sum by (job) (rate(x[5m])) over 1000 series") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try engine.rangeQuery(sumRate, start: Time.hour, end: 2 * Time.hour, step: 15 * Time.second, on: store)
            )
        }
    }

    Benchmark("instant selector lookback over 1000 series") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try engine.instantQuery(.vectorSelector(selector), at: Time.hour, on: store))
        }
    }
}
