import CortadoJSON

/// A state machine's graph, laid out: boxes for its states (containers for Parallel and Map, holding their
/// branches' boxes), `Start` and `End` markers, and the transitions between them as polylines
/// (docs/architecture/graph.md). Coordinates are pixels from the top left.
public struct GraphLayout: Sendable, Equatable {
    public var width: Double
    public var height: Double
    /// The top level's nodes; a container's children are inside it.
    public var nodes: [GraphNode]
    /// Every edge, nested machines' included.
    public var edges: [GraphEdge]

    /// Lays out a definition as written (`{"StartAt": …, "States": {…}}`); what it cannot read is drawn as it can.
    public init(definition: JSON) {
        self = GraphBuilder.layout(definition)
    }

    init(width: Double, height: Double, nodes: [GraphNode], edges: [GraphEdge]) {
        self.width = width
        self.height = height
        self.nodes = nodes
        self.edges = edges
    }

    /// Every node, containers' children included, in drawing order (a container before its children).
    public var allNodes: [GraphNode] {
        var out: [GraphNode] = []
        func walk(_ nodes: [GraphNode]) {
            for node in nodes {
                out.append(node)
                walk(node.children)
            }
        }
        walk(nodes)
        return out
    }

    /// The layout as the console reads it.
    public var json: JSON {
        func node(_ n: GraphNode) -> JSON {
            var o: JSONObject = [
                "path": .string(n.path), "name": .string(n.name), "type": .string(n.type), "x": .double(n.x), "y": .double(n.y),
                "width": .double(n.width), "height": .double(n.height),
            ]
            if !n.children.isEmpty { o["children"] = .array(n.children.map(node)) }
            return .object(o)
        }
        return [
            "width": .double(width), "height": .double(height), "nodes": .array(nodes.map(node)),
            "edges": .array(
                edges.map { e in
                    [
                        "from": .string(e.from), "to": .string(e.to), "kind": .string(e.kind.rawValue),
                        "points": .array(e.points.map { [.double($0.x), .double($0.y)] }),
                    ]
                }),
        ]
    }
}

/// One box: a state, a `Start`/`End` marker (type `Start`/`End`), or a name no state has (type `Missing`).
public struct GraphNode: Sendable, Equatable {
    /// Where the state is in the definition: `States/Check`, `States/Fan/Branches/0/States/A`; a marker's is its
    /// machine's path with `#start` or `#end`.
    public var path: String
    public var name: String
    /// The state's `Type` as written (`Task`, `Choice`, …).
    public var type: String
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    /// A Parallel's branches' or a Map's processor's nodes (each branch's markers included).
    public var children: [GraphNode]
}

/// A transition between two nodes, by their paths.
public struct GraphEdge: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case next, choice, `default`, `catch`, end, start
    }

    public var from: String
    public var to: String
    public var kind: Kind
    /// True for a transition back to a state on the path that leads to it (a loop).
    public var isBack: Bool
    public var points: [(x: Double, y: Double)]

    public static func == (a: GraphEdge, b: GraphEdge) -> Bool {
        a.from == b.from && a.to == b.to && a.kind == b.kind && a.isBack == b.isBack
            && a.points.map(\.x) == b.points.map(\.x) && a.points.map(\.y) == b.points.map(\.y)
    }
}
