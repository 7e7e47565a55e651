/// The signatures of all PromQL functions: the 70 of Prometheus 2.42 plus the 3.x ones used by the
/// conformance scripts (the query-parameter functions `start()`, `end()`, `range()`, `step()` and
/// `min_of`/`max_of` of the newest set included, marked experimental). The parser type-checks calls against it; the evaluator keys its implementations by name.
public enum FunctionTable {
    private static let v: ValueType = .vector
    private static let m: ValueType = .matrix
    private static let s: ValueType = .scalar
    private static let str: ValueType = .string

    private static func fn(
        _ name: String,
        _ args: [ValueType],
        _ returnType: ValueType = .vector,
        variadic: Int = 0,
        experimental: Bool = false
    ) -> FunctionSignature {
        FunctionSignature(
            name: name,
            argTypes: args,
            variadic: variadic,
            returnType: returnType,
            experimental: experimental
        )
    }

    /// Every known signature, in alphabetical order.
    public static let all: [FunctionSignature] = [
        fn("abs", [v]),
        fn("absent", [v]),
        fn("absent_over_time", [m]),
        fn("acos", [v]),
        fn("acosh", [v]),
        fn("asin", [v]),
        fn("asinh", [v]),
        fn("atan", [v]),
        fn("atanh", [v]),
        fn("avg_over_time", [m]),
        fn("ceil", [v]),
        fn("changes", [m]),
        fn("clamp", [v, s, s]),
        fn("clamp_max", [v, s]),
        fn("clamp_min", [v, s]),
        fn("cos", [v]),
        fn("cosh", [v]),
        fn("count_over_time", [m]),
        fn("day_of_month", [v], variadic: 1),
        fn("day_of_week", [v], variadic: 1),
        fn("day_of_year", [v], variadic: 1),
        fn("days_in_month", [v], variadic: 1),
        fn("deg", [v]),
        fn("delta", [m]),
        fn("deriv", [m]),
        fn("double_exponential_smoothing", [m, s, s], experimental: true),
        fn("end", [], .scalar, experimental: true),
        fn("exp", [v]),
        fn("first_over_time", [m], experimental: true),
        fn("floor", [v]),
        fn("histogram_avg", [v]),
        fn("histogram_count", [v]),
        fn("histogram_fraction", [s, s, v]),
        fn("histogram_quantile", [s, v]),
        fn("histogram_quantiles", [v, str, s], variadic: -1, experimental: true),
        fn("histogram_stddev", [v]),
        fn("histogram_stdvar", [v]),
        fn("histogram_sum", [v]),
        fn("holt_winters", [m, s, s]),
        fn("hour", [v], variadic: 1),
        fn("idelta", [m]),
        fn("increase", [m]),
        fn("info", [v, v], variadic: 1, experimental: true),
        fn("irate", [m]),
        fn("label_join", [v, str, str, str], variadic: -1),
        fn("label_replace", [v, str, str, str, str]),
        fn("last_over_time", [m]),
        fn("ln", [v]),
        fn("log10", [v]),
        fn("log2", [v]),
        fn("mad_over_time", [m], experimental: true),
        fn("max_of", [s, s], .scalar, experimental: true),
        fn("max_over_time", [m]),
        fn("min_of", [s, s], .scalar, experimental: true),
        fn("min_over_time", [m]),
        fn("minute", [v], variadic: 1),
        fn("month", [v], variadic: 1),
        fn("pi", [], .scalar),
        fn("predict_linear", [m, s]),
        fn("present_over_time", [m]),
        fn("quantile_over_time", [s, m]),
        fn("rad", [v]),
        fn("range", [], .scalar, experimental: true),
        fn("rate", [m]),
        fn("resets", [m]),
        fn("round", [v, s], variadic: 1),
        fn("scalar", [v], .scalar),
        fn("sgn", [v]),
        fn("sin", [v]),
        fn("sinh", [v]),
        fn("sort", [v]),
        fn("sort_by_label", [v, str], variadic: -1, experimental: true),
        fn("sort_by_label_desc", [v, str], variadic: -1, experimental: true),
        fn("sort_desc", [v]),
        fn("sqrt", [v]),
        fn("start", [], .scalar, experimental: true),
        fn("stddev_over_time", [m]),
        fn("step", [], .scalar, experimental: true),
        fn("stdvar_over_time", [m]),
        fn("sum_over_time", [m]),
        fn("tan", [v]),
        fn("tanh", [v]),
        fn("time", [], .scalar),
        fn("timestamp", [v]),
        fn("ts_of_first_over_time", [m], experimental: true),
        fn("ts_of_last_over_time", [m], experimental: true),
        fn("ts_of_max_over_time", [m], experimental: true),
        fn("ts_of_min_over_time", [m], experimental: true),
        fn("vector", [s]),
        fn("year", [v], variadic: 1),
    ]

    /// Names of the functions registered by Prometheus 2.42 (70).
    public static let prometheus242Names: Set<String> = Set(
        all.map(\.name).filter { !additionsAfter242.contains($0) }
    )

    private static let additionsAfter242: Set<String> = [
        "double_exponential_smoothing", "first_over_time", "histogram_avg", "histogram_stddev", "histogram_stdvar",
        "histogram_quantiles", "info", "end", "max_of", "min_of", "range", "start", "step", "mad_over_time",
        "sort_by_label", "sort_by_label_desc", "ts_of_first_over_time",
        "ts_of_last_over_time", "ts_of_max_over_time", "ts_of_min_over_time",
    ]

    private static let byName: [String: FunctionSignature] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.name, $0) }
    )

    /// The signature of `name`, or nil for an unknown function (any version).
    public static func lookup(_ name: String) -> FunctionSignature? { byName[name] }

    /// The signature of `name` in Prometheus 2.42 (`prometheus2`) or 3.x, or nil when that version lacks it.
    public static func lookup(_ name: String, prometheus2: Bool) -> FunctionSignature? {
        guard let signature = byName[name] else { return nil }
        if prometheus2 { return prometheus242Names.contains(name) ? signature : nil }
        return name == "holt_winters" ? nil : signature
    }
}
