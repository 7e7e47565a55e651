import KlaxonModel

/// What `/federate` sends, as Prometheus 2.42's `web/federate.go` builds it: for every series matching any of the
/// `match[]` selectors, its latest sample in `[now - lookback, now]` (both inclusive) unless that sample is a
/// staleness marker; families of one metric name each (type untyped) in name order; each series' labels without
/// `__name__`, then the external labels it does not have (`instance=""` among them when `instance` is not an
/// external label, so that a scraper with `honor_labels` does not add its own), a timestamp on every sample.
struct Federation: Sendable {
    var families: [Family]

    /// The samples of one metric name.
    struct Family: Sendable {
        var name: String
        var metrics: [Metric]
    }

    /// One series' latest sample.
    struct Metric: Sendable {
        /// The label pairs in the order they are written: the series' own (sorted by name, without `__name__` and
        /// empty values), then the missing external labels (sorted by name, empty values kept).
        var labels: [Label]
        var value: Double
        /// Milliseconds since the epoch.
        var timestamp: Timestamp
    }

    /// Builds the answer from `store` at `now`. `matcherSets` are the parsed selectors: a series matching several
    /// is sent once; an empty set (`{}`) matches nothing, as in Prometheus's index. Series are sorted by metric name
    /// (bytes), then by their labels (Prometheus sorts by name only, with an unstable sort: its order inside a
    /// family is unspecified). A series without a metric name is skipped, as Prometheus skips it.
    static func collect(
        from store: some Queryable,
        matcherSets: [[LabelMatcher]],
        externalLabels: Labels,
        now: Timestamp,
        lookbackDelta: Int64,
        isCancelled: () -> Bool = { false }
    ) -> Federation? {
        let mint = now - lookbackDelta
        var seen = Set<Labels>()
        var latest: [(labels: Labels, name: String, value: Double, timestamp: Timestamp)] = []
        for matchers in matcherSets where !matchers.isEmpty {
            if isCancelled() { return nil }
            let set = store.selectFlat(matchers, mint: mint, maxt: now)
            for i in 0..<set.count {
                let range = set.ranges[i]
                guard let last = range.last else { continue }
                let labels = set.labels[i]
                guard seen.insert(labels).inserted else { continue }
                let value = set.values[last]
                // The exposition formats cannot carry staleness markers: a series whose latest sample is one is
                // left out (the scraper's own staleness handling takes over).
                if StaleNaN.isStale(value) { continue }
                let name = labels.metricName
                if name.isEmpty { continue }
                latest.append((labels, name, value, set.timestamps[last]))
            }
        }
        latest.sort { a, b in
            if a.name != b.name { return a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
            return a.labels.lexicographicallyPrecedes(b.labels)
        }
        var external = externalLabels.storage
        if !externalLabels.has(LabelName.instance) {
            external.append(Label(LabelName.instance, ""))
            external.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        }
        var families: [Family] = []
        for sample in latest {
            var labels: [Label] = []
            labels.reserveCapacity(sample.labels.count + external.count)
            for label in sample.labels where label.name != LabelName.metricName && !label.value.isEmpty {
                labels.append(label)
            }
            // An external `__name__` never counts as present (Prometheus's check skips the name).
            for label in external where label.name == LabelName.metricName || !sample.labels.has(label.name) {
                labels.append(label)
            }
            let metric = Metric(labels: labels, value: sample.value, timestamp: sample.timestamp)
            if families.last?.name == sample.name {
                families[families.count - 1].metrics.append(metric)
            } else {
                families.append(Family(name: sample.name, metrics: [metric]))
            }
        }
        return Federation(families: families)
    }
}
