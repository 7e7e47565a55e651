import Dispatch
import KlaxonPromQL
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

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

    /// Callers waiting for a slot.
    var waiting: Int { state.withLock { $0.waiters.count - $0.head } }
}

/// Where API queries run: at most `limit` at once (`--query.max-concurrency`, FIFO beyond that), each on a thread
/// of the pool's own, never on the threads that serve HTTP (NIO's event loops) or run scrapes and rule groups
/// (Swift's cooperative pool, one thread per core). A query that never yields therefore costs one of these threads,
/// not the daemon's ability to answer `/-/healthy` or to evaluate its rules.
///
/// The pool's threads run at nice 10 (`setpriority` is per thread on Linux): when queries and rule evaluation
/// compete for the CPU, the kernel gives rules, scrapes and HTTP about nine times a query thread's share, so a
/// flood of expensive queries slows the queries, not the alerting (`docs/bench/query-flood.md`). Threads are
/// started when a query finds none idle, up to `limit`, and then kept.
final class QueryPool: Sendable {
    /// The nice value of query threads.
    static let niceness: Int32 = 10

    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var head = 0
        var idle = 0
        var threads = 0
    }

    private let gate: QueryGate
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)

    private let limit: Int

    init(limit: Int) {
        self.limit = max(1, limit)
        gate = QueryGate(limit: self.limit)
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
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
                submit { continuation.resume(returning: body()) }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// Queues `job` for an idle thread, starting one when none is idle (the gate keeps the count within `limit`).
    private func submit(_ job: @escaping @Sendable () -> Void) {
        let start = state.withLock { s -> Bool in
            s.jobs.append(job)
            if s.idle > 0 {
                s.idle -= 1
                return false
            }
            s.threads += 1
            return true
        }
        if start { startThread() }
        wake.signal()
    }

    private func nextJob() -> @Sendable () -> Void {
        wake.wait()
        return state.withLock { s in
            let job = s.jobs[s.head]
            s.head += 1
            if s.head == s.jobs.count {
                s.jobs.removeAll(keepingCapacity: true)
                s.head = 0
            }
            return job
        }
    }

    private func startThread() {
        let worker = Worker(pool: self)
        let context = Unmanaged.passRetained(worker).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(
            &thread,
            nil,
            { raw in
                guard let raw else { return nil }
                Unmanaged<Worker>.fromOpaque(raw).takeRetainedValue().loop()
                return nil
            },
            context
        )
        if created == 0 {
            pthread_detach(thread)
        } else {
            // No thread: run the job where it is rather than lose it.
            Unmanaged<Worker>.fromOpaque(context).release()
            state.withLock { $0.threads -= 1 }
            let job = nextJob()
            job()
        }
    }

    /// One thread's loop: lower its priority once, then run jobs forever (the pool lives as long as the server).
    private final class Worker: @unchecked Sendable {
        // `@unchecked`: `pool` is immutable and Sendable; the class only carries it into the new thread.
        let pool: QueryPool
        init(pool: QueryPool) { self.pool = pool }

        func loop() {
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, QueryPool.niceness)
            while true {
                let job = pool.nextJob()
                job()
                pool.state.withLock { $0.idle += 1 }
            }
        }
    }

    /// Slots free now (for tests).
    var availableSlots: Int { gate.availableSlots }

    /// Prometheus's engine gauges for `/metrics`: `prometheus_engine_queries` (running or waiting) and
    /// `prometheus_engine_queries_concurrent_max` (`--query.max-concurrency`).
    func exposition() -> [UInt8] {
        let running = limit - gate.availableSlots
        let text = """
            # HELP prometheus_engine_queries The current number of queries being executed or waiting.
            # TYPE prometheus_engine_queries gauge
            prometheus_engine_queries \(running + gate.waiting)
            # HELP prometheus_engine_queries_concurrent_max The max number of concurrent queries.
            # TYPE prometheus_engine_queries_concurrent_max gauge
            prometheus_engine_queries_concurrent_max \(limit)

            """
        return Array(text.utf8)
    }

    /// Threads started so far (for tests).
    var threadCount: Int { state.withLock { $0.threads } }
}
