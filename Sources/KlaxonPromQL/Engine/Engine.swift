public import KlaxonModel
import Synchronization

/// Which Prometheus generation's PromQL semantics the engine follows.
public enum EngineMode: Sendable, Hashable {
    /// Prometheus 3.x: range selectors and the lookback window are left-open, `(t-d, t]`.
    case prometheus3
    /// Prometheus 2.x: closed windows, `[t-d, t]`; `holt_winters` instead of `double_exponential_smoothing`.
    case prometheus2
}

/// Per-engine settings.
public struct EngineOptions: Sendable {
    /// How far back an instant selector looks for a sample, in milliseconds.
    public var lookbackDelta: Int64
    public var mode: EngineMode
    /// The most samples a single evaluation step may hold in memory.
    public var maxSamples: Int
    /// Wall-clock limit for one query.
    public var timeout: Duration
    /// Step of subqueries written without one (`x[5m:]`), in milliseconds.
    public var defaultEvaluationInterval: Int64
    /// Set from outside (a client that went away, a server shutting down) to stop the query at its next check.
    public var cancellation: QueryCancellation?

    public init(
        lookbackDelta: Int64 = 5 * Time.minute,
        mode: EngineMode = .prometheus3,
        maxSamples: Int = 50_000_000,
        timeout: Duration = .seconds(120),
        defaultEvaluationInterval: Int64 = Time.minute
    ) {
        self.lookbackDelta = lookbackDelta
        self.mode = mode
        self.maxSamples = maxSamples
        self.timeout = timeout
        self.defaultEvaluationInterval = defaultEvaluationInterval
        self.cancellation = nil
    }
}

/// A flag another thread sets to stop a running query; the engine checks it with its deadline, between
/// selections and evaluation steps.
public final class QueryCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func cancel() { flag.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// One element of an instant vector.
public struct VectorSample: Sendable, Hashable {
    public var labels: Labels
    public var t: Timestamp
    public var v: Double
    public init(labels: Labels, t: Timestamp, v: Double) {
        self.labels = labels
        self.t = t
        self.v = v
    }
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.labels == rhs.labels && lhs.t == rhs.t && lhs.v.bitPattern == rhs.v.bitPattern
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(labels)
        hasher.combine(t)
    }
}

/// One series of a range vector (matrix).
public struct MatrixSeries: Sendable, Hashable {
    public var labels: Labels
    public var samples: [Sample]
    public init(labels: Labels, samples: [Sample]) {
        self.labels = labels
        self.samples = samples
    }
}

/// The result of a query.
public enum QueryValue: Sendable, Hashable {
    case scalar(t: Timestamp, v: Double)
    case vector([VectorSample])
    case matrix([MatrixSeries])
    case string(t: Timestamp, String)
}

/// A query evaluation error, worded as Prometheus words it.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case execution
        case tooManySamples
        case timeout
        case canceled
        case badData
    }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
    public var description: String { message }

    static func exec(_ message: String) -> QueryError { QueryError(.execution, message) }
    static let tooManySamples = QueryError(
        .tooManySamples,
        "query processing would load too many samples into memory in query execution"
    )
    static let timeout = QueryError(.timeout, "query timed out in query execution")
    static let canceled = QueryError(.canceled, "query was canceled in query execution")
}

/// The PromQL evaluator: instant and range queries over any `Queryable`.
public struct Engine: Sendable {
    public var options: EngineOptions

    public init(options: EngineOptions = EngineOptions()) {
        self.options = options
    }

    /// Evaluates `expr` at one instant.
    public func instantQuery<Q: Queryable>(
        _ expr: Expr,
        at t: Timestamp,
        on queryable: Q
    ) throws(QueryError)
        -> QueryValue
    {
        var evaluator = Evaluator(queryable: queryable, options: options, start: t, end: t, step: 0)
        try evaluator.prefetch(expr)
        let value = try evaluator.eval(expr, at: t)
        switch value {
        case .scalar(let v): return .scalar(t: t, v: v)
        case .string(let s): return .string(t: t, s)
        case .vector(let elements):
            if expr.type == .vector || expr.type == .scalar {
                return .vector(elements.map { VectorSample(labels: $0.labels, t: t, v: $0.v) })
            }
            return .vector(elements.map { VectorSample(labels: $0.labels, t: t, v: $0.v) })
        case .matrix(let series):
            return .matrix(
                series.map { s in
                    var samples: [Sample] = []
                    samples.reserveCapacity(s.ts.count)
                    for (t, v) in zip(s.ts, s.vs) { samples.append(Sample(t: t, v: v)) }
                    return MatrixSeries(labels: s.labels, samples: samples)
                }
            )
        }
    }

    /// Evaluates `expr` at every `step` from `start` to `end` (both inclusive); the result is a matrix.
    public func rangeQuery<Q: Queryable>(
        _ expr: Expr,
        start: Timestamp,
        end: Timestamp,
        step: Int64,
        on queryable: Q
    ) throws(QueryError) -> QueryValue {
        guard expr.type == .vector || expr.type == .scalar else {
            throw .exec(
                "invalid expression type \"\(expr.type.rawValue)\" for range query, must be Scalar or instant Vector"
            )
        }
        guard step > 0 else { throw .exec("zero or negative query resolution step widths are not accepted") }
        guard end >= start else { throw .exec("end timestamp must not be before start time") }
        var evaluator = Evaluator(queryable: queryable, options: options, start: start, end: end, step: step)
        try evaluator.prefetch(expr)
        var index: [Labels: Int] = [:]
        var out: [MatrixSeries] = []
        var t = start
        while t <= end {
            try evaluator.checkDeadline()
            let value = try evaluator.eval(expr, at: t)
            switch value {
            case .scalar(let v):
                if let i = index[Labels.empty] {
                    out[i].samples.append(Sample(t: t, v: v))
                } else {
                    index[Labels.empty] = out.count
                    out.append(MatrixSeries(labels: .empty, samples: [Sample(t: t, v: v)]))
                }
            case .vector(let elements):
                for e in elements {
                    if let i = index[e.labels] {
                        out[i].samples.append(Sample(t: t, v: e.v))
                    } else {
                        index[e.labels] = out.count
                        out.append(MatrixSeries(labels: e.labels, samples: [Sample(t: t, v: e.v)]))
                    }
                }
            case .matrix, .string:
                throw .exec("invalid expression type for range query")
            }
            t += step
        }
        return .matrix(out)
    }
}
