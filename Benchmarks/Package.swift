// swift-tools-version: 6.1
// Klaxon's benchmarks: a package of its own so that the main build and CI never pay for the benchmark tooling.
// Run with `scripts/bench/micro` (or `swift package --package-path Benchmarks benchmark`).
import PackageDescription

let benchmark: Target.Dependency = .product(name: "Benchmark", package: "benchmark")
let plugins: [Target.PluginUsage] = [.plugin(name: "BenchmarkPlugin", package: "benchmark")]

let package = Package(
    name: "KlaxonBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The root package is referenced by path; `name:` keeps "Klaxon" as its identity whatever the clone's folder name.
        .package(name: "Klaxon", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ExpositionBenchmarks",
            dependencies: [benchmark, .product(name: "KlaxonExposition", package: "Klaxon")],
            path: "Benchmarks/ExpositionBenchmarks",
            plugins: plugins
        ),
        .executableTarget(
            name: "StorageBenchmarks",
            dependencies: [
                benchmark, .product(name: "KlaxonStorage", package: "Klaxon"),
                .product(name: "KlaxonModel", package: "Klaxon"),
            ],
            path: "Benchmarks/StorageBenchmarks",
            plugins: plugins
        ),
        .executableTarget(
            name: "PromQLBenchmarks",
            dependencies: [
                benchmark,
                .product(name: "KlaxonPromQL", package: "Klaxon"),
                .product(name: "KlaxonStorage", package: "Klaxon"),
            ],
            path: "Benchmarks/PromQLBenchmarks",
            plugins: plugins
        ),
        .executableTarget(
            name: "RegexBenchmarks",
            dependencies: [benchmark, .product(name: "KlaxonModel", package: "Klaxon")],
            path: "Benchmarks/RegexBenchmarks",
            plugins: plugins
        ),
    ],
    swiftLanguageModes: [.v6]
)
