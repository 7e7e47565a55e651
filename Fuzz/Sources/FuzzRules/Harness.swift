import FuzzSupport
import KlaxonRules

/// Loads the input as a rule file (strict YAML, every promtool validation, expression and template parsing).
@_cdecl("FuzzRules_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        _ = RuleFileLoader.parse(fuzzText(data, size))
        return 0
    }
}
