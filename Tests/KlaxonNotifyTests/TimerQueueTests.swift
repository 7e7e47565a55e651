import KlaxonModel
import Testing

@testable import KlaxonNotify

@Suite struct TimerQueueTests {
    @Test func popsDueGroupsInDeadlineOrderAndSkipsStaleEntries() {
        var timers = TimerQueue()
        timers.schedule(group: 1, at: 300)
        timers.schedule(group: 2, at: 100)
        timers.schedule(group: 3, at: 200)
        // Rescheduling supersedes the old deadline; cancelling drops it.
        timers.schedule(group: 1, at: 50)
        timers.cancel(group: 3)
        #expect(timers.nextDeadline() == 50)
        #expect(timers.popDue(now: 99) == [1])
        #expect(timers.nextDeadline() == 100)
        #expect(timers.popDue(now: 1000) == [2])
        #expect(timers.nextDeadline() == nil)
        #expect(timers.count == 0)
    }

    @Test func tickDuringAFlushInFlightRunsWhenTheFlushEnds() throws {
        var dispatcher = Dispatcher(
            route: Route(root: RouteSpec(receiver: "r", groupWait: 1000, groupInterval: 5000))
        )
        dispatcher.ingest([Alert(labels: ["alertname": "X"], startsAt: 0, endsAt: 100_000)], now: 0)
        let first = try #require(dispatcher.takeDue(now: 1000).first)
        #expect(dispatcher.nextDeadline() == 6000)
        // The flush is still sending at 6000: the tick is deferred, not run concurrently.
        #expect(dispatcher.takeDue(now: 6000).isEmpty)
        #expect(dispatcher.nextDeadline() == nil)
        dispatcher.complete(first, success: false, now: 7500)
        #expect(dispatcher.nextDeadline() == 7500)
        let second = dispatcher.takeDue(now: 7500)
        #expect(second.count == 1)
        #expect(second.first?.groupKey == "{}:{}")
        #expect(dispatcher.nextDeadline() == 12_500)
    }

    @Test func failedFlushKeepsResolvedAlerts() throws {
        var dispatcher = Dispatcher(route: Route(root: RouteSpec(receiver: "r", groupWait: 1000, groupInterval: 5000)))
        dispatcher.ingest([Alert(labels: ["alertname": "X"], startsAt: 0, endsAt: 500)], now: 0)
        let flush = try #require(dispatcher.takeDue(now: 1000).first)
        #expect(flush.alerts.first?.endsAt == 500)
        dispatcher.complete(flush, success: false, now: 1000)
        let again = try #require(dispatcher.takeDue(now: 6000).first)
        #expect(again.alerts.count == 1)
        dispatcher.complete(again, success: true, now: 6000)
        #expect(dispatcher.takeDue(now: 11_000).isEmpty)
        #expect(dispatcher.nextDeadline() == 16_000)
    }
}
