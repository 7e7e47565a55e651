import Dispatch
import KlaxonModel
import KlaxonPromQL
import KlaxonStorage
import Synchronization
import Testing

@testable import KlaxonServer

#if canImport(Glibc)
import Glibc
#endif

/// Hostile queries: they run on the query pool, stop when cancelled, and meet the request limits.
struct QueryIsolationTests {
    /// A head holding `m{v="aaa…a!"}` and a few ordinary series.
    func hostileHead(length: Int = 40) -> Head {
        let head = Head()
        var appender = head.appender()
        _ = appender.append(["__name__": "m", "v": String(repeating: "a", count: length) + "!"], t: 1_000, v: 1)
        for i in 0..<5 {
            _ = appender.append(["__name__": "m", "v": String(repeating: "a", count: i + 1)], t: 1_000, v: 2)
        }
        _ = appender.commit()
        return head
    }

    /// The query that backtracks exponentially in a backtracking engine; RE2 answers it at once, and the answer
    /// is Go's: only the all-`a` values match.
    @Test func exponentialBacktrackingPatternAnswersAsGo() async {
        let api = makeAPI(head: hostileHead(), now: 2_000)
        let response = await api.handle(
            request(fromCase: #"GET /api/v1/query?query=count(m%7Bv%3D~%22(a%7Caa)%2B%22%7D)&time=2"#)
        )
        #expect(response.status == 200)
        #expect(response.bodyText.contains(#""value":[2,"5"]"#), "\(response.bodyText)")
    }

    @Test func seriesLabelsAndValuesHonourLimit() async {
        let api = makeAPI(head: hostileHead(), mode: .prometheus3, now: 2_000)
        let limited = await api.handle(request(fromCase: "GET /api/v1/label/v/values?limit=2"))
        #expect(
            limited.bodyText
                == #"{"status":"success","data":["a","aa"],"warnings":["results truncated due to limit"]}"#
        )
        let whole = await api.handle(request(fromCase: "GET /api/v1/label/v/values?limit=6"))
        #expect(!whole.bodyText.contains("warnings"))
        let names = await api.handle(request(fromCase: "GET /api/v1/labels?limit=1"))
        #expect(
            names.bodyText == #"{"status":"success","data":["__name__"],"warnings":["results truncated due to limit"]}"#
        )
        let series = await api.handle(request(fromCase: "GET /api/v1/series?match[]=m&limit=3"))
        #expect(series.bodyText.contains(#""warnings":["results truncated due to limit"]"#))
        #expect(series.bodyText.split(separator: "__name__").count == 4)
        let negative = await api.handle(request(fromCase: "GET /api/v1/series?match[]=m&limit=-1"))
        #expect(negative.status == 400)
        #expect(negative.bodyText.contains(#"invalid parameter \"limit\": limit must be non-negative"#))
        let garbage = await api.handle(request(fromCase: "GET /api/v1/labels?limit=x"))
        #expect(garbage.status == 400)
        #expect(garbage.bodyText.contains(#"strconv.Atoi: parsing \"x\": invalid syntax"#))
    }

    @Test func tooManySelectorsAndTooLongQueriesAreRefused() async {
        let api = makeAPI(head: hostileHead()) {
            $0.maxMatchSelectors = 2
            $0.maxQueryLength = 32
        }
        let many = await api.handle(request(fromCase: "GET /api/v1/series?match[]=m&match[]=up&match[]=x"))
        #expect(many.status == 400)
        #expect(many.bodyText.contains("3 match[] selectors; the limit is 2 (--web.max-match-selectors)"))
        let long = String(repeating: "a", count: 33)
        let query = await api.handle(request(fromCase: "GET /api/v1/query?query=" + long))
        #expect(query.status == 400)
        #expect(
            query.bodyText.contains(
                #"invalid parameter \"query\": query is 33 bytes long; the limit is 32 (--web.max-query-length)"#
            )
        )
        let range = await api.handle(request(fromCase: "GET /api/v1/query_range?start=0&end=1&step=1&query=" + long))
        #expect(range.status == 400)
        let selector = await api.handle(request(fromCase: "GET /api/v1/labels?match[]=" + long))
        #expect(selector.status == 400)
        #expect(selector.bodyText.contains("(--web.max-query-length)"))
    }

    /// `/metrics` carries Prometheus's engine gauges for the pool after the backend's own families.
    @Test func metricsShowTheQueryPool() async {
        let api = makeAPI(head: hostileHead()) { $0.maxConcurrentQueries = 7 }
        let text = await api.handle(request(fromCase: "GET /metrics")).bodyText
        #expect(text.contains("\nprometheus_engine_queries 0\n"))
        #expect(text.contains("\nprometheus_engine_queries_concurrent_max 7\n"))
        #expect(text.contains("# TYPE prometheus_engine_queries gauge\n"))
    }

    /// A cancelled request (its client went away) stops with Prometheus's `canceled` error.
    @Test func cancelledQueryStopsWithCanceledError() async {
        let api = makeAPI(head: hostileHead(), now: 2_000)
        let cancelled = request(fromCase: "GET /api/v1/query_range?query=m&start=0&end=2000&step=1")
        cancelled.cancellation.cancel()
        let response = await api.handle(cancelled)
        #expect(response.status == 503)
        #expect(response.bodyText.contains(#""errorType":"canceled""#))
    }

    /// The pool's threads are its own: with every slot blocked, Swift's cooperative pool still runs tasks (on
    /// 2 cores it has 2 threads, fewer than the 4 blocked queries), and a 5th query waits for a slot.
    @Test func blockedQueriesHoldPoolThreadsNotTheCooperativePool() async {
        let pool = QueryPool(limit: 4)
        let release = DispatchSemaphore(value: 0)
        final class Counter: Sendable {
            let value = Atomic<Int>(0)
        }
        let counter = Counter()
        let queries = Task {
            await withTaskGroup(of: Int?.self) { group in
                for i in 0..<5 {
                    group.addTask {
                        await pool.run(cancellation: QueryCancellation()) {
                            counter.value.add(1, ordering: .relaxed)
                            release.wait()
                            return i
                        }
                    }
                }
                var answered = 0
                for await answer in group where answer != nil { answered += 1 }
                return answered
            }
        }
        var spins = 0
        while counter.value.load(ordering: .relaxed) < 4 && spins < 10_000 {
            try? await Task.sleep(for: .milliseconds(1))
            spins += 1
        }
        #expect(counter.value.load(ordering: .relaxed) == 4)
        #expect(pool.availableSlots == 0)
        // Cooperative threads are free: a plain task completes while four queries block.
        let free = await Task.detached { 42 }.value
        #expect(free == 42)
        #expect(counter.value.load(ordering: .relaxed) == 4, "a 5th query ran beyond the limit")
        for _ in 0..<5 { release.signal() }
        #expect(await queries.value == 5)
        #expect(pool.availableSlots == 4)
    }

    /// Query threads run at nice 10, so rule evaluation and scrapes (nice 0) win the CPU when they compete; the
    /// pool starts no more threads than its limit.
    @Test func queryThreadsRunAtLowerPriority() async {
        let pool = QueryPool(limit: 3)
        let niceness = await pool.run(cancellation: QueryCancellation()) {
            getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        }
        #expect(niceness == QueryPool.niceness)
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == 0, "the test's own thread is untouched")
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask { _ = await pool.run(cancellation: QueryCancellation()) { 1 } }
            }
        }
        #expect(pool.threadCount <= 3)
    }

    /// A task cancelled while its query runs sets the query's cancellation flag, which the engine checks.
    @Test func cancellingTheTaskCancelsTheQuery() async {
        let pool = QueryPool(limit: 1)
        let cancellation = QueryCancellation()
        let started = DispatchSemaphore(value: 0)
        let task = Task {
            await pool.run(cancellation: cancellation) { () -> Bool in
                started.signal()
                let tick = DispatchSemaphore(value: 0)
                for _ in 0..<10_000 where !cancellation.isCancelled {
                    _ = tick.wait(timeout: .now() + .milliseconds(1))
                }
                return cancellation.isCancelled
            }
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                started.wait()
                continuation.resume()
            }
        }
        task.cancel()
        #expect(await task.value == true)
    }
}
