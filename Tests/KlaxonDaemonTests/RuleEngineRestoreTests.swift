import KlaxonModel
import KlaxonNotify
import KlaxonRules
import KlaxonStorage
import Logging
import Testing

@testable import KlaxonDaemon

/// The rule engine's side of alert state persistence: restore at the first apply, save on shutdown, forget
/// groups that are gone.
@Suite struct RuleEngineRestoreTests {
    static let minute: Int64 = 60_000
    static let key = RuleEngine.key(file: "r.yml", name: "g")

    static func group() throws -> RuleGroup {
        let yaml = """
            groups:
              - name: g
                interval: 1m
                rules:
                  - alert: A
                    expr: m > 0
                    for: 5m
            """
        guard case .success(let file) = RuleFileLoader.parse(yaml), let spec = file.groups.first else {
            throw DaemonError("rule file did not load")
        }
        return RuleGroup(spec: spec, file: "r.yml", options: RuleGroupOptions())
    }

    static let saved = SavedGroupState(
        file: "r.yml",
        name: "g",
        evaluatedAt: 9 * minute,
        rules: [
            SavedRule(
                name: "A",
                query: "m > 0",
                labels: .empty,
                alerts: [
                    SavedAlert(
                        labels: ["alertname": "A", "i": "1"],
                        annotations: [:],
                        state: .firing,
                        value: 1,
                        activeAt: 1 * minute,
                        firedAt: 6 * minute,
                        lastSentAt: 9 * minute,
                        validUntil: 13 * minute
                    ),
                    SavedAlert(
                        labels: ["alertname": "A", "i": "2"],
                        annotations: [:],
                        state: .pending,
                        value: 1,
                        activeAt: 8 * minute
                    ),
                ]
            )
        ]
    )

    static func engine(
        store: AlertStateStore,
        clock: ManualClock,
        outageTolerance: Int64 = Time.hour
    ) throws
        -> RuleEngine
    {
        try engineAndRouter(store: store, clock: clock, outageTolerance: outageTolerance).engine
    }

    static func engineAndRouter(
        store: AlertStateStore,
        clock: ManualClock,
        outageTolerance: Int64 = Time.hour
    ) throws -> (engine: RuleEngine, router: Alertmanager) {
        let config = try AlertmanagerConfigLoader.parse(
            "route:\n  receiver: r\nreceivers:\n  - name: r\n",
            file: "am.yml"
        )
        let router = try Alertmanager(
            config: config,
            options: .init(),
            sender: RouterStateHookTests.OKSender(),
            clock: clock
        )
        let metrics = DaemonMetrics(startTime: clock.now())
        let logger = Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        let engine = RuleEngine(
            head: Head(options: HeadOptions()),
            clock: clock,
            notifier: Notifier(alertmanager: router, metrics: metrics, logger: logger),
            metrics: metrics,
            logger: logger,
            store: store,
            outageTolerance: outageTolerance
        )
        return (engine, router)
    }

    @Test func restoredAlertsShowAtOnceAreSavedOnShutdownAndForgottenWithTheirGroup() async throws {
        let store = AlertStateStore(directory: temporaryDirectory() + "/alerts")
        _ = store.prepare()
        try store.save(Self.saved, key: Self.key)
        let clock = ManualClock(now: 10 * Self.minute)
        let (engine, router) = try Self.engineAndRouter(store: store, clock: clock)
        engine.restore(downAt: 9 * Self.minute + 30_000)
        await engine.apply([try Self.group()])
        // The router lost its alerts with the restart: the firing one is handed back at once.
        #expect(await router.alerts.map { $0.labels["i"] } == ["1"])
        #expect(await router.alerts.first?.endsAt == 10 * Self.minute + 4 * Self.minute)

        // Before any evaluation: the firing alert is firing with its activeAt, the pending one kept its clock.
        let alerts = try #require(engine.statuses().first?.rules.first?.alerts)
        #expect(alerts.map(\.state) == [.firing, .pending])
        #expect(alerts.map(\.activeAt) == [1 * Self.minute, 8 * Self.minute])
        #expect(alerts.first?.firedAt == 6 * Self.minute)

        await engine.shutdown()
        let reloaded = AlertStateStore(directory: store.directory).loadAll()
        #expect(reloaded.problems.isEmpty)
        #expect(reloaded.states[Self.key]?.rules.first?.alerts.map(\.activeAt) == [1 * Self.minute, 8 * Self.minute])

        // A configuration without the group: its file goes.
        await engine.apply([])
        #expect(DurableFile.list(store.directory).isEmpty)
        await engine.shutdown()
    }

    @Test func aLongOutageDropsPendingButKeepsFiring() async throws {
        let store = AlertStateStore(directory: temporaryDirectory() + "/alerts")
        _ = store.prepare()
        try store.save(Self.saved, key: Self.key)
        let clock = ManualClock(now: 10 * Self.minute)
        let engine = try Self.engine(store: store, clock: clock, outageTolerance: 30_000)
        // No sample recovered: the saved evaluation time (9m) is when the last run was known to be alive.
        engine.restore(downAt: nil)
        await engine.apply([try Self.group()])
        let alerts = try #require(engine.statuses().first?.rules.first?.alerts)
        #expect(alerts.map(\.state) == [.firing], "1 min outage > 30 s tolerance: the pending alert starts over")
        await engine.shutdown()
    }

    @Test func stateIsRestoredOnlyAtTheFirstApply() async throws {
        let store = AlertStateStore(directory: temporaryDirectory() + "/alerts")
        _ = store.prepare()
        let clock = ManualClock(now: 10 * Self.minute)
        let engine = try Self.engine(store: store, clock: clock)
        engine.restore(downAt: nil)
        await engine.apply([])
        // Written after the first apply (e.g. by hand): a reload must not pick it up.
        try store.save(Self.saved, key: Self.key)
        await engine.apply([try Self.group()])
        #expect(engine.statuses().first?.rules.first?.alerts.isEmpty == true)
        await engine.shutdown()
    }
}
