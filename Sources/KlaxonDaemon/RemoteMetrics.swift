import KlaxonConfig
import KlaxonExposition
import KlaxonModel
import KlaxonRemote
import Synchronization

/// What the remote-write receiver took in (`--web.enable-remote-write-receiver`).
struct ReceiverCounters: Sendable {
    var requests: Int64 = 0
    var rejectedRequests: Int64 = 0
    var samples: Int64 = 0
    var outOfOrder: Int64 = 0
    var duplicates: Int64 = 0
    var tooOld: Int64 = 0
}

extension Daemon {
    /// Prometheus's `prometheus_remote_storage_*` families for the `remote_write` queues (same names, labels
    /// `remote_name` and `url`), so dashboards and alerts on remote-write lag work unchanged; and the receiver's
    /// counters.
    static func writeRemoteMetrics(
        _ queues: [(name: String, url: String, config: QueueConfig, stats: RemoteWriteStats)],
        receiver: ReceiverCounters,
        newestAppended: Timestamp?,
        to out: inout ExpositionWriter
    ) {
        typealias Row = (name: String, url: String, config: QueueConfig, stats: RemoteWriteStats)
        func family(_ suffix: String, _ help: String, _ type: MetricType, _ value: (Row) -> Double) {
            let name = "prometheus_remote_storage_" + suffix
            out.help(name, help)
            out.type(name, type)
            for row in queues { out.sample(name, Labels(["remote_name": row.name, "url": row.url]), value(row)) }
        }
        family(
            "samples_total",
            "Total number of samples sent to remote storage.",
            .counter
        ) { row in Double(row.stats.samplesSent) }
        family(
            "samples_failed_total",
            "Total number of samples which failed on send to remote storage, non-recoverable errors.",
            .counter
        ) { row in Double(row.stats.samplesFailed) }
        family(
            "samples_retried_total",
            "Total number of samples which failed on send to remote storage but were retried because the send "
                + "error was recoverable.",
            .counter
        ) { row in Double(row.stats.samplesRetried) }
        family(
            "samples_dropped_total",
            "Total number of samples which were dropped after being read from the WAL before being sent via "
                + "remote write, either via relabelling or unintentionally because of an unknown reference ID.",
            .counter
        ) { row in Double(row.stats.samplesDropped) }
        family(
            "samples_pending",
            "The number of samples pending in the queues shards to be sent to the remote storage.",
            .gauge
        ) { row in Double(row.stats.samplesPending) }
        family(
            "bytes_total",
            "The total number of bytes of data (not metadata) sent by the queue after compression.",
            .counter
        ) { row in Double(row.stats.bytesSent) }
        family(
            "shards",
            "The number of shards used for parallel sending to the remote storage.",
            .gauge
        ) { row in Double(row.stats.shards) }
        family(
            "shards_desired",
            "The number of shards that the queues shard calculation wants to run based on the rate of samples "
                + "in vs. samples out.",
            .gauge
        ) { row in Double(row.stats.shardsDesired) }
        family(
            "shards_max",
            "The maximum number of shards that the queue is allowed to run.",
            .gauge
        ) { row in Double(row.config.maxShards) }
        family(
            "shards_min",
            "The minimum number of shards that the queue is allowed to run.",
            .gauge
        ) { row in Double(row.config.minShards) }
        family(
            "shard_capacity",
            "The capacity of each shard of the queue used for parallel sending to the remote storage.",
            .gauge
        ) { row in Double(row.config.capacity) }
        family(
            "max_samples_per_send",
            "The maximum number of samples to be sent, in a single request, to the remote storage.",
            .gauge
        ) { row in Double(row.config.maxSamplesPerSend) }
        family(
            "queue_highest_sent_timestamp_seconds",
            "Timestamp from a WAL sample, the highest timestamp successfully sent by this queue, in seconds "
                + "since epoch.",
            .gauge
        ) { row in Double(row.stats.highestSentTimestamp) / 1000 }
        // The newest sample in the store: dashboards subtract each queue's highest sent timestamp from it.
        let highest = newestAppended ?? 0
        out.help(
            "prometheus_remote_storage_highest_timestamp_in_seconds",
            "Highest timestamp that has come into the remote storage via the Appender interface, in seconds since "
                + "epoch."
        )
        out.type("prometheus_remote_storage_highest_timestamp_in_seconds", .gauge)
        out.sample("prometheus_remote_storage_highest_timestamp_in_seconds", .empty, Double(highest) / 1000)
        let batches = "prometheus_remote_storage_sent_batch_duration_seconds"
        out.help(batches, "Duration of send calls to the remote storage.")
        out.type(batches, .summary)
        for row in queues {
            let labels = Labels(["remote_name": row.name, "url": row.url])
            out.sample(batches + "_sum", labels, row.stats.sentBatchDurationSum)
            out.sample(batches + "_count", labels, Double(row.stats.sentBatches))
        }
        out.help("prometheus_wal_watcher_current_segment", "Current segment the WAL watcher is reading records from.")
        out.type("prometheus_wal_watcher_current_segment", .gauge)
        for row in queues {
            out.sample(
                "prometheus_wal_watcher_current_segment",
                Labels(["consumer": row.name]),
                Double(row.stats.currentSegment)
            )
        }
        let received: [(String, String, Int64)] = [
            ("klaxon_remote_write_requests_total", "Remote-write requests received.", receiver.requests),
            (
                "klaxon_remote_write_requests_rejected_total", "Remote-write requests answered with an error.",
                receiver.rejectedRequests
            ),
            ("klaxon_remote_write_samples_total", "Samples appended from remote-write requests.", receiver.samples),
            (
                "klaxon_remote_write_samples_out_of_order_total", "Remote-write samples refused as out of order.",
                receiver.outOfOrder
            ),
            (
                "klaxon_remote_write_samples_duplicate_total",
                "Remote-write samples refused as duplicates with another value.", receiver.duplicates
            ),
            (
                "klaxon_remote_write_samples_too_old_total",
                "Remote-write samples refused as older than the head keeps.",
                receiver.tooOld
            ),
        ]
        for (name, help, value) in received {
            out.help(name, help)
            out.type(name, .counter)
            out.sample(name, .empty, Double(value))
        }
    }
}
