import Benchmark
import Foundation
import KlaxonModel
import KlaxonStorage

/// A fresh directory under the system temporary directory.
func makeTemporaryDirectory(_ prefix: String) -> String {
    let path = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// `AppendState` with a `HeadPersistence` attached (WAL in a temporary directory).
final class PersistentAppendState {
    let state: AppendState
    let persistence: HeadPersistence
    let directory: String

    init(series: Int) throws {
        directory = makeTemporaryDirectory("klaxon-bench-wal")
        let head = Head(options: HeadOptions(retention: 3 * Time.hour))
        persistence = try HeadPersistence(directory: directory, head: head)
        _ = try persistence.recover()
        state = AppendState(head: head, series: series)
    }

    deinit {
        persistence.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// A data directory written by `writeDataDirectory`, removed when released.
final class DataDirectory {
    let path: String
    let series: Int
    let samples: Int

    init(path: String, series: Int, samples: Int) {
        self.path = path
        self.series = series
        self.samples = samples
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A data directory holding `hours` of the fake-exporter workload for `targets` targets at 15 s, WAL only
/// (`checkpoint: false`) or checkpointed at the end.
func writeDataDirectory(targets: Int, hours: Int, checkpoint: Bool) throws -> DataDirectory {
    let path = makeTemporaryDirectory("klaxon-bench-recovery")
    let workload = ScrapeWorkload(targets: targets, handlers: 8)
    let head = Head(options: HeadOptions(retention: Int64(hours + 1) * Time.hour))
    let persistence = try HeadPersistence(directory: path, head: head)
    _ = try persistence.recover()
    let refs = workload.labels.map { head.getOrCreate($0) }
    var appender = head.appender()
    var values: [Double] = []
    let scrapes = hours * 3600 / 15
    for scrape in 0..<scrapes {
        let t = 1_700_000_000_000 + Int64(scrape) * 15_000
        workload.values(at: Double(scrape) * 15, into: &values)
        for (index, ref) in refs.enumerated() { appender.append(ref, t: t, v: values[index]) }
        appender.commit()
    }
    if checkpoint { _ = try persistence.checkpoint() }
    persistence.close()
    return DataDirectory(path: path, series: refs.count, samples: scrapes * refs.count)
}

func persistenceBenchmarks() {
    // The same workload as "Append samples", with every commit logged to the WAL (one write(2) per commit, page
    // cache, fsync every 5 s). Also reports WAL bytes per sample in thousandths.
    Benchmark(
        "Append samples with WAL (10k series, batches of 10k)",
        configuration: .init(
            metrics: [
                .wallClock, .throughput, .mallocCountTotal, .custom("WAL millibytes/sample", useScalingFactor: false),
            ],
            scalingFactor: .mega
        ),
        closure: { benchmark, persistent in
            let state = persistent.state
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
            let stats = persistent.persistence.stats()
            if stats.samplesLogged > 0 {
                benchmark.measurement(
                    .custom("WAL millibytes/sample", useScalingFactor: false),
                    Int(stats.bytesWritten * 1000 / stats.samplesLogged)
                )
            }
        },
        setup: { try PersistentAppendState(series: 10_000) }
    )

    // WAL size on the realistic workload: 1 h of the fake exporter (1,930 series) at 15 s.
    Benchmark(
        "WAL bytes per sample (fake exporter, 15 s, 1 h)",
        configuration: .init(
            metrics: [.custom("millibytes/sample", useScalingFactor: false), .wallClock],
            maxIterations: 1
        )
    ) { benchmark in
        let written = try writeDataDirectory(targets: 10, hours: 1, checkpoint: false)
        let segment = written.path + "/wal/00000001"
        let bytes = (try? FileManager.default.attributesOfItem(atPath: segment)[.size] as? Int) ?? 0
        benchmark.measurement(.custom("millibytes/sample", useScalingFactor: false), bytes * 1000 / written.samples)
    }

    // Restart cost: 100k series (518 fake-exporter targets) x 1 h at 15 s = 24.9M samples, replayed from the WAL
    // alone, or loaded from a checkpoint.
    for checkpoint in [false, true] {
        Benchmark(
            checkpoint
                ? "Recovery from checkpoint (100k series x 1 h at 15 s)"
                : "Recovery from WAL (100k series x 1 h at 15 s)",
            configuration: .init(
                metrics: [.wallClock, .custom("samples recovered", useScalingFactor: false)],
                warmupIterations: 0,
                scalingFactor: .one,
                maxIterations: 1
            ),
            closure: { benchmark, written in
                for _ in benchmark.scaledIterations {
                    let head = Head(options: HeadOptions(retention: 2 * Time.hour))
                    guard let persistence = try? HeadPersistence(directory: written.path, head: head),
                        let report = try? persistence.recover()
                    else { fatalError("recovery failed") }
                    benchmark.measurement(.custom("samples recovered", useScalingFactor: false), report.samples)
                    persistence.close()
                    blackHole(head)
                    // Recovery opened a fresh segment; drop it so that a repeated run replays the same data.
                    try? FileManager.default.removeItem(
                        atPath: written.path + "/wal/" + String(format: "%08d", persistence.stats().currentSegment)
                    )
                }
            },
            setup: { try writeDataDirectory(targets: 518, hours: 1, checkpoint: checkpoint) }
        )
    }
}
