import FuzzSupport
import KlaxonTemplate

/// Parses the input as an alert annotation template (Go text/template with Prometheus's functions) and expands it
/// on alert-like data, as a rule evaluation does.
@_cdecl("FuzzTemplate_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        guard let expander = try? PrometheusTemplateExpander(alertName: "Fuzz", text: fuzzText(data, size)) else {
            return 0
        }
        _ = expander.expand(
            labels: ["instance": "host:9100", "job": "node", "__name__": "up"],
            externalLabels: ["site": "x"],
            externalURL: "http://klaxon:9095",
            value: 1234567.5
        )
        return 0
    }
}
