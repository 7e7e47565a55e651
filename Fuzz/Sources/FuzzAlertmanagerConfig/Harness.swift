import FuzzSupport
import KlaxonNotify

/// Loads the input as an `alertmanager.yml` (route tree, matchers in every syntax, receivers, time intervals).
@_cdecl("FuzzAlertmanagerConfig_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        _ = try? AlertmanagerConfigLoader.parse(fuzzText(data, size), file: "alertmanager.yml")
        return 0
    }
}
