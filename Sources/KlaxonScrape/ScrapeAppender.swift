import KlaxonConfig
import KlaxonDiscovery
import KlaxonExposition
import KlaxonModel
import KlaxonStorage

/// What one scrape appended (for the synthetic `scrape_*` series and the target status).
struct ScrapeReport: Sendable, Equatable {
    /// Samples in the body, before metric relabeling.
    var scraped = 0
    /// Samples kept after metric relabeling (counted on past the sample limit, as Prometheus does).
    var postRelabel = 0
    /// Appended series that missed the scrape cache: not seen in the last successful scrape (a failed scrape
    /// keeps the cache, so its series are not new again in the next one).
    var seriesAdded = 0
    /// Why the scrape failed, nil when it succeeded.
    var error: String?
}

/// Turns scrape bodies into Head samples for one target, as Prometheus' `scrapeLoop.append` (2.42): honor_labels,
/// honor_timestamps, metric relabeling, limits that fail the whole scrape, staleness markers for vanished series,
/// and the synthetic `up`/`scrape_*` series. Owned by one loop; not thread-safe.
struct ScrapeAppender {
    let target: Target
    let config: ScrapeConfig
    private var appender: Appender
    private var parser = TextParser([], checksFamilyMetadata: false)
    private var refCache = ScrapeRefCache()
    /// Series appended (without explicit timestamps) by the previous scrape, for staleness markers.
    private var previous: Set<SeriesRef> = []
    private var current: Set<SeriesRef> = []
    /// Refs of the synthetic series, resolved once.
    private var reportRefs: [SeriesRef] = []
    /// Whether anything was appended yet (a never-scraped target needs no stale markers).
    private var scraped = false

    /// How far before the scrape time an explicit timestamp may lie (`appendableMinValidTime`: chunk range / 2).
    static let outOfBoundsWindow: Timestamp = 3_600_000

    static let reportNames = [
        "up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling",
        "scrape_series_added",
    ]

    init(target: Target, config: ScrapeConfig, head: Head) {
        self.target = target
        self.config = config
        self.appender = head.appender()
        reportRefs = Self.reportNames.map { head.getOrCreate(target.labels.setting(LabelName.metricName, to: $0)) }
    }

    /// Appends a successful response's samples and the report series in one batch at `timestamp`. A parse error or
    /// exceeded limit discards the samples, marks every series of the previous scrape stale and reports `up` 0.
    mutating func append(
        body: [UInt8],
        contentType: String?,
        timestamp: Timestamp,
        durationSeconds: Double
    )
        -> ScrapeReport
    {
        var report = ScrapeReport()
        do throws(ScrapeFailure) {
            try appendSamples(body: body, contentType: contentType, timestamp: timestamp, report: &report)
        } catch {
            appender.rollback()
            current.removeAll(keepingCapacity: true)
            // As Prometheus, the report keeps the counts reached when the scrape failed.
            report.error = error.message
        }
        refCache.endScrape(keepUnseen: report.error != nil)
        finishScrape(timestamp: timestamp, up: report.error == nil, duration: durationSeconds, report: report)
        return report
    }

    /// Records a failed scrape (HTTP or transport error): stale markers for the previous scrape's series, `up` 0.
    mutating func appendFailure(_ message: String, timestamp: Timestamp, durationSeconds: Double) -> ScrapeReport {
        current.removeAll(keepingCapacity: true)
        let report = ScrapeReport(error: message)
        finishScrape(timestamp: timestamp, up: false, duration: durationSeconds, report: report)
        return report
    }

    /// Marks every series of the last scrape and the report series stale (the target went away).
    mutating func appendStaleMarkers(timestamp: Timestamp) {
        guard scraped else { return }
        for ref in previous { appender.append(ref, t: timestamp, v: StaleNaN.value) }
        for ref in reportRefs { appender.append(ref, t: timestamp, v: StaleNaN.value) }
        previous.removeAll()
        appender.commit()
    }

    private mutating func finishScrape(timestamp: Timestamp, up: Bool, duration: Double, report: ScrapeReport) {
        scraped = true
        for ref in previous where !current.contains(ref) {
            appender.append(ref, t: timestamp, v: StaleNaN.value)
        }
        let values: [Double] = [
            up ? 1 : 0, duration, Double(report.scraped), Double(report.postRelabel), Double(report.seriesAdded),
        ]
        for (ref, value) in zip(reportRefs, values) { appender.append(ref, t: timestamp, v: value) }
        appender.commit()
        swap(&previous, &current)
        current.removeAll(keepingCapacity: true)
    }

    private mutating func appendSamples(
        body: [UInt8],
        contentType: String?,
        timestamp: Timestamp,
        report: inout ScrapeReport
    ) throws(ScrapeFailure) {
        // Series the head refused are remembered, so a body over the series limit costs a lookup per refused
        // series, not a label build and a head lookup; once the head has room again they are asked for anew.
        if refCache.refusedCount > 0 && appender.head.hasRoomForNewSeries { refCache.forgetRefused() }
        parser.reset(body, format: ExpositionFormat(contentType: contentType))
        var sampleLimitExceeded = false
        while true {
            let entry: ExpositionEntry?
            do {
                entry = try parser.next()
            } catch {
                throw ScrapeFailure(error.message)
            }
            guard let entry else { break }
            guard entry == .series else { continue }
            report.scraped += 1
            let range = parser.seriesRange
            let (found, hash) = parser.body.withUnsafeBytes { raw in
                let key = UnsafeRawBufferPointer(rebasing: raw[range])
                let hash = ScrapeRefCache.hash(key)
                return (refCache.lookup(key, hash: hash), hash)
            }
            let ref: SeriesRef
            let isNew = found == nil
            if let found {
                guard let cached = refCache.entries[found].ref else { continue }
                ref = cached
            } else {
                let final = finalLabels(parser.labels())
                if let final { try checkLimits(final) }
                // Past sample_limit the scrape fails: a kept sample means the limit is exceeded, and no series is
                // created for it (as Prometheus's limitAppender refuses before the head sees the series), so a
                // million-series body cannot fill the store.
                // The sample still counts towards scrape_samples_post_metric_relabeling, as in 2.42.
                if final != nil && config.sampleLimit > 0 && report.postRelabel >= config.sampleLimit {
                    sampleLimitExceeded = true
                    report.postRelabel += 1
                    continue
                }
                let resolved = final.map { appender.ref(for: $0) }
                parser.body.withUnsafeBytes { raw in
                    refCache.insert(UnsafeRawBufferPointer(rebasing: raw[range]), hash: hash, ref: resolved)
                }
                guard let resolved else { continue }
                ref = resolved
            }
            // Over the limit: keep parsing and counting (the report shows the body's totals), append nothing
            // more, fail.
            report.postRelabel += 1
            if config.sampleLimit > 0 && report.postRelabel > config.sampleLimit {
                sampleLimitExceeded = true
                continue
            }
            let explicit = config.honorTimestamps ? parser.timestamp : nil
            // Prometheus' head takes nothing older than its newest sample minus half a block (1 h): such a sample
            // is dropped as out of bounds (the scrape goes on, the series is not counted as added).
            if let explicit, explicit < timestamp - Self.outOfBoundsWindow { continue }
            appender.append(ref, t: explicit ?? timestamp, v: parser.value)
            if isNew { report.seriesAdded += 1 }
            if explicit == nil { current.insert(ref) }
        }
        if sampleLimitExceeded { throw ScrapeFailure("sample limit exceeded") }
    }

    /// The exposed labels with the target labels applied (honor_labels or `exported_` renaming) and metric
    /// relabeling; nil when dropped.
    func finalLabels(_ exposed: Labels) -> Labels? {
        var labels = exposed
        for label in target.labels {
            if config.honorLabels {
                if !labels.has(label.name) { labels = labels.setting(label.name, to: label.value) }
            } else {
                if let clash = labels.value(of: label.name) {
                    var name = "exported_" + label.name
                    while labels.has(name) { name = "exported_" + name }
                    labels = labels.setting(name, to: clash)
                }
                labels = labels.setting(label.name, to: label.value)
            }
        }
        guard let relabeled = Relabel.process(labels, config.metricRelabelConfigs) else { return nil }
        guard relabeled.has(LabelName.metricName) else { return nil }
        return relabeled
    }

    /// label_limit, label_name_length_limit and label_value_length_limit, with Prometheus' messages.
    func checkLimits(_ labels: Labels) throws(ScrapeFailure) {
        let metric = truncated(labels.metricName)
        if config.labelLimit > 0 && labels.count > config.labelLimit {
            throw ScrapeFailure(
                "label_limit exceeded (metric: \(metric), number of labels: \(labels.count), "
                    + "limit: \(config.labelLimit))"
            )
        }
        for label in labels {
            let nameLength = label.name.utf8.count
            if config.labelNameLengthLimit > 0 && nameLength > config.labelNameLengthLimit {
                throw ScrapeFailure(
                    "label_name_length_limit exceeded (metric: \(metric), label name: \(truncated(label.name)), "
                        + "length: \(nameLength), limit: \(config.labelNameLengthLimit))"
                )
            }
            let valueLength = label.value.utf8.count
            if config.labelValueLengthLimit > 0 && valueLength > config.labelValueLengthLimit {
                throw ScrapeFailure(
                    "label_value_length_limit exceeded (metric: \(metric), label name: \(truncated(label.name)), "
                        + "value: \(goQuote(truncated(label.value))), length: \(valueLength), "
                        + "limit: \(config.labelValueLengthLimit))"
                )
            }
        }
    }

    /// Go's `%.50s`.
    private func truncated(_ text: String) -> String { String(text.prefix(50)) }
}

struct ScrapeFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
