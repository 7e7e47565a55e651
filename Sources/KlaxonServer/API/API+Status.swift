import KlaxonModel
import KlaxonStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension API {
    /// `/api/v1/rules` (`type=alert|record` filters; a group left with no rules stays, as in 2.42).
    func rules(_ request: APIRequest) async -> Result<[UInt8], APIError> {
        let type = request.formValue("type").lowercased()
        var wantAlerting = true
        var wantRecording = true
        switch type {
        case "": break
        case "alert": wantRecording = false
        case "record": wantAlerting = false
        default: return .failure(.invalidParam("type", "not supported value \(goQuote(type))"))
        }
        let groups = await backend.ruleGroups()
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.key("groups")
        w.beginArray()
        for group in groups {
            let rules = group.rules.filter { $0.kind == .alerting ? wantAlerting : wantRecording }
            w.beginObject()
            w.key("name")
            w.string(group.name)
            w.key("file")
            w.string(group.file)
            w.key("rules")
            w.beginArray()
            for rule in rules { w.rule(rule) }
            w.endArray()
            w.key("interval")
            w.goJSONFloat(group.interval)
            w.key("limit")
            w.int(Int64(group.limit))
            w.key("evaluationTime")
            w.goJSONFloat(group.evaluationTime)
            w.key("lastEvaluation")
            w.time(group.lastEvaluation)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return .success(w.bytes)
    }

    /// `/api/v1/alerts`.
    func alerts() async -> [UInt8] {
        let alerts = await backend.activeAlerts()
        var w = JSONWriter(capacity: 256 * alerts.count + 32)
        w.beginObject()
        w.key("alerts")
        w.beginArray()
        for alert in alerts { w.alert(alert) }
        w.endArray()
        w.endObject()
        return w.bytes
    }

    /// `/api/v1/targets` (`state=active|dropped|any`; another value lists nothing, as Prometheus does).
    func targets(_ request: APIRequest) async -> [UInt8] {
        let state = request.formValue("state").lowercased()
        let showActive = state == "" || state == "any" || state == "active"
        let showDropped = state == "" || state == "any" || state == "dropped"
        let view = await backend.targets()
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.key("activeTargets")
        w.beginArray()
        if showActive {
            for target in view.active {
                w.beginObject()
                w.key("discoveredLabels")
                w.labels(target.discoveredLabels)
                w.key("labels")
                w.labels(target.labels)
                w.key("scrapePool")
                w.string(target.scrapePool)
                w.key("scrapeUrl")
                w.string(target.scrapeURL)
                w.key("globalUrl")
                w.string(target.globalURL)
                w.key("lastError")
                w.string(target.lastError)
                w.key("lastScrape")
                w.time(target.lastScrape)
                w.key("lastScrapeDuration")
                w.goJSONFloat(target.lastScrapeDuration)
                w.key("health")
                w.string(target.health.rawValue)
                w.key("scrapeInterval")
                w.string(target.scrapeInterval)
                w.key("scrapeTimeout")
                w.string(target.scrapeTimeout)
                w.endObject()
            }
        }
        w.endArray()
        w.key("droppedTargets")
        w.beginArray()
        if showDropped {
            for target in view.dropped {
                w.beginObject()
                w.key("discoveredLabels")
                w.labels(target.discoveredLabels)
                w.endObject()
            }
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }

    /// `/api/v1/status/config`.
    func statusConfig() async -> [UInt8] {
        let yaml = await backend.configYAML()
        var w = JSONWriter(capacity: yaml.utf8.count + 32)
        w.beginObject()
        w.key("yaml")
        w.string(yaml)
        w.endObject()
        return w.bytes
    }

    /// `/api/v1/status/flags` (keys sorted, as Go writes a map).
    func statusFlags() async -> [UInt8] {
        let flags = await backend.flags().sorted { $0.0 < $1.0 }
        var w = JSONWriter(capacity: 64 * flags.count + 8)
        w.beginObject()
        var last: String? = nil
        for (name, value) in flags where name != last {
            w.key(name)
            w.string(value)
            last = name
        }
        w.endObject()
        return w.bytes
    }

    /// `/api/v1/status/buildinfo`.
    func buildInfo() -> [UInt8] {
        let info = configuration.buildInfo
        var w = JSONWriter()
        w.beginObject()
        w.key("version")
        w.string(info.version)
        w.key("revision")
        w.string(info.revision)
        w.key("branch")
        w.string(info.branch)
        w.key("buildUser")
        w.string(info.buildUser)
        w.key("buildDate")
        w.string(info.buildDate)
        w.key("goVersion")
        w.string(info.goVersion)
        w.endObject()
        return w.bytes
    }

    /// `/api/v1/status/runtimeinfo`: the fields that mean something here (no goroutines, no GOGC/GODEBUG).
    func runtimeInfo() async -> [UInt8] {
        let reload = await backend.configReloadStatus()
        var w = JSONWriter()
        w.beginObject()
        w.key("startTime")
        w.time(startTime)
        w.key("CWD")
        w.string(Self.currentDirectory())
        w.key("reloadConfigSuccess")
        w.bool(reload?.success ?? true)
        w.key("lastConfigTime")
        w.time((reload?.lastConfigTime ?? startTime) / 1000 * 1000)
        w.key("corruptionCount")
        w.int(0)
        w.key("storageRetention")
        w.string(PromDuration(milliseconds: head.options.retention).description)
        w.endObject()
        return w.bytes
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

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
