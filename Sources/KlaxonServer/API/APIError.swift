import KlaxonModel
import KlaxonPromQL

/// An API error with Prometheus's `errorType` and HTTP status (`web/api/v1/api.go` `returnAPIError`).
struct APIError: Error, Sendable, Equatable {
    enum Kind: String, Sendable {
        case badData = "bad_data"
        case execution
        case timeout
        case canceled
        case `internal`
        case unavailable
        case notFound = "not_found"

        var status: Int {
            switch self {
            case .badData: return 400
            case .execution: return 422
            case .timeout, .canceled, .unavailable: return 503
            case .internal: return 500
            case .notFound: return 404
            }
        }
    }

    var kind: Kind
    var message: String

    static func badData(_ message: String) -> APIError { APIError(kind: .badData, message: message) }

    /// `invalid parameter "name": message`.
    static func invalidParam(_ name: String, _ message: String) -> APIError {
        .badData("invalid parameter \(goQuote(name)): \(message)")
    }

    init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The engine's error, classified as Prometheus classifies `promql` errors.
    init(_ error: QueryError) {
        switch error.kind {
        case .timeout: self.init(kind: .timeout, message: error.message)
        case .canceled: self.init(kind: .canceled, message: error.message)
        case .badData: self.init(kind: .badData, message: error.message)
        case .execution, .tooManySamples: self.init(kind: .execution, message: error.message)
        }
    }

    /// `{"status":"error","errorType":…,"error":…}` with the kind's status.
    var response: APIResponse {
        var w = JSONWriter(capacity: 64 + message.utf8.count)
        w.beginObject()
        w.key("status")
        w.string("error")
        w.key("errorType")
        w.string(kind.rawValue)
        w.key("error")
        w.string(message)
        w.endObject()
        return APIResponse(status: kind.status, contentType: APIResponse.jsonType, body: w.bytes)
    }
}
