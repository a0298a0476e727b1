import CortadoJSON

/// A JSONata expression, parsed once and evaluated against many inputs.
public struct JSONataExpression: Sendable {
    let root: Node

    /// Parses `text`; throws JSONata's syntax errors (`S0101`, `S0201`, `S0202`, ...).
    public init(compiling text: String) throws(JSONataError) {
        root = try Parser.parse(text)
    }

    /// Evaluates against `input`; nil in and out is JSONata's `undefined`.
    public func evaluate(
        _ input: JSON?, bindings: [String: JSON] = [:], environment: JSONataEnvironment = .init()
    ) throws(JSONataError) -> JSON? {
        try run(input, bindings: bindings, environment: environment)?.json
    }

    /// Evaluates and says what came out: a JSON value, `undefined`, or a function (which has no JSON form).
    public func evaluateOutcome(
        _ input: JSON?, bindings: [String: JSON] = [:], environment: JSONataEnvironment = .init()
    ) throws(JSONataError) -> JSONataOutcome {
        switch try run(input, bindings: bindings, environment: environment) {
        case nil: .undefined
        case .function: .function
        case let value?: value.json.map(JSONataOutcome.value) ?? .undefined
        }
    }

    func run(_ input: JSON?, bindings: [String: JSON], environment: JSONataEnvironment) throws(JSONataError) -> Value? {
        var value = input.map(Value.init)
        // An input array is wrapped so that `$[0]` sees the array as one value.
        if case .array(let items, _) = value { value = .array([.array(items, [])], [.sequence, .outerWrapper]) }
        let evaluator = Evaluator(environment: environment, root: value)
        let frame = Frame(parent: nil)
        for builtin in Builtin.library { frame.bindings[builtin.name] = .function(FunctionValue(.builtin(builtin))) }
        for (name, f) in environment.functions {
            let builtin = Builtin(name, f.signature) { _, args, _ throws(JSONataError) in
                let result = try f.body(args.map { $0?.json }).map(Value.init)
                if f.returnsSequence, case .array(let items, _)? = result { return .sequence(items) }
                return result
            }
            frame.bindings[name] = .function(FunctionValue(.builtin(builtin)))
        }
        for (k, v) in bindings { frame.bindings[k] = Value(v) }
        return try evaluator.evaluate(root, value, frame)
    }
}

/// What an evaluation produced, for hosts that must tell `undefined` from a function.
public enum JSONataOutcome: Sendable, Equatable {
    case value(JSON)
    case undefined
    case function
}
