internal import KlaxonModel

/// `slack_configs` entry. Text fields hold literal text; `nil` means Alertmanager's default template
/// (rendered natively here until KlaxonTemplate renders user templates).
public struct SlackConfig: Sendable, Hashable {
    public struct Field: Sendable, Hashable {
        public var title: String
        public var value: String
        public var short: Bool?
        public init(title: String, value: String, short: Bool? = nil) {
            self.title = title
            self.value = value
            self.short = short
        }
    }

    public var apiURL: String
    public var sendResolved: Bool
    public var channel: String
    public var username: String?
    public var iconEmoji: String
    public var iconURL: String
    public var linkNames: Bool
    public var title: String?
    public var titleLink: String?
    public var pretext: String
    public var text: String
    public var fallback: String?
    public var color: String?
    public var footer: String
    public var callbackID: String
    public var fields: [Field]
    /// Default `short` for fields that leave it unset.
    public var shortFields: Bool
    public var mrkdwnIn: [String]
    public var imageURL: String
    public var thumbURL: String
    /// `http_config` (authorization is sent; TLS and proxy settings are the sender's business).
    public var httpConfig = HTTPClientConfig()
    /// `api_url_file`: read when the configuration is built.
    public var apiURLFile = ""

    public init(
        apiURL: String,
        sendResolved: Bool = false,
        channel: String = "",
        username: String? = nil,
        iconEmoji: String = "",
        iconURL: String = "",
        linkNames: Bool = false,
        title: String? = nil,
        titleLink: String? = nil,
        pretext: String = "",
        text: String = "",
        fallback: String? = nil,
        color: String? = nil,
        footer: String = "",
        callbackID: String = "",
        fields: [Field] = [],
        shortFields: Bool = false,
        mrkdwnIn: [String] = [],
        imageURL: String = "",
        thumbURL: String = ""
    ) {
        self.apiURL = apiURL
        self.sendResolved = sendResolved
        self.channel = channel
        self.username = username
        self.iconEmoji = iconEmoji
        self.iconURL = iconURL
        self.linkNames = linkNames
        self.title = title
        self.titleLink = titleLink
        self.pretext = pretext
        self.text = text
        self.fallback = fallback
        self.color = color
        self.footer = footer
        self.callbackID = callbackID
        self.fields = fields
        self.shortFields = shortFields
        self.mrkdwnIn = mrkdwnIn
        self.imageURL = imageURL
        self.thumbURL = thumbURL
    }
}

public enum SlackPayload {
    static let maxTitleRunes = 1024

    /// Alertmanager's default `__subject` template.
    public static func defaultSubject(_ data: NotificationData) -> String {
        var out = "[" + data.status.uppercased()
        if data.status == "firing" { out += ":" + String(data.firingCount) }
        out += "] " + data.groupLabels.map { $0.value }.joined(separator: " ") + " "
        if data.commonLabels.count > data.groupLabels.count {
            let extra = data.commonLabels.filter { !data.groupLabels.has($0.name) }
            out += "(" + extra.map { $0.value }.joined(separator: " ") + ")"
        }
        return out
    }

    public static func defaultTitleLink(_ data: NotificationData) -> String {
        data.externalURL + "/#/alerts?receiver=" + queryEscape(data.receiver)
    }

    /// The JSON body Alertmanager 0.25 posts to Slack.
    public static func encode(config: SlackConfig, data: NotificationData) -> [UInt8] {
        let subject = defaultSubject(data)
        let titleLink = config.titleLink ?? defaultTitleLink(data)
        let title = truncateRunes(config.title ?? subject, maxTitleRunes)
        let fallback = config.fallback ?? (subject + " | " + defaultTitleLink(data))
        let color = config.color ?? (data.status == "firing" ? "danger" : "good")
        let username = config.username ?? "Alertmanager"
        let mrkdwnIn = config.mrkdwnIn.isEmpty ? ["fallback", "pretext", "text"] : config.mrkdwnIn

        var json = GoJSONWriter(capacity: 512)
        json.raw("{")
        var first = true
        func key(_ json: inout GoJSONWriter, _ name: String) {
            if !first { json.raw(",") }
            first = false
            json.string(name)
            json.raw(":")
        }
        if !config.channel.isEmpty {
            key(&json, "channel")
            json.string(config.channel)
        }
        if !username.isEmpty {
            key(&json, "username")
            json.string(username)
        }
        if !config.iconEmoji.isEmpty {
            key(&json, "icon_emoji")
            json.string(config.iconEmoji)
        }
        if !config.iconURL.isEmpty {
            key(&json, "icon_url")
            json.string(config.iconURL)
        }
        if config.linkNames {
            key(&json, "link_names")
            json.raw("true")
        }
        key(&json, "attachments")
        json.raw("[{")
        first = true
        for (name, value) in [("title", title), ("title_link", titleLink), ("pretext", config.pretext)]
        where !value.isEmpty {
            key(&json, name)
            json.string(value)
        }
        for (name, value) in [("text", config.text), ("fallback", fallback), ("callback_id", config.callbackID)] {
            key(&json, name)
            json.string(value)
        }
        if !config.fields.isEmpty {
            key(&json, "fields")
            json.raw("[")
            for (index, field) in config.fields.enumerated() {
                if index > 0 { json.raw(",") }
                json.raw("{\"title\":")
                json.string(field.title)
                json.raw(",\"value\":")
                json.string(field.value)
                // Alertmanager always sets `short` (the field's own value, else `short_fields`).
                json.raw(",\"short\":")
                if field.short ?? config.shortFields { json.raw("true") } else { json.raw("false") }
                json.raw("}")
            }
            json.raw("]")
        }
        for (name, value) in [("image_url", config.imageURL), ("thumb_url", config.thumbURL)] where !value.isEmpty {
            key(&json, name)
            json.string(value)
        }
        key(&json, "footer")
        json.string(config.footer)
        if !color.isEmpty {
            key(&json, "color")
            json.string(color)
        }
        key(&json, "mrkdwn_in")
        json.raw("[")
        for (index, item) in mrkdwnIn.enumerated() {
            if index > 0 { json.raw(",") }
            json.string(item)
        }
        json.raw("]}]}\n")
        return json.bytes
    }
}

/// Go's `notify.TruncateInRunes`: at most `limit` runes, the last one replaced by `…` when cut.
func truncateRunes(_ text: String, _ limit: Int) -> String {
    let scalars = text.unicodeScalars
    if scalars.count <= limit { return text }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: scalars.prefix(limit - 1))
    out.append("…")
    return String(out)
}

/// Go's `url.QueryEscape` (what text/template's `urlquery` applies).
func queryEscape(_ text: String) -> String {
    let hex: [Character] = Array("0123456789ABCDEF")
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            out.append(Character(Unicode.Scalar(byte)))
        case UInt8(ascii: " "):
            out.append("+")
        default:
            out.append("%")
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xf)])
        }
    }
    return out
}

/// Renders user-written notification templates (Go text/template with Alertmanager's functions and the
/// `templates:` files). The daemon supplies one backed by KlaxonTemplate.
public protocol NotificationTemplates: Sendable {
    func render(_ source: String, data: NotificationData) throws -> String
}

public struct TemplateUnavailableError: Error, Sendable, CustomStringConvertible {
    public let source: String
    public var description: String { "no template engine configured to render \(goQuote(source))" }
}

extension SlackConfig {
    /// Renders every user-set text field through `templates`. Unset (nil) fields keep Alertmanager's
    /// default, rendered natively by `SlackPayload`. Text without `{{` is used as is; template text
    /// without an engine is an error (the notification fails rather than leaking template source).
    public func rendered(with templates: (any NotificationTemplates)?, data: NotificationData) throws -> SlackConfig {
        func render(_ text: String) throws -> String {
            guard text.utf8.contains(UInt8(ascii: "{")) && text.contains("{{") else { return text }
            guard let templates else { throw TemplateUnavailableError(source: text) }
            return try templates.render(text, data: data)
        }
        func render(_ text: String?) throws -> String? {
            guard let text else { return nil }
            return try render(text) as String
        }
        var out = self
        out.channel = try render(channel)
        out.username = try render(username)
        out.iconEmoji = try render(iconEmoji)
        out.iconURL = try render(iconURL)
        out.title = try render(title)
        out.titleLink = try render(titleLink)
        out.pretext = try render(pretext)
        out.text = try render(text)
        out.fallback = try render(fallback)
        out.color = try render(color)
        out.footer = try render(footer)
        out.callbackID = try render(callbackID)
        out.imageURL = try render(imageURL)
        out.thumbURL = try render(thumbURL)
        out.fields = try fields.map { field in
            Field(title: try render(field.title), value: try render(field.value), short: field.short)
        }
        return out
    }
}
