import KlaxonExposition
import KlaxonModel
import KlaxonStorage
import Synchronization

/// Klaxon's own counters and gauges, rendered on `/metrics` by `render`. Names follow Prometheus where the meaning
/// is the same (`prometheus_rule_group_last_duration_seconds`, `prometheus_tsdb_head_series`, ...), so existing
/// dashboards and the bench harness read them unchanged; Klaxon-only figures use the `klaxon_` prefix.
final class DaemonMetrics: Sendable {
    struct GroupFigures: Sendable {
        var lastDuration = 0.0
        var durationSum = 0.0
        var evaluations = 0
        var failures = 0
        var missed = 0
        var lastEvaluation: Timestamp = 0
    }

    let startTime: Timestamp
    let ruleGroups = Atomic<Int>(0)
    let ruleSamplesAppended = Atomic<Int>(0)
    let alertsSent = Atomic<Int>(0)
    let alertsDropped = Atomic<Int>(0)
    let reloadSuccessful = Atomic<Int>(1)
    let reloadTimestamp = Atomic<Int64>(0)
    let reloads = Atomic<Int>(0)
    let reloadFailures = Atomic<Int>(0)
    let stateSaveFailures = Atomic<Int>(0)
    private let groups = Mutex<[String: GroupFigures]>([:])

    init(startTime: Timestamp) {
        self.startTime = startTime
        reloadTimestamp.store(startTime, ordering: .relaxed)
    }

    func recordEvaluation(group: String, seconds: Double, failures: Int, timestamp: Timestamp) {
        groups.withLock { all in
            var figures = all[group, default: GroupFigures()]
            figures.lastDuration = seconds
            figures.durationSum += seconds
            figures.evaluations += 1
            figures.failures += failures
            figures.lastEvaluation = timestamp
            all[group] = figures
        }
    }

    func recordMissed(group: String, count: Int) {
        groups.withLock { $0[group, default: GroupFigures()].missed += count }
    }

    func recordReload(success: Bool, at time: Timestamp) {
        reloads.add(1, ordering: .relaxed)
        reloadSuccessful.store(success ? 1 : 0, ordering: .relaxed)
        if success {
            reloadTimestamp.store(time, ordering: .relaxed)
        } else {
            reloadFailures.add(1, ordering: .relaxed)
        }
    }

    func forgetGroups(except keys: Set<String>) {
        groups.withLock { all in all = all.filter { keys.contains($0.key) } }
    }

    /// The exposition of every Klaxon figure plus the subsystem sections passed in (already rendered).
    func render(head: HeadStats, sections: [(inout ExpositionWriter) -> Void]) -> [UInt8] {
        var out = ExpositionWriter(reservingCapacity: 16_384)
        writeProcessFigures(&out)
        writeReloadFigures(&out)
        writeHeadFigures(&out, head)
        writeRuleGroupFigures(&out)
        writeRuleAndAlertCounters(&out)
        for section in sections { section(&out) }
        return out.bytes
    }

    /// `klaxon_build_info` and `process_start_time_seconds`.
    private func writeProcessFigures(_ out: inout ExpositionWriter) {
        out.help("klaxon_build_info", "A metric with a constant '1' value labeled by Klaxon's version.")
        out.type("klaxon_build_info", .gauge)
        out.sample("klaxon_build_info", Labels(["version": KlaxonBuild.version]), 1)
        gauge(
            &out,
            "process_start_time_seconds",
            "Start time of the process since unix epoch in seconds.",
            Double(startTime) / 1000
        )
    }

    /// Configuration reloads and state persistence.
    private func writeReloadFigures(_ out: inout ExpositionWriter) {
        gauge(
            &out,
            "klaxon_config_last_reload_successful",
            "Whether the last configuration reload attempt was successful.",
            Double(reloadSuccessful.load(ordering: .relaxed))
        )
        gauge(
            &out,
            "klaxon_config_last_reload_success_timestamp_seconds",
            "Timestamp of the last successful configuration reload.",
            Double(reloadTimestamp.load(ordering: .relaxed)) / 1000
        )
        counter(
            &out,
            "klaxon_config_reloads_total",
            "Configuration reloads attempted.",
            Double(reloads.load(ordering: .relaxed))
        )
        counter(
            &out,
            "klaxon_config_reload_failures_total",
            "Configuration reloads that failed and kept the old configuration.",
            Double(reloadFailures.load(ordering: .relaxed))
        )
        counter(
            &out,
            "klaxon_state_save_failures_total",
            "Failed attempts to persist router state to the data directory.",
            Double(stateSaveFailures.load(ordering: .relaxed))
        )
    }

    /// The head block, under Prometheus' TSDB names where the meaning is the same.
    private func writeHeadFigures(_ out: inout ExpositionWriter, _ head: HeadStats) {
        gauge(
            &out,
            "prometheus_tsdb_head_series",
            "Total number of series in the head block.",
            Double(head.seriesCount)
        )
        counter(
            &out,
            "prometheus_tsdb_head_series_created_total",
            "Total number of series created in the head",
            Double(head.seriesCreated)
        )
        counter(
            &out,
            "prometheus_tsdb_head_samples_appended_total",
            "Total number of appended samples.",
            Double(head.samplesAppended)
        )
        counter(
            &out,
            "prometheus_tsdb_out_of_order_samples_total",
            "Total number of out of order samples ingestion failed attempts.",
            Double(head.outOfOrderRejected)
        )
        gauge(&out, "klaxon_head_chunk_bytes", "Bytes held by compressed sample chunks.", Double(head.chunkBytes))
        counter(
            &out,
            "klaxon_head_series_limit_refused_total",
            "New series refused because the head held --storage.tsdb.max-series series.",
            Double(head.seriesLimitRefused)
        )
        counter(
            &out,
            "klaxon_head_series_limit_samples_rejected_total",
            "Samples rejected because their series was refused by --storage.tsdb.max-series.",
            Double(head.seriesLimitSamplesRejected)
        )
    }

    /// One sample per rule group and family, groups in name order.
    private func writeRuleGroupFigures(_ out: inout ExpositionWriter) {
        let figures = groups.withLock { $0 }
        let all = figures.keys.sorted().map { (key: $0, figures: figures[$0] ?? GroupFigures()) }
        perGroup(
            &out,
            "prometheus_rule_group_last_duration_seconds",
            "The duration of the last rule group evaluation.",
            .gauge,
            all
        ) { $0.lastDuration }
        perGroup(
            &out,
            "prometheus_rule_group_last_evaluation_timestamp_seconds",
            "The timestamp of the last rule group evaluation in seconds.",
            .gauge,
            all
        ) { Double($0.lastEvaluation) / 1000 }
        perGroup(
            &out,
            "prometheus_rule_group_iterations_total",
            "The total number of scheduled rule group evaluations, whether executed or missed.",
            .counter,
            all
        ) { Double($0.evaluations + $0.missed) }
        perGroup(
            &out,
            "prometheus_rule_group_iterations_missed_total",
            "The total number of rule group evaluations missed due to slow rule group evaluation.",
            .counter,
            all
        ) { Double($0.missed) }
        perGroup(
            &out,
            "prometheus_rule_evaluation_failures_total",
            "The total number of rule evaluation failures.",
            .counter,
            all
        ) { Double($0.failures) }
        family(&out, "klaxon_rule_group_duration_seconds", "Rule group evaluation durations.", .summary) { out in
            for (key, f) in all {
                out.sample("klaxon_rule_group_duration_seconds_sum", Labels(["rule_group": key]), f.durationSum)
                out.sample(
                    "klaxon_rule_group_duration_seconds_count",
                    Labels(["rule_group": key]),
                    Double(f.evaluations)
                )
            }
        }
    }

    /// Rule groups loaded, rule samples written, alerts handed on or dropped.
    private func writeRuleAndAlertCounters(_ out: inout ExpositionWriter) {
        gauge(&out, "klaxon_rule_groups", "Rule groups loaded.", Double(ruleGroups.load(ordering: .relaxed)))
        counter(
            &out,
            "klaxon_rule_samples_appended_total",
            "Samples written by recording rules and ALERTS series.",
            Double(ruleSamplesAppended.load(ordering: .relaxed))
        )
        counter(
            &out,
            "klaxon_alerts_sent_total",
            "Alerts handed to the router (firing and resolved).",
            Double(alertsSent.load(ordering: .relaxed))
        )
        counter(
            &out,
            "klaxon_alerts_dropped_total",
            "Alerts dropped by alert_relabel_configs.",
            Double(alertsDropped.load(ordering: .relaxed))
        )
    }

    private func gauge(_ out: inout ExpositionWriter, _ name: String, _ help: String, _ value: Double) {
        out.help(name, help)
        out.type(name, .gauge)
        out.sample(name, .empty, value)
    }

    private func counter(_ out: inout ExpositionWriter, _ name: String, _ help: String, _ value: Double) {
        out.help(name, help)
        out.type(name, .counter)
        out.sample(name, .empty, value)
    }

    private func family(
        _ out: inout ExpositionWriter,
        _ name: String,
        _ help: String,
        _ type: MetricType,
        _ body: (inout ExpositionWriter) -> Void
    ) {
        out.help(name, help)
        out.type(name, type)
        body(&out)
    }

    /// A family with one `{rule_group="..."}` sample per group, valued by `value`.
    private func perGroup(
        _ out: inout ExpositionWriter,
        _ name: String,
        _ help: String,
        _ type: MetricType,
        _ all: [(key: String, figures: GroupFigures)],
        _ value: (GroupFigures) -> Double
    ) {
        family(&out, name, help, type) { out in
            for (key, figures) in all { out.sample(name, Labels(["rule_group": key]), value(figures)) }
        }
    }
}

/// The version the binary reports (`klaxon --version`, `klaxon_build_info`, `/api/v1/status/buildinfo`).
public enum KlaxonBuild {
    public static let version = "0.1.0"
}
