import KlaxonModel
import KlaxonYAML

/// Decodes the integration entries of a receiver with Alertmanager 0.25's load-time checks.
enum ReceiverDecoder {
    typealias Loader = AlertmanagerConfigLoader

    static func webhook(_ node: YAMLNode, reader: inout NodeReader) -> WebhookConfig? {
        var config = WebhookConfig(url: "")
        var hasURL = false
        let known: Set<String> = ["send_resolved", "http_config", "url", "max_alerts"]
        let before = reader.typeErrors.count
        let isMapping = reader.forEachField(of: node, goType: Loader.plain, known: known) { reader, key, value in
            switch key {
            case "send_resolved": config.sendResolved = Loader.bool(value, reader: &reader)
            case "http_config": config.httpConfig = httpConfig(value, reader: &reader)
            case "url":
                if value.isNull { return }
                if let url = Loader.decodeURL(value, reader: &reader) {
                    config.url = url
                    hasURL = true
                }
            case "max_alerts":
                // Go `uint64`.
                if let count = reader.int(value) {
                    if count < 0 { reader.typeError(value, into: "uint64") } else { config.maxAlerts = count }
                }
            default: break
            }
        }
        guard isMapping, !reader.aborted, reader.typeErrors.count == before else { return nil }
        if !hasURL {
            reader.fail("missing URL in webhook config")
            return nil
        }
        return config
    }

    static func slack(_ node: YAMLNode, reader: inout NodeReader) -> SlackConfig? {
        var config = SlackConfig(apiURL: "")
        var hasURL = false
        let known: Set<String> = [
            "send_resolved", "http_config", "api_url", "api_url_file", "channel", "username", "color", "title",
            "title_link", "pretext", "text", "fields", "short_fields", "footer", "fallback", "callback_id",
            "icon_emoji", "icon_url", "image_url", "thumb_url", "link_names", "mrkdwn_in", "actions",
        ]
        let before = reader.typeErrors.count
        let isMapping = reader.forEachField(of: node, goType: Loader.plain, known: known) { reader, key, value in
            switch key {
            case "send_resolved": config.sendResolved = Loader.bool(value, reader: &reader)
            case "http_config": config.httpConfig = httpConfig(value, reader: &reader)
            case "api_url":
                if value.isNull { return }
                if let url = Loader.decodeURL(value, reader: &reader) {
                    config.apiURL = url
                    hasURL = true
                }
            case "api_url_file": config.apiURLFile = reader.string(value) ?? ""
            case "channel": config.channel = reader.string(value) ?? ""
            case "username": config.username = reader.string(value)
            case "color": config.color = reader.string(value)
            case "title": config.title = reader.string(value)
            case "title_link": config.titleLink = reader.string(value)
            case "pretext": config.pretext = reader.string(value) ?? ""
            case "text": config.text = reader.string(value) ?? ""
            case "fields":
                for item in reader.sequence(value, goType: "[]*config.SlackField") ?? [] {
                    if let field = slackField(item, reader: &reader) { config.fields.append(field) }
                    if reader.aborted { return }
                }
            case "short_fields": config.shortFields = Loader.bool(value, reader: &reader)
            case "footer": config.footer = reader.string(value) ?? ""
            case "fallback": config.fallback = reader.string(value)
            case "callback_id": config.callbackID = reader.string(value) ?? ""
            case "icon_emoji": config.iconEmoji = reader.string(value) ?? ""
            case "icon_url": config.iconURL = reader.string(value) ?? ""
            case "image_url": config.imageURL = reader.string(value) ?? ""
            case "thumb_url": config.thumbURL = reader.string(value) ?? ""
            case "link_names": config.linkNames = Loader.bool(value, reader: &reader)
            case "mrkdwn_in": config.mrkdwnIn = Loader.stringList(value, reader: &reader)
            case "actions":
                for item in reader.sequence(value, goType: "[]*config.SlackAction") ?? [] {
                    slackAction(item, reader: &reader)
                    if reader.aborted { return }
                }
            default: break
            }
        }
        guard isMapping, !reader.aborted, reader.typeErrors.count == before else { return nil }
        if hasURL && !config.apiURLFile.isEmpty {
            reader.fail("at most one of api_url & api_url_file must be configured")
            return nil
        }
        return config
    }

    private static func slackField(_ node: YAMLNode, reader: inout NodeReader) -> SlackConfig.Field? {
        var title = ""
        var value = ""
        var short: Bool?
        let before = reader.typeErrors.count
        let isMapping = reader.forEachField(of: node, goType: Loader.plain, known: ["title", "value", "short"]) {
            reader,
            key,
            node in
            switch key {
            case "title": title = reader.string(node) ?? ""
            case "value": value = reader.string(node) ?? ""
            case "short": short = node.isNull ? nil : Loader.bool(node, reader: &reader)
            default: break
            }
        }
        guard isMapping, !reader.aborted, reader.typeErrors.count == before else { return nil }
        if title.isEmpty {
            reader.fail("missing title in Slack field configuration")
            return nil
        }
        if value.isEmpty {
            reader.fail("missing value in Slack field configuration")
            return nil
        }
        return SlackConfig.Field(title: title, value: value, short: short)
    }

    /// Slack `actions` are checked as Alertmanager does but not sent (Klaxon's Slack payload has no actions).
    private static func slackAction(_ node: YAMLNode, reader: inout NodeReader) {
        var fields: [String: String] = [:]
        let known: Set<String> = ["type", "text", "url", "style", "name", "value", "confirm"]
        let before = reader.typeErrors.count
        reader.forEachField(of: node, goType: Loader.plain, known: known) { reader, key, value in
            if key == "confirm" {
                var text = ""
                let confirmKeys: Set<String> = ["text", "title", "ok_text", "dismiss_text"]
                reader.forEachField(of: value, goType: Loader.plain, known: confirmKeys) { reader, key, value in
                    let string = reader.string(value) ?? ""
                    if key == "text" { text = string }
                }
                if !reader.aborted && !value.isNull && text.isEmpty {
                    reader.fail("missing text in Slack confirmation configuration")
                }
                return
            }
            fields[key] = reader.string(value) ?? ""
        }
        guard !reader.aborted, reader.typeErrors.count == before else { return }
        if fields["type", default: ""].isEmpty {
            reader.fail("missing type in Slack action configuration")
        } else if fields["text", default: ""].isEmpty {
            reader.fail("missing text in Slack action configuration")
        } else if fields["url", default: ""].isEmpty && fields["name", default: ""].isEmpty {
            reader.fail("missing name or url in Slack action configuration")
        }
    }

    static func email(_ node: YAMLNode, reader: inout NodeReader) -> AlertmanagerConfig.EmailConfig? {
        var config = AlertmanagerConfig.EmailConfig()
        let known: Set<String> = [
            "send_resolved", "to", "from", "hello", "smarthost", "auth_username", "auth_password",
            "auth_password_file", "auth_secret", "auth_identity", "headers", "html", "text", "require_tls",
            "tls_config",
        ]
        let before = reader.typeErrors.count
        reader.forEachField(of: node, goType: Loader.plain, known: known) { reader, key, value in
            switch key {
            case "to": config.to = reader.string(value) ?? ""
            case "from": config.from = reader.string(value) ?? ""
            case "smarthost": config.smarthost = reader.string(value) ?? ""
            case "send_resolved", "require_tls": _ = Loader.bool(value, reader: &reader)
            case "headers": _ = reader.stringMap(value)
            case "tls_config": break
            default: _ = reader.string(value)
            }
        }
        guard !reader.aborted, reader.typeErrors.count == before else { return nil }
        if config.to.isEmpty {
            reader.fail("missing to address in email config")
            return nil
        }
        return config
    }

    /// Integrations Klaxon does not deliver to: any fields are accepted; the required-field checks of
    /// PagerDuty, Pushover and VictorOps are made.
    static func unsupported(_ kind: String, _ node: YAMLNode, reader: inout NodeReader) {
        guard case .mapping(let pairs) = node.kind else {
            reader.typeError(node, into: "config.plain")
            return
        }
        var present = Set<String>()
        for pair in pairs {
            if let key = pair.key.scalarValue, let value = pair.value.scalarValue, !value.isEmpty, !pair.value.isNull {
                present.insert(key)
            }
        }
        switch kind {
        case "pagerduty_configs":
            if present.isDisjoint(with: ["routing_key", "service_key", "routing_key_file", "service_key_file"]) {
                reader.fail("missing service or routing key in PagerDuty config")
            }
        case "pushover_configs":
            if !present.contains("user_key") {
                reader.fail("missing user key in Pushover config")
            } else if !present.contains("token") {
                reader.fail("missing token in Pushover config")
            }
        case "victorops_configs":
            if !present.contains("routing_key") { reader.fail("missing Routing key in VictorOps config") }
        default: break
        }
    }

    private static func httpConfig(_ node: YAMLNode, reader: inout NodeReader) -> HTTPClientConfig {
        let config = Loader.decodeHTTPConfig(node, reader: &reader)
        if !reader.aborted {
            Loader.failOnValidation(&reader) { () throws(AlertmanagerConfig.ValidationError) in
                try config.validate()
            }
        }
        return config
    }
}
