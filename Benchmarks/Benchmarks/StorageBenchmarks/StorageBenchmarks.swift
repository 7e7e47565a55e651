import Benchmark
import KlaxonModel
import KlaxonStorage

/// Mutable state that survives across the iterations of one benchmark (benchmarks run on one thread).
final class AppendState {
    let head = Head(options: HeadOptions(retention: 3 * Time.hour))
    let refs: [SeriesRef]
    var scrape: Int64 = 0
    var appender: Appender

    init(series: Int) {
        refs = (0..<series).map { head.getOrCreate(Labels(["__name__": "bench_counter", "i": String($0)])) }
        appender = head.appender()
    }
}

/// A head filled with `hours` of the fake-exporter workload scraped every 15 s.
func filledHead(targets: Int, hours: Int) -> (Head, samples: Int) {
    let workload = ScrapeWorkload(targets: targets, handlers: 8)
    let head = Head(options: HeadOptions(retention: Int64(hours + 1) * Time.hour))
    let refs = workload.labels.map { head.getOrCreate($0) }
    var appender = head.appender()
    var values: [Double] = []
    let scrapes = hours * 3600 / 15
    let t0: Timestamp = 1_700_000_000_000
    for scrape in 0..<scrapes {
        // Real scrapes land a few ms off the 15 s grid; that jitter is what the delta-of-delta pays for.
        let jitter = Int64((scrape * 7919) % 5) - 2
        let t = t0 + Int64(scrape) * 15_000 + jitter
        workload.values(at: Double(scrape) * 15, into: &values)
        for (index, ref) in refs.enumerated() { appender.append(ref, t: t, v: values[index]) }
        appender.commit()
    }
    return (head, scrapes * refs.count)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(5),
        maxIterations: 50
    )

    // One core, one appender: 10,000 series, one commit per scrape of all of them; throughput is samples/s.
    Benchmark(
        "Append samples (10k series, batches of 10k)",
        configuration: .init(scalingFactor: .mega),
        closure: { benchmark, state in
            let count = state.refs.count
            var index = 0
            for _ in benchmark.scaledIterations {
                let t = state.scrape * 15_000
                state.appender.append(state.refs[index], t: t, v: Double(state.scrape &* 3 &+ Int64(index % 7)))
                index += 1
                if index == count {
                    blackHole(state.appender.commit())
                    index = 0
                    state.scrape += 1
                }
            }
        },
        setup: { AppendState(series: 10_000) }
    )

    // Compressed size at steady state: 4 h of the fake-exporter workload (counters, histogram buckets, gauges)
    // scraped every 15 s. Reported as thousandths of a byte per sample.
    Benchmark(
        "Bytes per sample (fake exporter, 15 s, 4 h)",
        configuration: .init(
            metrics: [.custom("millibytes/sample", useScalingFactor: false), .wallClock],
            maxIterations: 1
        )
    ) { benchmark in
        let (head, samples) = filledHead(targets: 10, hours: 4)
        let stats = head.stats()
        benchmark.measurement(.custom("millibytes/sample", useScalingFactor: false), stats.chunkBytes * 1000 / samples)
        blackHole(stats)
    }

    // Range reads: every series of the same workload over the whole 4 h; throughput is samples decoded per second.
    Benchmark(
        "Range read (2,230 series x 960 samples)",
        configuration: .init(
            metrics: [.wallClock, .throughput, .custom("samples decoded", useScalingFactor: false)],
            scalingFactor: .one
        ),
        closure: { benchmark, head in
            let matchers = [LabelMatcher.equal("job", "fake")]
            var decoded = 0
            for _ in benchmark.scaledIterations {
                for series in head.select(matchers, mint: .min, maxt: .max) { decoded += series.count }
            }
            benchmark.measurement(.custom("samples decoded", useScalingFactor: false), decoded)
        },
        setup: { filledHead(targets: 10, hours: 4).0 }
    )
}
