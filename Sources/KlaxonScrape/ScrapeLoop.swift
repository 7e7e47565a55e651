import Dispatch
import KlaxonConfig
import KlaxonCurl
import KlaxonDiscovery
import KlaxonModel
import KlaxonStorage
import Synchronization

/// The live state of one target, updated after each scrape.
struct TargetHealth: Sendable {
    var health = "unknown"
    var lastError = ""
    var lastScrape: Timestamp = 0
    var lastDurationSeconds = 0.0
}

/// Counters of all scrapes, for Klaxon's own `/metrics`.
public struct ScrapeMetrics: Sendable, Equatable {
    public var scrapes = 0
    public var failures = 0
    /// Samples appended after metric relabeling, over all scrapes.
    public var samples = 0
    public var durationSecondsSum = 0.0
    public var activeTargets = 0
    public var droppedTargets = 0
    public init() {}
}

/// Scrape counters shared by all loops of a manager.
final class MetricsBox: Sendable {
    let value = Mutex(ScrapeMetrics())
}

/// One target's scrape loop: a request every interval at a fixed offset, all over the shared `HTTPClient`.
final class ScrapeLoop: Sendable {
    let target: Target
    let config: ScrapeConfig
    let scrapePool: String
    /// Set when the target must not be scraped (target_limit exceeded): every scrape fails with it.
    let forcedError: String?
    /// The manager's `jitterSeed` (host name and external labels), XOR-ed into the target's hash.
    let jitterSeed: UInt64
    let status = Mutex(TargetHealth())
    private let state: Mutex<ScrapeAppender>
    private let client: HTTPClient
    private let clock: any KlaxonClock
    private let metrics: MetricsBox
    private let log: @Sendable (LogEvent) -> Void
    /// Where large bodies are appended (`offloadBytes`). A serial queue per loop, on purpose: on Linux a concurrent
    /// queue runs on the same non-overcommitting root queue as Swift's global executor (one thread per core), so
    /// two large appends there took every thread the scrape loops had (measured: the healthy target of
    /// TargetFaultsEndToEndTests went 9 s unscraped under load). A serial queue targets the overcommitting root
    /// queue, which gives it a thread of its own while it works.
    private let appendQueue: DispatchQueue

    /// `Accept` as Prometheus 2.42 sends it (no protobuf without native histograms).
    static let accept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"
    static let userAgent = "Prometheus/2.42.0"

    init(
        target: Target,
        config: ScrapeConfig,
        head: Head,
        client: HTTPClient,
        clock: any KlaxonClock,
        metrics: MetricsBox,
        forcedError: String?,
        jitterSeed: UInt64 = 0,
        log: @escaping @Sendable (LogEvent) -> Void
    ) {
        self.target = target
        self.jitterSeed = jitterSeed
        self.config = config
        self.scrapePool = config.jobName
        self.forcedError = forcedError
        self.state = Mutex(ScrapeAppender(target: target, config: config, head: head))
        self.client = client
        self.clock = clock
        self.metrics = metrics
        self.log = log
        self.appendQueue = DispatchQueue(label: "klaxon.scrape.append")
    }

    /// The first scrape time after `now`, at Prometheus 2.42's offset: `(hash ^ jitterSeed) mod interval`, taken in
    /// nanoseconds as Prometheus does, so both scrape a target at the same moment of the interval on the same host.
    func firstScrape(after now: Timestamp) -> Timestamp {
        let interval = max(target.interval, 1)
        let offset = Int64((target.hash ^ jitterSeed) % (UInt64(interval) * 1_000_000) / 1_000_000)
        let base = now - now % interval
        var next = base + offset
        if next < now { next += interval }
        return next
    }

    /// Scrapes every interval until the task is cancelled.
    func run() async {
        var next = firstScrape(after: clock.now())
        while !Task.isCancelled {
            do {
                try await clock.sleep(until: next)
            } catch {
                return
            }
            if Task.isCancelled { return }
            await scrapeOnce(scheduled: next)
            let now = clock.now()
            next += target.interval
            // A slow clock jump or a long scrape: skip missed slots rather than bursting.
            while next <= now { next += target.interval }
        }
    }

    /// How far a scrape may start from its slot and still be stamped with the slot's time (Prometheus'
    /// `--scrape.timestamp-tolerance`, on by default), which keeps timestamps regular and chunks small.
    static let timestampTolerance: Int64 = 2

    /// One scrape: request, parse and append in one batch, status update. `scheduled` is the slot it ran for.
    func scrapeOnce(scheduled: Timestamp? = nil) async {
        let now = clock.now()
        var start = now
        if let scheduled, abs(now - scheduled) <= Self.timestampTolerance { start = scheduled }
        var report: ScrapeReport
        if let forcedError {
            report = state.withLock { $0.appendFailure(forcedError, timestamp: start, durationSeconds: 0) }
            record(report, start: start, duration: 0)
            return
        }
        do {
            let response = try await client.execute(request())
            let duration = response.durationSeconds
            if response.status != 200 {
                let message = "server returned HTTP status \(response.status) \(statusText(response.status))"
                report = state.withLock { $0.appendFailure(message, timestamp: start, durationSeconds: duration) }
            } else {
                report = await appendOffPool(response, timestamp: start, durationSeconds: duration)
            }
            record(report, start: start, duration: duration)
        } catch {
            // Shutdown or target removal: the interrupted scrape leaves no trace (no `up` 0, no stale markers).
            if Task.isCancelled || (error as? CurlError)?.kind == .cancelled { return }
            let duration = Double(clock.now() - start) / 1000
            let message = failureMessage(error)
            report = state.withLock { $0.appendFailure(message, timestamp: start, durationSeconds: duration) }
            record(report, start: start, duration: duration)
        }
    }

    /// Bodies at least this large are parsed and appended on this loop's own `appendQueue` instead of the
    /// cooperative pool. The pool has one thread per core and no preemption: on a 2-core machine two targets
    /// serving millions of series held both threads for seconds, and every other scrape loop, rule group and HTTP
    /// request waited. On their own threads the kernel shares the CPU among them fairly.
    static let offloadBytes = 1 << 20

    private func appendOffPool(
        _ response: KlaxonCurl.HTTPResponse,
        timestamp: Timestamp,
        durationSeconds: Double
    ) async
        -> ScrapeReport
    {
        let append: @Sendable () -> ScrapeReport = { [self] in
            state.withLock {
                $0.append(
                    body: response.body,
                    contentType: response.contentType,
                    timestamp: timestamp,
                    durationSeconds: durationSeconds
                )
            }
        }
        if response.body.count < Self.offloadBytes { return append() }
        return await withCheckedContinuation { continuation in
            appendQueue.async { continuation.resume(returning: append()) }
        }
    }

    /// Writes stale markers for everything this target exposed (it was removed from the config or discovery).
    func markStale(at timestamp: Timestamp) {
        state.withLock { $0.appendStaleMarkers(timestamp: timestamp) }
    }

    private func record(_ report: ScrapeReport, start: Timestamp, duration: Double) {
        status.withLock {
            $0.health = report.error == nil ? "up" : "down"
            $0.lastError = report.error ?? ""
            $0.lastScrape = start
            $0.lastDurationSeconds = duration
        }
        metrics.value.withLock {
            $0.scrapes += 1
            if report.error != nil { $0.failures += 1 }
            $0.samples += report.postRelabel
            $0.durationSecondsSum += duration
        }
        if let error = report.error {
            log(
                LogEvent(
                    level: .debug,
                    message: "Scrape failed",
                    fields: [("scrape_pool", scrapePool), ("target", target.scrapeURL), ("err", error)]
                )
            )
        }
    }

    func request() -> KlaxonCurl.HTTPRequest {
        let seconds = PromDuration(milliseconds: target.timeout).milliseconds
        var request = KlaxonCurl.HTTPRequest(
            url: target.scrapeURL,
            headers: [
                ("Accept", Self.accept),
                ("User-Agent", Self.userAgent),
                ("X-Prometheus-Scrape-Timeout-Seconds", formatSeconds(seconds)),
            ],
            timeoutMilliseconds: target.timeout,
            maxBodyBytes: config.bodySizeLimit,
            acceptGzip: true
        )
        config.http.configure(&request)
        return request
    }

    private func failureMessage(_ error: any Error) -> String {
        guard let curl = error as? CurlError else { return "\(error)" }
        switch curl.kind {
        case .timeout: return "Get \(goQuote(target.scrapeURL)): context deadline exceeded"
        case .bodyTooLarge: return "body size limit exceeded"
        default: return "Get \(goQuote(target.scrapeURL)): \(curl.message)"
        }
    }
}

/// Go's `strconv.FormatFloat(seconds, 'f', -1, 64)` for a millisecond count.
func formatSeconds(_ milliseconds: Int64) -> String {
    let whole = milliseconds / 1000
    var fraction = milliseconds % 1000
    if fraction == 0 { return String(whole) }
    var digits = String(fraction)
    while digits.count < 3 { digits = "0" + digits }
    while digits.hasSuffix("0") {
        digits.removeLast()
        fraction /= 10
    }
    return "\(whole).\(digits)"
}

/// Go's `http.StatusText` for the statuses a target plausibly returns.
func statusText(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 201: "Created"
    case 202: "Accepted"
    case 204: "No Content"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 304: "Not Modified"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 406: "Not Acceptable"
    case 408: "Request Timeout"
    case 429: "Too Many Requests"
    case 500: "Internal Server Error"
    case 501: "Not Implemented"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    default: ""
    }
}
