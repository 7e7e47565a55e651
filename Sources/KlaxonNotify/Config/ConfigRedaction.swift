import KlaxonYAML

/// The configuration as `GET /api/v2/status` shows it: the document re-emitted with every secret replaced by
/// `<secret>`, as Alertmanager marshals its `Secret` and `SecretURL` fields.
///
/// Alertmanager re-marshals its loaded config (defaults filled in); Klaxon re-emits the user's document (their
/// keys, in their order), which is what people read the endpoint for, minus the secrets. Webhook URLs are
/// treated as secrets too (Alertmanager 0.25 shows them, but they routinely carry tokens: `?key=…`).
enum ConfigRedaction {
    /// Keys whose values are secrets anywhere in an alertmanager.yml (Alertmanager's `Secret`/`SecretURL`
    /// fields, plus webhook `url`).
    static let secretKeys: Set<String> = [
        "password", "bearer_token", "credentials", "client_secret", "key", "slack_api_url", "api_url",
        "opsgenie_api_key", "api_key", "wechat_api_secret", "api_secret", "smtp_auth_password", "smtp_auth_secret",
        "auth_password", "auth_secret", "service_key", "routing_key", "bot_token", "token", "user_key", "webhook_url",
        "secret_key", "victorops_api_key", "telegram_api_url",
    ]

    /// `yaml` with secret values replaced; a document that does not parse is not shown at all.
    static func redact(_ yaml: String) -> String {
        guard let root = try? YAMLParser.parse(yaml) else { return "" }
        var out = ""
        emit(root, indent: 0, into: &out, parentKey: nil, inWebhook: false)
        return out
    }

    private static func emit(_ node: YAMLNode, indent: Int, into out: inout String, parentKey: String?, inWebhook: Bool)
    {
        let pad = String(repeating: " ", count: indent)
        switch node.kind {
        case .mapping(let pairs):
            if pairs.isEmpty {
                out += "\(pad){}\n"
                return
            }
            for pair in pairs {
                let key = pair.key.scalarValue ?? ""
                out += pad + scalar(key, tag: "!!str") + ":"
                if isSecret(key, value: pair.value, inWebhook: inWebhook) {
                    out += " <secret>\n"
                    continue
                }
                writeValue(pair.value, indent: indent, into: &out, key: key, inWebhook: inWebhook)
            }
        case .sequence(let items):
            if items.isEmpty {
                out += "\(pad)[]\n"
                return
            }
            for item in items {
                if case .mapping(let pairs) = item.kind, !pairs.isEmpty {
                    // `- first: …` with the other keys aligned under `first`.
                    var block = ""
                    emit(item, indent: indent + 2, into: &block, parentKey: parentKey, inWebhook: inWebhook)
                    out += pad + "- " + block.dropFirst(indent + 2)
                    continue
                }
                out += pad + "-"
                writeValue(item, indent: indent, into: &out, key: parentKey, inWebhook: inWebhook)
            }
        case .scalar(let text, let tag):
            out += pad + scalar(text, tag: tag) + "\n"
        }
    }

    /// The value after `key:` or `-`: scalars on the same line, collections indented below.
    private static func writeValue(
        _ value: YAMLNode,
        indent: Int,
        into out: inout String,
        key: String?,
        inWebhook: Bool
    ) {
        let webhook = inWebhook || key == "webhook_configs"
        switch value.kind {
        case .scalar(let text, let tag):
            out += " " + scalar(text, tag: tag) + "\n"
        case .mapping(let pairs) where pairs.isEmpty:
            out += " {}\n"
        case .sequence(let items) where items.isEmpty:
            out += " []\n"
        default:
            out += "\n"
            emit(value, indent: indent + 2, into: &out, parentKey: key, inWebhook: webhook)
        }
    }

    private static func isSecret(_ key: String, value: YAMLNode, inWebhook: Bool) -> Bool {
        guard case .scalar(let text, _) = value.kind, !text.isEmpty, !value.isNull else { return false }
        return secretKeys.contains(key) || (inWebhook && key == "url")
    }

    /// Plain when unambiguous, else a double-quoted YAML scalar (JSON escapes, valid YAML).
    private static func scalar(_ text: String, tag: String) -> String {
        if tag != "!!str" { return text }
        let plainSafe =
            !text.isEmpty
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "/")
            }
            && !["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"].contains(text.lowercased())
            && Double(text.filter { $0 != "_" }) == nil && Int(text.filter { $0 != "_" }) == nil
        if plainSafe { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    quoted += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}
