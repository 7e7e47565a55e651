public import KlaxonModel
public import KlaxonPromQL
import KlaxonTemplate

/// Settings shared by every group of a process.
public struct RuleGroupOptions: Sendable {
    /// Milliseconds, from `global.evaluation_interval`.
    public var defaultInterval: Int64
    public var externalLabels: Labels
    /// For `generatorURL` and `$externalURL`.
    public var externalURL: String
    /// `--rules.alert.resend-delay`, milliseconds.
    public var resendDelay: Int64
    public var engine: EngineOptions
    /// Default `query_offset` (ms) for groups that set none (Prometheus ≥2.53 `rules.query_offset`).
    public var defaultQueryOffset: Int64
    /// How long a resolved alert is kept to be re-sent (Prometheus `resolvedRetention`, 15 min).
    public var resolvedRetention: Int64

    public init(
        defaultInterval: Int64 = 60_000,
        externalLabels: Labels = .empty,
        externalURL: String = "",
        resendDelay: Int64 = 60_000,
        engine: EngineOptions = EngineOptions(),
        defaultQueryOffset: Int64 = 0,
        resolvedRetention: Int64 = 15 * 60_000
    ) {
        self.defaultInterval = defaultInterval
        self.externalLabels = externalLabels
        self.externalURL = externalURL
        self.resendDelay = resendDelay
        self.engine = engine
        self.defaultQueryOffset = defaultQueryOffset
        self.resolvedRetention = resolvedRetention
    }
}

/// What one evaluation of a group produced.
public struct GroupEvaluation: Sendable {
    /// Recording output, `ALERTS`, `ALERTS_FOR_STATE` and stale markers, to append to the store.
    public var samples: [VectorSample]
    /// Alerts to hand to the notifier now (firing ones due for (re-)sending, and resolved ones).
    public var alertsToSend: [Alert]
    public var durationSeconds: Double
    /// Per-rule evaluation errors, `rule "name": message`.
    public var errors: [String]
}

/// One alert instance of an alerting rule (`rules.Alert`).
struct AlertInstance: Sendable {
    var labels: Labels
    var annotations: [String: String]
    var state: AlertState
    var value: Double
    var activeAt: Timestamp
    var firedAt: Timestamp?
    var resolvedAt: Timestamp?
    var lastSentAt: Timestamp?
    var validUntil: Timestamp?
    var keepFiringSince: Timestamp?

    /// `Alert.needsSending` @2.42: never pending; resolved since the last send; else strictly after the delay.
    func needsSending(at t: Timestamp, resendDelay: Int64) -> Bool {
        if state == .pending { return false }
        if let resolvedAt, resolvedAt > (lastSentAt ?? Timestamp.min) { return true }
        guard let lastSentAt else { return true }
        return lastSentAt + resendDelay < t
    }
}

/// A rule with its runtime state.
struct RuleRuntime: Sendable {
    var spec: RuleSpec
    var expr: Expr?
    var query: String
    var labelTemplates: [(name: String, text: String, template: PrometheusTemplateExpander?)]
    var annotationTemplates: [(name: String, text: String, template: PrometheusTemplateExpander?)]
    var active: [Labels: AlertInstance] = [:]
    /// Series written by the last successful evaluation (for stale markers).
    var seriesInPreviousEval: Set<Labels> = []
    var health: RuleStatus.Health = .unknown
    var lastError: String?
    var lastEvaluation: Timestamp?
    var evaluationTime: Double = 0

    var isAlerting: Bool {
        if case .alerting = spec.kind { return true }
        return false
    }

    init(spec: RuleSpec) {
        self.spec = spec
        self.expr = spec.parsedExpr
        self.query = spec.parsedExpr.map { "\($0)" } ?? spec.expr
        var labelTemplates: [(name: String, text: String, template: PrometheusTemplateExpander?)] = []
        var annotationTemplates: [(name: String, text: String, template: PrometheusTemplateExpander?)] = []
        if case .alerting(let name) = spec.kind {
            for (key, text) in spec.labels {
                labelTemplates.append((key, text, try? PrometheusTemplateExpander(alertName: name, text: text)))
            }
            for (key, text) in spec.annotations {
                annotationTemplates.append((key, text, try? PrometheusTemplateExpander(alertName: name, text: text)))
            }
        } else {
            for (key, text) in spec.labels { labelTemplates.append((key, text, nil)) }
        }
        self.labelTemplates = labelTemplates
        self.annotationTemplates = annotationTemplates
    }

    /// Name + static labels: the key under which state is carried over on reload (`nameAndLabels`).
    var identity: String {
        var key = spec.name
        for (name, value) in spec.labels.sorted(by: { $0.name < $1.name }) {
            key += "\u{ff}" + name + "\u{fe}" + value
        }
        return key
    }
}

/// A rule group: its rules, their alert state and the staleness bookkeeping (`rules.Group` @2.42).
public struct RuleGroup: Sendable {
    public let name: String
    public let file: String
    /// Milliseconds.
    public let interval: Int64
    public let limit: Int
    /// Milliseconds subtracted from the evaluation time (`query_offset`).
    public let queryOffset: Int64
    let options: RuleGroupOptions
    var rules: [RuleRuntime]
    /// Series of rules removed on reload: stale-marked at the next evaluation.
    var staleSeries: [Labels] = []
    var lastEvaluation: Timestamp?
    var evaluationTime: Double = 0

    public init(spec: RuleGroupSpec, file: String, options: RuleGroupOptions) {
        self.name = spec.name
        self.file = file
        let interval = spec.interval.map { $0.milliseconds } ?? options.defaultInterval
        self.interval = interval > 0 ? interval : options.defaultInterval
        self.limit = spec.limit
        self.queryOffset = spec.queryOffset.map { $0.milliseconds } ?? options.defaultQueryOffset
        self.options = options
        self.rules = spec.rules.map(RuleRuntime.init(spec:))
    }

    /// The slot offset within the interval: `hash({file, name}) % interval` (computed in nanoseconds as
    /// Prometheus does, then truncated to milliseconds).
    public var evaluationOffset: Int64 {
        let hash = XXHash64.hash(labels: Labels([Label("name", name), Label("file", file)]))
        let intervalNanos = UInt64(max(interval, 1)) &* 1_000_000
        return Int64(hash % intervalNanos) / 1_000_000
    }

    /// The first evaluation slot at or after `t`.
    public func nextEvaluation(atOrAfter t: Timestamp) -> Timestamp {
        let offset = evaluationOffset
        let adjusted = t - offset
        var base = adjusted - floorMod(adjusted, interval)
        if base + offset < t { base += interval }
        return base + offset
    }

    private func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
        let r = a % b
        return r < 0 ? r + b : r
    }

    /// The labels written to ALERTS / ALERTS_FOR_STATE and sent (before external labels) for every alert.
    public var status: RuleGroupStatus {
        RuleGroupStatus(
            name: name,
            file: file,
            interval: interval,
            limit: limit,
            lastEvaluation: lastEvaluation,
            evaluationTime: evaluationTime,
            rules: rules.map { rule in
                let alerts = rule.active.values.filter { $0.state != .inactive }.map {
                    ActiveAlert(
                        labels: $0.labels,
                        annotations: $0.annotations,
                        state: $0.state,
                        activeAt: $0.activeAt,
                        firedAt: $0.firedAt,
                        keepFiringSince: $0.keepFiringSince,
                        value: $0.value
                    )
                }
                return RuleStatus(
                    kind: rule.isAlerting ? .alerting : .recording,
                    name: rule.spec.name,
                    query: rule.query,
                    duration: rule.spec.forDuration.milliseconds,
                    keepFiringFor: rule.spec.keepFiringFor.milliseconds,
                    labels: Labels(rule.spec.labels.map { Label($0.name, $0.value) }),
                    annotations: Dictionary(
                        rule.spec.annotations.map { ($0.name, $0.value) },
                        uniquingKeysWith: { _, last in last }
                    ),
                    health: rule.health,
                    lastError: rule.lastError,
                    lastEvaluation: rule.lastEvaluation,
                    evaluationTime: rule.evaluationTime,
                    alerts: alerts.sorted { $0.labels.lexicographicallyPrecedes($1.labels) }
                )
            }
        )
    }

    /// Stale markers for every series this group last wrote.
    public func staleMarkers(at t: Timestamp) -> [VectorSample] {
        var out: [VectorSample] = []
        for rule in rules {
            for labels in rule.seriesInPreviousEval {
                out.append(VectorSample(labels: labels, t: t, v: StaleNaN.value))
            }
        }
        for labels in staleSeries { out.append(VectorSample(labels: labels, t: t, v: StaleNaN.value)) }
        return out
    }

    /// Carries alert state and series bookkeeping over from the group this one replaces (`Group.CopyState`):
    /// rules are matched by name and labels, in order; series of rules that no longer exist are stale-marked at
    /// the next evaluation.
    public mutating func inheritState(from old: RuleGroup) {
        lastEvaluation = old.lastEvaluation
        evaluationTime = old.evaluationTime
        var byIdentity: [String: [Int]] = [:]
        for (index, rule) in old.rules.enumerated() { byIdentity[rule.identity, default: []].append(index) }
        for index in rules.indices {
            let key = rules[index].identity
            guard var candidates = byIdentity[key], !candidates.isEmpty else { continue }
            let from = candidates.removeFirst()
            byIdentity[key] = candidates
            rules[index].seriesInPreviousEval = old.rules[from].seriesInPreviousEval
            if rules[index].isAlerting && old.rules[from].isAlerting {
                rules[index].active = old.rules[from].active
            }
        }
        for indexes in byIdentity.values {
            for index in indexes { staleSeries.append(contentsOf: old.rules[index].seriesInPreviousEval) }
        }
        staleSeries.append(contentsOf: old.staleSeries)
    }

    /// Evaluates every rule at `t` (minus `query_offset`); see the type's documentation.
    public mutating func evaluate<Q: Queryable>(at t: Timestamp, queryable: Q) -> GroupEvaluation {
        let clock = ContinuousClock()
        let started = clock.now
        let ts = t - queryOffset
        var overlay = OverlayQueryable(base: queryable, overlay: MemoryQueryable())
        var result = GroupEvaluation(samples: [], alertsToSend: [], durationSeconds: 0, errors: [])
        let engine = Engine(options: options.engine)

        for labels in staleSeries {
            result.samples.append(VectorSample(labels: labels, t: ts, v: StaleNaN.value))
        }
        staleSeries.removeAll()

        for index in rules.indices {
            let ruleStarted = clock.now
            let outcome: Result<[VectorSample], RuleEvaluationError>
            if rules[index].isAlerting {
                outcome = evaluateAlerting(&rules[index], at: ts, engine: engine, queryable: overlay)
            } else {
                outcome = evaluateRecording(rules[index], at: ts, engine: engine, queryable: overlay)
            }
            rules[index].lastEvaluation = t
            switch outcome {
            case .failure(let error):
                rules[index].health = .err
                rules[index].lastError = error.message
                result.errors.append("rule \(goQuote(rules[index].spec.name)): \(error.message)")
            case .success(let vector):
                rules[index].health = .ok
                rules[index].lastError = nil
                if rules[index].isAlerting {
                    result.alertsToSend.append(contentsOf: alertsToSend(&rules[index], at: ts))
                }
                var returned: Set<Labels> = []
                returned.reserveCapacity(vector.count)
                for sample in vector {
                    result.samples.append(sample)
                    overlay.overlay.append(sample.labels, t: sample.t, v: sample.v)
                    returned.insert(sample.labels)
                }
                for labels in rules[index].seriesInPreviousEval where !returned.contains(labels) {
                    result.samples.append(VectorSample(labels: labels, t: ts, v: StaleNaN.value))
                    overlay.overlay.append(labels, t: ts, v: StaleNaN.value)
                }
                rules[index].seriesInPreviousEval = returned
            }
            rules[index].evaluationTime = seconds(clock.now - ruleStarted)
        }
        let elapsed = seconds(clock.now - started)
        lastEvaluation = t
        evaluationTime = elapsed
        result.durationSeconds = elapsed
        return result
    }

    private func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    // MARK: rules

    struct RuleEvaluationError: Error {
        var message: String
    }

    /// Runs the rule's query; a scalar becomes a one-element vector without labels (`EngineQueryFunc`).
    func query<Q: Queryable>(
        _ expr: Expr?,
        at ts: Timestamp,
        engine: Engine,
        queryable: Q
    ) -> Result<[VectorSample], RuleEvaluationError> {
        guard let expr else { return .failure(RuleEvaluationError(message: "rule has no valid expression")) }
        do {
            switch try engine.instantQuery(expr, at: ts, on: queryable) {
            case .vector(let samples): return .success(samples)
            case .scalar(let t, let v): return .success([VectorSample(labels: .empty, t: t, v: v)])
            case .matrix, .string:
                return .failure(RuleEvaluationError(message: "rule result is not a vector or scalar"))
            }
        } catch {
            return .failure(RuleEvaluationError(message: error.message))
        }
    }

    private func evaluateRecording<Q: Queryable>(
        _ rule: RuleRuntime,
        at ts: Timestamp,
        engine: Engine,
        queryable: Q
    ) -> Result<[VectorSample], RuleEvaluationError> {
        let vector: [VectorSample]
        switch query(rule.expr, at: ts, engine: engine, queryable: queryable) {
        case .failure(let error): return .failure(error)
        case .success(let samples): vector = samples
        }
        var out: [VectorSample] = []
        out.reserveCapacity(vector.count)
        var seen: Set<Labels> = []
        for sample in vector {
            var labels = sample.labels.setting(LabelName.metricName, to: rule.spec.name)
            for (name, value) in rule.labelTemplates.map({ ($0.name, $0.text) }) {
                labels = labels.setting(name, to: value)
            }
            if !seen.insert(labels).inserted {
                return .failure(
                    RuleEvaluationError(
                        message: "vector contains metrics with the same labelset after applying rule labels"
                    )
                )
            }
            out.append(VectorSample(labels: labels, t: ts, v: sample.v))
        }
        if limit > 0 && out.count > limit {
            return .failure(RuleEvaluationError(message: "exceeded limit of \(limit) with \(out.count) series"))
        }
        return .success(out)
    }

    /// `AlertingRule.sendAlerts` + `notifier.SendAlerts` @2.42: marks what is due and builds the alerts.
    /// With `restored`, every alert sent before a restart (see `resendRestored`) instead of those due.
    func alertsToSend(_ rule: inout RuleRuntime, at ts: Timestamp, restored: Bool = false) -> [Alert] {
        var out: [Alert] = []
        let delta = max(options.resendDelay, interval)
        let generatorURL = options.externalURL + "/graph?g0.expr=" + goQueryEscape(rule.query) + "&g0.tab=1"
        for labels in rule.active.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard var alert = rule.active[labels],
                restored
                    ? alert.state != .pending && alert.lastSentAt != nil
                    : alert.needsSending(at: ts, resendDelay: options.resendDelay)
            else { continue }
            alert.lastSentAt = ts
            alert.validUntil = ts + 4 * delta
            rule.active[labels] = alert
            var sent = alert.labels
            for label in options.externalLabels where !sent.has(label.name) {
                sent = sent.setting(label.name, to: label.value)
            }
            out.append(
                Alert(
                    labels: sent,
                    annotations: alert.annotations,
                    startsAt: alert.firedAt ?? alert.activeAt,
                    endsAt: alert.resolvedAt ?? alert.validUntil,
                    generatorURL: generatorURL,
                    updatedAt: ts
                )
            )
        }
        return out
    }
}
