import KlaxonModel
import Testing

struct ClockAndQueryableTests {
    @Test func manualClockWakesSleepersWhenAdvancedPastDeadline() async throws {
        let clock = ManualClock(now: 1000)
        let task = Task {
            try await clock.sleep(until: 5000)
            return clock.now()
        }
        while clock.sleeperCount == 0 { await Task.yield() }
        clock.advance(to: 4999)
        #expect(clock.sleeperCount == 1)
        clock.advance(to: 6000)
        #expect(try await task.value == 6000)
    }

    @Test func manualClockSleepIsCancellable() async {
        let clock = ManualClock()
        let task = Task { try await clock.sleep(until: 10_000) }
        while clock.sleeperCount == 0 { await Task.yield() }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test func memoryQueryableSelectsClosedWindowAndMatchers() {
        var store = MemoryQueryable()
        let a: Labels = ["__name__": "x", "job": "a"]
        let b: Labels = ["__name__": "x", "job": "b"]
        for t in stride(from: Int64(0), through: 100, by: 10) {
            store.append(a, t: t, v: Double(t))
            store.append(b, t: t, v: -Double(t))
        }
        store.append(a, t: 50, v: 7)  // replaces
        let selected = store.select([.equal("job", "a")], mint: 20, maxt: 50)
        #expect(selected.count == 1)
        #expect(selected[0].timestamps == [20, 30, 40, 50])
        #expect(selected[0].values == [20, 30, 40, 7])
        #expect(store.select([.equal("__name__", "x")], mint: 101, maxt: 200).isEmpty)
    }

    @Test func staleNaNIsDistinguishedFromOrdinaryNaN() {
        #expect(StaleNaN.isStale(StaleNaN.value))
        #expect(!StaleNaN.isStale(.nan))
        #expect(StaleNaN.value.isNaN)
    }
}
