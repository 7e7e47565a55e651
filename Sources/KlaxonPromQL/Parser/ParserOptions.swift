/// Options of the PromQL parser.
public struct ParserOptions: Sendable, Hashable {
    /// Prometheus 3.x makes `.` match a newline in regex matchers (2.x: false).
    public var dotMatchesNewline: Bool
    /// Accept functions and aggregations marked experimental (`--enable-feature=promql-experimental-functions`).
    public var enableExperimentalFunctions: Bool

    public init(dotMatchesNewline: Bool = true, enableExperimentalFunctions: Bool = false) {
        self.dotMatchesNewline = dotMatchesNewline
        self.enableExperimentalFunctions = enableExperimentalFunctions
    }

    /// Prometheus 2.x semantics.
    public static let prometheus2 = ParserOptions(dotMatchesNewline: false)
}
