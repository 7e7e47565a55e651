import KlaxonModel
import KlaxonPromQL
import KlaxonRules
import KlaxonStorage
import Logging
import Synchronization

/// Runs every rule group on its own slot, as Prometheus does (one task per group; rules within a group in
/// order at one timestamp): each evaluation appends its samples to the store in one batch and hands the alerts
/// to the notifier. Reload replaces the groups, carrying alert state over for unchanged rules.
final class RuleEngine: Sendable {
    private struct Running {
        var key: String
        var task: Task<RuleGroup, Never>
    }

    private struct State {
        var running: [Running] = []
        var statuses: [String: RuleGroupStatus] = [:]
        var order: [String] = []
    }

    private let state = Mutex(State())
    private let head: Head
    private let clock: any KlaxonClock
    private let notifier: Notifier
    private let metrics: DaemonMetrics
    private let logger: Logger

    init(head: Head, clock: any KlaxonClock, notifier: Notifier, metrics: DaemonMetrics, logger: Logger) {
        self.head = head
        self.clock = clock
        self.notifier = notifier
        self.metrics = metrics
        self.logger = logger
    }

    static func key(_ group: RuleGroup) -> String { group.file + ";" + group.name }

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
        for var group in groups {
            let key = Self.key(group)
            if let earlier = previous.removeValue(forKey: key) { group.inheritState(from: earlier) }
            keys.append(key)
            started.append(Running(key: key, task: startLoop(group, key: key)))
        }
        let now = clock.now()
        var stale: [VectorSample] = []
        for (_, removed) in previous { stale += removed.staleMarkers(at: now) }
        append(stale)
        state.withLock { state in
            state.running = started
            state.order = keys
            state.statuses = state.statuses.filter { keys.contains($0.key) }
        }
        metrics.ruleGroups.store(groups.count, ordering: .relaxed)
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

    /// Stops every group and waits for the loops to end.
    func shutdown() async {
        for running in stopAll() { _ = await running.task.value }
    }

    func statuses() -> [RuleGroupStatus] {
        state.withLock { state in state.order.compactMap { state.statuses[$0] } }
    }

    private func startLoop(_ initial: RuleGroup, key: String) -> Task<RuleGroup, Never> {
        Task { [self] in
            var group = initial
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
                let result = group.evaluate(at: next, queryable: head)
                append(result.samples)
                for error in result.errors {
                    logger.warning(
                        "Evaluating rule failed",
                        metadata: ["group": "\(group.name)", "file": "\(group.file)", "err": "\(error)"]
                    )
                }
                if !result.alertsToSend.isEmpty { await notifier.send(result.alertsToSend, at: next) }
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
