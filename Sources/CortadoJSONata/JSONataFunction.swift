import CortadoJSON

/// A function the host adds to the library (Step Functions' `$partition`, `$hash`, ...), called with JSON values.
public struct JSONataFunction: Sendable {
    /// JSONata's signature syntax, such as `<an:a>`; arguments are checked against it (`T0410`, `T0411`, `T0412`).
    public var signature: String
    /// The body, given the arguments and the evaluation's environment; a nil argument or result is `undefined`.
    public var body: @Sendable ([JSON?], JSONataEnvironment) throws(JSONataError) -> JSON?
    /// When true an array result is a sequence, as a path's result is: one item collapses to the item.
    public var returnsSequence: Bool

    public init(
        signature: String, returnsSequence: Bool = false, _ body: @escaping @Sendable ([JSON?]) throws(JSONataError) -> JSON?
    ) {
        self.init(signature: signature, returnsSequence: returnsSequence) { args, _ throws(JSONataError) in try body(args) }
    }

    /// A function that reads the environment (its randomness, ids or time).
    public init(
        signature: String, returnsSequence: Bool = false,
        _ body: @escaping @Sendable ([JSON?], JSONataEnvironment) throws(JSONataError) -> JSON?
    ) {
        self.signature = signature
        self.returnsSequence = returnsSequence
        self.body = body
    }

    /// The function as the evaluator calls it.
    func functionValue(_ name: String) -> FunctionValue {
        let f = self
        let builtin = Builtin(name, signature) { e, args, _ throws(JSONataError) in
            let result = try f.body(args.map { $0?.json }, e.environment).map(Value.init)
            if f.returnsSequence, case .array(let items, _)? = result { return .sequence(items) }
            return result
        }
        return FunctionValue(.builtin(builtin))
    }
}

/// Host functions bound once, for hosts that evaluate many expressions with the same functions: pass it as
/// `JSONataEnvironment.library` instead of `functions`, and no evaluation binds them again.
public final class JSONataLibrary: @unchecked Sendable {
    /// The standard library's frame with the host's functions over it; never written after `init`
    /// (evaluations bind in frames below it), which is what makes sharing it safe.
    let frame: Frame

    public init(_ functions: [String: JSONataFunction]) {
        frame = Frame(parent: Builtin.libraryFrame)
        for (name, f) in functions { frame.bindings[name] = .function(f.functionValue(name)) }
    }
}
