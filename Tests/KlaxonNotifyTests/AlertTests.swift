import KlaxonModel
import KlaxonTestSupport
import Testing

@testable import KlaxonNotify

@Suite struct AlertTests {
    static let labels: Labels = ["alertname": "X", "instance": "a"]

    @Test func resolution() {
        let firing = Alert(labels: Self.labels, startsAt: 0)
        #expect(!firing.isResolved(at: .max))
        let ending = Alert(labels: Self.labels, startsAt: 0, endsAt: 100)
        #expect(!ending.isResolved(at: 99))
        #expect(ending.isResolved(at: 100))
    }

    @Test func mergeKeepsEarliestStartAndYoungerAlert() {
        let old = Alert(labels: Self.labels, annotations: ["v": "1"], startsAt: 100, endsAt: 5000, updatedAt: 10)
        let new = Alert(labels: Self.labels, annotations: ["v": "2"], startsAt: 200, endsAt: 6000, updatedAt: 20)
        for merged in [old.merged(with: new, now: 1000), new.merged(with: old, now: 1000)] {
            #expect(merged.startsAt == 100)
            #expect(merged.endsAt == 6000)
            #expect(merged.annotations == ["v": "2"])
            #expect(merged.updatedAt == 20)
        }
    }

    @Test func mergeEndsAtRules() {
        // A later explicit end on the older alert wins over the younger firing one…
        let explicit = Alert(labels: Self.labels, startsAt: 100, endsAt: 9000, updatedAt: 10)
        let younger = Alert(labels: Self.labels, startsAt: 100, endsAt: 5000, updatedAt: 20)
        #expect(explicit.merged(with: younger, now: 1000).endsAt == 9000)
        // …but not when it was only the resolve_timeout default.
        var timeout = explicit
        timeout.endsAtIsTimeout = true
        #expect(timeout.merged(with: younger, now: 1000).endsAt == 5000)
        // Both resolved: the latest end wins.
        let resolvedOld = Alert(labels: Self.labels, startsAt: 100, endsAt: 800, updatedAt: 10)
        let resolvedNew = Alert(labels: Self.labels, startsAt: 100, endsAt: 700, updatedAt: 20)
        #expect(resolvedOld.merged(with: resolvedNew, now: 1000).endsAt == 800)
        // Younger resolved, older still firing: the younger end stands.
        #expect(explicit.merged(with: resolvedNew, now: 1000).endsAt == 700)
    }

    @Test func ingestMergesOverlappingAndReplacesDisjoint() {
        var dispatcher = Dispatcher(route: Route(root: RouteSpec(receiver: "r")))
        dispatcher.ingest([Alert(labels: Self.labels, startsAt: 100, endsAt: 5000)], now: 1000)
        // Overlapping re-send with a later start keeps the first start.
        dispatcher.ingest([Alert(labels: Self.labels, startsAt: 300, endsAt: 6000)], now: 2000)
        #expect(dispatcher.alerts.map(\.startsAt) == [100])
        #expect(dispatcher.alerts.map(\.endsAt) == [6000])
        #expect(dispatcher.alerts.map(\.updatedAt) == [2000])
        // A new occurrence after the old one ended does not inherit its start.
        dispatcher.ingest([Alert(labels: Self.labels, startsAt: 7000, endsAt: 9000)], now: 7000)
        #expect(dispatcher.alerts.map(\.startsAt) == [7000])
        // Missing startsAt with an endsAt: startsAt = endsAt.
        let other: Labels = ["alertname": "Y"]
        dispatcher.ingest([Alert(labels: other, startsAt: 0, endsAt: 500)], now: 7000)
        #expect(dispatcher.alerts.first { $0.labels == other }?.startsAt == 500)
    }

    @Test func invalidAlertsAreRejectedWithAlertmanagerWording() async {
        let clock = ManualClock(now: 5000)
        let am = Alertmanager(
            route: Route(root: RouteSpec(receiver: "r")),
            receivers: [],
            sender: RecordingSender(clock: clock),
            clock: clock
        )
        let errors = await am.post([
            Alert(labels: ["alertname": "ok"], startsAt: 0),
            Alert(labels: ["alertname": "backwards"], startsAt: 3000, endsAt: 2000),
            Alert(labels: ["bad-name": "x"], startsAt: 1000),
            Alert(labels: [:], startsAt: 1000),
            Alert(labels: ["alertname": "a"], annotations: ["0summary": "s"], startsAt: 1000),
        ])
        #expect(
            errors == [
                "start time must be before end time", "invalid label set: invalid name \"bad-name\"",
                "at least one label pair required", "invalid annotations: invalid name \"0summary\"",
            ]
        )
        #expect(await am.alerts.map { $0.labels["alertname"] } == ["ok"])
        #expect(Alert(labels: ["a": "b"], startsAt: 0).validationError == "start time missing")
    }

    @Test func apiStatuses() async throws {
        let clock = ManualClock(now: 1000)
        let am = Alertmanager(
            route: Route(
                root: RouteSpec(
                    receiver: "default",
                    routes: [
                        RouteSpec(receiver: "pager", matchers: [matcher("severity=page")], continue: true),
                        RouteSpec(receiver: "slack", matchers: [matcher("service=db")]),
                    ]
                )
            ),
            receivers: [],
            inhibitRules: [
                InhibitRule(sourceMatchers: [matcher("alertname=Down")], targetMatchers: [matcher("alertname=Slow")])
            ],
            sender: RecordingSender(clock: clock),
            clock: clock
        )
        let id = try await am.setSilence(
            Silence(matchers: [matcher("service=db")], startsAt: 1000, endsAt: 5000, createdBy: "me", comment: "")
        )
        await am.post([
            Alert(labels: ["alertname": "Down", "severity": "page", "service": "db"], startsAt: 900),
            Alert(labels: ["alertname": "Slow"], startsAt: 900),
            Alert(labels: ["alertname": "Gone"], startsAt: 900, endsAt: 950),
        ])
        let statuses = await am.alertStatuses()
        #expect(statuses.count == 2)
        let down = try #require(statuses.first { $0.alert.labels["alertname"] == "Down" })
        #expect(down.receivers == ["pager", "slack"])
        #expect(down.silencedBy == [id])
        #expect(down.state == .suppressed)
        #expect(down.state.rawValue == "suppressed")
        let slow = try #require(statuses.first { $0.alert.labels["alertname"] == "Slow" })
        #expect(slow.receivers == ["default"])
        #expect(slow.inhibitedBy == [fingerprintHex(down.alert.fingerprint)])
    }
}
