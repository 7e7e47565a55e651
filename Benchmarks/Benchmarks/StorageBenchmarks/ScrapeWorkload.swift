import Foundation
import KlaxonModel

/// The value model of `shared/bench/fake_exporter.py` (counters, histogram buckets, gauges, padding), reproduced
/// so that the bytes-per-sample figure is measured on the same kind of values the exporter serves.
///
/// One `Target` is one exporter target with `handlers` handlers: 8 request counters and 14 histogram series per
/// handler, one in-flight gauge per handler, 4 queue depths, 2 temperatures, RSS, CPU seconds, build info.
/// Values are printed by the exporter with fixed decimals (`%.2f`, `%.3f`, `%.4f`, integers), so the model rounds
/// the same way.
struct ScrapeWorkload {
    struct Target {
        var phase: Double
        var rates: [Double]
        var latencyMeans: [Double]
        var queueBase: [Double]
        var queuePhase: [Double]
        var temperatureBase: [Double]
        var baseError: Double
    }

    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]
    static let statuses = ["200", "404", "500", "503"]
    static let methods: [(String, Double)] = [("GET", 0.7), ("POST", 0.3)]
    static let pre = 3600.0
    static let amplitude = 0.3
    static let period = 300.0

    let targets: [Target]
    let handlers: Int
    /// Label sets, in the order `values(at:)` returns values.
    let labels: [Labels]

    init(targets count: Int, handlers: Int, seed: UInt64 = 42) {
        var random = SplitMix64(seed: seed)
        self.handlers = handlers
        var targets: [Target] = []
        for _ in 0..<count {
            let weights = (0..<handlers).map { _ in random.uniform(0.2, 2.0) }
            let total = weights.reduce(0, +)
            targets.append(
                Target(
                    phase: random.uniform(0, 2 * .pi),
                    rates: weights.map { 200 * $0 / total },
                    latencyMeans: (0..<handlers).map { _ in random.uniform(0.01, 0.05) },
                    queueBase: (0..<4).map { _ in random.uniform(5, 30) },
                    queuePhase: (0..<4).map { _ in random.uniform(0, 2 * .pi) },
                    temperatureBase: (0..<2).map { _ in random.uniform(40, 55) },
                    baseError: random.uniform(0.007, 0.013)
                )
            )
        }
        self.targets = targets
        var labels: [Labels] = []
        for index in 0..<count {
            let instance = "127.0.0.1:\(9100 + index)"
            func add(_ name: String, _ pairs: [String: String]) {
                var all = pairs
                all["__name__"] = name
                all["instance"] = instance
                all["job"] = "fake"
                labels.append(Labels(all))
            }
            for handler in 0..<handlers {
                let path = "/api/v1/h\(handler)"
                for (method, _) in Self.methods {
                    for status in Self.statuses {
                        add("http_requests_total", ["method": method, "status": status, "handler": path])
                    }
                }
                for bucket in Self.buckets {
                    add("http_request_duration_seconds_bucket", ["handler": path, "le": "\(bucket)"])
                }
                add("http_request_duration_seconds_bucket", ["handler": path, "le": "+Inf"])
                add("http_request_duration_seconds_sum", ["handler": path])
                add("http_request_duration_seconds_count", ["handler": path])
                add("http_inflight_requests", ["handler": path])
            }
            for queue in 0..<4 { add("queue_depth", ["queue": "q\(queue)"]) }
            for sensor in 0..<2 { add("temperature_celsius", ["sensor": "s\(sensor)"]) }
            add("process_resident_memory_bytes", [:])
            add("process_cpu_seconds_total", [:])
            add("app_build_info", ["version": "1.2.3", "revision": "deadbeef"])
        }
        self.labels = labels
    }

    private static func rounded(_ value: Double, decimals: Double) -> Double {
        // The exporter prints with `%.Nf`; parsing that text gives the nearest double to the rounded decimal.
        (value * decimals).rounded() / decimals
    }

    /// Values of every series at `seconds` after the exporter's t0, in `labels` order.
    func values(at seconds: Double, into out: inout [Double]) {
        out.removeAll(keepingCapacity: true)
        let w = 2 * Double.pi / Self.period
        for target in targets {
            func integral(_ tau: Double) -> Double {
                tau + Self.amplitude / w * (cos(target.phase) - cos(w * tau + target.phase))
            }
            let elapsed = integral(seconds + Self.pre) - integral(0)
            let fractions = [1 - target.baseError - 0.02, 0.02, target.baseError * 0.7, target.baseError * 0.3]
            let modulation = 1 + Self.amplitude * sin(w * (seconds + Self.pre) + target.phase)
            for handler in 0..<handlers {
                let rate = target.rates[handler]
                for (_, share) in Self.methods {
                    for fraction in fractions { out.append((rate * share * fraction * elapsed).rounded(.down)) }
                }
                let requests = rate * elapsed
                let mean = target.latencyMeans[handler]
                for bucket in Self.buckets {
                    out.append((requests * (1 - exp(-bucket / mean))).rounded(.down))
                }
                let count = requests.rounded(.down)
                out.append(count)
                out.append(Self.rounded(requests * mean, decimals: 10_000))
                out.append(count)
                out.append(Self.rounded(rate * modulation * mean, decimals: 1000))
            }
            for queue in 0..<4 {
                let value = target.queueBase[queue] + 5 * sin(w * 2 * (seconds + Self.pre) + target.queuePhase[queue])
                out.append(Self.rounded(value, decimals: 100))
            }
            for sensor in 0..<2 {
                let value = target.temperatureBase[sensor] + 3 * sin(w * (seconds + Self.pre) + Double(sensor))
                out.append(Self.rounded(value, decimals: 100))
            }
            out.append((200e6 + 1e6 * (seconds + Self.pre) / 60).rounded(.down))
            out.append(Self.rounded(0.3 * (seconds + Self.pre), decimals: 100))
            out.append(1)
        }
    }
}
