import CortadoJSON

/// A JSONata expression, parsed once and evaluated against many inputs.
public struct JSONataExpression: Sendable {
    let root: Node
    let lambdaMentionsParent: Bool

    /// Parses `text`; throws JSONata's syntax errors (`S0101`, `S0201`, `S0202`, ...).
    public init(compiling text: String) throws(JSONataError) {
        root = try Parser.parse(text)
        lambdaMentionsParent = root.lambdaMentionsParent
    }

    /// Evaluates against `input`; nil in and out is JSONata's `undefined`.
    public func evaluate(
        _ input: JSON?, bindings: [String: JSON] = [:], environment: JSONataEnvironment = .init()
    ) throws(JSONataError) -> JSON? {
        var value = input.map(Value.init)
        // An input array is wrapped so that `$[0]` sees the array as one value.
        if case .array(let items, _) = value { value = .array([.array(items, [])], [.sequence, .outerWrapper]) }
        let evaluator = Evaluator(environment: environment, root: value)
        evaluator.callerAncestors = lambdaMentionsParent
        let frame = Frame(parent: nil)
        for builtin in Builtin.library { frame.bindings[builtin.name] = .function(FunctionValue(.builtin(builtin))) }
        for (name, f) in environment.functions {
            let builtin = Builtin(name, f.signature) { _, args, _ throws(JSONataError) in
                try f.body(args.map { $0?.json }).map(Value.init)
            }
            frame.bindings[name] = .function(FunctionValue(.builtin(builtin)))
        }
        for (k, v) in bindings { frame.bindings[k] = Value(v) }
        let result = try evaluator.evaluate(root, value, frame)
        return result?.json
    }
}
