import KlaxonConfig
import KlaxonExposition
import KlaxonModel
import KlaxonNotify
import KlaxonPromQL
import KlaxonRemote
import KlaxonRules
import KlaxonScrape
import KlaxonServer
import KlaxonStorage
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What the HTTP API asks of the running daemon: views of the rule groups, alerts and targets, the configuration,
/// `/metrics`, reload and the Alertmanager v2 API of the built-in router.
struct DaemonBackend: ServerBackend {
    let daemon: Daemon

    /// Every loaded group in configuration order, as Prometheus lists them: a group that has not been evaluated
    /// yet (its first slot is still ahead) shows with `unknown` health and no last evaluation.
    func ruleGroups() async -> [RuleGroupView] {
        var live: [String: RuleGroupStatus] = [:]
        for status in daemon.ruleEngine.statuses() { live[status.file + ";" + status.name] = status }
        return daemon.configuration.groups.map { group in
            Self.view(live[RuleEngine.key(group)] ?? group.status)
        }
    }

    func activeAlerts() async -> [AlertView] {
        daemon.ruleEngine.statuses().flatMap { group in
            group.rules.flatMap { rule in rule.alerts.map(Self.view) }
        }
    }

    func targets() async -> TargetsView {
        let statuses = daemon.scrapeManager.targets()
        var active: [TargetView] = []
        var dropped: [DroppedTargetView] = []
        for status in statuses {
            if !status.active {
                dropped.append(DroppedTargetView(discoveredLabels: status.discoveredLabels))
                continue
            }
            active.append(
                TargetView(
                    discoveredLabels: status.discoveredLabels,
                    labels: status.labels,
                    scrapePool: status.scrapePool,
                    scrapeURL: status.scrapeURL,
                    globalURL: status.globalURL,
                    lastError: status.lastError,
                    lastScrape: status.lastScrape == 0 ? nil : status.lastScrape,
                    lastScrapeDuration: status.lastScrapeDurationSeconds,
                    health: TargetHealthView(rawValue: status.health) ?? .unknown,
                    scrapeInterval: status.scrapeInterval,
                    scrapeTimeout: status.scrapeTimeout
                )
            )
        }
        return TargetsView(active: active, dropped: dropped)
    }

    func configYAML() async -> String { daemon.configuration.prometheus.redactedYAML }

    func flags() async -> [(String, String)] {
        let options = daemon.options
        return [
            ("config.file", options.configFile ?? ""),
            ("alertmanager.config.file", options.alertmanagerConfigFile ?? ""),
            ("web.listen-address", options.listenAddress),
            ("web.external-url", options.externalURL ?? ""),
            ("web.enable-lifecycle", options.enableLifecycle ? "true" : "false"),
            ("web.enable-remote-write-receiver", options.enableRemoteWriteReceiver ? "true" : "false"),
            ("storage.path", options.storagePath),
            ("storage.retention", PromDuration(milliseconds: options.retention).description),
            ("query.lookback-delta", PromDuration(milliseconds: options.lookbackDelta).description),
            ("query.timeout", PromDuration(milliseconds: options.queryTimeout).description),
            ("query.max-samples", String(options.queryMaxSamples)),
            ("query.max-concurrency", String(options.queryMaxConcurrency)),
            ("web.max-request-body-size", String(options.maxRequestBodySize)),
            ("web.max-query-length", String(options.maxQueryLength)),
            ("web.max-match-selectors", String(options.maxMatchSelectors)),
            ("rules.alert.resend-delay", PromDuration(milliseconds: options.resendDelay).description),
            ("compat", options.engineMode == .prometheus2 ? "prometheus2" : "prometheus3"),
        ]
    }

    func metricsExposition() async -> [UInt8] { await daemon.renderMetrics() }

    func reload() async throws { try await daemon.reload() }

    /// `/-/quit`: the same graceful shutdown as SIGTERM (the daemon's `ServiceGroup` traps it), raised a moment
    /// later so the server can send its answer first.
    func quit() async {
        daemon.logger.warning("Received termination request via web service, exiting gracefully...")
        Task.detached {
            try? await Task.sleep(for: .milliseconds(100))
            kill(getpid(), SIGTERM)
        }
    }

    func isReady() async -> Bool { daemon.isReady }

    func configReloadStatus() async -> (success: Bool, lastConfigTime: Int64)? {
        let metrics = daemon.metrics
        return (
            metrics.reloadSuccessful.load(ordering: .relaxed) == 1,
            metrics.reloadTimestamp.load(ordering: .relaxed)
        )
    }

    func alertmanagerV2(
        method: String,
        path: String,
        query: [String: String],
        body: [UInt8]
    ) async -> (status: Int, contentType: String, body: [UInt8]) {
        let response = await AlertmanagerV2API.handle(
            V2Request(method: method, path: path, query: query, body: body),
            alertmanager: daemon.alertmanager
        )
        return (response.status, response.contentType, response.body)
    }

    // MARK: Views

    static func view(_ group: RuleGroupStatus) -> RuleGroupView {
        RuleGroupView(
            name: group.name,
            file: group.file,
            rules: group.rules.map(view),
            interval: Double(group.interval) / 1000,
            limit: group.limit,
            evaluationTime: group.evaluationTime,
            lastEvaluation: group.lastEvaluation
        )
    }

    static func view(_ rule: RuleStatus) -> RuleView {
        RuleView(
            kind: rule.kind == .alerting ? .alerting : .recording,
            name: rule.name,
            query: rule.query,
            duration: Double(rule.duration) / 1000,
            keepFiringFor: Double(rule.keepFiringFor) / 1000,
            labels: rule.labels,
            annotations: Labels(rule.annotations),
            alerts: rule.alerts.map(view),
            state: AlertStateView(rawValue: rule.state.rawValue) ?? .inactive,
            health: RuleHealthView(rawValue: rule.health.rawValue) ?? .unknown,
            lastError: rule.lastError ?? "",
            evaluationTime: rule.evaluationTime,
            lastEvaluation: rule.lastEvaluation
        )
    }

    /// Prometheus 2.42 prints an alert's value with `strconv.FormatFloat(v, 'e', -1, 64)` (`1.5e+00`, checked
    /// against the real server).
    static func view(_ alert: ActiveAlert) -> AlertView {
        AlertView(
            labels: alert.labels,
            annotations: Labels(alert.annotations),
            state: AlertStateView(rawValue: alert.state.rawValue) ?? .pending,
            activeAt: alert.activeAt,
            value: AlertView.formatValue(alert.value)
        )
    }
}

extension Daemon {
    /// `/metrics`: Klaxon's own figures, the store's, the scrape manager's and the router's.
    func renderMetrics() async -> [UInt8] {
        let counters = await alertmanager.integrationCounters()
        let scrape = scrapeManager.metricsSnapshot()
        let received = receiverCounters.withLock { $0 }
        return metrics.render(
            head: head.stats(),
            sections: [
                { out in Self.writeScrapeMetrics(scrape, to: &out) },
                { out in Self.writeRouterCounters(counters, to: &out) },
                { [dataDirectory] out in dataDirectory.writeMetrics(to: &out) },
                { [remoteStorage, head] out in
                    Self.writeRemoteMetrics(
                        remoteStorage.stats(),
                        receiver: received,
                        newestAppended: head.newestSampleTime(),
                        to: &out
                    )
                },
            ]
        )
    }

    static func writeScrapeMetrics(_ scrape: ScrapeMetrics, to out: inout ExpositionWriter) {
        let figures: [(String, String, MetricType, Double)] = [
            ("klaxon_scrapes_total", "Scrapes attempted.", .counter, Double(scrape.scrapes)),
            (
                "klaxon_scrape_failures_total", "Scrapes that failed (target down, bad body, limits).", .counter,
                Double(scrape.failures)
            ),
            ("klaxon_scrape_samples_total", "Samples scraped.", .counter, Double(scrape.samples)),
            (
                "klaxon_scrape_duration_seconds_total", "Time spent scraping, summed over targets.", .counter,
                scrape.durationSecondsSum
            ),
            ("klaxon_scrape_targets_active", "Targets being scraped.", .gauge, Double(scrape.activeTargets)),
            ("klaxon_scrape_targets_dropped", "Targets dropped by relabeling.", .gauge, Double(scrape.droppedTargets)),
        ]
        for (name, help, type, value) in figures {
            out.help(name, help)
            out.type(name, type)
            out.sample(name, .empty, value)
        }
    }

    static func writeRouterCounters(
        _ counters: [(receiver: String, integration: String, counters: IntegrationCounters)],
        to out: inout ExpositionWriter
    ) {
        let families: [(String, String, KeyPath<IntegrationCounters, Int>)] = [
            ("alertmanager_notifications_total", "The total number of attempted notifications.", \.notifications),
            (
                "alertmanager_notifications_failed_total", "The total number of failed notifications.",
                \.notificationsFailed
            ),
            (
                "alertmanager_notification_requests_total", "The total number of attempted notification requests.",
                \.requests
            ),
            (
                "alertmanager_notification_requests_failed_total", "The total number of failed notification requests.",
                \.requestsFailed
            ),
        ]
        for (name, help, path) in families {
            out.help(name, help)
            out.type(name, .counter)
            for row in counters {
                let labels = Labels(["receiver": row.receiver, "integration": row.integration])
                out.sample(name, labels, Double(row.counters[keyPath: path]))
            }
        }
    }
}
