import Dispatch
import KlaxonModel
import KlaxonPromQL
import KlaxonRules
import KlaxonStorage
import Logging
import Synchronization

/// Runs every rule group on its own slot, as Prometheus does (one task per group; rules within a group in
/// order at one timestamp): each evaluation appends its samples to the store in one batch and hands the alerts
/// to the notifier. Reload replaces the groups, carrying alert state over for unchanged rules. With a state store,
/// each evaluation that changed an alert's state is saved, and the first `apply` after `restore` resumes the saved
/// alerts (see `RuleGroup.importState` for the outage rule).
final class RuleEngine: Sendable {
    private struct Running {
        var key: String
        var task: Task<RuleGroup, Never>
    }

    private struct State {
        var running: [Running] = []
        var statuses: [String: RuleGroupStatus] = [:]
        var order: [String] = []
        /// Saved alert state waiting for the first `apply` (set by `restore`).
        var pendingRestore: [String: SavedGroupState] = [:]
        var downAt: Timestamp = 0
        /// The last save of some group failed (logged once per failing stretch).
        var saveFailing = false
    }

    private let state = Mutex(State())
    private let head: Head
    private let clock: any KlaxonClock
    private let notifier: Notifier
    private let metrics: DaemonMetrics
    private let logger: Logger
    private let store: AlertStateStore?
    /// How long an outage may last for pending alerts to keep their `for` progress (ms).
    let outageTolerance: Int64

    init(
        head: Head,
        clock: any KlaxonClock,
        notifier: Notifier,
        metrics: DaemonMetrics,
        logger: Logger,
        store: AlertStateStore? = nil,
        outageTolerance: Int64 = Time.hour
    ) {
        self.head = head
        self.clock = clock
        self.notifier = notifier
        self.metrics = metrics
        self.logger = logger
        self.store = store
        self.outageTolerance = outageTolerance
    }

    static func key(_ group: RuleGroup) -> String { key(file: group.file, name: group.name) }
    static func key(file: String, name: String) -> String { file + ";" + name }

    /// Loads the saved alert state; the next `apply` restores it into the groups with the same file and name.
    /// `downAt` is the last moment the previous run is known to have been alive (its newest stored sample), if
    /// known; each group's saved evaluation time is used when it is later.
    func restore(downAt: Timestamp?) {
        guard let store else { return }
        let (states, problems) = store.loadAll()
        for problem in problems {
            logger.warning("Saved alert state not loaded", metadata: ["err": "\(problem)"])
        }
        state.withLock { state in
            state.pendingRestore = states
            state.downAt = downAt ?? 0
        }
    }

    /// Stops the running groups, then starts `groups`, each inheriting the state of the old group with the same
    /// file and name. Series written by groups that are gone get stale markers.
    func apply(_ groups: [RuleGroup]) async {
        let old = stopAll()
        var previous: [String: RuleGroup] = [:]
        for task in old {
            let group = await task.task.value
            previous[task.key] = group
        }
        var started: [Running] = []
        var keys: [String] = []
        var statuses: [String: RuleGroupStatus] = [:]
        let now = clock.now()
        let (saved, downAt) = state.withLock { state in
            defer { state.pendingRestore = [:] }
            return (state.pendingRestore, state.downAt)
        }
        var resend: [Alert] = []
        for var group in groups {
            let key = Self.key(group)
            if let earlier = previous.removeValue(forKey: key) {
                group.inheritState(from: earlier)
            } else if let state = saved[key] {
                restore(state, into: &group, downAt: max(downAt, state.evaluatedAt), now: now)
                resend += group.resendRestored(at: now)
            }
            keys.append(key)
            statuses[key] = group.status
            started.append(Running(key: key, task: startLoop(group, key: key)))
        }
        store?.retain(keys: Set(keys))
        var stale: [VectorSample] = []
        for (_, removed) in previous { stale += removed.staleMarkers(at: now) }
        append(stale)
        state.withLock { state in
            state.running = started
            state.order = keys
            // Groups that have not evaluated yet show their rules (and restored alerts) at once.
            state.statuses = state.statuses.filter { keys.contains($0.key) }.merging(statuses) { current, _ in current }
        }
        metrics.ruleGroups.store(groups.count, ordering: .relaxed)
        if !resend.isEmpty { await notifier.send(resend, at: now) }
    }

    /// Cancels every group loop; returns the tasks so their final state can be awaited.
    @discardableResult
    private func stopAll() -> [Running] {
        let running = state.withLock { state in
            let running = state.running
            state.running = []
            return running
        }
        for group in running { group.task.cancel() }
        return running
    }

    /// Stops every group, waits for the loops to end and saves their final alert state.
    func shutdown() async {
        for running in stopAll() {
            let group = await running.task.value
            save(group, key: running.key, force: true)
        }
    }

    private func restore(_ saved: SavedGroupState, into group: inout RuleGroup, downAt: Timestamp, now: Timestamp) {
        let report = group.importState(saved, downAt: downAt, now: now, outageTolerance: outageTolerance)
        logger.info(
            "Restored alert state",
            metadata: [
                "group": "\(group.name)", "file": "\(group.file)", "firing": "\(report.firing)",
                "pending": "\(report.pending)", "resolved": "\(report.resolved)",
                "pending_dropped": "\(report.pendingDropped)", "rules_unmatched": "\(report.rulesUnmatched)",
                "outage": "\(PromDuration(milliseconds: max(0, now - downAt)))",
            ]
        )
    }

    /// Saves the group's alert state if it changed (or always, with `force`); a failure is logged once per
    /// failing stretch and counted (`klaxon_alert_state_save_failures_total`), and evaluation goes on.
    private func save(_ group: RuleGroup, key: String, force: Bool = false) {
        guard let store else { return }
        do throws(PersistenceError) {
            try store.save(group.exportState(), key: key, force: force)
            let recovered = state.withLock { state in
                defer { state.saveFailing = false }
                return state.saveFailing
            }
            if recovered { logger.info("Saving alert state works again", metadata: ["dir": "\(store.directory)"]) }
        } catch {
            let first = state.withLock { state in
                defer { state.saveFailing = true }
                return !state.saveFailing
            }
            if first {
                logger.error(
                    "Could not save alert state; evaluation goes on",
                    metadata: ["group": "\(group.name)", "file": "\(group.file)", "err": "\(error)"]
                )
            }
        }
    }

    func statuses() -> [RuleGroupStatus] {
        state.withLock { state in state.order.compactMap { state.statuses[$0] } }
    }

    /// Evaluates `group` on `queue`, a serial dispatch queue of the group's own, and returns it with the result.
    /// Evaluation is synchronous engine work of up to seconds: on Swift's cooperative pool (one thread per core)
    /// it held a thread that HTTP handlers, scrape loops and other groups need. A serial queue is overcommitting on
    /// Linux, so the group gets a thread of its own at normal priority, ahead of the query pool's (nice 10).
    /// The results are appended to the store there too: the append may wait for the store's lock while a query
    /// thread reads, and that wait must not hold a cooperative thread either.
    private static func evaluate(
        _ group: RuleGroup,
        at time: Timestamp,
        on queue: DispatchQueue,
        head: Head,
        append: @escaping @Sendable ([VectorSample]) -> Void
    ) async -> (RuleGroup, GroupEvaluation) {
        await withCheckedContinuation { continuation in
            queue.async {
                var evaluated = group
                let result = evaluated.evaluate(at: time, queryable: head)
                append(result.samples)
                continuation.resume(returning: (evaluated, result))
            }
        }
    }

    private func startLoop(_ initial: RuleGroup, key: String) -> Task<RuleGroup, Never> {
        Task { [self] in
            var group = initial
            let queue = DispatchQueue(label: "klaxon.rules." + key)
            var next = group.nextEvaluation(atOrAfter: clock.now())
            while !Task.isCancelled {
                do { try await clock.sleep(until: next) } catch { break }
                if Task.isCancelled { break }
                let interval = max(group.interval, 1)
                let lag = clock.now() - next
                if lag >= interval {
                    let missed = lag / interval
                    metrics.recordMissed(group: key, count: Int(missed))
                    logger.warning(
                        "Rule group evaluation missed its slots",
                        metadata: ["group": "\(group.name)", "file": "\(group.file)", "missed": "\(missed)"]
                    )
                    next += missed * interval
                }
                let result: GroupEvaluation
                (group, result) = await Self.evaluate(group, at: next, on: queue, head: head) { samples in
                    self.append(samples)
                }
                for error in result.errors {
                    logger.warning(
                        "Evaluating rule failed",
                        metadata: ["group": "\(group.name)", "file": "\(group.file)", "err": "\(error)"]
                    )
                }
                if !result.alertsToSend.isEmpty { await notifier.send(result.alertsToSend, at: next) }
                // After the send: a crash in between re-sends to the router, whose notification log dedups it.
                save(group, key: key)
                metrics.recordEvaluation(
                    group: key,
                    seconds: result.durationSeconds,
                    failures: result.errors.count,
                    timestamp: next
                )
                let status = group.status
                state.withLock { $0.statuses[key] = status }
                next += interval
            }
            return group
        }
    }

    private func append(_ samples: [VectorSample]) {
        guard !samples.isEmpty else { return }
        var appender = head.appender()
        for sample in samples { _ = appender.append(sample.labels, t: sample.t, v: sample.v) }
        let result = appender.commit()
        metrics.ruleSamplesAppended.add(result.appended, ordering: .relaxed)
    }
}
