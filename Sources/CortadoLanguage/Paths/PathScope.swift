import CortadoJSON

/// What a path or intrinsic is evaluated against: the state's (effective) input, the context
/// object `$$`, the workflow variables visible to the state, and the source of randomness.
public struct PathScope: Sendable {
    public var input: JSON
    public var context: JSON
    public var variables: [String: JSON]
    public var random: any RandomSource

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
