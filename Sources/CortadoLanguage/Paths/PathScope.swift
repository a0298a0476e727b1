import CortadoJSON

/// What a path, intrinsic or JSONata expression is evaluated against: the state's (effective) input,
/// the context object `$$`, the workflow variables visible to the state, and the source of randomness.
/// A JSONata state's `$states` also has the state's result or error output where there is one.
public struct PathScope: Sendable {
    public var input: JSON
    public var context: JSON
    public var variables: [String: JSON]
    public var random: any RandomSource
    /// `$states.result`: a Task's, Parallel's or Map's result, for its `Output` and `Assign`.
    public var result: JSON?
    /// `$states.errorOutput`: the `{"Error", "Cause"}` a Catcher handles, for its `Output` and `Assign`.
    public var errorOutput: JSON?
    /// The step's time (epoch milliseconds), for JSONata's `$now()` and `$millis()`.
    public var now: Int64 = 0

    public init(
        input: JSON, context: JSON = .object(JSONObject()), variables: [String: JSON] = [:],
        random: any RandomSource = SystemRandomSource()
    ) {
        self.input = input
        self.context = context
        self.variables = variables
        self.random = random
    }

    /// The root value a path starts from, or nil for an undefined variable.
    public func root(of path: JSONPath) -> JSON? {
        switch path.root {
        case .input: input
        case .context: context
        case .variable(let name): variables[name]
        }
    }

    /// Evaluates a path; a definite path that finds nothing throws Jayway's message.
    public func resolve(_ path: JSONPath) throws(JSONPathError) -> JSON {
        guard let root = root(of: path) else {
            guard case .variable(let name) = path.root else { return .null }
            throw JSONPathError(kind: .noResults, message: "Variable '$\(name)' is not defined")
        }
        return try path.evaluate(root)
    }
}
