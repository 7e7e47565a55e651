// swift-tools-version: 6.1
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Klaxon",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "klaxon", targets: ["klaxon"]),
        // Library products exist for the separate Benchmarks/ package.
        .library(name: "KlaxonModel", targets: ["KlaxonModel"]),
        .library(name: "KlaxonExposition", targets: ["KlaxonExposition"]),
        .library(name: "KlaxonStorage", targets: ["KlaxonStorage"]),
        .library(name: "KlaxonPromQL", targets: ["KlaxonPromQL"]),
        // ... and for the separate Fuzz/ package.
        .library(name: "KlaxonRules", targets: ["KlaxonRules"]),
        .library(name: "KlaxonTemplate", targets: ["KlaxonTemplate"]),
        .library(name: "KlaxonConfig", targets: ["KlaxonConfig"]),
        .library(name: "KlaxonScrape", targets: ["KlaxonScrape"]),
        .library(name: "KlaxonNotify", targets: ["KlaxonNotify"]),
        .library(name: "KlaxonRemote", targets: ["KlaxonRemote"]),
        .library(name: "KlaxonWire", targets: ["KlaxonWire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        // --web.config.file: TLS (already in Hummingbird's graph) and bcrypt for basic_auth_users.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        // Insecure.MD5 for hashmod relabeling (already in the graph through the TLS stack).
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // Remote write/read and /federate's protobuf: the runtime only; the generated code is committed
        // (scripts/dev/protobuf), so the build never runs protoc or its plugin.
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // RE2 (Debian's libre2-dev) behind a small C interface: every regex Klaxon runs matches in linear time.
        .target(
            name: "CRE2",
            linkerSettings: [.linkedLibrary("re2")]
        ),
        // Snappy's block format (Debian's libsnappy-dev), for remote write and remote read bodies.
        .systemLibrary(
            name: "CSnappy",
            providers: [.apt(["libsnappy-dev"])]
        ),
        .target(name: "KlaxonModel", dependencies: ["CRE2"], swiftSettings: upcoming),
        // The binary formats spoken with peers: prompb (remote write/read), client_model (protobuf exposition),
        // snappy. Generated Swift from proto/ (scripts/dev/protobuf) plus thin helpers.
        .target(
            name: "KlaxonWire",
            dependencies: ["CSnappy", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["proto"],
            swiftSettings: upcoming
        ),
        .target(name: "KlaxonCurl", dependencies: ["CCurl"], swiftSettings: upcoming),
        .target(name: "KlaxonExposition", dependencies: ["KlaxonModel"], swiftSettings: upcoming),
        .target(name: "KlaxonStorage", dependencies: ["KlaxonModel"], swiftSettings: upcoming),
        .target(name: "KlaxonPromQL", dependencies: ["KlaxonModel"], swiftSettings: upcoming),
        .target(name: "KlaxonTemplate", dependencies: ["KlaxonModel"], swiftSettings: upcoming),
        .target(
            name: "KlaxonYAML",
            dependencies: ["KlaxonModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: upcoming
        ),
        .target(
            name: "KlaxonRules",
            dependencies: ["KlaxonModel", "KlaxonYAML", "KlaxonPromQL", "KlaxonTemplate"],
            swiftSettings: upcoming
        ),
        .target(
            name: "KlaxonNotify",
            dependencies: [
                "KlaxonModel", "KlaxonYAML", "KlaxonTemplate",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: upcoming
        ),
        // prometheus.yml: model, loader, relabeling (Prometheus's config/ and model/relabel).
        .target(
            name: "KlaxonConfig",
            dependencies: [
                "KlaxonModel", "KlaxonYAML", "KlaxonCurl", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: upcoming
        ),
        // Target discovery (Prometheus's discovery/): what the scraper and the notifier both read targets from.
        .target(
            name: "KlaxonDiscovery",
            dependencies: ["KlaxonModel", "KlaxonYAML", "KlaxonConfig"],
            swiftSettings: upcoming
        ),
        .target(
            name: "KlaxonScrape",
            dependencies: [
                "KlaxonModel", "KlaxonConfig", "KlaxonDiscovery", "KlaxonExposition", "KlaxonStorage", "KlaxonCurl",
            ],
            swiftSettings: upcoming
        ),
        // Prometheus's storage/remote: remote_write queues reading the WAL, the remote-write receiver's decoding.
        .target(
            name: "KlaxonRemote",
            dependencies: [
                "KlaxonModel", "KlaxonConfig", "KlaxonStorage", "KlaxonWire", "KlaxonCurl",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: upcoming
        ),
        // Rule alerts to external Alertmanagers (Prometheus's notifier/), beside the rule engine, not in the router.
        .target(
            name: "KlaxonNotifier",
            dependencies: [
                "KlaxonModel", "KlaxonConfig", "KlaxonDiscovery",
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "KlaxonCheck",
            dependencies: [
                "KlaxonModel", "KlaxonYAML", "KlaxonExposition", "KlaxonStorage", "KlaxonPromQL", "KlaxonRules",
                "KlaxonConfig", "KlaxonDiscovery", "KlaxonNotify",
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "KlaxonServer",
            dependencies: [
                "KlaxonModel", "KlaxonStorage", "KlaxonPromQL", "KlaxonExposition", "KlaxonYAML", "KlaxonWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "KlaxonDaemon",
            dependencies: [
                "KlaxonModel", "KlaxonYAML", "KlaxonExposition", "KlaxonStorage", "KlaxonPromQL", "KlaxonRules",
                "KlaxonNotify", "KlaxonNotifier", "KlaxonCurl", "KlaxonConfig", "KlaxonScrape", "KlaxonServer",
                "KlaxonTemplate", "KlaxonRemote", "KlaxonWire",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "klaxon",
            dependencies: [
                "KlaxonCheck", "KlaxonDaemon", "KlaxonModel", "KlaxonPromQL",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),
        // Helpers several test targets share (built binary, free port, temp dir, Python fixtures, fixture folders).
        .target(
            name: "KlaxonTestSupport",
            dependencies: ["KlaxonModel"],
            path: "Tests/KlaxonTestSupport",
            swiftSettings: upcoming
        ),
        .testTarget(name: "KlaxonModelTests", dependencies: ["KlaxonModel"], swiftSettings: upcoming),
        .testTarget(
            name: "KlaxonExpositionTests",
            dependencies: ["KlaxonExposition", "KlaxonModel"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "KlaxonStorageTests",
            dependencies: ["KlaxonStorage", "KlaxonModel"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "KlaxonPromQLTests",
            dependencies: ["KlaxonPromQL", "KlaxonStorage"],
            exclude: ["conformance-skip.txt"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "KlaxonCurlTests",
            dependencies: ["KlaxonCurl", "KlaxonTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "KlaxonScrapeTests",
            dependencies: [
                "KlaxonScrape", "KlaxonConfig", "KlaxonDiscovery", "KlaxonStorage", "KlaxonCurl", "KlaxonTestSupport",
            ],
            exclude: ["Fixtures"],
            swiftSettings: upcoming
        ),
        .testTarget(name: "KlaxonTemplateTests", dependencies: ["KlaxonTemplate"], swiftSettings: upcoming),
        .testTarget(name: "KlaxonYAMLTests", dependencies: ["KlaxonYAML"], swiftSettings: upcoming),
        .testTarget(
            name: "KlaxonServerTests",
            dependencies: ["KlaxonServer", "KlaxonStorage", "KlaxonPromQL", "KlaxonCurl", "KlaxonTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "KlaxonRulesTests",
            dependencies: ["KlaxonRules", "KlaxonTestSupport"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "KlaxonConfigTests",
            dependencies: ["KlaxonConfig", "KlaxonModel", "KlaxonTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "KlaxonNotifierTests",
            dependencies: ["KlaxonNotifier", "KlaxonConfig", "KlaxonModel", "KlaxonTestSupport"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "KlaxonNotifyTests",
            dependencies: ["KlaxonNotify", "KlaxonNotifier", "KlaxonModel", "KlaxonTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "KlaxonDaemonTests",
            dependencies: [
                "KlaxonDaemon", "KlaxonServer", "KlaxonConfig", "KlaxonScrape", "KlaxonNotify", "KlaxonRules",
                "KlaxonStorage",
                "KlaxonExposition", "KlaxonModel", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "KlaxonEndToEndTests",
            dependencies: ["KlaxonCurl", "KlaxonTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "KlaxonRemoteTests",
            dependencies: [
                "KlaxonRemote", "KlaxonWire", "KlaxonStorage", "KlaxonConfig", "KlaxonModel", "KlaxonTestSupport",
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "KlaxonCheckTests",
            dependencies: ["KlaxonCheck", "KlaxonTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: upcoming
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
