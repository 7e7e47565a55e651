/// Walks a parsed template (`text/template/exec.go`), writing output and producing Go's error texts.
struct Executor {
    private enum Flow {
        case normal, breakLoop, continueLoop
    }

    static let maxDepth = 1000

    private let template: Template
    /// Per-run functions that take precedence over the template's own (looked up first, never merged).
    private let overrides: TemplateFunctions
    private var output = ""
    private var variables: [(name: String, value: TemplateValue)] = []
    private var depth = 0
    /// Name of the template being executed (differs from `template.name` inside `{{template}}`).
    private var current: String
    /// Text the executing nodes were parsed from.
    private var source: Template.Source

    init(template: Template, overrides: TemplateFunctions) {
        self.template = template
        self.overrides = overrides
        self.current = template.name
        self.source = template.source
    }

    mutating func run(_ data: TemplateValue) throws(TemplateError) -> String {
        output.reserveCapacity(256)
        variables = [("$", data)]
        _ = try walk(data, template.root)
        return output
    }

    // MARK: Errors

    private func fail(at pos: Int, _ context: String, _ message: String) -> TemplateError {
        TemplateError(
            .execution,
            "template: \(location(pos)): executing \(GoPrintf.quote(current)) at <\(context)>: \(message)"
        )
    }

    /// `TemplateNode.String()`: the action as Go prints it in execution errors, pipeline included.
    private func templateNodeText(_ name: String, _ pipe: Pipe?) -> String {
        "{{template \(GoPrintf.quote(name))" + (pipe.map { " \($0)" } ?? "") + "}}"
    }

    private func location(_ pos: Int) -> String {
        // The template text is not kept, so the position is recomputed from the node's byte offset and the
        // newline table recorded at parse time.
        let (line, column) = source.lineAndColumn(pos)
        return "\(source.name):\(line):\(column)"
    }

    // MARK: Walking

    private mutating func walk(_ dot: TemplateValue, _ list: [Node]) throws(TemplateError) -> Flow {
        for node in list {
            let flow = try walk(dot, node)
            if flow != .normal { return flow }
        }
        return .normal
    }

    private mutating func walk(_ dot: TemplateValue, _ node: Node) throws(TemplateError) -> Flow {
        switch node {
        case .text(let text):
            output += text
        case .action(let pipe):
            let value = try evalPipeline(dot, pipe)
            if pipe.declarations.isEmpty { output += value.goString }
        case .ifNode(let pipe, let list, let elseList), .with(let pipe, let list, let elseList):
            let mark = variables.count
            defer { variables.removeLast(variables.count - mark) }
            let value = try evalPipeline(dot, pipe)
            let isWith: Bool
            if case .with = node { isWith = true } else { isWith = false }
            if value.isTruthy {
                return try walk(isWith ? value : dot, list)
            } else if let elseList {
                return try walk(dot, elseList)
            }
        case .range(let pipe, let list, let elseList):
            return try walkRange(dot, pipe, list, elseList)
        case .template(let name, let pipe, let pos):
            guard let definition = template.definitions[name] else {
                throw fail(
                    at: pos,
                    templateNodeText(name, pipe),
                    "template \(GoPrintf.quote(name)) not defined"
                )
            }
            let newDot = try pipe.map { (p) throws(TemplateError) in try evalPipeline(dot, p) } ?? .null
            // Go allows 100000 levels; Swift threads have smaller stacks, so recursion stops earlier.
            if depth >= Executor.maxDepth {
                throw fail(
                    at: pos,
                    templateNodeText(name, pipe),
                    "exceeded maximum template depth (\(Executor.maxDepth))"
                )
            }
            let savedVariables = variables
            let savedName = current
            let savedSource = source
            variables = [("$", newDot)]
            current = name
            source = definition.source
            depth += 1
            defer {
                depth -= 1
                variables = savedVariables
                current = savedName
                source = savedSource
            }
            _ = try walk(newDot, definition.nodes)
        case .breakNode: return .breakLoop
        case .continueNode: return .continueLoop
        }
        return .normal
    }

    private mutating func walkRange(
        _ dot: TemplateValue,
        _ pipe: Pipe,
        _ list: [Node],
        _ elseList: [Node]?
    ) throws(TemplateError) -> Flow {
        let outer = variables.count
        defer { variables.removeLast(variables.count - outer) }
        let value = try evalPipeline(dot, pipe)
        let mark = variables.count
        var items: [(TemplateValue, TemplateValue)] = []
        switch value {
        case .list(let elements): items = elements.enumerated().map { (.int($0.offset), $0.element) }
        case .stringMap(let map): items = map.keys.sorted().map { (.string($0), .string(map[$0] ?? "")) }
        case .map(let map): items = map.keys.sorted().map { (.string($0), map[$0] ?? .null) }
        case .null, .noValue: break
        case .object(let object) where object.listElements != nil:
            items = (object.listElements ?? []).enumerated().map { (.int($0.offset), $0.element) }
        case .object(let object) where object.mapEntries != nil:
            let map = object.mapEntries ?? [:]
            items = map.keys.sorted().map { (.string($0), .string(map[$0] ?? "")) }
        default:
            var pos = pipe.pos
            var context = pipe.description
            if let last = pipe.commands.last, last.arguments.count == 1, let operand = last.arguments.first {
                pos = last.positions.first ?? pos
                context = operand.description
            }
            throw fail(at: pos, context, "range can't iterate over \(value.goString)")
        }
        if items.isEmpty {
            if let elseList { return try walk(dot, elseList) }
            return .normal
        }
        for (index, element) in items {
            if !pipe.declarations.isEmpty {
                if pipe.isAssign {
                    setVariable(pipe.declarations[0], pipe.declarations.count > 1 ? index : element)
                    if pipe.declarations.count > 1 { setVariable(pipe.declarations[1], element) }
                } else if pipe.declarations.count > 1 {
                    variables[mark - 2].value = index
                    variables[mark - 1].value = element
                } else {
                    variables[mark - 1].value = element
                }
            }
            let flow = try walk(element, list)
            variables.removeLast(variables.count - mark)
            if flow == .breakLoop { break }
        }
        return .normal
    }

    // MARK: Pipelines

    private mutating func evalPipeline(_ dot: TemplateValue, _ pipe: Pipe) throws(TemplateError) -> TemplateValue {
        var value: TemplateValue?
        for command in pipe.commands {
            value = try evalCommand(dot, command, final: value)
        }
        let result = value ?? .noValue
        for name in pipe.declarations {
            if pipe.isAssign {
                setVariable(name, result)
            } else {
                variables.append((name, result))
            }
        }
        return result
    }

    private mutating func setVariable(_ name: String, _ value: TemplateValue) {
        if let index = variables.lastIndex(where: { $0.name == name }) { variables[index].value = value }
    }

    private func variable(_ name: String, pos: Int) throws(TemplateError) -> TemplateValue {
        guard let entry = variables.last(where: { $0.name == name }) else {
            throw fail(at: pos, name, "undefined variable: \(name)")
        }
        return entry.value
    }

    private mutating func evalCommand(
        _ dot: TemplateValue,
        _ command: Command,
        final: TemplateValue?
    ) throws(TemplateError) -> TemplateValue {
        guard let first = command.arguments.first else { return .noValue }
        let firstPos = command.positions.first ?? command.pos
        switch first {
        case .field(let names):
            return try evalFieldChain(dot, dot, names, command, final: final, at: firstPos, first.description)
        case .chain(let node, let names):
            let receiver = try evalArg(dot, node, at: firstPos)
            return try evalFieldChain(dot, receiver, names, command, final: final, at: firstPos, first.description)
        case .variable(let name, let names):
            let value = try variable(name, pos: command.pos)
            if names.isEmpty {
                try notAFunction(command, final: final, beyond: 1)
                return value
            }
            return try evalFieldChain(dot, value, names, command, final: final, at: firstPos, first.description)
        case .identifier(let name):
            return try evalFunction(dot, name, command, Array(command.arguments.dropFirst()), final: final)
        case .pipe(let pipe):
            try notAFunction(command, final: final, beyond: 1)
            return try evalPipeline(dot, pipe)
        case .null:
            throw fail(at: firstPos, "nil", "nil is not a command")
        default:
            try notAFunction(command, final: final, beyond: 1)
            return try evalArg(dot, first, at: firstPos)
        }
    }

    private func notAFunction(_ command: Command, final: TemplateValue?, beyond: Int) throws(TemplateError) {
        if command.arguments.count > beyond || final != nil {
            let first = command.arguments.first?.description ?? ""
            throw fail(
                at: command.positions.first ?? command.pos,
                first,
                "can't give argument to non-function \(first)"
            )
        }
    }

    private mutating func evalArg(
        _ dot: TemplateValue,
        _ operand: Operand,
        at pos: Int
    ) throws(TemplateError) -> TemplateValue {
        let single = Command(pos: pos, arguments: [operand], positions: [pos])
        switch operand {
        case .dot: return dot
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let value, _): return value
        case .string(let s, _): return .string(s)
        case .field(let names):
            return try evalFieldChain(dot, dot, names, single, final: nil, at: pos, operand.description)
        case .variable(let name, let names):
            let value = try variable(name, pos: pos)
            if names.isEmpty { return value }
            return try evalFieldChain(dot, value, names, single, final: nil, at: pos, operand.description)
        case .pipe(let pipe): return try evalPipeline(dot, pipe)
        case .identifier(let name):
            return try evalFunction(dot, name, single, [], final: nil)
        case .chain(let node, let names):
            let receiver = try evalArg(dot, node, at: pos)
            return try evalFieldChain(dot, receiver, names, single, final: nil, at: pos, operand.description)
        }
    }

    // MARK: Fields

    private mutating func evalFieldChain(
        _ dot: TemplateValue,
        _ receiver: TemplateValue,
        _ names: [String],
        _ command: Command,
        final: TemplateValue?,
        at pos: Int,
        _ context: @autoclosure () -> String
    ) throws(TemplateError) -> TemplateValue {
        var value = receiver
        for (i, name) in names.enumerated() {
            let isLast = i == names.count - 1
            var arguments: [TemplateValue] = []
            var hasArguments = false
            if isLast {
                for (index, operand) in command.arguments.enumerated().dropFirst() {
                    let argumentPos = index < command.positions.count ? command.positions[index] : command.pos
                    arguments.append(try evalArg(dot, operand, at: argumentPos))
                }
                if let final { arguments.append(final) }
                hasArguments = !arguments.isEmpty
            }
            value = try evalField(value, name, arguments, hasArguments: hasArguments, at: pos, context())
        }
        return value
    }

    private func evalField(
        _ receiver: TemplateValue,
        _ name: String,
        _ arguments: [TemplateValue],
        hasArguments: Bool,
        at pos: Int,
        _ context: @autoclosure () -> String
    ) throws(TemplateError) -> TemplateValue {
        switch receiver {
        case .object(let object):
            do {
                if let value = try object.member(name, arguments: arguments) { return value }
            } catch {
                throw fail(at: pos, context(), "error calling \(name): \(error.message)")
            }
            if let map = object.mapEntries {
                if hasArguments { throw fail(at: pos, context(), "\(name) is not a method but has arguments") }
                if let value = map[name] { return .string(value) }
                return try missing(name, zero: .string(""), at: pos, context())
            }
            throw fail(at: pos, context(), "can't evaluate field \(name) in type \(object.typeName)")
        case .stringMap(let map):
            if hasArguments { throw fail(at: pos, context(), "\(name) is not a method but has arguments") }
            if let value = map[name] { return .string(value) }
            return try missing(name, zero: .string(""), at: pos, context())
        case .map(let map):
            if hasArguments { throw fail(at: pos, context(), "\(name) is not a method but has arguments") }
            if let value = map[name] { return value }
            return try missing(name, zero: .noValue, at: pos, context())
        case .sample(let sample):
            if hasArguments {
                throw fail(at: pos, context(), "\(name) has arguments but cannot be invoked as function")
            }
            switch name {
            case "Labels": return .stringMap(sample.labels)
            case "Value": return .float(sample.value)
            default: break
            }
        case .time(let ms):
            do {
                if let value = try TemplateValue.timeMember(ms, name, arguments) { return value }
            } catch {
                throw fail(at: pos, context(), "error calling \(name): \(error.message)")
            }
        case .null, .noValue:
            if template.missingKey == .error {
                throw fail(at: pos, context(), "nil data; no entry for key \(GoPrintf.quote(name))")
            }
            return .noValue
        default: break
        }
        throw fail(at: pos, context(), "can't evaluate field \(name) in type \(receiver.goTypeName)")
    }

    private func missing(
        _ name: String,
        zero: TemplateValue,
        at pos: Int,
        _ context: @autoclosure () -> String
    ) throws(TemplateError)
        -> TemplateValue
    {
        switch template.missingKey {
        case .default: return .noValue
        case .zero: return zero
        case .error:
            throw fail(at: pos, context(), "map has no entry for key \(GoPrintf.quote(name))")
        }
    }

    // MARK: Functions

    private mutating func evalFunction(
        _ dot: TemplateValue,
        _ name: String,
        _ command: Command,
        _ operands: [Operand],
        final: TemplateValue?
    ) throws(TemplateError) -> TemplateValue {
        if name == "and" || name == "or" {
            let count = operands.count + (final == nil ? 0 : 1)
            if count < 1 {
                throw fail(at: command.pos, name, "wrong number of args for \(name): want at least 1 got 0")
            }
            var value: TemplateValue = .noValue
            for operand in operands {
                value = try evalArg(dot, operand, at: command.pos)
                if value.isTruthy == (name == "or") { return value }
            }
            if let final { value = final }
            return value
        }
        guard let entry = overrides.entries[name] ?? template.functions.entries[name] else {
            throw fail(at: command.pos, name, "\(GoPrintf.quote(name)) is not a defined function")
        }
        var arguments: [TemplateValue] = []
        arguments.reserveCapacity(operands.count + 1)
        for (index, operand) in operands.enumerated() {
            let argumentPos = index + 1 < command.positions.count ? command.positions[index + 1] : command.pos
            arguments.append(try evalArg(dot, operand, at: argumentPos))
        }
        if let final { arguments.append(final) }
        if entry.variadic {
            if arguments.count < entry.arity {
                throw fail(
                    at: command.pos,
                    name,
                    "wrong number of args for \(name): want at least \(entry.arity) got \(arguments.count)"
                )
            }
        } else if arguments.count != entry.arity {
            throw fail(
                at: command.pos,
                name,
                "wrong number of args for \(name): want \(entry.arity) got \(arguments.count)"
            )
        }
        do {
            return try entry.call(arguments)
        } catch {
            if case .argumentType(let index, let expected) = error.kind {
                // Go checks argument types before the call, at the argument.
                let argumentIndex = index + 1
                if argumentIndex < command.arguments.count {
                    let operand = command.arguments[argumentIndex]
                    let pos = command.positions.count > argumentIndex ? command.positions[argumentIndex] : command.pos
                    if operand.isConstant {
                        throw fail(at: pos, operand.description, "expected \(expected); found \(operand)")
                    }
                    throw fail(at: pos, operand.description, error.message)
                }
                throw fail(at: command.pos, command.description, error.message)
            }
            throw fail(at: command.pos, command.description, "error calling \(name): \(error.message)")
        }
    }
}
