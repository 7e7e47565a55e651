// swift-tools-version: 6.1
// libFuzzer harnesses, a package of their own so the main build never links libFuzzer. Build and run with
// `scripts/dev/fuzz TARGET SECONDS` (it passes -sanitize=fuzzer,address); every crash found becomes a regression
// test in the main package's test suite.
import PackageDescription

func harness(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "Klaxon") },
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "KlaxonFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Klaxon", path: "../")
    ],
    targets: [
        .target(name: "FuzzSupport"),
        harness("FuzzExposition", ["KlaxonExposition"]),
        harness("FuzzPromQL", ["KlaxonPromQL"]),
        harness("FuzzRules", ["KlaxonRules"]),
        harness("FuzzTemplate", ["KlaxonTemplate"]),
        harness("FuzzPrometheusConfig", ["KlaxonConfig"]),
        harness("FuzzAlertmanagerConfig", ["KlaxonNotify"]),
        harness("FuzzRegex", ["KlaxonModel"]),
        harness("FuzzRemoteWrite", ["KlaxonRemote", "KlaxonStorage", "KlaxonWire"]),
    ],
    swiftLanguageModes: [.v6]
)
