public import KlaxonModel

/// What the server needs from the rest of the daemon; the daemon implements it, tests use a fake.
public protocol ServerBackend: Sendable {
    /// `/api/v1/rules` (the `type=alert|record` filter is the server's).
    func ruleGroups() async -> [RuleGroupView]
    /// `/api/v1/alerts`.
    func activeAlerts() async -> [AlertView]
    /// `/api/v1/targets` (the `state=` filter is the server's).
    func targets() async -> TargetsView
    /// `/api/v1/status/config`: the loaded configuration, secrets already redacted.
    func configYAML() async -> String
    /// `/api/v1/status/flags`: flag name (without dashes) and value.
    func flags() async -> [(String, String)]
    /// `/metrics`: the text 0.0.4 exposition body.
    func metricsExposition() async -> [UInt8]
    /// `/-/reload` (only with `enableLifecycle`); the error's text becomes the 500 body.
    func reload() async throws
    /// `/-/quit` (only with `enableLifecycle`): start a graceful shutdown. Called after the answer is built; the
    /// backend must let it reach the client (Prometheus answers first, then stops).
    func quit() async
    /// `runtimeinfo`'s `reloadConfigSuccess` and `lastConfigTime` (epoch ms); `nil` reports success at server start.
    func configReloadStatus() async -> (success: Bool, lastConfigTime: Int64)?
    /// `/-/ready` answers 503 until this is true.
    func isReady() async -> Bool
    /// `POST /api/v1/write` (remote-write 1.0 body as received): the status and body to answer, or nil when the
    /// receiver is not enabled (`--web.enable-remote-write-receiver`).
    func remoteWrite(body: [UInt8]) async -> (status: Int, body: String)?
    /// `/api/v2/*` passthrough to the embedded Alertmanager. `path` is the full request path (`/api/v2/alerts`),
    /// `query` the decoded query parameters (first value of each).
    func alertmanagerV2(
        method: String,
        path: String,
        query: [String: String],
        body: [UInt8]
    ) async -> (status: Int, contentType: String, body: [UInt8])
    /// `/federate`: the configuration's `global.external_labels`.
    func externalLabels() async -> Labels
}

extension ServerBackend {
    /// Default: no reload has happened since the server started.
    public func configReloadStatus() async -> (success: Bool, lastConfigTime: Int64)? { nil }
    /// Default: nothing to stop.
    public func quit() async {}
    /// Default: no remote-write receiver.
    public func remoteWrite(body: [UInt8]) async -> (status: Int, body: String)? { nil }
    /// Default: no external labels.
    public func externalLabels() async -> Labels { .empty }
}
