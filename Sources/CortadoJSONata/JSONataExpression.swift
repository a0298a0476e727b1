import CortadoJSON

/// A JSONata expression, parsed once and evaluated against many inputs.
public struct JSONataExpression: Sendable {
    let root: Node
    let lambdaMentionsParent: Bool
    /// Set when the expression is a plain chain of field names (`$states.input.customer.name`).
    let fieldChain: FieldChain?

    /// Parses `text`; throws JSONata's syntax errors (`S0101`, `S0201`, `S0202`, ...).
    public init(compiling text: String) throws(JSONataError) {
        root = try Parser.parse(text)
        lambdaMentionsParent = root.lambdaMentionsParent
        fieldChain = FieldChain(root)
    }

    /// Evaluates against `input` in the default environment; nil in and out is JSONata's `undefined`.
    public func evaluate(_ input: JSON?, bindings: [String: JSON] = [:]) throws(JSONataError) -> JSON? {
        // A field chain needs no environment, and building one costs as much as the lookup.
        if case .result(let r)? = fieldChain?.lookup(input, bindings) { return r }
        return try evaluate(input, bindings: bindings, environment: JSONataEnvironment())
    }

    /// Evaluates against `input`; nil in and out is JSONata's `undefined`.
    public func evaluate(
        _ input: JSON?, bindings: [String: JSON] = [:], environment: JSONataEnvironment
    ) throws(JSONataError) -> JSON? {
        if case .result(let r)? = fieldChain?.lookup(input, bindings) { return r }
        return try run(input, bindings: bindings, environment: environment)?.json
    }

    /// Evaluates and says what came out: a JSON value, `undefined`, or a function (which has no JSON form).
    public func evaluateOutcome(
        _ input: JSON?, bindings: [String: JSON] = [:], environment: JSONataEnvironment
    ) throws(JSONataError) -> JSONataOutcome {
        if case .result(let r)? = fieldChain?.lookup(input, bindings) { return r.map(JSONataOutcome.value) ?? .undefined }
        switch try run(input, bindings: bindings, environment: environment) {
        case nil: return .undefined
        case .function: return .function
        case let value?: return value.json.map(JSONataOutcome.value) ?? .undefined
        }
    }

    private func run(_ input: JSON?, bindings: [String: JSON], environment: JSONataEnvironment) throws(JSONataError) -> Value? {
        var value = input.map(Value.init)
        // An input array is wrapped so that `$[0]` sees the array as one value.
        if case .array(let items, _) = value { value = .array([.array(items, [])], [.sequence, .outerWrapper]) }
        let evaluator = Evaluator(environment: environment, root: value)
        evaluator.callerAncestors = lambdaMentionsParent
        var library = environment.library?.frame ?? Builtin.libraryFrame
        if !environment.functions.isEmpty {
            library = Frame(parent: library)
            for (name, f) in environment.functions { library.bindings[name] = .function(f.functionValue(name)) }
        }
        let frame = Frame(parent: library)
        if !bindings.isEmpty { frame.pending = bindings }
        return try evaluator.evaluate(root, value, frame)
    }
}

/// What an evaluation produced, for hosts that must tell `undefined` from a function.
public enum JSONataOutcome: Sendable, Equatable {
    case value(JSON)
    case undefined
    case function
}

/// `$name.a.b` or `a.b`: field lookups that need neither the evaluator nor a conversion of the input, which is
/// what most Step Functions expressions are. Arrays (whose lookups map and flatten) go the general way.
struct FieldChain: Sendable {
    var variable: String?
    var names: [String]

    enum Outcome {
        case result(JSON?)
        case general
    }

    init?(_ root: Node) {
        guard case .path(let steps, keepArray: false) = root,
            steps.allSatisfy({ $0.predicates.isEmpty && $0.focus == nil && $0.index == nil })
        else { return nil }
        var rest = steps[...]
        if case .variable(let v) = steps[0].expression {
            guard !v.isEmpty, v != "$", steps.count > 1 else { return nil }
            variable = v
            rest = steps.dropFirst()
        }
        var names: [String] = []
        for step in rest {
            guard case .name(let n) = step.expression else { return nil }
            names.append(n)
        }
        self.names = names
    }

    func lookup(_ input: JSON?, _ bindings: [String: JSON]) -> Outcome {
        if let variable {
            // A handful of bindings (`states` and a few variables) is searched without hashing the name.
            if bindings.count <= 4 {
                for (name, value) in bindings where name == variable { return walk(value, 0) }
                return .general
            }
            guard let bound = bindings[variable] else { return .general }
            return walk(bound, 0)
        }
        guard let input else { return .result(nil) }
        return walk(input, 0)
    }

    /// Borrows each level instead of copying it out: a copy of an object retains its storage, and a chain of
    /// copies costs more than the lookups.
    private func walk(_ value: borrowing JSON, _ k: Int) -> Outcome {
        guard k < names.count else { return Self.finish(copy value) }
        switch value {
        case .object(let o):
            guard let i = o.position(of: names[k]) else { return .result(nil) }
            return walk(o.values[i], k + 1)
        case .array: return .general
        default: return .result(nil)
        }
    }

    private static func finish(_ value: JSON) -> Outcome {
        switch value {
        case .array: return .general
        // Numbers and nested values come out as the evaluator gives them (`3.0` is `3`).
        case .object, .double: return .result(Value(value).json)
        default: return .result(value)
        }
    }
}
