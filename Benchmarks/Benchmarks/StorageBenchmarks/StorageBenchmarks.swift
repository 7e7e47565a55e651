import Benchmark
import Foundation
import KlaxonExposition
import KlaxonModel
import KlaxonStorage

func benchDirectory() -> String {
    ProcessInfo.processInfo.environment["KLAXON_BENCH_DATA"] ?? "/tmp/klaxon-bench"
}

/// Resolves series through a cache and appends, as a scrape does.
struct AppendingConsumer: ExpositionConsumer {
    let head: Head
    var appender: Appender
    var cache = SeriesCache<SeriesRef>(capacity: 2048)
    var generation: UInt64 = 0
    var timestamp: Int64 = 0
    init(head: Head) {
        self.head = head
        appender = head.appender()
    }
    mutating func consume(_ event: ExpositionEvent) throws(ExpositionError) {
        guard case .sample(let sample) = event else { return }
        let ref: SeriesRef
        if let index = cache.find(sample.series, generation: generation) {
            ref = cache[index].payload
        } else {
            ref = head.getOrCreate(sample.labels())
            cache.insert(sample.series, payload: ref, generation: generation)
        }
        appender.add(ref, t: timestamp, v: sample.value)
    }
}

let benchmarks: @Sendable () -> Void = {
    let kiloSamplesPerSecond = BenchmarkMetric.custom("ksamples/s", polarity: .prefersLarger, useScalingFactor: false)
    let bytesPerSampleX100 = BenchmarkMetric.custom(
        "bytes/sample x100",
        polarity: .prefersSmaller,
        useScalingFactor: false
    )
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, kiloSamplesPerSecond],
        timeUnits: .milliseconds,
        maxDuration: .seconds(10),
        maxIterations: 20
    )

    // One core, 100k series, one batch (a scrape) per timestamp, 120 timestamps: 12 M samples.
    Benchmark("Append 100k series x 120 scrapes", configuration: configuration) { benchmark in
        let head = Head()
        let refs = (0..<100_000).map { index in
            head.getOrCreate(Labels(["__name__": "bench_metric", "series": String(index), "job": "bench"]))
        }
        var appender = head.appender()
        let start = ContinuousClock.now
        benchmark.startMeasurement()
        for step in 0..<120 {
            let t = Int64(step) * 15_000
            for (index, ref) in refs.enumerated() { appender.add(ref, t: t, v: Double(step &* index & 1023)) }
            appender.commit()
        }
        benchmark.stopMeasurement()
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        benchmark.measurement(kiloSamplesPerSecond, Int(12_000_000 / 1000 / seconds))
    }

    // The fake exporter's counters, gauges and histogram buckets scraped every 15 s for 3 hours.
    Benchmark(
        "Bytes per sample, 1000 exporter series x 3 h at 15 s",
        configuration: .init(metrics: [.wallClock, bytesPerSampleX100], timeUnits: .milliseconds, maxIterations: 3)
    ) { benchmark in
        let files =
            (try? FileManager.default.contentsOfDirectory(atPath: benchDirectory() + "/scrapes"))?.sorted() ?? []
        precondition(!files.isEmpty, "run scripts/bench to write the scrape inputs")
        let bodies = files.compactMap { FileManager.default.contents(atPath: benchDirectory() + "/scrapes/" + $0) }
        let head = Head(options: .init(retention: 24 * Time.hour))
        var consumer = AppendingConsumer(head: head)
        var parser = TextParser(format: .text)
        benchmark.startMeasurement()
        for (step, body) in bodies.enumerated() {
            consumer.generation = UInt64(step)
            consumer.timestamp = 1_700_000_000_000 + Int64(step) * 15_000
            do { try parser.parse(Array(body), into: &consumer) } catch { fatalError("\(error)") }
            consumer.appender.commit()
        }
        benchmark.stopMeasurement()
        let stats = head.stats
        benchmark.measurement(bytesPerSampleX100, stats.chunkBytes * 100 / max(1, stats.samplesAppended))
    }

    Benchmark("Range read: decode 100k series x 120 samples", configuration: configuration) { benchmark in
        let head = Head()
        var appender = head.appender()
        let refs = (0..<100_000).map { index in
            head.getOrCreate(Labels(["__name__": "bench_metric", "series": String(index)]))
        }
        for step in 0..<120 {
            for (index, ref) in refs.enumerated() {
                appender.add(ref, t: Int64(step) * 15_000, v: Double(index) + Double(step) * 0.5)
            }
            appender.commit()
        }
        let start = ContinuousClock.now
        benchmark.startMeasurement()
        let result = head.select([.equal("__name__", "bench_metric")], mint: .min, maxt: .max)
        benchmark.stopMeasurement()
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let decoded = result.reduce(0) { $0 + $1.count }
        precondition(decoded == 12_000_000)
        benchmark.measurement(kiloSamplesPerSecond, Int(Double(decoded) / 1000 / seconds))
    }
}
