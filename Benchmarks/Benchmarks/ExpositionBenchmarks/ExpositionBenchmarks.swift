import Benchmark
import KlaxonExposition

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Parse throughput of the text exposition parser on a 100,000-series body from
// `../shared/bench/fake_exporter.py --dump` (bar: >= 250 MB/s on one core), and the allocation count of a
// repeated parse with a warm SeriesCache (should be ~0 per sample).
//
// The body is read from $KLAXON_BENCH_EXPOSITION; by default /tmp/klaxon-expo-100k.prom, generated with
// `python3 ../shared/bench/fake_exporter.py --targets 1 --series-per-target 100000 --dump 0` when missing.

let benchmarks: @Sendable () -> Void = {
    guard let body = loadBody() else {
        print("skipped: no exposition body (set KLAXON_BENCH_EXPOSITION or provide ../shared/bench/fake_exporter.py)")
        return
    }
    let samplesPerBody = countSeries(body)
    print("exposition body: \(body.count) bytes, \(samplesPerBody) series")

    let configuration = Benchmark.Configuration(
        metrics: [
            .wallClock, .throughput, .mallocCountTotal,
            .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
            .custom("ksamples/s", polarity: .prefersLarger, useScalingFactor: false),
        ],
        maxDuration: .seconds(10),
        maxIterations: 50,
        // Allocation budget for one whole 100k-series body: a handful per body, none per sample
        // (measured: 17 for the parse, 10 for the warm-cache parse). Checked by `benchmark thresholds check`.
        thresholds: [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 50])]
    )

    Benchmark("Parse text 0.0.4, 100k series (value, timestamp, raw series bytes)", configuration: configuration) {
        benchmark in
        var parser = TextParser([])
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            parser.reset(body)
            var checksum = 0.0
            var series = 0
            while let entry = try parser.next() {
                if entry == .series {
                    checksum += parser.value
                    series += parser.seriesRange.count
                }
            }
            report(benchmark, bytes: body.count, samples: samplesPerBody, since: start)
            blackHole(checksum)
            blackHole(series)
        }
    }

    Benchmark("Parse text 0.0.4, 100k series with warm SeriesCache (labels)", configuration: configuration) {
        benchmark in
        var cache = SeriesCache()
        var parser = TextParser([])
        // Warm-up scrape: fills the cache and the parser's scratch tables.
        parser.reset(body)
        while let entry = try parser.next() {
            if entry == .series { blackHole(parser.labels(using: &cache)) }
        }
        cache.endScrape()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            parser.reset(body)
            while let entry = try parser.next() {
                if entry == .series { blackHole(parser.labels(using: &cache)) }
            }
            cache.endScrape()
            report(benchmark, bytes: body.count, samples: samplesPerBody, since: start)
        }
    }

    Benchmark(
        "Parse text 0.0.4, 100k series building Labels (cold, allocating)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(10), maxIterations: 10)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            var parser = TextParser(body)
            while let entry = try parser.next() {
                if entry == .series { blackHole(parser.labels()) }
            }
        }
    }
}

private func report(_ benchmark: Benchmark, bytes: Int, samples: Int, since start: ContinuousClock.Instant) {
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    guard seconds > 0 else { return }
    benchmark.measurement(
        .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
        Int(Double(bytes) / seconds / 1e6)
    )
    benchmark.measurement(
        .custom("ksamples/s", polarity: .prefersLarger, useScalingFactor: false),
        Int(Double(samples) / seconds / 1e3)
    )
}

private func countSeries(_ body: [UInt8]) -> Int {
    var parser = TextParser(body)
    var count = 0
    while let entry = try? parser.next() {
        if entry == .series { count += 1 }
    }
    return count
}

private func loadBody() -> [UInt8]? {
    let path = getenv("KLAXON_BENCH_EXPOSITION").map { String(cString: $0) } ?? "/tmp/klaxon-expo-100k.prom"
    if let bytes = readWholeFile(path) { return bytes }
    let packageRoot = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).dropLast(4)
        .joined(separator: "/")
    let script = packageRoot + "/../shared/bench/fake_exporter.py"
    guard access(script, R_OK) == 0 else { return nil }
    let command = "python3 '\(script)' --targets 1 --series-per-target 100000 --dump 0 > '\(path)'"
    guard system(command) == 0 else { return nil }
    return readWholeFile(path)
}

private func readWholeFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if count == 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes.isEmpty ? nil : bytes
}
