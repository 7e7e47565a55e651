import Dispatch
import KlaxonPromQL
import Synchronization

/// A counting semaphore for `--query.max-concurrency`: at most `limit` queries run; the others wait in FIFO order.
final class QueryGate: Sendable {
    private struct State {
        var available: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
        var head = 0
    }

    private let state: Mutex<State>

    init(limit: Int) {
        state = Mutex(State(available: max(1, limit)))
    }

    /// Waits for a slot.
    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLock { s -> Bool in
                if s.available > 0 {
                    s.available -= 1
                    return true
                }
                s.waiters.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    /// Frees a slot, handing it to the longest waiter.
    func release() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if s.head < s.waiters.count {
                let c = s.waiters[s.head]
                s.head += 1
                if s.head == s.waiters.count {
                    s.waiters.removeAll(keepingCapacity: true)
                    s.head = 0
                }
                return c
            }
            s.available += 1
            return nil
        }
        next?.resume()
    }

    /// Runs `body` holding a slot.
    func withSlot<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        await acquire()
        let result = await body()
        release()
        return result
    }

    /// Slots free now (for tests).
    var availableSlots: Int { state.withLock { $0.available } }
}

/// Where API queries run: at most `limit` at once (`--query.max-concurrency`, FIFO beyond that), each on a
/// thread of the pool's own, never on the threads that serve HTTP (NIO's event loops) or run scrapes and rule
/// groups (Swift's cooperative pool, one thread per core). A query that never yields therefore costs one of these
/// threads and a share of the CPU, not the daemon's ability to answer `/-/healthy` or to evaluate its rules.
///
/// Each thread is a serial dispatch queue of its own: on Linux those are overcommitting, so the kernel gives each
/// its own thread and shares the CPU between them and the cooperative pool (a concurrent queue would run on the
/// cooperative pool's threads; `docs/ARCHITECTURE.md`).
final class QueryPool: Sendable {
    private let gate: QueryGate
    private let idle: Mutex<[DispatchQueue]>

    init(limit: Int) {
        let size = max(1, limit)
        gate = QueryGate(limit: size)
        idle = Mutex((0..<size).map { DispatchQueue(label: "klaxon.query.\($0)", qos: .userInitiated) })
    }

    /// Runs `body` on a query thread once a slot is free. If the calling task is cancelled (the client went away)
    /// while it runs, `cancellation` is set so the engine stops at its next check; `nil` when the task was
    /// cancelled before the query started.
    func run<T: Sendable>(
        cancellation: QueryCancellation,
        _ body: @escaping @Sendable () -> T
    ) async -> T? {
        await gate.acquire()
        defer { gate.release() }
        if Task.isCancelled || cancellation.isCancelled { return nil }
        // The gate admits at most `size` callers, so a queue is always idle here.
        guard let queue = idle.withLock({ $0.popLast() }) else { return nil }
        defer { idle.withLock { $0.append(queue) } }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
                queue.async { continuation.resume(returning: body()) }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// Slots free now (for tests).
    var availableSlots: Int { gate.availableSlots }
}
