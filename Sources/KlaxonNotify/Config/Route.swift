public import KlaxonModel

/// A route node as written in alertmanager.yml: every field but `matchers`, `continue` and `routes`
/// may be left unset and is then inherited from the parent (or Alertmanager's default at the root).
public struct RouteSpec: Sendable {
    public var receiver: String?
    /// `["..."]` groups by all labels.
    public var groupBy: [String]?
    public var matchers: [LabelMatcher]
    public var `continue`: Bool
    public var groupWait: Int64?
    public var groupInterval: Int64?
    public var repeatInterval: Int64?
    public var muteTimeIntervals: [String]
    public var activeTimeIntervals: [String]
    public var routes: [RouteSpec]

    public init(
        receiver: String? = nil,
        groupBy: [String]? = nil,
        matchers: [LabelMatcher] = [],
        continue: Bool = false,
        groupWait: Int64? = nil,
        groupInterval: Int64? = nil,
        repeatInterval: Int64? = nil,
        muteTimeIntervals: [String] = [],
        activeTimeIntervals: [String] = [],
        routes: [RouteSpec] = []
    ) {
        self.receiver = receiver
        self.groupBy = groupBy
        self.matchers = matchers
        self.continue = `continue`
        self.groupWait = groupWait
        self.groupInterval = groupInterval
        self.repeatInterval = repeatInterval
        self.muteTimeIntervals = muteTimeIntervals
        self.activeTimeIntervals = activeTimeIntervals
        self.routes = routes
    }
}

/// The resolved options of one route node (after inheritance).
public struct RouteOptions: Sendable, Hashable {
    public var receiver: String
    public var groupBy: [String]
    public var groupByAll: Bool
    public var groupWait: Int64
    public var groupInterval: Int64
    public var repeatInterval: Int64
    public var muteTimeIntervals: [String]
    public var activeTimeIntervals: [String]

    public static let defaultGroupWait: Int64 = 30 * Time.second
    public static let defaultGroupInterval: Int64 = 5 * Time.minute
    public static let defaultRepeatInterval: Int64 = 4 * Time.hour
}

/// A node of the resolved routing tree (Alertmanager's `dispatch.Route`).
public final class Route: Sendable {
    public let matchers: [LabelMatcher]
    public let `continue`: Bool
    public let options: RouteOptions
    public let children: [Route]
    /// `{}` for the root, `{}/{chan="slack"}` for a child: the route part of group keys.
    public let key: String
    /// Pre-order index of the node in its tree (0 = root); stable identity for the dispatcher.
    public let index: Int

    /// Builds the tree from the root spec. Unset root fields take Alertmanager's defaults.
    public convenience init(root spec: RouteSpec) {
        var counter = 0
        let defaults = RouteOptions(
            receiver: "",
            groupBy: [],
            groupByAll: false,
            groupWait: RouteOptions.defaultGroupWait,
            groupInterval: RouteOptions.defaultGroupInterval,
            repeatInterval: RouteOptions.defaultRepeatInterval,
            muteTimeIntervals: [],
            activeTimeIntervals: []
        )
        self.init(spec: spec, parentOptions: defaults, parentKey: nil, counter: &counter)
    }

    private init(spec: RouteSpec, parentOptions: RouteOptions, parentKey: String?, counter: inout Int) {
        var options = parentOptions
        if let receiver = spec.receiver { options.receiver = receiver }
        if let groupBy = spec.groupBy {
            options.groupByAll = groupBy.contains("...")
            options.groupBy = options.groupByAll ? [] : groupBy
        }
        if let wait = spec.groupWait { options.groupWait = wait }
        if let interval = spec.groupInterval { options.groupInterval = interval }
        if let repeatInterval = spec.repeatInterval { options.repeatInterval = repeatInterval }
        // Time interval names are not inherited (dispatch/route.go).
        options.muteTimeIntervals = spec.muteTimeIntervals
        options.activeTimeIntervals = spec.activeTimeIntervals

        let sorted = spec.matchers.sorted { lhs, rhs in
            if lhs.name != rhs.name { return lhs.name < rhs.name }
            if lhs.value != rhs.value { return lhs.value < rhs.value }
            return Route.typeOrder(lhs.type) < Route.typeOrder(rhs.type)
        }
        let ownKey = "{" + sorted.map { $0.description }.joined(separator: ",") + "}"
        let key = parentKey.map { $0 + "/" + ownKey } ?? ownKey
        self.index = counter
        counter += 1
        var children: [Route] = []
        children.reserveCapacity(spec.routes.count)
        for child in spec.routes {
            children.append(Route(spec: child, parentOptions: options, parentKey: key, counter: &counter))
        }
        self.matchers = sorted
        self.continue = spec.continue
        self.options = options
        self.children = children
        self.key = key
    }

    private static func typeOrder(_ type: LabelMatcher.MatchType) -> Int {
        switch type {
        case .equal: return 0
        case .notEqual: return 1
        case .regexMatch: return 2
        case .regexNoMatch: return 3
        }
    }

    /// The nodes that handle `labels`: the deepest matching nodes, fanning out over siblings
    /// while the matching child has `continue: true`. Empty when this node does not match.
    public func match(_ labels: Labels) -> [Route] {
        for matcher in matchers where !matcher.matches(labels) { return [] }
        var all: [Route] = []
        for child in children {
            let matched = child.match(labels)
            all.append(contentsOf: matched)
            if !matched.isEmpty && !child.continue { break }
        }
        if all.isEmpty { all.append(self) }
        return all
    }

    /// Every node, pre-order.
    public var allNodes: [Route] {
        var out: [Route] = [self]
        for child in children { out.append(contentsOf: child.allNodes) }
        return out
    }

    /// The labels of `alertLabels` this route groups by.
    public func groupLabels(for alertLabels: Labels) -> Labels {
        if options.groupByAll { return alertLabels }
        var kept: [Label] = []
        for name in options.groupBy {
            if let value = alertLabels.value(of: name) { kept.append(Label(name, value)) }
        }
        return Labels(kept)
    }
}
