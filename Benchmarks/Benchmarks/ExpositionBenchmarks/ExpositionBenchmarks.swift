import Benchmark
import Foundation
import KlaxonExposition

/// Sums what it sees so the parse cannot be optimised away.
struct CountingConsumer: ExpositionConsumer {
    var samples = 0
    var checksum = 0.0
    mutating func consume(_ event: ExpositionEvent) throws(ExpositionError) {
        if case .sample(let sample) = event {
            samples += 1
            checksum += sample.value.isFinite ? sample.value : 0
        }
    }
}

/// What a scrape does per sample: find the series in its cache, building labels only on a miss.
struct CachingConsumer: ExpositionConsumer {
    var cache = SeriesCache<Int>(capacity: 131_072)
    var generation: UInt64 = 0
    var misses = 0
    mutating func consume(_ event: ExpositionEvent) throws(ExpositionError) {
        guard case .sample(let sample) = event else { return }
        if cache.find(sample.series, generation: generation) == nil {
            misses += 1
            blackHole(sample.labels())
            cache.insert(sample.series, payload: misses, generation: generation)
        }
    }
}

func benchData() -> [UInt8] {
    let directory = ProcessInfo.processInfo.environment["KLAXON_BENCH_DATA"] ?? "/tmp/klaxon-bench"
    guard let data = FileManager.default.contents(atPath: directory + "/body100k.prom") else {
        fatalError("benchmark input missing: run scripts/bench (it writes \(directory)/body100k.prom)")
    }
    return Array(data)
}

let benchmarks: @Sendable () -> Void = {
    let body = benchData()
    let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    let kiloSamplesPerSecond = BenchmarkMetric.custom("ksamples/s", polarity: .prefersLarger, useScalingFactor: false)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, megabytesPerSecond, kiloSamplesPerSecond],
        timeUnits: .milliseconds,
        maxDuration: .seconds(10),
        maxIterations: 40
    )

    Benchmark("Parse 100k-series text body", configuration: configuration) { benchmark in
        var parser = TextParser(format: .text)
        var consumer = CountingConsumer()
        let start = ContinuousClock.now
        benchmark.startMeasurement()
        do { try parser.parse(body, into: &consumer) } catch { fatalError("\(error)") }
        benchmark.stopMeasurement()
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        blackHole(consumer.checksum)
        benchmark.measurement(megabytesPerSecond, Int(Double(body.count) / 1_000_000 / seconds))
        benchmark.measurement(kiloSamplesPerSecond, Int(Double(consumer.samples) / 1000 / seconds))
    }

    Benchmark("Parse 100k-series body through a warm series cache", configuration: configuration) { benchmark in
        var parser = TextParser(format: .text)
        var consumer = CachingConsumer()
        do { try parser.parse(body, into: &consumer) } catch { fatalError("\(error)") }
        consumer.generation = 1
        let start = ContinuousClock.now
        benchmark.startMeasurement()
        do { try parser.parse(body, into: &consumer) } catch { fatalError("\(error)") }
        benchmark.stopMeasurement()
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        precondition(consumer.misses == 100_000, "a warm cache must not miss")
        benchmark.measurement(megabytesPerSecond, Int(Double(body.count) / 1_000_000 / seconds))
        benchmark.measurement(kiloSamplesPerSecond, Int(100_000 / 1000 / seconds))
    }
}
