/// A named receiver with its integrations.
public struct Receiver: Sendable {
    public enum Integration: Sendable, Hashable {
        case webhook(WebhookConfig)
        case slack(SlackConfig)

        public var name: String {
            switch self {
            case .webhook: return "webhook"
            case .slack: return "slack"
            }
        }

        public var sendResolved: Bool {
            switch self {
            case .webhook(let config): return config.sendResolved
            case .slack(let config): return config.sendResolved
            }
        }
    }

    public var name: String
    public var integrations: [Integration]

    public init(name: String, integrations: [Integration]) {
        self.name = name
        self.integrations = integrations
    }

    /// The nflog / metrics key of each integration (`name/integration/index`, index per kind).
    public var integrationKeys: [ReceiverKey] {
        var counts: [String: Int] = [:]
        return integrations.map { integration in
            let index = counts[integration.name, default: 0]
            counts[integration.name] = index + 1
            return ReceiverKey(receiver: name, integration: integration.name, index: index)
        }
    }
}
