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

    public init(
        dotMatchesNewline: Bool = true,
        enableExperimentalFunctions: Bool = false,
        numbersAndDurationsInterchangeable: Bool = true
    ) {
        self.dotMatchesNewline = dotMatchesNewline
        self.enableExperimentalFunctions = enableExperimentalFunctions
        self.numbersAndDurationsInterchangeable = numbersAndDurationsInterchangeable
    }

    /// Prometheus 2.x semantics and grammar.
    public static let prometheus2 = ParserOptions(dotMatchesNewline: false, numbersAndDurationsInterchangeable: false)
}
