internal import KlaxonModel

/// Drops alerts an inhibition rule mutes (Alertmanager's `MuteStage` over the inhibitor).
struct InhibitStage {
    func apply(_ alerts: [Alert], inhibitor: Inhibitor, now: Timestamp) -> [Alert] {
        alerts.filter { !inhibitor.mutes($0.labels, now: now) }
    }
}

/// Drops alerts an active silence mutes (Alertmanager's `MuteStage` over the silencer).
struct SilenceStage {
    func apply(_ alerts: [Alert], silences: Silences, now: Timestamp) -> [Alert] {
        alerts.filter { !silences.mutes($0.labels, now: now) }
    }
}

/// Drops every alert while one of the route's `mute_time_intervals` is active, or while none of its
/// `active_time_intervals` is (`TimeMuteStage` + `TimeActiveStage`).
struct TimeIntervalStage {
    let intervals: [String: NamedTimeInterval]

    func apply(_ alerts: [Alert], route: RouteOptions, now: Timestamp) -> [Alert] {
        for name in route.muteTimeIntervals where intervals[name]?.isActive(at: now) ?? false { return [] }
        if !route.activeTimeIntervals.isEmpty
            && !route.activeTimeIntervals.contains(where: { intervals[$0]?.isActive(at: now) ?? false })
        {
            return []
        }
        return alerts
    }
}
