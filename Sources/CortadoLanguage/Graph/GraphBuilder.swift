import CortadoJSON

/// Lays out one machine (`StartAt` and `States`) at a time, nested machines first, in local coordinates that the
/// caller moves into place (docs/architecture/graph.md, "How it is laid out").
enum GraphBuilder {
    static let boxHeight = 40.0
    static let markerWidth = 64.0
    static let markerHeight = 28.0
    static let layerGap = 56.0
    static let nodeGap = 32.0
    static let branchGap = 24.0
    static let padding = 16.0
    static let header = 28.0
    /// Room on the right for loops drawn around the graph.
    static let loopLane = 28.0

    static func layout(_ definition: JSON) -> GraphLayout {
        let machine = Machine(definition, prefix: "", markers: true)
        let placed = machine.place(atX: padding, y: padding)
        return GraphLayout(
            width: machine.width + 2 * padding, height: machine.height + 2 * padding, nodes: placed.nodes, edges: placed.edges)
    }

    /// One state machine or branch, measured: its nodes' layers, order and local frames.
    struct Machine {
        var nodes: [Node] = []
        var edges: [(from: Int, to: Int, kind: GraphEdge.Kind)] = []
        var back: Set<Int> = []
        /// For an edge that spans several layers, the placeholder nodes it passes through, one per layer between.
        var route: [Int: [Int]] = [:]
        var layer: [Int] = []
        var x: [Double] = []
        var y: [Double] = []
        var width = 0.0
        var height = 0.0

        struct Node {
            var path: String
            var name: String
            var type: String
            var width: Double
            var height: Double
            /// A container's machines (Parallel branches, or a Map's processor).
            var inner: [Machine] = []
        }

        /// `markers`: a `Start` and an `End` node, which the top level has and branches inside a container do not
        /// (as in AWS's console).
        init(_ definition: JSON, prefix: String, markers: Bool) {
            let states = definition["States"]?.objectValue ?? JSONObject()
            var index: [String: Int] = [:]
            if markers {
                nodes.append(Node(path: prefix + "#start", name: "Start", type: "Start", width: markerWidth, height: markerHeight))
            }
            for (name, state) in states {
                index[name] = nodes.count
                nodes.append(Self.node(name, state, path: Self.join(prefix, "States/\(name)")))
            }
            var end: Int?
            if markers {
                end = nodes.count
                nodes.append(Node(path: prefix + "#end", name: "End", type: "End", width: markerWidth, height: markerHeight))
            }
            func target(_ name: String) -> Int {
                if let i = index[name] { return i }
                index[name] = nodes.count
                nodes.append(
                    Node(
                        path: Self.join(prefix, "States/\(name)"), name: name, type: "Missing", width: Self.boxWidth(name),
                        height: boxHeight))
                return nodes.count - 1
            }
            var root = 0
            if let start = definition["StartAt"]?.stringValue {
                if markers { edges.append((0, target(start), .start)) } else { root = target(start) }
            }
            for (name, state) in states {
                let from = index[name]!
                if let next = state["Next"]?.stringValue { edges.append((from, target(next), .next)) }
                for rule in state["Choices"]?.arrayValue ?? [] {
                    if let next = rule["Next"]?.stringValue { edges.append((from, target(next), .choice)) }
                }
                if let next = state["Default"]?.stringValue { edges.append((from, target(next), .default)) }
                for catcher in state["Catch"]?.arrayValue ?? [] {
                    if let next = catcher["Next"]?.stringValue { edges.append((from, target(next), .catch)) }
                }
                let type = state["Type"]?.stringValue
                if let end, state["End"] == true || type == "Succeed" || type == "Fail" { edges.append((from, end, .end)) }
            }
            if !nodes.isEmpty { arrange(root: root, end: end) }
        }

        static func join(_ prefix: String, _ rest: String) -> String { prefix.isEmpty ? rest : "\(prefix)/\(rest)" }

        static func boxWidth(_ name: String) -> Double { max(120, Double(name.count) * 7 + 32) }

        static func node(_ name: String, _ state: JSON, path: String) -> Node {
            let type = state["Type"]?.stringValue ?? "Unknown"
            var inner: [Machine] = []
            if type == "Parallel" {
                for (i, branch) in (state["Branches"]?.arrayValue ?? []).enumerated() {
                    inner.append(Machine(branch, prefix: "\(path)/Branches/\(i)", markers: false))
                }
            } else if type == "Map" {
                if let processor = state["ItemProcessor"] {
                    inner.append(Machine(processor, prefix: "\(path)/ItemProcessor", markers: false))
                } else if let iterator = state["Iterator"] {
                    inner.append(Machine(iterator, prefix: "\(path)/Iterator", markers: false))
                }
            }
            guard !inner.isEmpty else { return Node(path: path, name: name, type: type, width: boxWidth(name), height: boxHeight) }
            let width = inner.map(\.width).reduce(0, +) + branchGap * Double(inner.count - 1) + 2 * padding
            let height = (inner.map(\.height).max() ?? 0) + header + padding
            return Node(path: path, name: name, type: type, width: max(width, boxWidth(name)), height: height, inner: inner)
        }

        /// Layers, order within layers and local frames; `root` is where the depth-first walk starts (Start, or
        /// a branch's first state), `end` the End marker, which goes below everything.
        mutating func arrange(root: Int, end: Int?) {
            let count = nodes.count
            var outgoing = [[Int]](repeating: [], count: count)
            for (i, e) in edges.enumerated() { outgoing[e.from].append(i) }
            // Depth-first from Start: discovery order, and the edges that go back up the path.
            var state = [UInt8](repeating: 0, count: count)  // 0 new, 1 on the path, 2 done
            var discovery: [Int] = []
            var postOrder: [Int] = []
            func visit(_ v: Int) {
                state[v] = 1
                discovery.append(v)
                for i in outgoing[v] {
                    let w = edges[i].to
                    if state[w] == 1 {
                        back.insert(i)
                    } else if state[w] == 0 {
                        visit(w)
                    }
                }
                state[v] = 2
                postOrder.append(v)
            }
            visit(root)
            let reached = discovery.count
            for v in 0..<count where state[v] == 0 && v != end { visit(v) }
            if let end, state[end] == 0 { visit(end) }
            // Longest path over forward edges, in topological order; what Start does not reach comes after.
            layer = [Int](repeating: 0, count: count)
            let reachedSet = Set(discovery.prefix(reached))
            for v in postOrder.reversed() {
                for i in outgoing[v] where !back.contains(i) {
                    let w = edges[i].to
                    layer[w] = max(layer[w], layer[v] + 1)
                }
            }
            let deepest = (0..<count).filter { reachedSet.contains($0) && $0 != end }.map { layer[$0] }.max() ?? 0
            for v in 0..<count where !reachedSet.contains(v) && v != end { layer[v] += deepest + 1 }
            if let end { layer[end] = ((0..<count).filter { $0 != end }.map { layer[$0] }.max() ?? 0) + 1 }

            // Long forward edges pass through a placeholder in each layer between, so they are routed around boxes.
            var segments: [(Int, Int)] = []
            for (i, e) in edges.enumerated() where !back.contains(i) {
                var previous = e.from
                var chain: [Int] = []
                if layer[e.to] > layer[e.from] + 1 {
                    for l in (layer[e.from] + 1)..<layer[e.to] {
                        let placeholder = nodes.count
                        nodes.append(Node(path: "", name: "", type: "Route", width: 8, height: 0))
                        layer.append(l)
                        chain.append(placeholder)
                        segments.append((previous, placeholder))
                        previous = placeholder
                    }
                    route[i] = chain
                }
                segments.append((previous, e.to))
            }
            let all = nodes.count

            // Order within layers: discovery order, then barycentre passes down the layers.
            let rank = Dictionary(uniqueKeysWithValues: discovery.enumerated().map { ($1, $0) })
            let layers = (layer.max() ?? 0) + 1
            var rows = [[Int]](repeating: [], count: layers)
            for v in (0..<all).sorted(by: { (rank[$0] ?? $0 + count) < (rank[$1] ?? $1 + count) }) { rows[layer[v]].append(v) }
            var predecessors = [[Int]](repeating: [], count: all)
            for (a, b) in segments where layer[a] < layer[b] { predecessors[b].append(a) }
            var position = [Double](repeating: 0, count: all)
            for _ in 0..<2 {
                for (r, row) in rows.enumerated() {
                    if r > 0 {
                        let sorted = row.enumerated().map { (offset, v) -> (Double, Int, Int) in
                            let preds = predecessors[v]
                            let mean = preds.isEmpty ? position[v] : preds.map { position[$0] }.reduce(0, +) / Double(preds.count)
                            return (mean, offset, v)
                        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
                        rows[r] = sorted.map(\.2)
                    }
                    // Positions as centres in a common scale, so layers of different widths compare.
                    let widths = rows[r].map { nodes[$0].width }
                    let total = widths.reduce(0, +) + nodeGap * Double(max(0, widths.count - 1))
                    var left = -total / 2
                    for (k, v) in rows[r].enumerated() {
                        position[v] = left + widths[k] / 2
                        left += widths[k] + nodeGap
                    }
                }
            }

            // Frames: layers stacked top to bottom, each centred.
            let rowWidths = rows.map { row in row.map { nodes[$0].width }.reduce(0, +) + nodeGap * Double(max(0, row.count - 1)) }
            width = (rowWidths.max() ?? 0) + (back.isEmpty ? 0 : loopLane)
            let axis = (rowWidths.max() ?? 0) / 2
            x = [Double](repeating: 0, count: all)
            y = [Double](repeating: 0, count: all)
            var top = 0.0
            for (r, row) in rows.enumerated() {
                let rowHeight = row.map { nodes[$0].height }.max() ?? 0
                var left = axis - rowWidths[r] / 2
                for v in row {
                    x[v] = left
                    y[v] = top + (rowHeight - nodes[v].height) / 2
                    left += nodes[v].width + nodeGap
                }
                top += rowHeight + (r == rows.count - 1 ? 0 : layerGap)
            }
            height = top
        }

        /// The nodes and edges in place, with this machine's top left at (`originX`, `originY`).
        func place(atX originX: Double, y originY: Double) -> (nodes: [GraphNode], edges: [GraphEdge]) {
            var placed: [GraphNode] = []
            var allEdges: [GraphEdge] = []
            for (v, node) in nodes.enumerated() {
                let left = originX + x[v]
                let top = originY + y[v]
                var children: [GraphNode] = []
                var innerLeft = left + GraphBuilder.padding
                for machine in node.inner {
                    let inside = machine.place(atX: innerLeft, y: top + GraphBuilder.header)
                    children += inside.nodes
                    allEdges += inside.edges
                    innerLeft += machine.width + GraphBuilder.branchGap
                }
                placed.append(
                    GraphNode(
                        path: node.path, name: node.name, type: node.type, x: left, y: top, width: node.width, height: node.height,
                        children: children))
            }
            let right = originX + width
            for (i, e) in edges.enumerated() {
                let a = placed[e.from]
                let b = placed[e.to]
                var points: [(x: Double, y: Double)]
                if back.contains(i) {
                    let lane = right - GraphBuilder.loopLane / 2
                    points = [
                        (a.x + a.width, a.y + a.height / 2), (lane, a.y + a.height / 2), (lane, b.y + b.height / 2),
                        (b.x + b.width, b.y + b.height / 2),
                    ]
                } else {
                    points = [(a.x + a.width / 2, a.y + a.height)]
                    for p in route[i] ?? [] {
                        let via = placed[p]
                        points.append((via.x + via.width / 2, via.y))
                        points.append((via.x + via.width / 2, via.y + via.height))
                    }
                    points.append((b.x + b.width / 2, b.y))
                }
                allEdges.append(GraphEdge(from: a.path, to: b.path, kind: e.kind, isBack: back.contains(i), points: points))
            }
            let shown = placed.enumerated().filter { nodes[$0.offset].type != "Route" }.map(\.element)
            return (shown, allEdges)
        }
    }
}
