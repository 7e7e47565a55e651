import KlaxonModel
import KlaxonYAML

/// Why an alertmanager.yml could not be loaded, worded as Alertmanager 0.25 / `amtool check-config` print it.
public struct AlertmanagerConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Reads alertmanager.yml the way Alertmanager 0.25's `config.Load` does: a strict decode (go-yaml
/// `UnmarshalStrict`: unknown and repeated fields are errors, collected and reported together), the checks
/// each section's `UnmarshalYAML` makes while decoding (matchers, URLs, time ranges: the first one aborts),
/// then the whole-file validation of `AlertmanagerConfig.validate()`.
///
/// Integrations Klaxon does not deliver to (`email_configs`, `pagerduty_configs`, …) are accepted with their
/// fields unchecked except for the checks noted in `decodeUnsupported`, and listed in
/// `ReceiverSpec.unsupportedIntegrations` so the daemon can say they are not used.
public enum AlertmanagerConfigLoader {
    /// Loads `file`; `templates` patterns are made relative to the file's directory (as Alertmanager does).
    public static func load(file: String) throws(AlertmanagerConfigError) -> AlertmanagerConfig {
        let bytes: [UInt8]
        switch readFile(file) {
        case .success(let read): bytes = read
        case .failure(let error): throw AlertmanagerConfigError(error.description)
        }
        var config = try parse(String(decoding: bytes, as: UTF8.self), file: file)
        let directory = directoryName(file)
        config.templates = config.templates.map { $0.hasPrefix("/") ? $0 : directory + "/" + $0 }
        return config
    }

    /// Parses and validates the text of an alertmanager.yml (`file` is for messages only).
    public static func parse(_ yaml: String, file: String) throws(AlertmanagerConfigError) -> AlertmanagerConfig {
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(yaml)
        } catch {
            if case .duplicateKey(let duplicate) = error { throw AlertmanagerConfigError(v2Wording(duplicate.message)) }
            throw AlertmanagerConfigError(error.message)
        }
        // An empty document never reaches Config.UnmarshalYAML (config.Load's own check).
        guard let root, !root.isNull else { throw AlertmanagerConfigError("no route provided in config") }
        var reader = NodeReader()
        // go-yaml v2 reports a repeated struct field when it meets it (`field x already set in type …`).
        var config = decodeConfig(withoutDuplicateMarks(root), reader: &reader)
        config.original = ConfigRedaction.redact(yaml)
        if let message = reader.errorMessage { throw AlertmanagerConfigError(message) }
        do {
            try config.validate()
        } catch {
            throw AlertmanagerConfigError(error.description)
        }
        return config
    }

    /// The template files of `config.templates` (glob patterns, already resolved) in Go's order: each pattern's
    /// sorted matches; a pattern matching nothing is skipped. Returns (base name, text) pairs.
    public static func templateFiles(
        _ config: AlertmanagerConfig
    ) throws(AlertmanagerConfigError) -> [(
        name: String, text: String
    )] {
        var files: [(name: String, text: String)] = []
        for pattern in config.templates {
            for path in globFiles(pattern) {
                switch readFile(path) {
                case .success(let bytes):
                    let name = path.split(separator: "/").last.map(String.init) ?? path
                    files.append((name, String(decoding: bytes, as: UTF8.self)))
                case .failure(let error): throw AlertmanagerConfigError(error.description)
                }
            }
        }
        return files
    }

    /// go-yaml v3's `mapping key "k" already defined at line N` as v2's strict decode of a struct words it.
    static func v2Wording(_ message: String) -> String {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let marker = "mapping key \""
            guard let start = line.firstRange(of: marker), let end = line.firstRange(of: "\" already defined") else {
                return String(line)
            }
            let key = line[start.upperBound..<end.lowerBound]
            // Yams cannot place repeats in flow mappings; a name that is no config field is a map key.
            if !allFieldNames.contains(String(key)) {
                return line[..<start.lowerBound] + "key " + goQuoted(String(key)) + " already set in map"
            }
            return line[..<start.lowerBound] + "field " + key + " already set in type " + plain
        }
        return lines.joined(separator: "\n")
    }

    /// Every field name of the configuration structs (to tell a repeated field from a repeated map key).
    static let allFieldNames: Set<String> = [
        "global", "route", "inhibit_rules", "receivers", "templates", "mute_time_intervals", "time_intervals",
        "resolve_timeout", "http_config", "smtp_from", "smtp_smarthost", "slack_api_url", "slack_api_url_file",
        "receiver", "group_by", "match", "match_re", "matchers", "active_time_intervals", "continue", "routes",
        "group_wait", "group_interval", "repeat_interval", "source_match", "source_match_re", "source_matchers",
        "target_match", "target_match_re", "target_matchers", "equal", "name", "email_configs", "pagerduty_configs",
        "slack_configs", "webhook_configs", "opsgenie_configs", "wechat_configs", "pushover_configs",
        "victorops_configs", "sns_configs", "telegram_configs", "webex_configs", "discord_configs", "send_resolved",
        "url", "max_alerts", "api_url", "api_url_file", "channel", "username", "color", "title", "title_link",
        "pretext", "text", "fields", "short_fields", "footer", "fallback", "callback_id", "icon_emoji", "icon_url",
        "image_url", "thumb_url", "link_names", "mrkdwn_in", "actions", "value", "short", "type", "style", "confirm",
        "authorization", "basic_auth", "bearer_token", "bearer_token_file", "tls_config", "proxy_url",
        "follow_redirects", "enable_http2", "oauth2", "username_file", "password", "password_file", "credentials",
        "credentials_file", "ca_file", "cert_file", "key_file", "server_name", "insecure_skip_verify", "times",
        "weekdays", "days_of_month", "months", "years", "location", "start_time", "end_time", "to", "from",
        "smarthost",
    ]

    /// The tree with `duplicateOf` cleared, so that repeats are reported by `forEachField` in v2's words.
    static func withoutDuplicateMarks(_ node: YAMLNode) -> YAMLNode {
        var node = node
        node.duplicateOf = nil
        switch node.kind {
        case .scalar: break
        case .sequence(let items): node.kind = .sequence(items.map(withoutDuplicateMarks))
        case .mapping(let pairs):
            node.kind = .mapping(
                pairs.map { YAMLPair(key: withoutDuplicateMarks($0.key), value: withoutDuplicateMarks($0.value)) }
            )
        }
        return node
    }

    // MARK: top level

    static let plain = "config.plain"

    static func decodeConfig(_ root: YAMLNode, reader: inout NodeReader) -> AlertmanagerConfig {
        var config = AlertmanagerConfig()
        let known: Set<String> = [
            "global", "route", "inhibit_rules", "receivers", "templates", "mute_time_intervals", "time_intervals",
        ]
        reader.forEachField(of: root, goType: plain, known: known) { reader, key, value in
            switch key {
            case "global": config.global = decodeGlobal(value, reader: &reader)
            case "route":
                if !value.isNull { config.route = decodeRoute(value, reader: &reader) }
            case "inhibit_rules":
                for item in reader.sequence(value, goType: "[]*config.InhibitRule") ?? [] {
                    if let rule = decodeInhibitRule(item, reader: &reader) { config.inhibitRules.append(rule) }
                    if reader.aborted { return }
                }
            case "receivers":
                for item in reader.sequence(value, goType: "[]*config.Receiver") ?? [] {
                    if let receiver = decodeReceiver(item, reader: &reader) { config.receivers.append(receiver) }
                    if reader.aborted { return }
                }
            case "templates": config.templates = stringList(value, reader: &reader)
            case "mute_time_intervals", "time_intervals":
                let goType = key == "time_intervals" ? "[]config.TimeInterval" : "[]config.MuteTimeInterval"
                for item in reader.sequence(value, goType: goType) ?? [] {
                    let interval = TimeIntervalDecoder.decodeNamed(
                        item,
                        mute: key == "mute_time_intervals",
                        reader: &reader
                    )
                    if let interval {
                        if key == "time_intervals" {
                            config.timeIntervals.append(interval)
                        } else {
                            config.muteTimeIntervals.append(interval)
                        }
                    }
                    if reader.aborted { return }
                }
            default: break
            }
        }
        return config
    }

    static func decodeGlobal(_ node: YAMLNode, reader: inout NodeReader) -> AlertmanagerConfig.Global {
        var global = AlertmanagerConfig.Global()
        let known: Set<String> = [
            "resolve_timeout", "http_config", "smtp_from", "smtp_hello", "smtp_smarthost", "smtp_auth_username",
            "smtp_auth_password", "smtp_auth_password_file", "smtp_auth_secret", "smtp_auth_identity",
            "smtp_require_tls", "slack_api_url", "slack_api_url_file", "pagerduty_url", "opsgenie_api_url",
            "opsgenie_api_key", "opsgenie_api_key_file", "wechat_api_url", "wechat_api_secret", "wechat_api_corp_id",
            "victorops_api_url", "victorops_api_key", "victorops_api_key_file", "telegram_api_url", "webex_api_url",
        ]
        reader.forEachField(of: node, goType: plain, known: known) { reader, key, value in
            switch key {
            case "resolve_timeout":
                if let duration = reader.duration(value) { global.resolveTimeout = duration.milliseconds }
            case "http_config": global.httpConfig = decodeHTTPConfig(value, reader: &reader)
            case "smtp_from": global.smtpFrom = reader.string(value) ?? ""
            case "smtp_smarthost": global.smtpSmarthost = reader.string(value) ?? ""
            case "smtp_require_tls": _ = bool(value, reader: &reader)
            case "slack_api_url":
                if let url = decodeURL(value, reader: &reader) { global.slackAPIURL = url }
            case "slack_api_url_file": global.slackAPIURLFile = reader.string(value) ?? ""
            case "pagerduty_url", "opsgenie_api_url", "wechat_api_url", "victorops_api_url", "telegram_api_url",
                "webex_api_url":
                _ = decodeURL(value, reader: &reader)
            default: _ = reader.string(value)
            }
        }
        if !reader.aborted {
            if global.slackAPIURL != nil && !global.slackAPIURLFile.isEmpty {
                reader.fail("at most one of slack_api_url & slack_api_url_file must be configured")
            } else {
                failOnValidation(&reader) { () throws(AlertmanagerConfig.ValidationError) in
                    try global.httpConfig.validate()
                }
            }
        }
        return global
    }

    // MARK: route

    static func decodeRoute(_ node: YAMLNode, reader: inout NodeReader) -> RouteSpec? {
        var route = RouteSpec()
        let known: Set<String> = [
            "receiver", "group_by", "match", "match_re", "matchers", "mute_time_intervals", "active_time_intervals",
            "continue", "routes", "group_wait", "group_interval", "repeat_interval",
        ]
        let before = reader.typeErrors.count
        var match: [(String, String)] = []
        var matchRE: [(String, String)] = []
        let isMapping = reader.forEachField(of: node, goType: plain, known: known) { reader, key, value in
            switch key {
            case "receiver": route.receiver = reader.string(value)
            case "group_by": route.groupBy = value.isNull ? nil : stringList(value, reader: &reader)
            case "match": match = labelMap(value, reader: &reader)
            case "match_re": matchRE = regexMap(value, reader: &reader)
            case "matchers": route.matchers = decodeMatchers(value, reader: &reader)
            case "mute_time_intervals": route.muteTimeIntervals = stringList(value, reader: &reader)
            case "active_time_intervals": route.activeTimeIntervals = stringList(value, reader: &reader)
            case "continue": route.continue = bool(value, reader: &reader)
            case "routes":
                for item in reader.sequence(value, goType: "[]*config.Route") ?? [] {
                    if let child = decodeRoute(item, reader: &reader) { route.routes.append(child) }
                    if reader.aborted { return }
                }
            case "group_wait": route.groupWait = reader.duration(value)?.milliseconds
            case "group_interval": route.groupInterval = reader.duration(value)?.milliseconds
            case "repeat_interval": route.repeatInterval = reader.duration(value)?.milliseconds
            default: break
            }
        }
        guard isMapping, !reader.aborted else { return nil }
        // Route.UnmarshalYAML returns the decode errors before its own checks.
        guard reader.typeErrors.count == before else { return route }
        for (name, _) in match + matchRE where !isValidLabelName(name) {
            reader.fail("invalid label name " + goQuoted(name))
            return nil
        }
        // Deprecated maps become matchers (Go ranges over maps: sorted here; routes sort matchers anyway).
        for (name, value) in match.sorted(by: { $0.0 < $1.0 }) { route.matchers.append(.equal(name, value)) }
        for (name, pattern) in matchRE.sorted(by: { $0.0 < $1.0 }) {
            do {
                route.matchers.append(try AlertmanagerConfig.matchREMatcher(name: name, pattern: pattern))
            } catch {
                reader.fail(MatcherParser.regexErrorText(pattern: "^(?:" + pattern + ")$", error: error))
                return nil
            }
        }
        failOnValidation(&reader) { () throws(AlertmanagerConfig.ValidationError) in
            try AlertmanagerConfig.validateNodeFields(route)
        }
        return reader.aborted ? nil : route
    }

    /// `config.Matchers`: a list of strings, each holding one or more matchers; a bad one aborts decoding.
    static func decodeMatchers(_ node: YAMLNode, reader: inout NodeReader) -> [LabelMatcher] {
        var matchers: [LabelMatcher] = []
        for line in stringList(node, reader: &reader) {
            do {
                matchers.append(contentsOf: try MatcherParser.parseMatchers(line))
            } catch {
                reader.fail(error.description)
                return []
            }
        }
        return matchers
    }

    /// A `match_re` map: label name → pattern; patterns are compiled when decoded (`config.Regexp`).
    static func regexMap(_ node: YAMLNode, reader: inout NodeReader) -> [(String, String)] {
        let entries = labelMap(node, reader: &reader)
        for (_, pattern) in entries {
            do {
                _ = try LabelMatcher(.regexMatch, "x", pattern)
            } catch {
                reader.fail(MatcherParser.regexErrorText(pattern: "^(?:" + pattern + ")$", error: error))
                return []
            }
        }
        return entries
    }

    // MARK: inhibit rules

    static func decodeInhibitRule(_ node: YAMLNode, reader: inout NodeReader) -> InhibitRule? {
        var rule = InhibitRule(sourceMatchers: [], targetMatchers: [])
        let known: Set<String> = [
            "source_match", "source_match_re", "source_matchers", "target_match", "target_match_re",
            "target_matchers", "equal",
        ]
        let before = reader.typeErrors.count
        var sourceMatch: [(String, String)] = []
        var sourceMatchRE: [(String, String)] = []
        var targetMatch: [(String, String)] = []
        var targetMatchRE: [(String, String)] = []
        let isMapping = reader.forEachField(of: node, goType: plain, known: known) { reader, key, value in
            switch key {
            case "source_match": sourceMatch = labelMap(value, reader: &reader)
            case "source_match_re": sourceMatchRE = regexMap(value, reader: &reader)
            case "source_matchers": rule.sourceMatchers = decodeMatchers(value, reader: &reader)
            case "target_match": targetMatch = labelMap(value, reader: &reader)
            case "target_match_re": targetMatchRE = regexMap(value, reader: &reader)
            case "target_matchers": rule.targetMatchers = decodeMatchers(value, reader: &reader)
            case "equal": rule.equal = stringList(value, reader: &reader)
            default: break
            }
        }
        guard isMapping, !reader.aborted, reader.typeErrors.count == before else { return nil }
        for (name, _) in sourceMatch + sourceMatchRE + targetMatch + targetMatchRE where !isValidLabelName(name) {
            reader.fail("invalid label name " + goQuoted(name))
            return nil
        }
        for name in rule.equal where !isValidLabelName(name) {
            reader.fail(goQuoted(name) + " is not a valid label name")
            return nil
        }
        do {
            for (name, value) in sourceMatch.sorted(by: { $0.0 < $1.0 }) {
                rule.sourceMatchers.append(.equal(name, value))
            }
            for (name, value) in sourceMatchRE.sorted(by: { $0.0 < $1.0 }) {
                rule.sourceMatchers.append(try AlertmanagerConfig.matchREMatcher(name: name, pattern: value))
            }
            for (name, value) in targetMatch.sorted(by: { $0.0 < $1.0 }) {
                rule.targetMatchers.append(.equal(name, value))
            }
            for (name, value) in targetMatchRE.sorted(by: { $0.0 < $1.0 }) {
                rule.targetMatchers.append(try AlertmanagerConfig.matchREMatcher(name: name, pattern: value))
            }
        } catch {
            reader.fail("\(error)")
            return nil
        }
        return rule
    }

    // MARK: receivers

    static func decodeReceiver(_ node: YAMLNode, reader: inout NodeReader) -> AlertmanagerConfig.ReceiverSpec? {
        var receiver = AlertmanagerConfig.ReceiverSpec(name: "")
        let known: Set<String> = [
            "name", "email_configs", "pagerduty_configs", "slack_configs", "webhook_configs", "opsgenie_configs",
            "wechat_configs", "pushover_configs", "victorops_configs", "sns_configs", "telegram_configs",
            "webex_configs", "discord_configs",
        ]
        let before = reader.typeErrors.count
        let isMapping = reader.forEachField(of: node, goType: plain, known: known) { reader, key, value in
            switch key {
            case "name": receiver.name = reader.string(value) ?? ""
            case "webhook_configs":
                for item in reader.sequence(value, goType: "[]*config.WebhookConfig") ?? [] {
                    if let webhook = ReceiverDecoder.webhook(item, reader: &reader) {
                        receiver.webhookConfigs.append(webhook)
                    }
                    if reader.aborted { return }
                }
            case "slack_configs":
                for item in reader.sequence(value, goType: "[]*config.SlackConfig") ?? [] {
                    if let slack = ReceiverDecoder.slack(item, reader: &reader) { receiver.slackConfigs.append(slack) }
                    if reader.aborted { return }
                }
            case "email_configs":
                for item in reader.sequence(value, goType: "[]*config.EmailConfig") ?? [] {
                    if let email = ReceiverDecoder.email(item, reader: &reader) { receiver.emailConfigs.append(email) }
                    receiver.unsupportedIntegrations.append(key)
                    if reader.aborted { return }
                }
            default:
                for item in reader.sequence(value, goType: "[]*config.Config") ?? [] {
                    ReceiverDecoder.unsupported(key, item, reader: &reader)
                    receiver.unsupportedIntegrations.append(key)
                    if reader.aborted { return }
                }
            }
        }
        guard isMapping, !reader.aborted, reader.typeErrors.count == before else { return nil }
        if receiver.name.isEmpty {
            reader.fail("missing name in receiver")
            return nil
        }
        return receiver
    }

    // MARK: shared pieces

    static func decodeHTTPConfig(_ node: YAMLNode, reader: inout NodeReader) -> HTTPClientConfig {
        var config = HTTPClientConfig()
        let known: Set<String> = [
            "authorization", "basic_auth", "bearer_token", "bearer_token_file", "tls_config", "proxy_url",
            "follow_redirects", "enable_http2", "oauth2", "no_proxy", "proxy_from_environment",
            "proxy_connect_header",
        ]
        reader.forEachField(of: node, goType: plain, known: known) { reader, key, value in
            switch key {
            case "basic_auth":
                var auth = HTTPClientConfig.BasicAuth()
                let fields: Set<String> = ["username", "username_file", "password", "password_file"]
                reader.forEachField(of: value, goType: "config.BasicAuth", known: fields) { reader, key, value in
                    let text = reader.string(value) ?? ""
                    switch key {
                    case "username": auth.username = text
                    case "password": auth.password = text
                    case "password_file": auth.passwordFile = text
                    default: break
                    }
                }
                if !value.isNull { config.basicAuth = auth }
            case "authorization":
                var auth = HTTPClientConfig.Authorization()
                let fields: Set<String> = ["type", "credentials", "credentials_file"]
                reader.forEachField(of: value, goType: "config.Authorization", known: fields) { reader, key, value in
                    let text = reader.string(value) ?? ""
                    switch key {
                    case "type": if !text.isEmpty { auth.type = text }
                    case "credentials": auth.credentials = text
                    case "credentials_file": auth.credentialsFile = text
                    default: break
                    }
                }
                if !value.isNull { config.authorization = auth }
            case "bearer_token": config.bearerToken = reader.string(value) ?? ""
            case "bearer_token_file": config.bearerTokenFile = reader.string(value) ?? ""
            case "tls_config":
                let fields: Set<String> = [
                    "ca", "ca_file", "cert", "cert_file", "key", "key_file", "server_name", "insecure_skip_verify",
                    "min_version", "max_version",
                ]
                reader.forEachField(of: value, goType: "config.plain", known: fields) { reader, key, value in
                    switch key {
                    case "insecure_skip_verify": config.tls.insecureSkipVerify = bool(value, reader: &reader)
                    case "ca_file": config.tls.caFile = reader.string(value) ?? ""
                    case "cert_file": config.tls.certFile = reader.string(value) ?? ""
                    case "key_file": config.tls.keyFile = reader.string(value) ?? ""
                    case "server_name": config.tls.serverName = reader.string(value) ?? ""
                    default: _ = reader.string(value)
                    }
                }
            case "proxy_url": config.proxyURL = reader.string(value) ?? ""
            case "follow_redirects": config.followRedirects = bool(value, reader: &reader)
            case "enable_http2", "proxy_from_environment": _ = bool(value, reader: &reader)
            case "oauth2": config.hasOAuth2 = !value.isNull
            default: break
            }
        }
        return config
    }

    /// `config.URL` / `SecretURL`: parsed when decoded; only http and https are accepted.
    static func decodeURL(_ node: YAMLNode, reader: inout NodeReader) -> String? {
        guard let text = reader.string(node) else { return nil }
        if let problem = urlProblem(text) {
            reader.fail(problem)
            return nil
        }
        return text
    }

    /// Go's `url.Parse` failures that matter here, then the scheme check of `config.URL`.
    static func urlProblem(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        if scalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "parse " + goQuoted(text) + ": net/url: invalid control character in URL"
        }
        var scheme = ""
        if let colon = text.firstIndex(of: ":") {
            let candidate = text[..<colon]
            if let first = candidate.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
                candidate.unicodeScalars.allSatisfy({
                    $0.isASCII
                        && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0))
                })
            {
                scheme = candidate.lowercased()
            } else if candidate.isEmpty {
                return "parse " + goQuoted(text) + ": missing protocol scheme"
            }
        }
        if scheme == "http" || scheme == "https" {
            // The host is what follows `//` up to the next `/`, `?` or `#`.
            let rest = text.dropFirst(scheme.count + 1)
            if rest.hasPrefix("//") {
                let host = rest.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
                if let bad = host.first(where: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "{" }) {
                    return "parse " + goQuoted(text) + ": invalid character " + goQuoted(String(bad))
                        + " in host name"
                }
            }
        }
        if scheme != "http" && scheme != "https" { return "unsupported scheme " + goQuoted(scheme) + " for URL" }
        return nil
    }

    /// A Go `map[string]string` decoded by go-yaml v2: a repeated key is `key "k" already set in map` (reported
    /// here as the decode failure, without the other collected errors).
    static func labelMap(_ node: YAMLNode, reader: inout NodeReader) -> [(String, String)] {
        if case .mapping(let pairs) = node.kind {
            var seen = Set<String>()
            for pair in pairs {
                let key = pair.key.scalarValue ?? ""
                if !seen.insert(key).inserted {
                    reader.fail(
                        "yaml: unmarshal errors:\n  line \(pair.key.line): key \(goQuoted(key)) already set in map"
                    )
                    return []
                }
            }
        }
        return reader.stringMap(node) ?? []
    }

    /// A Go `[]string`: null is empty; a scalar is a type error.
    static func stringList(_ node: YAMLNode, reader: inout NodeReader) -> [String] {
        switch node.kind {
        case .sequence(let items):
            var out: [String] = []
            out.reserveCapacity(items.count)
            for item in items {
                if let text = reader.string(item) { out.append(text) }
            }
            return out
        case .scalar where node.isNull: return []
        default:
            reader.typeError(node, into: "[]string")
            return []
        }
    }

    /// Go `bool`: YAML 1.1 booleans (go-yaml v2 accepts yes/no/on/off too); null is false.
    static func bool(_ node: YAMLNode, reader: inout NodeReader) -> Bool {
        guard case .scalar(let text, let tag) = node.kind else {
            reader.typeError(node, into: "bool")
            return false
        }
        if tag == "!!null" { return false }
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N": return false
        default:
            reader.typeError(node, into: "bool")
            return false
        }
    }

    /// Runs a load-time check; its first failure aborts decoding with its message.
    static func failOnValidation(
        _ reader: inout NodeReader,
        _ check: () throws(AlertmanagerConfig.ValidationError) -> Void
    ) {
        do {
            try check()
        } catch {
            reader.fail(error.description)
        }
    }
}
