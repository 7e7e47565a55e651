import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The source of "now" for everything time-driven (rule groups, dispatcher timers), injectable so that tests
/// and `test rules` run on virtual time.
public protocol KlaxonClock: Sendable {
    /// Current time in milliseconds since the epoch.
    func now() -> Timestamp
    /// Suspends until `now() >= deadline` or the task is cancelled.
    func sleep(until deadline: Timestamp) async throws
}

/// Wall-clock time.
public struct SystemClock: KlaxonClock {
    public init() {}

    public func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    public func sleep(until deadline: Timestamp) async throws {
        let delta = deadline - now()
        if delta > 0 {
            try await Task.sleep(for: .milliseconds(delta))
        }
    }
}

/// A clock that moves only when told to. Sleepers wake, in deadline order, when `advance(to:)` passes them.
public final class ManualClock: KlaxonClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: Timestamp
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Timestamp
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
    }

    private let state: Mutex<State>

    public init(now: Timestamp = 0) {
        state = Mutex(State(now: now))
    }

    public func now() -> Timestamp { state.withLock { $0.now } }

    /// The number of tasks currently sleeping on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func advance(by milliseconds: Int64) {
        advance(to: now() + milliseconds)
    }

    public func advance(to time: Timestamp) {
        let due: [Sleeper] = state.withLock { state in
            if time > state.now { state.now = time }
            let ready = state.sleepers.filter { $0.deadline <= state.now }.sorted { $0.deadline < $1.deadline }
            state.sleepers.removeAll { $0.deadline <= state.now }
            return ready
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    public func sleep(until deadline: Timestamp) async throws {
        let id: UInt64 = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Bool = state.withLock { state in
                    if deadline <= state.now { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let cancelled: Sleeper? = state.withLock { state in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
    }
}
