import KlaxonModel
import KlaxonPromQL

extension API {
    /// `GET /federate`: the latest sample of every series matching a `match[]` selector, for another Prometheus to
    /// scrape (`Federation` has the semantics). As Prometheus 2.42 registers it: GET only (405 otherwise, `OPTIONS`
    /// answers `Allow`), 503 `Service Unavailable` until the daemon is ready, 400 with Go's text for a malformed
    /// query string or selector; no `match[]` at all is an empty 200. The body is text 0.0.4 unless the `Accept`
    /// header negotiates a protobuf format (`FederationFormat`). It runs on the query pool and stops when the
    /// client goes away, as queries do.
    func federate(_ request: APIRequest) async -> APIResponse {
        let allow = "GET, OPTIONS"
        switch request.method {
        case "GET": break
        case "OPTIONS": return Self.options(allow: allow)
        default: return Self.methodNotAllowed(allow: allow)
        }
        guard await backend.isReady() else { return .text(503, "Service Unavailable") }
        if let error = FormDecoder.firstError(Array(request.rawQuery.utf8)) {
            return Self.federationError("error parsing form values: \(error)")
        }
        let selectors = request.formValues("match[]")
        if selectors.count > configuration.maxMatchSelectors {
            return Self.federationError(
                "\(selectors.count) match[] selectors; the limit is \(configuration.maxMatchSelectors) (--web.max-match-selectors)"
            )
        }
        var matcherSets: [[LabelMatcher]] = []
        for selector in selectors {
            if selector.utf8.count > configuration.maxQueryLength {
                return Self.federationError(Self.tooLong(selector, configuration))
            }
            do {
                matcherSets.append(try parseSeriesSelector(selector, options: parserOptions))
            } catch {
                return Self.federationError(error.description)
            }
        }
        let format = FederationFormat.negotiate(request.accept)
        let externalLabels = await backend.externalLabels()
        let (head, now, lookbackDelta) = (self.head, self.now(), configuration.lookbackDelta)
        let (cancellation, selected) = (request.cancellation, matcherSets)
        let outcome = await pool.run(cancellation: cancellation) { () -> FederationOutcome in
            guard
                let federation = Federation.collect(
                    from: head,
                    matcherSets: selected,
                    externalLabels: externalLabels,
                    now: now,
                    lookbackDelta: lookbackDelta,
                    isCancelled: { cancellation.isCancelled }
                )
            else { return .canceled }
            guard let body = federation.encoded(as: format) else { return .notEncoded }
            return .body(body)
        }
        switch outcome {
        case .body(let body):
            return APIResponse(status: 200, contentType: format.contentType, body: body)
        case .notEncoded:
            federationCounters.countError()
            return .text(500, "federation failed: a metric family did not serialise\n")
        case .canceled, nil:
            // The client went away: what Prometheus counts as a failed write of the answer.
            federationCounters.countError()
            return .text(503, "federation was canceled\n")
        }
    }

    /// Go's `http.Error(w, message, 400)`.
    private static func federationError(_ message: String) -> APIResponse {
        var response = APIResponse.text(400, message + "\n")
        response.headers.append(nosniff)
        return response
    }
}

private enum FederationOutcome: Sendable {
    case body([UInt8])
    case notEncoded
    case canceled
}
