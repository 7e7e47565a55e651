import Benchmark
import KlaxonPromQL

/// Typical rule expressions (shapes from kubernetes-mixin, node-mixin and awesome-prometheus-alerts).
let parserBenchmarkQueries: [String] = [
    "up == 0",
    "sum by (job) (rate(http_requests_total{job=\"api\", code=~\"5..\"}[5m])) / sum by (job) (rate(http_requests_total{job=\"api\"}[5m])) > 0.05",
    "histogram_quantile(0.99, sum by (le, verb) (rate(apiserver_request_duration_seconds_bucket{job=\"apiserver\", verb!=\"WATCH\"}[5m]))) > 1",
    "(node_filesystem_avail_bytes{fstype!=\"tmpfs\"} / node_filesystem_size_bytes * 100 < 10) and on (instance, device, mountpoint) node_filesystem_readonly == 0",
    "predict_linear(node_filesystem_free_bytes{job=\"node\"}[6h], 4 * 3600) < 0",
    "increase(kube_pod_container_status_restarts_total[1h]) > 3",
    "max_over_time(kube_job_status_failed{job=\"kube-state-metrics\"}[5m] offset 1m) > 0",
    "sum without (instance) (rate(x[5m])) * on (job) group_left (team) max by (job, team) (team_info)",
    "absent(up{job=\"alertmanager\"} == 1)",
    "label_replace(rate(container_cpu_usage_seconds_total[5m]), \"pod\", \"$1\", \"pod_name\", \"(.*)\")",
]

func registerParserBenchmarks() {
    let totalBytes = parserBenchmarkQueries.reduce(0) { $0 + $1.utf8.count }
    Benchmark(
        "parseExpr: 10 rule expressions (\(totalBytes) bytes)",
        configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], scalingFactor: .kilo)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            for query in parserBenchmarkQueries {
                blackHole(try parseExpr(query))
            }
        }
    }
    Benchmark(
        "parseExpr + description round trip: 10 rule expressions",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], scalingFactor: .kilo)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            for query in parserBenchmarkQueries {
                blackHole(try parseExpr(query).description)
            }
        }
    }
}
