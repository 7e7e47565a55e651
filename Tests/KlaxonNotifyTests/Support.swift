import Foundation
import KlaxonModel
import Synchronization

@testable import KlaxonNotify

/// Records every request; answers with `respond` (status or thrown error) per attempt number.
final class RecordingSender: HTTPSender {
    struct Sent: Sendable {
        var time: Timestamp
        var request: HTTPRequest
        var body: String { String(decoding: request.body, as: UTF8.self) }
        var path: String {
            guard let range = request.url.range(of: "://") else { return request.url }
            let rest = request.url[range.upperBound...]
            return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
    }

    struct TransportError: Error {}

    private let clock: any KlaxonClock
    private let respond: @Sendable (HTTPRequest, Int) -> Int?
    private let log = Mutex<[Sent]>([])

    /// `respond(request, attempt)` returns a status, or nil to throw a connection error.
    init(clock: any KlaxonClock, respond: @escaping @Sendable (HTTPRequest, Int) -> Int? = { _, _ in 200 }) {
        self.clock = clock
        self.respond = respond
    }

    func send(_ request: HTTPRequest, deadline: Timestamp) async throws -> HTTPResponse {
        let attempt = log.withLock { log in
            log.append(Sent(time: clock.now(), request: request))
            return log.count
        }
        guard let status = respond(request, attempt) else { throw TransportError() }
        return HTTPResponse(status: status)
    }

    var sent: [Sent] { log.withLock { $0 } }
}

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

extension String {
    /// Number of non-overlapping occurrences.
    func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
