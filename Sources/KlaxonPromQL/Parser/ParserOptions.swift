/// Options of the PromQL parser.
public struct ParserOptions: Sendable, Hashable {
    /// Prometheus 3.x makes `.` match a newline in regex matchers (2.x: false).
    public var dotMatchesNewline: Bool
    /// Accept functions and aggregations marked experimental (`--enable-feature=promql-experimental-functions`).
    public var enableExperimentalFunctions: Bool
    /// Prometheus 3.x grammar: a duration where a number is expected is a number of seconds (`time() - 1h`,
    /// `@ 100s`), and a number where a duration is expected is seconds (`foo[100]`, `offset 50`, `[30:10]`).
    /// Prometheus 2.x rejects both.
    public var numbersAndDurationsInterchangeable: Bool
    /// The function set of Prometheus 2.42 (`holt_winters`, no 3.x additions, no `limitk`/`limit_ratio`)
    /// instead of 3.x's (where `holt_winters` is `double_exponential_smoothing`).
    public var prometheus2Functions: Bool

    public init(
        dotMatchesNewline: Bool = true,
        enableExperimentalFunctions: Bool = false,
        numbersAndDurationsInterchangeable: Bool = true,
        prometheus2Functions: Bool = false
    ) {
        self.dotMatchesNewline = dotMatchesNewline
        self.enableExperimentalFunctions = enableExperimentalFunctions
        self.numbersAndDurationsInterchangeable = numbersAndDurationsInterchangeable
        self.prometheus2Functions = prometheus2Functions
    }

    /// Prometheus 2.x semantics and grammar.
    public static let prometheus2 = ParserOptions(
        dotMatchesNewline: false,
        numbersAndDurationsInterchangeable: false,
        prometheus2Functions: true
    )
}
