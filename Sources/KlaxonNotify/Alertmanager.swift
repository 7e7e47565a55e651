public import KlaxonModel

/// Per-integration counters (`alertmanager_notifications_total`, `…_failed_total`,
/// `…_notification_requests_total`, `…_requests_failed_total`), keyed by receiver and integration.
public struct IntegrationCounters: Sendable, Hashable {
    public var notifications = 0
    public var notificationsFailed = 0
    public var requests = 0
    public var requestsFailed = 0
}

/// One alert as `GET /api/v2/alerts` shows it.
public struct AlertStatus: Sendable {
    public var alert: Alert
    public var receivers: [String]
    public var silencedBy: [String]
    public var inhibitedBy: [String]
    public enum State: String, Sendable {
        case active, suppressed
    }

    /// `suppressed` when silenced or inhibited, else `active`.
    public var state: State { silencedBy.isEmpty && inhibitedBy.isEmpty ? .active : .suppressed }
}

/// The built-in Alertmanager: dispatcher, inhibition, silences, time intervals, notification log and
/// delivery through an injected `HTTPSender`. All time comes from the injected clock.
public actor Alertmanager {
    public struct Options: Sendable {
        public var resolveTimeout: Int64 = 5 * Time.minute
        public var externalURL: String = ""
        public var retry = RetryPolicy()
        public var maintenanceInterval: Int64 = 30 * Time.second
        public init() {}
    }

    private var dispatcher: Dispatcher
    private var receivers: [String: Receiver]
    private var inhibitor: Inhibitor
    private var timeIntervals: [String: NamedTimeInterval]
    /// Bumped by `reload`; flushes taken from an older dispatcher do not report back to the new one.
    private var generation = 0
    public private(set) var silences: Silences
    public private(set) var notificationLog = NotificationLog()
    public private(set) var counters: [ReceiverKey: IntegrationCounters] = [:]
    private var options: Options
    private let sender: any HTTPSender
    private var templates: (any NotificationTemplates)?
    private let clock: any KlaxonClock
    private let random: @Sendable () -> Double
    private var nextMaintenance: Timestamp
    private var sleeper: Task<Void, any Error>?
    /// When this instance was created (`GET /api/v2/status` `uptime`).
    public let startedAt: Timestamp
    /// The configuration text shown by `GET /api/v2/status` (`config.original`).
    public internal(set) var configOriginal = ""
    /// Receiver names in configuration order (`GET /api/v2/receivers`).
    public private(set) var receiverNames: [String] = []
    private var sleepingUntil: Timestamp?
    /// Called after every change of the notification log or the silences (`onStateChange`).
    private var stateChanged: (@Sendable () -> Void)?

    public init(
        route: Route,
        receivers: [Receiver],
        inhibitRules: [InhibitRule] = [],
        timeIntervals: [NamedTimeInterval] = [],
        options: Options = Options(),
        sender: any HTTPSender,
        clock: any KlaxonClock,
        templates: (any NotificationTemplates)? = nil,
        silenceSeed: UInt64 = UInt64.random(in: .min ... .max),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        configOriginal: String = ""
    ) {
        self.configOriginal = configOriginal
        self.dispatcher = Dispatcher(route: route, resolveTimeout: options.resolveTimeout)
        var byName: [String: Receiver] = [:]
        for receiver in receivers { byName[receiver.name] = receiver }
        self.receivers = byName
        self.inhibitor = Inhibitor(rules: inhibitRules)
        var intervals: [String: NamedTimeInterval] = [:]
        for interval in timeIntervals { intervals[interval.name] = interval }
        self.timeIntervals = intervals
        self.silences = Silences(seed: silenceSeed)
        self.options = options
        self.sender = sender
        self.templates = templates
        self.clock = clock
        self.random = random
        self.nextMaintenance = clock.now() + options.maintenanceInterval
        self.startedAt = clock.now()
        self.receiverNames = receivers.map(\.name)
        for receiver in receivers {
            for key in receiver.integrationKeys { counters[key] = IntegrationCounters() }
        }
    }

    // MARK: Alerts

    /// Receives alerts (the `POST /api/v2/alerts` path).
    /// Returns the validation errors of the alerts that were rejected.
    @discardableResult
    public func post(_ alerts: [Alert]) -> [String] {
        let now = clock.now()
        let (stored, errors) = dispatcher.ingest(alerts, now: now)
        for alert in stored { inhibitor.observe(alert) }
        if let next = dispatcher.nextDeadline(), let sleepingUntil, next < sleepingUntil {
            sleeper?.cancel()
        }
        return errors
    }

    public var groupKeys: [String] { dispatcher.groupKeys }

    /// The counters summed per (receiver, integration kind), sorted: one `/metrics` series per pair, as
    /// several integrations of one kind in a receiver would otherwise repeat a label set.
    public func integrationCounters() -> [(receiver: String, integration: String, counters: IntegrationCounters)] {
        var sums: [String: [String: IntegrationCounters]] = [:]
        for (key, value) in counters {
            var sum = sums[key.receiver, default: [:]][key.integration, default: IntegrationCounters()]
            sum.notifications += value.notifications
            sum.notificationsFailed += value.notificationsFailed
            sum.requests += value.requests
            sum.requestsFailed += value.requestsFailed
            sums[key.receiver, default: [:]][key.integration] = sum
        }
        var out: [(receiver: String, integration: String, counters: IntegrationCounters)] = []
        for receiver in sums.keys.sorted() {
            guard let kinds = sums[receiver] else { continue }
            for integration in kinds.keys.sorted() {
                if let value = kinds[integration] { out.append((receiver, integration, value)) }
            }
        }
        return out
    }

    /// The current time of the injected clock.
    public func now() -> Timestamp { clock.now() }

    /// The live aggregation groups (labels, receiver, stored alerts) for `GET /api/v2/alerts/groups`.
    public func groupSnapshots() -> [(labels: Labels, receiver: String, alerts: [Alert])] { dispatcher.groupSnapshots }

    /// Receivers of the routes that match `labels`, in routing order.
    public func receivers(for labels: Labels) -> [String] { dispatcher.route.match(labels).map(\.options.receiver) }

    /// The earliest pending group deadline (what the driver sleeps until).
    public func nextDeadline() -> Timestamp? { dispatcher.nextDeadline() }
    public var alerts: [Alert] { dispatcher.alerts }

    /// The `GET /api/v2/alerts` view: unresolved alerts with their receivers and muting state, sorted
    /// by fingerprint.
    public func alertStatuses() -> [AlertStatus] {
        let now = clock.now()
        var out: [(fingerprint: UInt64, status: AlertStatus)] = []
        for alert in dispatcher.alerts where !alert.isResolved(at: now) {
            let silencedBy = silences.mutingIDs(for: alert.labels, now: now)
            let inhibitedBy =
                inhibitor.inhibitingFingerprint(for: alert.labels, now: now).map { [fingerprintHex($0)] } ?? []
            out.append(
                (
                    alert.fingerprint,
                    AlertStatus(
                        alert: alert,
                        receivers: dispatcher.route.match(alert.labels).map(\.options.receiver),
                        silencedBy: silencedBy,
                        inhibitedBy: inhibitedBy
                    )
                )
            )
        }
        // The fingerprint is a hash of the label set: computed once per alert, not per comparison.
        out.sort { $0.fingerprint < $1.fingerprint }
        return out.map(\.status)
    }

    /// Whether `labels` are inhibited / silenced now.
    public func isInhibited(_ labels: Labels) -> Bool { inhibitor.mutes(labels, now: clock.now()) }
    public func silencedBy(_ labels: Labels) -> [String] { silences.mutingIDs(for: labels, now: clock.now()) }

    // MARK: Silences

    public func setSilence(_ silence: Silence) throws(SilenceError) -> String {
        defer { stateChanged?() }
        return try silences.set(silence, now: clock.now())
    }

    public func expireSilence(id: String) throws(SilenceError) {
        defer { stateChanged?() }
        try silences.expire(id: id, now: clock.now())
    }

    /// Registers `observer`, called (on the actor, so keep it short: signal a task) after every change of the
    /// notification log or the silences, so that a caller can persist them promptly.
    public func onStateChange(_ observer: @escaping @Sendable () -> Void) {
        stateChanged = observer
    }

    // MARK: Driving

    /// Flushes every group due now (concurrently) and waits for them; runs maintenance when due.
    public func processDue() async {
        let now = clock.now()
        if now >= nextMaintenance { maintain(now: now) }
        let flushes = dispatcher.takeDue(now: now)
        let generation = self.generation
        await withTaskGroup(of: Void.self) { group in
            for flush in flushes { group.addTask { await self.run(flush, generation: generation) } }
        }
    }

    /// The driver: sleeps on the clock until the next deadline, flushes due groups without waiting for
    /// them, until cancelled. New alerts with an earlier deadline wake it.
    public func run() async {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let now = clock.now()
                if now >= nextMaintenance { maintain(now: now) }
                let generation = self.generation
                for flush in dispatcher.takeDue(now: now) {
                    group.addTask { await self.run(flush, generation: generation) }
                }
                let next = min(dispatcher.nextDeadline() ?? nextMaintenance, nextMaintenance)
                let clock = self.clock
                let task = Task { try await clock.sleep(until: next) }
                sleeper = task
                sleepingUntil = next
                _ = await withTaskCancellationHandler {
                    await task.result
                } onCancel: {
                    task.cancel()
                }
                sleeper = nil
                sleepingUntil = nil
            }
        }
    }

    private func maintain(now: Timestamp) {
        dispatcher.maintenance(now: now)
        inhibitor.garbageCollect(now: now)
        silences.garbageCollect(now: now)
        notificationLog.garbageCollect(now: now)
        nextMaintenance = now + options.maintenanceInterval
    }

    // MARK: Pipeline

    private func run(_ flush: Flush, generation: Int) async {
        let success = await notify(flush)
        if generation == self.generation { dispatcher.complete(flush, success: success, now: clock.now()) }
    }

    // MARK: Reload

    /// Applies a new configuration like Alertmanager's reload: the routing tree, groups and inhibition are
    /// rebuilt and every stored alert is dispatched again; silences, the notification log (so unchanged
    /// groups are not notified twice) and counters are kept.
    public func reload(
        route: Route,
        receivers: [Receiver],
        inhibitRules: [InhibitRule] = [],
        timeIntervals: [NamedTimeInterval] = []
    ) {
        let now = clock.now()
        let alerts = dispatcher.alerts
        generation += 1
        dispatcher = Dispatcher(route: route, resolveTimeout: options.resolveTimeout)
        dispatcher.adopt(alerts, now: now)
        inhibitor = Inhibitor(rules: inhibitRules)
        for alert in alerts { inhibitor.observe(alert) }
        var byName: [String: Receiver] = [:]
        for receiver in receivers { byName[receiver.name] = receiver }
        self.receivers = byName
        self.receiverNames = receivers.map(\.name)
        // Integrations of the new configuration start at zero; counters of removed ones are kept (monotonic).
        for receiver in receivers {
            for key in receiver.integrationKeys where counters[key] == nil { counters[key] = IntegrationCounters() }
        }
        var intervals: [String: NamedTimeInterval] = [:]
        for interval in timeIntervals { intervals[interval.name] = interval }
        self.timeIntervals = intervals
        sleeper?.cancel()
    }

    /// Restores snapshotted state (`loadState`).
    func restore(notificationLog entries: [NotificationLogEntry]?, silences list: [Silence]?) {
        if let entries { notificationLog.restore(entries) }
        if let list { silences.restore(list) }
    }

    /// Replaces the templates (with `reload`, when the configuration's `templates:` changed).
    func setTemplates(_ templates: (any NotificationTemplates)?, resolveTimeout: Int64) {
        self.templates = templates
        options.resolveTimeout = resolveTimeout
    }

    /// inhibit → time intervals → silence → per integration (concurrently): dedup → retry → log.
    private func notify(_ flush: Flush) async -> Bool {
        let now = flush.now
        guard let receiver = receivers[flush.options.receiver] else { return false }
        let notInhibited = InhibitStage().apply(flush.alerts, inhibitor: inhibitor, now: now)
        let inTime = TimeIntervalStage(intervals: timeIntervals).apply(notInhibited, route: flush.options, now: now)
        let alerts = SilenceStage().apply(inTime, silences: silences, now: now)
        if alerts.isEmpty { return true }
        let deadline = now + max(flush.options.groupInterval, options.retry.minTimeout)
        let keys = receiver.integrationKeys
        return await withTaskGroup(of: Bool.self) { group in
            for (integration, key) in zip(receiver.integrations, keys) {
                group.addTask {
                    await self.deliver(flush, alerts: alerts, integration: integration, key: key, deadline: deadline)
                }
            }
            var all = true
            for await ok in group where !ok { all = false }
            return all
        }
    }

    private func deliver(
        _ flush: Flush,
        alerts: [Alert],
        integration: Receiver.Integration,
        key: ReceiverKey,
        deadline: Timestamp
    ) async -> Bool {
        let dedup = DedupStage(sendResolved: integration.sendResolved, repeatInterval: flush.options.repeatInterval)
        let entry = notificationLog.entry(groupKey: flush.groupKey, receiver: key)
        guard let decision = dedup.apply(alerts, entry: entry, now: flush.now) else { return true }
        if !decision.toSend.isEmpty {
            counters[key, default: IntegrationCounters()].notifications += 1
            var success = false
            if let request = try? encode(integration, flush: flush, receiver: key.receiver, alerts: decision.toSend) {
                let outcome = await RetryStage(policy: options.retry).run(
                    request,
                    sender: sender,
                    clock: clock,
                    deadline: deadline,
                    random: random
                )
                counters[key, default: IntegrationCounters()].requests += outcome.attempts
                counters[key, default: IntegrationCounters()].requestsFailed += outcome.failedAttempts
                success = outcome.success
            }
            if !success {
                counters[key, default: IntegrationCounters()].notificationsFailed += 1
                return false
            }
        }
        // Logged at the flush's time, not when the request completed: the repeat schedule then follows the
        // group's ticks and does not slip by a tick when a receiver is slow (see `needsUpdate`).
        notificationLog.log(
            groupKey: flush.groupKey,
            receiver: key,
            firing: decision.firing,
            resolved: decision.resolved,
            now: flush.now
        )
        stateChanged?()
        return true
    }

    private func encode(
        _ integration: Receiver.Integration,
        flush: Flush,
        receiver: String,
        alerts: [Alert]
    ) throws -> HTTPRequest {
        let headers = ["Content-Type": "application/json", "User-Agent": "Alertmanager/0.25.0"]
        switch integration {
        case .webhook(let config):
            let body = WebhookPayload.encode(
                receiver: receiver,
                groupKey: flush.groupKey,
                groupLabels: flush.groupLabels,
                alerts: alerts,
                maxAlerts: config.maxAlerts,
                externalURL: options.externalURL,
                now: flush.now
            )
            return HTTPRequest(url: config.url, headers: withAuthorization(headers, config.httpConfig), body: body)
        case .slack(let config):
            let data = NotificationData(
                receiver: receiver,
                groupLabels: flush.groupLabels,
                alerts: alerts,
                externalURL: options.externalURL,
                now: flush.now
            )
            return HTTPRequest(
                url: config.apiURL,
                headers: withAuthorization(headers, config.httpConfig),
                body: try SlackPayload.encode(config: config.rendered(with: templates, data: data), data: data)
            )
        }
    }
}

private func withAuthorization(_ headers: [String: String], _ config: HTTPClientConfig) -> [String: String] {
    guard let value = config.authorizationHeader() else { return headers }
    var headers = headers
    headers["Authorization"] = value
    return headers
}
