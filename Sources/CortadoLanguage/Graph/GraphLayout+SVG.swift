import CortadoJSON

extension GraphLayout {
    /// The graph as a standalone SVG document. Each state is a `<g class="state <type>" data-state data-path>`
    /// and each edge a `<path class="edge <kind>" data-from data-to>`, so a page can colour them with CSS.
    public var svg: String {
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="cortado-graph" width="\(n(width))" height="\(n(height))" \
            viewBox="0 0 \(n(width)) \(n(height))">
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">\
            <path d="M0,0 L10,5 L0,10 z" fill="#5f6b7a"/></marker></defs>
            <style>
            .cortado-graph text { font: 13px system-ui, sans-serif; fill: #16191f; }
            .cortado-graph .state > rect { fill: #ffffff; stroke: #5f6b7a; stroke-width: 1.2; }
            .cortado-graph .container > rect { fill: #f4f6f8; stroke-dasharray: 5 3; }
            .cortado-graph .Missing > rect { fill: #fdecea; stroke: #d13212; stroke-dasharray: 3 2; }
            .cortado-graph .marker > rect { fill: #e9ebed; stroke: #5f6b7a; }
            .cortado-graph .edge { fill: none; stroke: #5f6b7a; stroke-width: 1.2; marker-end: url(#arrow); }
            .cortado-graph .edge.catch { stroke-dasharray: 4 3; }
            </style>

            """
        // Containers first, so the edges inside them are drawn over their background, then edges, then boxes.
        let all = allNodes
        out += "<g class=\"containers\">\n"
        for node in all where !node.children.isEmpty { out += box(node) }
        out += "</g>\n<g class=\"edges\">\n"
        for e in edges {
            let d = e.points.enumerated().map { ($0 == 0 ? "M" : "L") + "\(n($1.x)),\(n($1.y))" }.joined(separator: " ")
            out += "<path class=\"edge \(e.kind.rawValue)\(e.isBack ? " back" : "")\" data-from=\"\(e.from.xmlEscaped)\" "
            out += "data-to=\"\(e.to.xmlEscaped)\" d=\"\(d)\"/>\n"
        }
        out += "</g>\n<g class=\"nodes\">\n"
        for node in all where node.children.isEmpty { out += box(node) }
        out += "</g>\n</svg>\n"
        return out
    }

    /// One state's `<g>`: its box and its name (a container's name in its header).
    private func box(_ node: GraphNode) -> String {
        let marker = node.type == "Start" || node.type == "End"
        let classes = ["state", node.type.xmlEscaped] + (marker ? ["marker"] : []) + (node.children.isEmpty ? [] : ["container"])
        var out =
            "<g class=\"\(classes.joined(separator: " "))\" data-state=\"\(node.name.xmlEscaped)\" data-path=\"\(node.path.xmlEscaped)\">"
        out += "<title>\(node.name.xmlEscaped) (\(node.type.xmlEscaped))</title>"
        out += "<rect x=\"\(n(node.x))\" y=\"\(n(node.y))\" width=\"\(n(node.width))\" height=\"\(n(node.height))\" "
        out += "rx=\"\(marker ? n(node.height / 2) : "4")\"/>"
        let textY = node.children.isEmpty ? node.y + node.height / 2 + 4.5 : node.y + 18
        out += "<text x=\"\(n(node.x + node.width / 2))\" y=\"\(n(textY))\" text-anchor=\"middle\">\(node.name.xmlEscaped)</text></g>\n"
        return out
    }

    /// A coordinate as SVG text: whole numbers without a fraction, others to one decimal.
    private func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
