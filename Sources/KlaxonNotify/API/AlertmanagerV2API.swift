import KlaxonModel

/// One request to the v2 API, as the HTTP server hands it over. `path` is what follows `/api/v2`.
public struct V2Request: Sendable {
    public var method: String
    public var path: String
    /// Decoded query parameters (the last value of a repeated key).
    public var query: [String: String]
    /// Every decoded query parameter in order (repeated `filter=` parameters); when empty, `query` is used.
    public var queryItems: [(name: String, value: String)]
    public var body: [UInt8]

    public init(
        method: String,
        path: String,
        query: [String: String] = [:],
        body: [UInt8] = [],
        queryItems: [(name: String, value: String)] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.queryItems = queryItems
    }

    func values(_ name: String) -> [String] {
        if queryItems.isEmpty { return query[name].map { [$0] } ?? [] }
        return queryItems.filter { $0.name == name }.map(\.value)
    }

    /// Go's `strconv.ParseBool`-ish flag with a default (an unparsable value keeps the default, as 0.25 does).
    func flag(_ name: String, default value: Bool) -> Bool {
        switch values(name).last {
        case "true", "1", "t", "T", "TRUE", "True": return true
        case "false", "0", "f", "F", "FALSE", "False": return false
        default: return value
        }
    }
}

public struct V2Response: Sendable, Equatable {
    public var status: Int
    /// Empty when the response has no body (Alertmanager sends no Content-Type then).
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int, contentType: String = "application/json", body: [UInt8] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    static let empty = V2Response(status: 200, contentType: "")

    /// A handler payload: Go's `json.Encoder` output with its trailing newline.
    static func json(_ status: Int, _ writer: GoJSONWriter) -> V2Response {
        var bytes = writer.bytes
        bytes.append(0x0A)
        return V2Response(status: status, body: bytes)
    }

    /// A JSON string payload (`"bad matcher format: =="` + newline), as 0.25's 400 responses carry.
    static func message(_ status: Int, _ text: String) -> V2Response {
        var writer = GoJSONWriter()
        writer.string(text)
        return json(status, writer)
    }

    /// go-openapi's error body (`{"code":601,"message":"…"}`, no newline).
    static func apiError(_ status: Int, code: Int, _ text: String) -> V2Response {
        var writer = GoJSONWriter()
        writer.raw("{\"code\":")
        writer.int(code)
        writer.raw(",\"message\":")
        writer.string(text)
        writer.raw("}")
        return V2Response(status: status, body: writer.bytes)
    }
}

/// The Alertmanager 0.25 v2 API subset, as plain request → response functions over an `Alertmanager`:
/// `POST/GET /alerts`, `GET /alerts/groups`, `GET/POST /silences`, `GET/DELETE /silence/{id}`, `GET /status`,
/// `GET /receivers`. Bodies have 0.25's key order and Go's JSON escaping (checked against recorded responses).
public enum AlertmanagerV2API {
    public static func handle(_ request: V2Request, alertmanager: Alertmanager) async -> V2Response {
        var request = request
        // The server passes the whole path; the routes below are relative to `/api/v2`.
        if request.path.hasPrefix("/api/v2/") || request.path == "/api/v2" {
            request.path = String(request.path.dropFirst("/api/v2".count))
        }
        let path =
            request.path.hasSuffix("/") && request.path.count > 1 ? String(request.path.dropLast()) : request.path
        switch path {
        case "/alerts":
            switch request.method {
            case "GET": return await getAlerts(request, alertmanager)
            case "POST": return await postAlerts(request, alertmanager)
            default: return methodNotAllowed(request.method, "[GET,POST]")
            }
        case "/alerts/groups":
            guard request.method == "GET" else { return methodNotAllowed(request.method, "[GET]") }
            return await getGroups(request, alertmanager)
        case "/silences":
            switch request.method {
            case "GET": return await getSilences(request, alertmanager)
            case "POST": return await postSilence(request, alertmanager)
            default: return methodNotAllowed(request.method, "[GET,POST]")
            }
        case "/status":
            guard request.method == "GET" else { return methodNotAllowed(request.method, "[GET]") }
            return await status(alertmanager)
        case "/receivers":
            guard request.method == "GET" else { return methodNotAllowed(request.method, "[GET]") }
            var writer = GoJSONWriter()
            writer.raw("[")
            for (index, name) in await alertmanager.receiverNames.enumerated() {
                if index > 0 { writer.raw(",") }
                writer.raw("{\"name\":")
                writer.string(name)
                writer.raw("}")
            }
            writer.raw("]")
            return .json(200, writer)
        default:
            if path.hasPrefix("/silence/") {
                let id = String(path.dropFirst("/silence/".count))
                switch request.method {
                case "GET", "DELETE": return await silenceByID(id, method: request.method, alertmanager)
                default: return methodNotAllowed(request.method, "[DELETE,GET]")
                }
            }
            return .apiError(404, code: 404, "path /api/v2\(request.path) was not found")
        }
    }

    private static func methodNotAllowed(_ method: String, _ allowed: String) -> V2Response {
        .apiError(405, code: 405, "method \(method) is not allowed, but \(allowed) are")
    }

    // MARK: alerts

    private static func postAlerts(_ request: V2Request, _ alertmanager: Alertmanager) async -> V2Response {
        let document: JSONValue
        do {
            document = try JSONValue.parse(request.body)
        } catch {
            return .apiError(400, code: 400, "parsing alerts body from \"\" failed, because \(error.description)")
        }
        guard case .array(let items) = document else {
            return .apiError(
                400,
                code: 400,
                "parsing alerts body from \"\" failed, because json: cannot unmarshal object into Go value of type models.PostableAlerts"
            )
        }
        var alerts: [Alert] = []
        var errors: [String] = []
        for item in items {
            switch decodeAlert(item) {
            case .success(let alert): alerts.append(alert)
            case .failure(let error): errors.append(error.description)
            }
        }
        errors.append(contentsOf: await alertmanager.post(alerts))
        if !errors.isEmpty { return .message(400, errors.joined(separator: "; ")) }
        return .empty
    }

    private struct DecodeError: Error, CustomStringConvertible {
        let description: String
    }

    private static func decodeAlert(_ value: JSONValue) -> Result<Alert, DecodeError> {
        guard case .object = value else { return .failure(DecodeError(description: "invalid alert")) }
        var labels: [Label] = []
        if case .object(let members) = value["labels"] ?? .null {
            for (name, labelValue) in members {
                // removeEmptyLabels: empty values are dropped before validation.
                if let text = labelValue.stringValue, !text.isEmpty { labels.append(Label(name, text)) }
            }
        }
        var annotations: [String: String] = [:]
        if case .object(let members) = value["annotations"] ?? .null {
            for (name, annotation) in members { annotations[name] = annotation.stringValue ?? "" }
        }
        var startsAt: Timestamp = 0
        var endsAt: Timestamp?
        if let text = value["startsAt"]?.stringValue {
            guard let parsed = Time.parseRFC3339Milliseconds(text) else {
                return .failure(DecodeError(description: "invalid startsAt"))
            }
            startsAt = parsed
        }
        if let text = value["endsAt"]?.stringValue {
            guard let parsed = Time.parseRFC3339Milliseconds(text) else {
                return .failure(DecodeError(description: "invalid endsAt"))
            }
            endsAt = parsed
        }
        if startsAt == 0, let endsAt { startsAt = endsAt }
        return .success(
            Alert(
                labels: Labels(labels.sorted { $0.name < $1.name }),
                annotations: annotations,
                startsAt: startsAt,
                endsAt: endsAt,
                generatorURL: value["generatorURL"]?.stringValue ?? ""
            )
        )
    }

    private struct AlertFilter {
        var matchers: [LabelMatcher] = []
        var receiver: LabelMatcher?
        var active = true
        var silenced = true
        var inhibited = true
    }

    private static func alertFilter(_ request: V2Request) -> Result<AlertFilter, DecodeError> {
        var filter = AlertFilter()
        for text in request.values("filter") {
            do {
                filter.matchers.append(contentsOf: try MatcherParser.parseMatchers(text))
            } catch {
                return .failure(DecodeError(description: error.description))
            }
        }
        if let receiver = request.values("receiver").last {
            do {
                filter.receiver = try LabelMatcher(.regexMatch, "receiver", receiver)
            } catch {
                return .failure(DecodeError(description: "failed to parse receiver param: \(error)"))
            }
        }
        filter.active = request.flag("active", default: true)
        filter.silenced = request.flag("silenced", default: true)
        filter.inhibited = request.flag("inhibited", default: true)
        return .success(filter)
    }

    private static func getAlerts(_ request: V2Request, _ alertmanager: Alertmanager) async -> V2Response {
        let filter: AlertFilter
        switch alertFilter(request) {
        case .success(let parsed): filter = parsed
        case .failure(let error): return .message(400, error.description)
        }
        var writer = GoJSONWriter()
        writer.raw("[")
        var first = true
        for status in await alertmanager.alertStatuses() where keep(status, filter) {
            if !first { writer.raw(",") }
            first = false
            gettable(status, receivers: status.receivers, into: &writer)
        }
        writer.raw("]")
        return .json(200, writer)
    }

    private static func keep(_ status: AlertStatus, _ filter: AlertFilter) -> Bool {
        if let receiver = filter.receiver, !status.receivers.contains(where: { receiver.matches($0) }) { return false }
        for matcher in filter.matchers where !matcher.matches(status.alert.labels) { return false }
        if !filter.active && status.state == .active { return false }
        if !filter.silenced && !status.silencedBy.isEmpty { return false }
        if !filter.inhibited && !status.inhibitedBy.isEmpty { return false }
        return true
    }

    /// `models.GettableAlert` in 0.25's key order.
    private static func gettable(_ status: AlertStatus, receivers: [String], into writer: inout GoJSONWriter) {
        let alert = status.alert
        writer.raw("{\"annotations\":")
        writer.map(alert.annotations.map { ($0.key, $0.value) })
        writer.raw(",\"endsAt\":")
        writer.string(Time.rfc3339Milliseconds(alert.endsAt))
        writer.raw(",\"fingerprint\":")
        writer.string(fingerprintHex(alert.fingerprint))
        writer.raw(",\"receivers\":[")
        for (index, receiver) in receivers.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw("{\"name\":")
            writer.string(receiver)
            writer.raw("}")
        }
        writer.raw("],\"startsAt\":")
        writer.string(Time.rfc3339Milliseconds(alert.startsAt))
        writer.raw(",\"status\":{\"inhibitedBy\":")
        stringArray(status.inhibitedBy, into: &writer)
        writer.raw(",\"silencedBy\":")
        stringArray(status.silencedBy, into: &writer)
        writer.raw(",\"state\":")
        writer.string(status.state.rawValue)
        writer.raw("},\"updatedAt\":")
        writer.string(Time.rfc3339Milliseconds(alert.updatedAt))
        if !alert.generatorURL.isEmpty {
            writer.raw(",\"generatorURL\":")
            writer.string(alert.generatorURL)
        }
        writer.raw(",\"labels\":")
        writer.labels(alert.labels)
        writer.raw("}")
    }

    private static func stringArray(_ values: [String], into writer: inout GoJSONWriter) {
        writer.raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.string(value)
        }
        writer.raw("]")
    }

    private static func getGroups(_ request: V2Request, _ alertmanager: Alertmanager) async -> V2Response {
        let filter: AlertFilter
        switch alertFilter(request) {
        case .success(let parsed): filter = parsed
        case .failure(let error): return .message(400, error.description)
        }
        var statuses: [UInt64: AlertStatus] = [:]
        for status in await alertmanager.alertStatuses() { statuses[status.alert.fingerprint] = status }
        var groups: [(labels: Labels, receiver: String, alerts: [AlertStatus])] = []
        var receiversByAlert: [UInt64: [String]] = [:]
        for group in await alertmanager.groupSnapshots() {
            if let receiver = filter.receiver, !receiver.matches(group.receiver) { continue }
            var kept: [AlertStatus] = []
            for alert in group.alerts {
                // alertStatuses() holds the unresolved alerts only.
                guard var status = statuses[alert.fingerprint] else { continue }
                status.receivers = [group.receiver]
                var matcherFilter = filter
                matcherFilter.receiver = nil
                guard keep(status, matcherFilter) else { continue }
                receiversByAlert[alert.fingerprint, default: []].append(group.receiver)
                kept.append(status)
            }
            if !kept.isEmpty { groups.append((group.labels, group.receiver, kept)) }
        }
        groups.sort { lhs, rhs in
            if lhs.labels == rhs.labels { return lhs.receiver < rhs.receiver }
            return labelSetBefore(lhs.labels, rhs.labels)
        }
        var writer = GoJSONWriter()
        writer.raw("[")
        for (index, group) in groups.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw("{\"alerts\":[")
            let sorted = group.alerts.sorted { alertOrder($0.alert, $1.alert) }
            for (position, status) in sorted.enumerated() {
                if position > 0 { writer.raw(",") }
                gettable(status, receivers: receiversByAlert[status.alert.fingerprint] ?? [], into: &writer)
            }
            writer.raw("],\"labels\":")
            writer.labels(group.labels)
            writer.raw(",\"receiver\":{\"name\":")
            writer.string(group.receiver)
            writer.raw("}}")
        }
        writer.raw("]")
        return .json(200, writer)
    }

    /// Prometheus' `LabelSet.Before`.
    static func labelSetBefore(_ lhs: Labels, _ rhs: Labels) -> Bool {
        if lhs.count != rhs.count { return lhs.count < rhs.count }
        let names = (lhs.map(\.name) + rhs.map(\.name)).sorted()
        for name in names {
            guard let left = lhs.value(of: name) else { return true }
            guard let right = rhs.value(of: name) else { return false }
            if left != right { return left < right }
        }
        return false
    }

    // MARK: silences

    private static func getSilences(_ request: V2Request, _ alertmanager: Alertmanager) async -> V2Response {
        var matchers: [LabelMatcher] = []
        for text in request.values("filter") {
            do {
                matchers.append(contentsOf: try MatcherParser.parseMatchers(text))
            } catch {
                return .message(400, error.description)
            }
        }
        let now = await alertmanager.now()
        let silences = await alertmanager.silences.allSilences.filter { silence in
            // A silence's matchers as a label set; every filter matcher must match it.
            let labels = Labels(
                silence.matchers.map { Label($0.name, $0.value) }.sorted { $0.name < $1.name }
            )
            return matchers.allSatisfy { $0.matches(labels) }
        }
        let ordered = sortSilences(silences, now: now)
        var writer = GoJSONWriter()
        writer.raw("[")
        for (index, silence) in ordered.enumerated() {
            if index > 0 { writer.raw(",") }
            gettable(silence, now: now, into: &writer)
        }
        writer.raw("]")
        return .json(200, writer)
    }

    /// 0.25's `SortSilences`: active (by end), then pending (by start), then expired (latest end first).
    static func sortSilences(_ silences: [Silence], now: Timestamp) -> [Silence] {
        func rank(_ state: Silence.State) -> Int {
            switch state {
            case .active: return 0
            case .pending: return 1
            case .expired: return 2
            }
        }
        let indexed = silences.enumerated().map { ($0.offset, $0.element, $0.element.state(at: now)) }
        return indexed.sorted { lhs, rhs in
            if lhs.2 != rhs.2 { return rank(lhs.2) < rank(rhs.2) }
            let (left, right) = (lhs.1, rhs.1)
            switch lhs.2 {
            case .active where left.endsAt != right.endsAt: return left.endsAt < right.endsAt
            case .pending where left.startsAt != right.startsAt: return left.startsAt < right.startsAt
            case .expired where left.endsAt != right.endsAt: return left.endsAt > right.endsAt
            default: return lhs.0 < rhs.0
            }
        }.map(\.1)
    }

    /// `models.GettableSilence` in 0.25's key order.
    private static func gettable(_ silence: Silence, now: Timestamp, into writer: inout GoJSONWriter) {
        writer.raw("{\"id\":")
        writer.string(silence.id)
        writer.raw(",\"status\":{\"state\":")
        writer.string(silence.state(at: now).rawValue)
        writer.raw("},\"updatedAt\":")
        writer.string(Time.rfc3339Milliseconds(silence.updatedAt))
        writer.raw(",\"comment\":")
        writer.string(silence.comment)
        writer.raw(",\"createdBy\":")
        writer.string(silence.createdBy)
        writer.raw(",\"endsAt\":")
        writer.string(Time.rfc3339Milliseconds(silence.endsAt))
        writer.raw(",\"matchers\":[")
        for (index, matcher) in silence.matchers.enumerated() {
            if index > 0 { writer.raw(",") }
            let isEqual = matcher.type == .equal || matcher.type == .regexMatch
            let isRegex = matcher.type == .regexMatch || matcher.type == .regexNoMatch
            writer.raw(isEqual ? "{\"isEqual\":true" : "{\"isEqual\":false")
            writer.raw(isRegex ? ",\"isRegex\":true" : ",\"isRegex\":false")
            writer.raw(",\"name\":")
            writer.string(matcher.name)
            writer.raw(",\"value\":")
            writer.string(matcher.value)
            writer.raw("}")
        }
        writer.raw("],\"startsAt\":")
        writer.string(Time.rfc3339Milliseconds(silence.startsAt))
        writer.raw("}")
    }

    private static func postSilence(_ request: V2Request, _ alertmanager: Alertmanager) async -> V2Response {
        let document: JSONValue
        do {
            document = try JSONValue.parse(request.body)
        } catch {
            return .apiError(400, code: 400, "parsing silence body from \"\" failed, because \(error.description)")
        }
        for field in ["comment", "createdBy", "endsAt", "matchers", "startsAt"] where document[field] == nil {
            return .apiError(422, code: 602, "\(field) in body is required")
        }
        guard case .array(let items) = document["matchers"] ?? .null else {
            return .apiError(422, code: 602, "matchers in body is required")
        }
        if items.isEmpty { return .apiError(422, code: 612, "matchers in body should have at least 1 items") }
        var matchers: [LabelMatcher] = []
        // Silences.Set validates the matchers after the API's time checks (`silence invalid: …`).
        var matcherError: String?
        for (index, item) in items.enumerated() {
            guard let name = item["name"]?.stringValue, let value = item["value"]?.stringValue else {
                return .apiError(422, code: 602, "matchers.\(index).name in body is required")
            }
            guard case .bool(let isRegex) = item["isRegex"] ?? .null else {
                return .apiError(422, code: 602, "matchers.\(index).isRegex in body is required")
            }
            var isEqual = true
            if case .bool(let flag) = item["isEqual"] ?? .null { isEqual = flag }
            let type: LabelMatcher.MatchType =
                isRegex ? (isEqual ? .regexMatch : .regexNoMatch) : (isEqual ? .equal : .notEqual)
            guard matcherError == nil else { continue }
            if !isValidLabelName(name) {
                matcherError = "invalid label matcher \(index): invalid label name \(goQuote(name))"
                continue
            }
            do {
                matchers.append(try LabelMatcher(type, name, value))
            } catch {
                matcherError =
                    "invalid label matcher \(index): invalid regular expression \(goQuote(value)): "
                    + MatcherParser.regexErrorText(pattern: value, error: error)
            }
        }
        guard let startsText = document["startsAt"]?.stringValue,
            let startsAt = Time.parseRFC3339Milliseconds(startsText),
            let endsText = document["endsAt"]?.stringValue, let endsAt = Time.parseRFC3339Milliseconds(endsText)
        else {
            return .apiError(422, code: 602, "startsAt in body must be of type date-time")
        }
        if startsAt >= endsAt { return .message(400, "Failed to create silence: start time must be before end time") }
        if endsAt < (await alertmanager.now()) {
            return .message(400, "Failed to create silence: end time can't be in the past")
        }
        if let matcherError { return .message(400, "silence invalid: " + matcherError) }
        let silence = Silence(
            id: document["id"]?.stringValue ?? "",
            matchers: matchers,
            startsAt: startsAt,
            endsAt: endsAt,
            createdBy: document["createdBy"]?.stringValue ?? "",
            comment: document["comment"]?.stringValue ?? ""
        )
        do {
            let id = try await alertmanager.setSilence(silence)
            var writer = GoJSONWriter()
            writer.raw("{\"silenceID\":")
            writer.string(id)
            writer.raw("}")
            return .json(200, writer)
        } catch {
            if error.description == "silence not found" { return .message(404, error.description) }
            return .message(400, "silence invalid: " + error.description)
        }
    }

    private static func silenceByID(_ id: String, method: String, _ alertmanager: Alertmanager) async -> V2Response {
        guard isUUID(id) else {
            return .apiError(422, code: 601, "silenceID in path must be of type uuid: \(goQuote(id))")
        }
        let now = await alertmanager.now()
        guard let silence = await alertmanager.silences.silence(id: id) else {
            return V2Response(status: 404, contentType: "")
        }
        if method == "DELETE" {
            // Expiring an expired silence succeeds (0.25 answers 200).
            if silence.state(at: now) != .expired { try? await alertmanager.expireSilence(id: id) }
            return .empty
        }
        var writer = GoJSONWriter()
        gettable(silence, now: now, into: &writer)
        return .json(200, writer)
    }

    /// go-openapi's `strfmt.IsUUID`: 8-4-4-4-12 hex digits.
    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                if byte != UInt8(ascii: "-") { return false }
            } else if !((48...57).contains(byte) || (97...102).contains(byte) || (65...70).contains(byte)) {
                return false
            }
        }
        return true
    }

    // MARK: status

    private static func status(_ alertmanager: Alertmanager) async -> V2Response {
        var writer = GoJSONWriter()
        writer.raw("{\"cluster\":{\"peers\":[],\"status\":\"disabled\"},\"config\":{\"original\":")
        writer.string(await alertmanager.configOriginal)
        writer.raw("},\"uptime\":")
        writer.string(Time.rfc3339Milliseconds(alertmanager.startedAt))
        writer.raw(
            ",\"versionInfo\":{\"branch\":\"klaxon\",\"buildDate\":\"\",\"buildUser\":\"klaxon\",\"goVersion\":\"none\","
        )
        writer.raw("\"revision\":\"klaxon\",\"version\":\"0.25.0\"}}")
        return .json(200, writer)
    }
}
