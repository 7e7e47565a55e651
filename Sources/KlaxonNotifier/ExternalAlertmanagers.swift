import DequeModule
public import KlaxonModel

/// Sends rule alerts to external Alertmanagers over their v2 API, as Prometheus 2.42's notifier does
/// (`prometheus.yml` `alerting.alertmanagers`, COMPATIBILITY §1.7):
///
/// - `send` queues alerts; when the queue is full the **oldest** are dropped (counted in `dropped`).
/// - `run` takes batches of at most `batchSize` (64) and POSTs each batch to every endpoint concurrently,
///   `Content-Type: application/json`, `User-Agent: Prometheus/2.42.0`; non-2xx or a transport error is an
///   error for that endpoint (counted per alert, as `prometheus_notifications_errors_total`). There is no retry:
///   the rule engine resends. A batch that no endpoint accepted is counted as dropped.
/// - The body is a JSON array of `{"annotations","endsAt","startsAt","generatorURL","labels"}` objects (go-openapi
///   `PostableAlert`; times with millisecond precision; empty annotations and generatorURL omitted).
public actor ExternalAlertmanagers {
    public struct Counters: Sendable, Equatable {
        /// Alerts sent successfully, per endpoint.
        public var sent: [String: Int] = [:]
        /// Alerts in failed requests, per endpoint.
        public var errors: [String: Int] = [:]
        /// Alerts dropped: queue overflow, or a batch no endpoint accepted.
        public var dropped = 0
        /// Alerts waiting in the queue.
        public var queued = 0
    }

    public let endpoints: [String]
    private let timeout: Int64
    private let sender: any HTTPSender
    private let clock: any KlaxonClock
    private let batchSize: Int
    private let queueCapacity: Int
    private var queue: Deque<Alert> = []
    private var state = Counters()
    private var waiter: CheckedContinuation<Void, Never>?

    /// - Parameters:
    ///   - endpoints: full URLs of the alerts endpoint (`http://am:9093/api/v2/alerts`).
    ///   - timeout: per-request timeout in milliseconds (`alertmanagers[].timeout`, 10s by default).
    public init(
        endpoints: [String],
        timeout: Int64,
        sender: any HTTPSender,
        batchSize: Int = 64,
        queueCapacity: Int = 10_000,
        clock: any KlaxonClock = SystemClock()
    ) {
        self.endpoints = endpoints
        self.timeout = timeout
        self.sender = sender
        self.clock = clock
        self.batchSize = max(1, batchSize)
        self.queueCapacity = max(1, queueCapacity)
        for endpoint in endpoints {
            state.sent[endpoint] = 0
            state.errors[endpoint] = 0
        }
    }

    /// Queues alerts for sending (Prometheus' `Manager.Send`): when they do not fit, the oldest queued alerts
    /// (and, for a call larger than the queue, the oldest of the call) are dropped.
    public func send(_ alerts: [Alert]) {
        var alerts = alerts[...]
        if alerts.count > queueCapacity {
            state.dropped += alerts.count - queueCapacity
            alerts = alerts.suffix(queueCapacity)
        }
        let overflow = queue.count + alerts.count - queueCapacity
        if overflow > 0 {
            queue.removeFirst(overflow)
            state.dropped += overflow
        }
        queue.append(contentsOf: alerts)
        if let waiter {
            self.waiter = nil
            waiter.resume()
        }
    }

    /// Sends queued batches until cancelled, sleeping while the queue is empty.
    public func run() async {
        while !Task.isCancelled {
            if queue.isEmpty {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { continuation in
                        if Task.isCancelled || !queue.isEmpty {
                            continuation.resume()
                        } else {
                            waiter = continuation
                        }
                    }
                } onCancel: {
                    Task { await self.wake() }
                }
                continue
            }
            await sendNextBatch()
        }
    }

    /// Sends everything queued now, batch after batch (for shutdown and tests).
    public func drain() async {
        while !queue.isEmpty { await sendNextBatch() }
    }

    public func counters() -> Counters {
        var counters = state
        counters.queued = queue.count
        return counters
    }

    private func wake() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        }
    }

    private func sendNextBatch() async {
        let count = min(batchSize, queue.count)
        guard count > 0 else { return }
        let batch = Array(queue.prefix(count))
        queue.removeFirst(count)
        guard !endpoints.isEmpty else {
            state.dropped += batch.count
            return
        }
        let body = Self.encode(batch)
        let deadline = clock.now() + timeout
        let sender = self.sender
        let results = await withTaskGroup(of: (String, Bool).self) { group in
            for endpoint in endpoints {
                let request = HTTPRequest(
                    url: endpoint,
                    headers: ["Content-Type": "application/json", "User-Agent": "Prometheus/2.42.0"],
                    body: body
                )
                group.addTask {
                    do {
                        let response = try await sender.send(request, deadline: deadline)
                        return (endpoint, (200..<300).contains(response.status))
                    } catch {
                        return (endpoint, false)
                    }
                }
            }
            var results: [(String, Bool)] = []
            for await result in group { results.append(result) }
            return results
        }
        var anySuccess = false
        for (endpoint, ok) in results {
            if ok {
                state.sent[endpoint, default: 0] += batch.count
                anySuccess = true
            } else {
                state.errors[endpoint, default: 0] += batch.count
            }
        }
        if !anySuccess { state.dropped += batch.count }
    }

    /// The v2 `PostableAlerts` body Prometheus 2.42 sends.
    public static func encode(_ alerts: [Alert]) -> [UInt8] {
        var writer = GoJSONWriter(capacity: 256 * alerts.count + 2)
        writer.raw("[")
        for (index, alert) in alerts.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw("{")
            if !alert.annotations.isEmpty {
                writer.raw("\"annotations\":")
                writer.map(alert.annotations.map { ($0.key, $0.value) })
                writer.raw(",")
            }
            writer.raw("\"endsAt\":")
            writer.string(Time.rfc3339Milliseconds(alert.endsAt))
            writer.raw(",\"startsAt\":")
            writer.string(Time.rfc3339Milliseconds(alert.startsAt))
            if !alert.generatorURL.isEmpty {
                writer.raw(",\"generatorURL\":")
                writer.string(alert.generatorURL)
            }
            writer.raw(",\"labels\":")
            writer.labels(alert.labels)
            writer.raw("}")
        }
        writer.raw("]")
        return writer.bytes
    }
}
