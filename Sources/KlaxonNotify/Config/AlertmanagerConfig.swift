public import KlaxonModel

/// The model of alertmanager.yml after decoding (the YAML reader fills it), with Alertmanager 0.25's
/// validation and its exact error wording (verified with `amtool check-config`).
public struct AlertmanagerConfig: Sendable {
    public struct Global: Sendable {
        public var resolveTimeout: Int64 = 5 * Time.minute
        public var slackAPIURL: String?
        public var slackAPIURLFile = ""
        public var httpConfig = HTTPClientConfig()
        public var smtpSmarthost = ""
        public var smtpFrom = ""
        public init() {}
    }

    public struct ReceiverSpec: Sendable {
        public var name: String
        public var webhookConfigs: [WebhookConfig]
        public var slackConfigs: [SlackConfig]
        /// `email_configs` entries (validated as Alertmanager does; Klaxon does not send email).
        public var emailConfigs: [EmailConfig] = []
        /// The integration sections Klaxon accepts but does not deliver to (`email_configs`,
        /// `pagerduty_configs`, …), one entry per configured integration, in file order.
        public var unsupportedIntegrations: [String] = []

        public init(name: String, webhookConfigs: [WebhookConfig] = [], slackConfigs: [SlackConfig] = []) {
            self.name = name
            self.webhookConfigs = webhookConfigs
            self.slackConfigs = slackConfigs
        }
    }

    /// The fields of `email_configs` that Alertmanager's load-time checks read.
    public struct EmailConfig: Sendable, Hashable {
        public var to = ""
        public var from = ""
        public var smarthost = ""
        public init() {}
    }

    public var global = Global()
    public var route: RouteSpec?
    public var receivers: [ReceiverSpec] = []
    public var inhibitRules: [InhibitRule] = []
    public var timeIntervals: [NamedTimeInterval] = []
    /// Names from the deprecated `mute_time_intervals` section.
    public var muteTimeIntervals: [NamedTimeInterval] = []
    public var templates: [String] = []
    /// The text the configuration was loaded from (`GET /api/v2/status` shows it).
    public var original = ""

    public init() {}

    public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// Checks in Alertmanager's order: per node (route fields, receivers), then the whole config.
    public func validate() throws(ValidationError) {
        if let route { try Self.validateNode(route) }
        for rule in inhibitRules {
            for name in rule.equal where !isValidLabelName(name) {
                throw ValidationError("\"\(name)\" is not a valid label name")
            }
        }
        var names = Set<String>()
        for receiver in receivers {
            if receiver.name.isEmpty { throw ValidationError("missing name in receiver") }
            if names.contains(receiver.name) {
                throw ValidationError("notification config name \"\(receiver.name)\" is not unique")
            }
            for webhook in receiver.webhookConfigs {
                if webhook.url.isEmpty { throw ValidationError("missing URL in webhook config") }
                try Self.checkURL(webhook.url)
            }
            for email in receiver.emailConfigs {
                if email.smarthost.isEmpty && global.smtpSmarthost.isEmpty {
                    throw ValidationError("no global SMTP smarthost set")
                }
                if email.from.isEmpty && global.smtpFrom.isEmpty {
                    throw ValidationError("no global mail from address set")
                }
            }
            for slack in receiver.slackConfigs
            where slack.apiURL.isEmpty && slack.apiURLFile.isEmpty
                && global.slackAPIURL == nil && global.slackAPIURLFile.isEmpty
            {
                throw ValidationError("no global Slack API URL set either inline or in a file")
            }
            names.insert(receiver.name)
        }
        guard let route else { throw ValidationError("no routes provided") }
        if route.receiver?.isEmpty ?? true { throw ValidationError("root route must specify a default receiver") }
        if !route.matchers.isEmpty { throw ValidationError("root route must not have any matchers") }
        if !route.muteTimeIntervals.isEmpty {
            throw ValidationError("root route must not have any mute time intervals")
        }
        if !route.activeTimeIntervals.isEmpty {
            throw ValidationError("root route must not have any active time intervals")
        }
        try Self.checkReceivers(route, names)
        var intervalNames = Set<String>()
        for interval in muteTimeIntervals {
            if !intervalNames.insert(interval.name).inserted {
                throw ValidationError("mute time interval \"\(interval.name)\" is not unique")
            }
        }
        for interval in timeIntervals {
            if !intervalNames.insert(interval.name).inserted {
                throw ValidationError("time interval \"\(interval.name)\" is not unique")
            }
        }
        try Self.checkTimeIntervals(route, intervalNames)
        // config.Load checks this after decoding.
        if route.continue { throw ValidationError("cannot have continue in root route") }
    }

    private static func validateNode(_ node: RouteSpec) throws(ValidationError) {
        try validateNodeFields(node)
        for child in node.routes { try validateNode(child) }
    }

    /// The checks of one route node (`Route.UnmarshalYAML`), children excluded.
    static func validateNodeFields(_ node: RouteSpec) throws(ValidationError) {
        if let groupBy = node.groupBy {
            var labels: [String] = []
            var all = false
            for name in groupBy {
                if name == "..." {
                    all = true
                    continue
                }
                if !isValidLabelName(name) { throw ValidationError("invalid label name \"\(name)\" in group_by list") }
                labels.append(name)
            }
            if all && !labels.isEmpty {
                throw ValidationError(
                    "cannot have wildcard group_by (`...`) and other other labels at the same time"
                )
            }
            var seen = Set<String>()
            for name in labels where !seen.insert(name).inserted {
                throw ValidationError("duplicated label \"\(name)\" in group_by")
            }
        }
        if node.groupInterval == 0 { throw ValidationError("group_interval cannot be zero") }
        if node.repeatInterval == 0 { throw ValidationError("repeat_interval cannot be zero") }
    }

    private static func checkReceivers(_ node: RouteSpec, _ names: Set<String>) throws(ValidationError) {
        if let receiver = node.receiver, !receiver.isEmpty, !names.contains(receiver) {
            throw ValidationError("undefined receiver \"\(receiver)\" used in route")
        }
        for child in node.routes { try checkReceivers(child, names) }
    }

    private static func checkTimeIntervals(_ node: RouteSpec, _ names: Set<String>) throws(ValidationError) {
        for name in node.muteTimeIntervals + node.activeTimeIntervals where !names.contains(name) {
            throw ValidationError("undefined time interval \"\(name)\" used in route")
        }
        for child in node.routes { try checkTimeIntervals(child, names) }
    }

    private static func checkURL(_ url: String) throws(ValidationError) {
        guard let colon = url.firstIndex(of: ":") else { throw ValidationError("unsupported scheme \"\" for URL") }
        let scheme = url[..<colon].lowercased()
        if scheme != "http" && scheme != "https" {
            throw ValidationError("unsupported scheme \"\(scheme)\" for URL")
        }
    }

    /// The resolved route tree and receivers (Slack URLs defaulted from `global`). Call after `validate()`.
    public func build() -> (route: Route, receivers: [Receiver]) {
        let route = Route(root: route ?? RouteSpec())
        let receivers = receivers.map { spec in
            var integrations: [Receiver.Integration] = spec.webhookConfigs.map { .webhook($0) }
            for var slack in spec.slackConfigs {
                if slack.apiURL.isEmpty && !slack.apiURLFile.isEmpty {
                    slack.apiURL = readSecretFile(slack.apiURLFile) ?? ""
                }
                if slack.apiURL.isEmpty && slack.apiURLFile.isEmpty {
                    slack.apiURL =
                        global.slackAPIURL
                        ?? (global.slackAPIURLFile.isEmpty ? "" : readSecretFile(global.slackAPIURLFile) ?? "")
                }
                integrations.append(.slack(slack))
            }
            return Receiver(name: spec.name, integrations: integrations)
        }
        return (route, receivers)
    }

    /// A deprecated `match_re` entry as Alertmanager 0.25 converts it: the matcher value is the anchored
    /// source `^(?:…)$`, which is what route keys, group keys and `amtool config routes` show.
    public static func matchREMatcher(name: String, pattern: String) throws -> LabelMatcher {
        try LabelMatcher(.regexMatch, name, "^(?:" + pattern + ")$")
    }

    /// `amtool check-config` output for a valid file.
    public func checkReport(file: String) -> String {
        "Checking '\(file)'  SUCCESS\nFound:\n - global config\n - route\n - \(inhibitRules.count) inhibit rules\n"
            + " - \(receivers.count) receivers\n - \(templates.count) templates\n\n"
    }
}

/// Prometheus' `model.LabelNameRE`: `^[a-zA-Z_][a-zA-Z0-9_]*$`.
func isValidLabelName(_ name: String) -> Bool {
    guard let first = name.utf8.first else { return false }
    func letter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
    }
    guard letter(first) else { return false }
    return name.utf8.allSatisfy { letter($0) || ($0 >= 48 && $0 <= 57) }
}
