import FuzzSupport
import KlaxonPromQL

/// Parses the input as a PromQL expression in both modes and, when it parses, prints it and parses the printed
/// form again (the printer must produce parseable text for every expression the parser accepts).
@_cdecl("FuzzPromQL_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        let text = fuzzText(data, size)
        for options in [ParserOptions.prometheus3, .prometheus2] {
            guard let expr = try? parseExpr(text, options: options) else { continue }
            let printed = expr.description
            if (try? parseExpr(printed, options: options)) == nil {
                fatalError("printed form does not parse: \(printed) (from \(text))")
            }
        }
        return 0
    }
}
