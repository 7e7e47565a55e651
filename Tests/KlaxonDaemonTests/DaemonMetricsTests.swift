import KlaxonStorage
import Synchronization
import Testing

@testable import KlaxonDaemon

struct DaemonMetricsTests {
    /// The whole /metrics page of Klaxon's own figures, byte for byte (recorded before `render` was split up).
    @Test func renderWritesTheSameExpositionByteForByte() {
        let metrics = DaemonMetrics(startTime: 1_700_000_123_456)
        metrics.ruleGroups.store(3, ordering: .relaxed)
        metrics.ruleSamplesAppended.store(42, ordering: .relaxed)
        metrics.alertsSent.store(7, ordering: .relaxed)
        metrics.alertsDropped.store(2, ordering: .relaxed)
        metrics.stateSaveFailures.store(1, ordering: .relaxed)
        metrics.recordReload(success: false, at: 1_700_000_200_000)
        metrics.recordReload(success: true, at: 1_700_000_300_500)
        metrics.recordEvaluation(group: "b.yml;beta", seconds: 0.25, failures: 2, timestamp: 1_700_000_400_000)
        metrics.recordEvaluation(group: "b.yml;beta", seconds: 0.5, failures: 0, timestamp: 1_700_000_460_000)
        metrics.recordEvaluation(group: "a.yml;alpha", seconds: 0.125, failures: 0, timestamp: 1_700_000_401_234)
        metrics.recordMissed(group: "a.yml;alpha", count: 3)
        metrics.recordMissed(group: "c.yml;\"q\"", count: 1)
        var head = HeadStats()
        head.seriesCount = 11
        head.seriesCreated = 12
        head.samplesAppended = 13
        head.outOfOrderRejected = 14
        head.chunkBytes = 15
        head.seriesLimitRefused = 16
        head.seriesLimitSamplesRejected = 17
        let bytes = metrics.render(head: head, sections: [])
        #expect(String(decoding: bytes, as: UTF8.self) == Self.expected)
    }

    static let expected = #"""
        # HELP klaxon_build_info A metric with a constant '1' value labeled by Klaxon's version.
        # TYPE klaxon_build_info gauge
        klaxon_build_info{version="\#(KlaxonBuild.version)"} 1
        # HELP process_start_time_seconds Start time of the process since unix epoch in seconds.
        # TYPE process_start_time_seconds gauge
        process_start_time_seconds 1.700000123456e+09
        # HELP klaxon_config_last_reload_successful Whether the last configuration reload attempt was successful.
        # TYPE klaxon_config_last_reload_successful gauge
        klaxon_config_last_reload_successful 1
        # HELP klaxon_config_last_reload_success_timestamp_seconds Timestamp of the last successful configuration reload.
        # TYPE klaxon_config_last_reload_success_timestamp_seconds gauge
        klaxon_config_last_reload_success_timestamp_seconds 1.7000003005e+09
        # HELP klaxon_config_reloads_total Configuration reloads attempted.
        # TYPE klaxon_config_reloads_total counter
        klaxon_config_reloads_total 2
        # HELP klaxon_config_reload_failures_total Configuration reloads that failed and kept the old configuration.
        # TYPE klaxon_config_reload_failures_total counter
        klaxon_config_reload_failures_total 1
        # HELP klaxon_state_save_failures_total Failed attempts to persist router state to the data directory.
        # TYPE klaxon_state_save_failures_total counter
        klaxon_state_save_failures_total 1
        # HELP prometheus_tsdb_head_series Total number of series in the head block.
        # TYPE prometheus_tsdb_head_series gauge
        prometheus_tsdb_head_series 11
        # HELP prometheus_tsdb_head_series_created_total Total number of series created in the head
        # TYPE prometheus_tsdb_head_series_created_total counter
        prometheus_tsdb_head_series_created_total 12
        # HELP prometheus_tsdb_head_samples_appended_total Total number of appended samples.
        # TYPE prometheus_tsdb_head_samples_appended_total counter
        prometheus_tsdb_head_samples_appended_total 13
        # HELP prometheus_tsdb_out_of_order_samples_total Total number of out of order samples ingestion failed attempts.
        # TYPE prometheus_tsdb_out_of_order_samples_total counter
        prometheus_tsdb_out_of_order_samples_total 14
        # HELP klaxon_head_chunk_bytes Bytes held by compressed sample chunks.
        # TYPE klaxon_head_chunk_bytes gauge
        klaxon_head_chunk_bytes 15
        # HELP klaxon_head_series_limit_refused_total New series refused because the head held --storage.tsdb.max-series series.
        # TYPE klaxon_head_series_limit_refused_total counter
        klaxon_head_series_limit_refused_total 16
        # HELP klaxon_head_series_limit_samples_rejected_total Samples rejected because their series was refused by --storage.tsdb.max-series.
        # TYPE klaxon_head_series_limit_samples_rejected_total counter
        klaxon_head_series_limit_samples_rejected_total 17
        # HELP prometheus_rule_group_last_duration_seconds The duration of the last rule group evaluation.
        # TYPE prometheus_rule_group_last_duration_seconds gauge
        prometheus_rule_group_last_duration_seconds{rule_group="a.yml;alpha"} 0.125
        prometheus_rule_group_last_duration_seconds{rule_group="b.yml;beta"} 0.5
        prometheus_rule_group_last_duration_seconds{rule_group="c.yml;\"q\""} 0
        # HELP prometheus_rule_group_last_evaluation_timestamp_seconds The timestamp of the last rule group evaluation in seconds.
        # TYPE prometheus_rule_group_last_evaluation_timestamp_seconds gauge
        prometheus_rule_group_last_evaluation_timestamp_seconds{rule_group="a.yml;alpha"} 1.700000401234e+09
        prometheus_rule_group_last_evaluation_timestamp_seconds{rule_group="b.yml;beta"} 1.70000046e+09
        prometheus_rule_group_last_evaluation_timestamp_seconds{rule_group="c.yml;\"q\""} 0
        # HELP prometheus_rule_group_iterations_total The total number of scheduled rule group evaluations, whether executed or missed.
        # TYPE prometheus_rule_group_iterations_total counter
        prometheus_rule_group_iterations_total{rule_group="a.yml;alpha"} 4
        prometheus_rule_group_iterations_total{rule_group="b.yml;beta"} 2
        prometheus_rule_group_iterations_total{rule_group="c.yml;\"q\""} 1
        # HELP prometheus_rule_group_iterations_missed_total The total number of rule group evaluations missed due to slow rule group evaluation.
        # TYPE prometheus_rule_group_iterations_missed_total counter
        prometheus_rule_group_iterations_missed_total{rule_group="a.yml;alpha"} 3
        prometheus_rule_group_iterations_missed_total{rule_group="b.yml;beta"} 0
        prometheus_rule_group_iterations_missed_total{rule_group="c.yml;\"q\""} 1
        # HELP prometheus_rule_evaluation_failures_total The total number of rule evaluation failures.
        # TYPE prometheus_rule_evaluation_failures_total counter
        prometheus_rule_evaluation_failures_total{rule_group="a.yml;alpha"} 0
        prometheus_rule_evaluation_failures_total{rule_group="b.yml;beta"} 2
        prometheus_rule_evaluation_failures_total{rule_group="c.yml;\"q\""} 0
        # HELP klaxon_rule_group_duration_seconds Rule group evaluation durations.
        # TYPE klaxon_rule_group_duration_seconds summary
        klaxon_rule_group_duration_seconds_sum{rule_group="a.yml;alpha"} 0.125
        klaxon_rule_group_duration_seconds_count{rule_group="a.yml;alpha"} 1
        klaxon_rule_group_duration_seconds_sum{rule_group="b.yml;beta"} 0.75
        klaxon_rule_group_duration_seconds_count{rule_group="b.yml;beta"} 2
        klaxon_rule_group_duration_seconds_sum{rule_group="c.yml;\"q\""} 0
        klaxon_rule_group_duration_seconds_count{rule_group="c.yml;\"q\""} 0
        # HELP klaxon_rule_groups Rule groups loaded.
        # TYPE klaxon_rule_groups gauge
        klaxon_rule_groups 3
        # HELP klaxon_rule_samples_appended_total Samples written by recording rules and ALERTS series.
        # TYPE klaxon_rule_samples_appended_total counter
        klaxon_rule_samples_appended_total 42
        # HELP klaxon_alerts_sent_total Alerts handed to the router (firing and resolved).
        # TYPE klaxon_alerts_sent_total counter
        klaxon_alerts_sent_total 7
        # HELP klaxon_alerts_dropped_total Alerts dropped by alert_relabel_configs.
        # TYPE klaxon_alerts_dropped_total counter
        klaxon_alerts_dropped_total 2

        """#
}
