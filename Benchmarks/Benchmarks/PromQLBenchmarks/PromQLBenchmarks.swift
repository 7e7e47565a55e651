import Benchmark

// Benchmarks for this area are added together with the code they measure.
let benchmarks: @Sendable () -> Void = {
    registerParserBenchmarks()
}
