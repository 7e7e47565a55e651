import FuzzSupport
import KlaxonConfig

/// Loads the input as a `prometheus.yml` (strict YAML, every validation, relabel regexes, rule-file globs).
@_cdecl("FuzzPrometheusConfig_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        if let config = try? PrometheusConfigLoader.parse(fuzzText(data, size), file: "prometheus.yml") {
            _ = config.redactedYAML
        }
        return 0
    }
}
