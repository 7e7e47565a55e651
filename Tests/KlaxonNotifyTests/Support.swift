import Foundation
import KlaxonModel
import Synchronization

@testable import KlaxonNotify

/// A clock whose sleeps return at once after moving time to the deadline (for retry tests).
final class SteppingClock: KlaxonClock {
    private let time: Mutex<Timestamp>
    init(now: Timestamp) { time = Mutex(now) }
    func now() -> Timestamp { time.withLock { $0 } }
    func sleep(until deadline: Timestamp) async throws {
        time.withLock { $0 = max($0, deadline) }
    }
    func advance(to deadline: Timestamp) { time.withLock { $0 = max($0, deadline) } }
}

func matcher(_ text: String) -> LabelMatcher {
    for op in ["=~", "!~", "!=", "="] {
        if let range = text.range(of: op) {
            let name = String(text[..<range.lowerBound])
            let value = String(text[range.upperBound...])
            let type = LabelMatcher.MatchType(rawValue: op) ?? .equal
            if let built = try? LabelMatcher(type, name, value) { return built }
        }
    }
    return LabelMatcher.equal("invalid", text)
}
