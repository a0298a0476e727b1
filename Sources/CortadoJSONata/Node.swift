/// The syntax tree of a compiled expression.
indirect enum Node: Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case regex(pattern: String, flags: String)
    /// A field name.
    case name(String)
    /// `$name`; `""` is the context `$`, `"$"` the root `$$`.
    case variable(String)
    case wildcard
    case descendants
    case parent
    case path([Step], keepArray: Bool)
    case binary(String, Node, Node, position: Int)
    case negate(Node, position: Int)
    case array([Node])
    case object([(Node, Node)], position: Int)
    /// A predicate on a whole value (not a path step): `(a.b)[0]`.
    case filter(Node, Node)
    /// `expr{key: value}` grouping after a whole expression.
    case group(Node, [(Node, Node)], position: Int)
    case condition(Node, Node, Node?)
    case elvis(Node, Node)
    case coalesce(Node, Node)
    case bind(String, Node)
    case block([Node])
    case lambda(params: [String], signature: Signature?, body: Node)
    /// A call; a nil argument is a `?` placeholder (partial application).
    case call(Node, [Node?], position: Int)
    case apply(Node, Node, position: Int)
    case sort([SortTerm], position: Int)
    case transform(pattern: Node, update: Node, delete: Node?, position: Int)
}

struct SortTerm: Sendable {
    var descending: Bool
    var expression: Node
}

/// One step of a path with its predicates and bindings.
struct Step: Sendable {
    var expression: Node { didSet { mentionsParent = Self.mentionsParent(expression, predicates) } }
    var predicates: [Node] { didSet { mentionsParent = Self.mentionsParent(expression, predicates) } }
    var focus: String? = nil
    var index: String? = nil
    /// Whether `%` appears in the step (in its expression or predicates), so that the path must track ancestors;
    /// kept up to date here as paths are evaluated far more often than built.
    private(set) var mentionsParent: Bool

    init(expression: Node, predicates: [Node] = []) {
        self.expression = expression
        self.predicates = predicates
        mentionsParent = Self.mentionsParent(expression, predicates)
    }

    /// A field name or variable with no predicate or binding attached.
    var isPlain: Bool { predicates.isEmpty && focus == nil && index == nil }

    private static func mentionsParent(_ expression: Node, _ predicates: [Node]) -> Bool {
        expression.mentionsParent || predicates.contains { $0.mentionsParent }
    }
}
