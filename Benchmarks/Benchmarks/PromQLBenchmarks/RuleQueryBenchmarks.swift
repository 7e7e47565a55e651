import Benchmark
import KlaxonModel
import KlaxonPromQL
import KlaxonStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The issue-3 rule queries over a Head holding the series of ../shared/bench/fake_exporter.py (100 targets × 1000
// series) with 1 h of 15 s samples, evaluated as a rule would be: an instant query at the end of the hour.
// The data file is written by `scripts/bench/promql-data.py` (run by `scripts/bench/promql-vs-prometheus`); its
// path is $KLAXON_BENCH_PROMQL_DATA, by default /tmp/klaxon-promql-100k.series.
// Reported: wall clock per query, mallocs per query and "ns/input series" (wall clock ÷ series the selectors return).

/// Scenario start of the data set, as in scripts/bench/promql-data.py (seconds, a 2 h block boundary).
let promqlDataBase: Timestamp = 1_764_000_000 * Time.second
let promqlDataEvalTime: Timestamp = promqlDataBase + Time.hour

/// The four rule expressions of issue 3, with the selectors whose series count as their input.
let ruleBenchmarkQueries: [(name: String, query: String, inputs: [String])] = [
    ("sum-rate", "sum by (job) (rate(http_requests_total[5m]))", ["http_requests_total"]),
    (
        "histogram-quantile",
        "histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket[5m])))",
        ["http_request_duration_seconds_bucket"]
    ),
    ("avg-over-time", "avg_over_time(queue_depth[10m])", ["queue_depth"]),
    (
        "error-ratio-alert",
        "sum by (job, instance) (rate(http_requests_total{status=~\"5..\"}[2m])) / sum by (job, instance) (rate(http_requests_total[2m])) > 0.05",
        ["http_requests_total{status=~\"5..\"}", "http_requests_total"]
    ),
]

func registerRuleQueryBenchmarks() {
    guard let head = loadRuleBenchmarkHead() else { return }
    let engine = Engine()
    for entry in ruleBenchmarkQueries {
        guard let expr = try? parseExpr(entry.query) else {
            print("cannot parse \(entry.query)")
            continue
        }
        var inputSeries = 0
        for selector in entry.inputs {
            guard let matchers = try? parseSeriesSelector(selector) else { continue }
            inputSeries +=
                head.series(matchers, mint: promqlDataEvalTime - 10 * Time.minute, maxt: promqlDataEvalTime)
                .count
        }
        let perSeries = BenchmarkMetric.custom("ns/input series", polarity: .prefersSmaller, useScalingFactor: false)
        Benchmark(
            "rule \(entry.name) (\(inputSeries) input series)",
            configuration: .init(
                metrics: [.wallClock, .cpuTotal, .mallocCountTotal, perSeries],
                warmupIterations: 2,
                maxDuration: .seconds(8),
                maxIterations: 40
            )
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                let start = ContinuousClock.now
                let value = try engine.instantQuery(expr, at: promqlDataEvalTime, on: head)
                let elapsed = ContinuousClock.now - start
                blackHole(value)
                let ns = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
                benchmark.measurement(perSeries, Int(ns / Double(max(1, inputSeries))))
            }
        }
    }
}

/// Reads the `.series` file (`name{labels}` TAB values separated by spaces, one sample per 15 s from
/// `promqlDataBase`) into a Head, one commit per timestamp as scrapes would write it.
private func loadRuleBenchmarkHead() -> Head? {
    let path = getenv("KLAXON_BENCH_PROMQL_DATA").map { String(cString: $0) } ?? "/tmp/klaxon-promql-100k.series"
    guard let bytes = readFileBytes(path) else {
        print("skipped rule benchmarks: \(path) not found (run scripts/bench/promql-vs-prometheus to generate it)")
        return nil
    }
    var labels: [Labels] = []
    var columns: [[Double]] = []
    var lineStart = 0
    while lineStart < bytes.count {
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        var tab = lineStart
        while tab < lineEnd, bytes[tab] != 0x09 { tab += 1 }
        if tab < lineEnd,
            let series = try? parseSeriesDescription(String(decoding: bytes[lineStart..<tab], as: UTF8.self))
        {
            var values: [Double] = []
            var i = tab + 1
            while i < lineEnd {
                var j = i
                while j < lineEnd, bytes[j] != 0x20 { j += 1 }
                values.append(Double(String(decoding: bytes[i..<j], as: UTF8.self)) ?? .nan)
                i = j + 1
            }
            labels.append(series)
            columns.append(values)
        }
        lineStart = lineEnd + 1
    }
    let head = Head()
    var appender = head.appender()
    let refs = labels.map { appender.ref(for: $0) }
    let steps = columns.map(\.count).max() ?? 0
    for k in 0..<steps {
        let t = promqlDataBase + Int64(k) * 15 * Time.second
        for s in refs.indices where k < columns[s].count {
            appender.append(refs[s], t: t, v: columns[s][k])
        }
        appender.commit()
    }
    print("rule benchmark data: \(labels.count) series × \(steps) samples from \(path)")
    return head
}

private func readFileBytes(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if n <= 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return bytes
}
