import KlaxonModel

extension JSONWriter {
    mutating func alert(_ alert: AlertView) {
        beginObject()
        key("labels")
        labels(alert.labels)
        key("annotations")
        labels(alert.annotations)
        key("state")
        string(alert.state.rawValue)
        if let activeAt = alert.activeAt {
            key("activeAt")
            time(activeAt)
        }
        key("value")
        string(alert.value)
        endObject()
    }

    /// One rule in Prometheus 2.42's key order (`AlertingRule`, `RecordingRule` in `web/api/v1`).
    mutating func rule(_ rule: RuleView) {
        beginObject()
        switch rule.kind {
        case .alerting:
            key("state")
            string(rule.state.rawValue)
            key("name")
            string(rule.name)
            key("query")
            string(rule.query)
            key("duration")
            goJSONFloat(rule.duration)
            key("keepFiringFor")
            goJSONFloat(rule.keepFiringFor)
            key("labels")
            labels(rule.labels)
            key("annotations")
            labels(rule.annotations)
            key("alerts")
            beginArray()
            for a in rule.alerts { alert(a) }
            endArray()
        case .recording:
            key("name")
            string(rule.name)
            key("query")
            string(rule.query)
            if !rule.labels.isEmpty {
                key("labels")
                labels(rule.labels)
            }
        }
        key("health")
        string(rule.health.rawValue)
        if !rule.lastError.isEmpty {
            key("lastError")
            string(rule.lastError)
        }
        key("evaluationTime")
        goJSONFloat(rule.evaluationTime)
        key("lastEvaluation")
        time(rule.lastEvaluation)
        key("type")
        string(rule.kind == .alerting ? "alerting" : "recording")
        endObject()
    }
}
