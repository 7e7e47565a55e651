import Benchmark
import KlaxonModel
import KlaxonStorage

/// Mutable state that survives across the iterations of one benchmark (benchmarks run on one thread).
final class AppendState {
    let head: Head
    let refs: [SeriesRef]
    var scrape: Int64 = 0
    var appender: Appender

    init(head: Head = Head(options: HeadOptions(retention: 3 * Time.hour)), series: Int) {
        self.head = head
        refs = (0..<series).map { head.getOrCreate(Labels(["__name__": "bench_counter", "i": String($0)])) }
        appender = head.appender()
    }
}

/// A head filled with `hours` of the fake-exporter workload scraped every 15 s.
func filledHead(targets: Int, hours: Int, jitter: Bool) -> (Head, samples: Int) {
    let workload = ScrapeWorkload(targets: targets, handlers: 8)
    let head = Head(options: HeadOptions(retention: Int64(hours + 1) * Time.hour))
    let refs = workload.labels.map { head.getOrCreate($0) }
    var appender = head.appender()
    var values: [Double] = []
    let scrapes = hours * 3600 / 15
    let t0: Timestamp = 1_700_000_000_000
    for scrape in 0..<scrapes {
        // Unaligned scrapes land a few ms off the 15 s grid (Prometheus snaps timestamps within 2 ms back onto it).
        let offset = jitter ? Int64((scrape * 7919) % 5) - 2 : 0
        let t = t0 + Int64(scrape) * 15_000 + offset
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
    // scraped every 15 s, on the grid and with +-2 ms jitter. Reported as thousandths of a byte per sample.
    for jitter in [false, true] {
        let name =
            jitter
            ? "Bytes per sample (fake exporter, 15 s +-2 ms, 4 h)" : "Bytes per sample (fake exporter, 15 s, 4 h)"
        Benchmark(
            name,
            configuration: .init(
                metrics: [.custom("millibytes/sample", useScalingFactor: false), .wallClock],
                maxIterations: 1
            )
        ) { benchmark in
            let (head, samples) = filledHead(targets: 10, hours: 4, jitter: jitter)
            let stats = head.stats()
            benchmark.measurement(
                .custom("millibytes/sample", useScalingFactor: false),
                stats.chunkBytes * 1000 / samples
            )
            blackHole(stats)
        }
    }

    // Range reads: every series of the same workload over the whole 4 h; throughput is samples decoded per second.
    Benchmark(
        "Range read (1,930 series x 960 samples)",
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
        setup: { filledHead(targets: 10, hours: 4, jitter: false).0 }
    )

    // A rule evaluation's read: the last 5 minutes of every series; only the newest chunk of each is decoded.
    Benchmark(
        "Range read, last 5 min (1,930 series)",
        configuration: .init(
            metrics: [.wallClock, .throughput, .custom("samples decoded", useScalingFactor: false)],
            scalingFactor: .one
        ),
        closure: { benchmark, head in
            let matchers = [LabelMatcher.equal("job", "fake")]
            let maxt: Timestamp = 1_700_000_000_000 + 4 * Time.hour
            var decoded = 0
            for _ in benchmark.scaledIterations {
                for series in head.select(matchers, mint: maxt - 5 * Time.minute, maxt: maxt) {
                    decoded += series.count
                }
            }
            benchmark.measurement(.custom("samples decoded", useScalingFactor: false), decoded)
        },
        setup: { filledHead(targets: 10, hours: 4, jitter: false).0 }
    )

    persistenceBenchmarks()
}
