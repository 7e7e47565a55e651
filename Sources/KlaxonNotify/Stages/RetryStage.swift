internal import KlaxonModel

/// Retry policy of one delivery: cenkalti/backoff's exponential back-off as Alertmanager uses it.
public struct RetryPolicy: Sendable {
    public var initialInterval: Int64 = 500
    public var multiplier: Double = 1.5
    public var randomizationFactor: Double = 0.5
    public var maxInterval: Int64 = 60 * Time.second
    /// Lower bound of the flush timeout (`notify.MinTimeout`).
    public var minTimeout: Int64 = 10 * Time.second

    public init() {}

    /// `interval` (ms) randomised by the factor with `random` in [0, 1).
    func randomized(_ interval: Double, random: Double) -> Int64 {
        let delta = randomizationFactor * interval
        let low = interval - delta
        let high = interval + delta
        // Go adds one nanosecond to the span: 1e-6 ms.
        return Int64(low + random * (high - low + 0.000_001))
    }
}

/// Sends one request until it succeeds, fails with a non-retryable status (anything but 2xx/5xx), or the
/// next attempt would start after the flush deadline. Connection errors are retried.
struct RetryStage {
    struct Outcome {
        var success: Bool
        var attempts: Int
        var failedAttempts: Int
    }

    let policy: RetryPolicy

    func run(
        _ request: HTTPRequest,
        sender: any HTTPSender,
        clock: any KlaxonClock,
        deadline: Timestamp,
        random: () -> Double
    ) async -> Outcome {
        var outcome = Outcome(success: false, attempts: 0, failedAttempts: 0)
        var interval = Double(policy.initialInterval)
        while true {
            outcome.attempts += 1
            var retryable = true
            do {
                let response = try await sender.send(request, deadline: deadline)
                if (200..<300).contains(response.status) {
                    outcome.success = true
                    return outcome
                }
                retryable = (500..<600).contains(response.status)
            } catch {
                retryable = true
            }
            outcome.failedAttempts += 1
            if !retryable { return outcome }
            let wait = policy.randomized(interval, random: random())
            interval = min(interval * policy.multiplier, Double(policy.maxInterval))
            let next = clock.now() + wait
            if next >= deadline { return outcome }
            do { try await clock.sleep(until: next) } catch { return outcome }
        }
    }
}
