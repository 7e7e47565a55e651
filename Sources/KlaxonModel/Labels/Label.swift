/// One label: a name and its value.
public struct Label: Hashable, Sendable, Comparable {
    public var name: String
    public var value: String

    @inlinable
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    @inlinable
    public static func < (lhs: Label, rhs: Label) -> Bool {
        if lhs.name != rhs.name { return lhs.name < rhs.name }
        return lhs.value < rhs.value
    }
}

/// Well-known label names.
public enum LabelName {
    public static let metricName = "__name__"
    public static let bucket = "le"
    public static let quantile = "quantile"
    public static let alertName = "alertname"
    public static let instance = "instance"
    public static let job = "job"
}
