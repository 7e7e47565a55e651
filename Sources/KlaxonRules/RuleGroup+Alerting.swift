import KlaxonModel
import KlaxonPromQL
import KlaxonTemplate

// Alerting-rule evaluation: the query result becomes pending alerts, merged into the rule's active ones, which then
// move on (pending → firing → inactive) and yield the ALERTS series.
extension RuleGroup {
    /// `AlertingRule.Eval` @2.42.
    func evaluateAlerting<Q: Queryable>(
        _ rule: inout RuleRuntime,
        at ts: Timestamp,
        engine: Engine,
        queryable: Q
    ) -> Result<[VectorSample], RuleEvaluationError> {
        let vector: [VectorSample]
        switch query(rule.expr, at: ts, engine: engine, queryable: queryable) {
        case .failure(let error): return .failure(error)
        case .success(let samples): vector = samples
        }
        let current: [Labels: AlertInstance]
        switch alerts(of: rule, for: vector, at: ts, engine: engine, queryable: queryable) {
        case .failure(let error): return .failure(error)
        case .success(let alerts): current = alerts
        }
        merge(current, into: &rule)
        let (out, activeCount) = advanceActiveAlerts(&rule, current: current, at: ts)
        if limit > 0 && activeCount > limit {
            rule.active.removeAll()
            return .failure(RuleEvaluationError(message: "exceeded limit of \(limit) with \(activeCount) alerts"))
        }
        return .success(out)
    }

    /// One pending alert per sample of the rule's query result, its labels and annotations expanded from the
    /// rule's templates; fails when two samples end up with the same label set.
    private func alerts<Q: Queryable>(
        of rule: RuleRuntime,
        for vector: [VectorSample],
        at ts: Timestamp,
        engine: Engine,
        queryable: Q
    ) -> Result<[Labels: AlertInstance], RuleEvaluationError> {
        let alertName = rule.spec.name
        let externalLabels = options.externalLabels.dictionary
        let externalURL = options.externalURL
        let templateQuery = templateQuery(at: ts, engine: engine, queryable: queryable)

        var current: [Labels: AlertInstance] = [:]
        current.reserveCapacity(vector.count)
        for sample in vector {
            let sampleLabels = sample.labels.dictionary
            func expand(_ entry: (name: String, text: String, template: PrometheusTemplateExpander?)) -> String {
                guard let template = entry.template else { return entry.text }
                return template.expand(
                    labels: sampleLabels,
                    externalLabels: externalLabels,
                    externalURL: externalURL,
                    value: sample.v,
                    query: templateQuery
                )
            }
            var labels = sample.labels.withoutMetricName
            for entry in rule.labelTemplates { labels = labels.setting(entry.name, to: expand(entry)) }
            labels = labels.setting(LabelName.alertName, to: alertName)
            var annotations: [String: String] = [:]
            for entry in rule.annotationTemplates { annotations[entry.name] = expand(entry) }
            if current[labels] != nil {
                return .failure(
                    RuleEvaluationError(
                        message: "vector contains metrics with the same labelset after applying alert labels"
                    )
                )
            }
            current[labels] = AlertInstance(
                labels: labels,
                annotations: annotations,
                state: .pending,
                value: sample.v,
                activeAt: ts
            )
        }
        return .success(current)
    }

    /// The `query` template function of this evaluation: an instant query at `ts` on the same data.
    private func templateQuery<Q: Queryable>(at ts: Timestamp, engine: Engine, queryable: Q) -> TemplateQueryFunction {
        let parser: ParserOptions = engine.options.mode == .prometheus2 ? .prometheus2 : .prometheus3
        return { text in
            let expr = try parseExpr(text, options: parser)
            switch try engine.instantQuery(expr, at: ts, on: queryable) {
            case .vector(let samples):
                return samples.map { QuerySample(labels: $0.labels.dictionary, value: $0.v) }
            case .scalar(_, let v):
                return [QuerySample(labels: [:], value: v)]
            case .matrix, .string:
                throw RuleEvaluationError(message: "rule result is not a vector or scalar")
            }
        }
    }

    /// Adds the alerts of this evaluation to the rule's active ones; an alert already active (not inactive) keeps
    /// its state and `activeAt` and takes the new value and annotations.
    private func merge(_ current: [Labels: AlertInstance], into rule: inout RuleRuntime) {
        for (labels, fresh) in current {
            if var existing = rule.active[labels], existing.state != .inactive {
                existing.value = fresh.value
                existing.annotations = fresh.annotations
                rule.active[labels] = existing
            } else {
                rule.active[labels] = fresh
            }
        }
    }

    /// Moves every active alert on at `ts` (pending → firing after `for`, gone → inactive or deleted) and returns
    /// the `ALERTS` / `ALERTS_FOR_STATE` samples of those still pending or firing, with their count.
    private func advanceActiveAlerts(
        _ rule: inout RuleRuntime,
        current: [Labels: AlertInstance],
        at ts: Timestamp
    ) -> (samples: [VectorSample], activeCount: Int) {
        let holdDuration = rule.spec.forDuration.milliseconds
        let keepFiringFor = rule.spec.keepFiringFor.milliseconds
        var out: [VectorSample] = []
        var activeCount = 0
        for labels in Array(rule.active.keys) {
            guard var alert = rule.active[labels] else { continue }
            if current[labels] == nil {
                switch settleVanished(&alert, at: ts, keepFiringFor: keepFiringFor) {
                case .delete:
                    rule.active[labels] = nil
                    continue
                case .keepInactive:
                    rule.active[labels] = alert
                    continue
                case .keepFiring:
                    break
                }
            } else {
                alert.keepFiringSince = nil
            }
            activeCount += 1
            if alert.state == .pending && ts - alert.activeAt >= holdDuration {
                alert.state = .firing
                alert.firedAt = ts
            }
            rule.active[labels] = alert
            appendSeries(of: alert, at: ts, to: &out)
        }
        return (out, activeCount)
    }

    /// What becomes of an active alert the query no longer returns.
    private enum VanishedAlert {
        /// Pending, or resolved longer than `resolvedRetention` ago.
        case delete
        /// Firing and still within `keep_firing_for` of the first evaluation that missed it.
        case keepFiring
        /// Inactive (resolved at `ts` if it was not already).
        case keepInactive
    }

    /// Updates `alert` (absent from this evaluation's result) as `AlertingRule.Eval` does and says what to do with it.
    private func settleVanished(
        _ alert: inout AlertInstance,
        at ts: Timestamp,
        keepFiringFor: Int64
    ) -> VanishedAlert {
        var keepFiring = false
        if alert.state == .firing && keepFiringFor > 0 {
            let since = alert.keepFiringSince ?? ts
            alert.keepFiringSince = since
            if ts - since < keepFiringFor { keepFiring = true }
        }
        if alert.state == .pending
            || (alert.resolvedAt.map { ts - $0 > options.resolvedRetention } ?? false)
        {
            return .delete
        }
        if alert.state != .inactive && !keepFiring {
            alert.state = .inactive
            alert.resolvedAt = ts
        }
        return keepFiring ? .keepFiring : .keepInactive
    }

    /// The `ALERTS{alertstate=...}` and `ALERTS_FOR_STATE` samples of a pending or firing alert.
    private func appendSeries(of alert: AlertInstance, at ts: Timestamp, to out: inout [VectorSample]) {
        out.append(
            VectorSample(
                labels: alert.labels.setting(LabelName.metricName, to: "ALERTS")
                    .setting("alertstate", to: alert.state.rawValue),
                t: ts,
                v: 1
            )
        )
        out.append(
            VectorSample(
                labels: alert.labels.setting(LabelName.metricName, to: "ALERTS_FOR_STATE"),
                t: ts,
                v: Double(floorDiv(alert.activeAt, 1000))
            )
        )
    }

    private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
