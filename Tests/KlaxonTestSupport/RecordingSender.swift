import Foundation
public import KlaxonModel
import Synchronization

/// Records every request; answers with `respond` (status or thrown error) per attempt number.
public final class RecordingSender: HTTPSender {
    public struct Sent: Sendable {
        public var time: Timestamp
        public var request: HTTPRequest
        public var body: String { String(decoding: request.body, as: UTF8.self) }
        public var path: String {
            guard let range = request.url.range(of: "://") else { return request.url }
            let rest = request.url[range.upperBound...]
            return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
    }

    public struct TransportError: Error {}

    private let clock: any KlaxonClock
    private let respond: @Sendable (HTTPRequest, Int) -> Int?
    private let log = Mutex<[Sent]>([])

    /// `respond(request, attempt)` returns a status, or nil to throw a connection error.
    public init(clock: any KlaxonClock, respond: @escaping @Sendable (HTTPRequest, Int) -> Int? = { _, _ in 200 }) {
        self.clock = clock
        self.respond = respond
    }

    public func send(_ request: HTTPRequest, deadline: Timestamp) async throws -> HTTPResponse {
        let attempt = log.withLock { log in
            log.append(Sent(time: clock.now(), request: request))
            return log.count
        }
        guard let status = respond(request, attempt) else { throw TransportError() }
        return HTTPResponse(status: status)
    }

    public var sent: [Sent] { log.withLock { $0 } }
}

extension String {
    /// Number of non-overlapping occurrences.
    public func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
