/// Alertmanager 0.25's default template functions (`template/template.go` `DefaultFuncs`).
public enum AlertmanagerFunctions {
    public static let all: TemplateFunctions = {
        var f = TemplateFunctions()
        f.register("toUpper", arity: 1) { args throws(TemplateError) in .string(try args[0].asString().uppercased()) }
        f.register("toLower", arity: 1) { args throws(TemplateError) in .string(try args[0].asString().lowercased()) }
        f.register("title", arity: 1) { args throws(TemplateError) in .string(GoStrings.title(try args[0].asString())) }
        f.register("join", arity: 2) { args throws(TemplateError) in
            let separator = try args[0].asString()
            return .string(try args[1].asStringList().joined(separator: separator))
        }
        f.register("match", arity: 2) { args throws(TemplateError) in
            .bool(try GoRegex.matches(try args[0].asString(), try args[1].asString(1)))
        }
        f.register("safeHtml", arity: 1) { args throws(TemplateError) in .html(try args[0].asString()) }
        f.register("reReplaceAll", arity: 3) { args throws(TemplateError) in
            .string(try GoRegex.replaceAll(try args[0].asString(), try args[1].asString(1), try args[2].asString(2)))
        }
        f.register("stringSlice", arity: 0, variadic: true) { args throws(TemplateError) in
            var out: [TemplateValue] = []
            for arg in args { out.append(.string(try arg.asString())) }
            return .list(out)
        }
        return f
    }()
}
