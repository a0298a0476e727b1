import CortadoJSON
import Testing

@testable import CortadoLanguage

/// The graph `cortado graph` draws and the console colours: every state once, the transitions AWS's console
/// draws, containers holding their branches, loops drawn as back edges, and boxes that never overlap.
@Suite struct GraphLayoutTests {
    static let order: JSON = try! JSON(
        parsing: #"""
            {"StartAt": "Check",
             "States": {
               "Check": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "In stock?",
                         "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]},
               "In stock?": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 0, "Next": "Fan out"}],
                             "Default": "Wait a bit"},
               "Wait a bit": {"Type": "Wait", "Seconds": 5, "Next": "Check"},
               "Fan out": {"Type": "Parallel", "Next": "Done",
                           "Branches": [
                             {"StartAt": "Ship", "States": {"Ship": {"Type": "Pass", "Next": "Notify"}, "Notify": {"Type": "Pass", "End": true}}},
                             {"StartAt": "Points <&>", "States": {"Points <&>": {"Type": "Pass", "End": true}}}]},
               "Done": {"Type": "Succeed"},
               "Failed": {"Type": "Fail", "Error": "E"}}}
            """#)

    func node(_ layout: GraphLayout, _ path: String) throws -> GraphNode {
        try #require(layout.allNodes.first { $0.path == path }, "no node \(path)")
    }

    @Test func everyStateIsOneBoxAndEveryTransitionAnEdge() throws {
        let layout = GraphLayout(definition: Self.order)
        let paths = layout.allNodes.map(\.path)
        #expect(
            Set(paths) == [
                "#start", "#end", "States/Check", "States/In stock?", "States/Wait a bit", "States/Fan out", "States/Done",
                "States/Failed", "States/Fan out/Branches/0/States/Ship", "States/Fan out/Branches/0/States/Notify",
                "States/Fan out/Branches/1/States/Points <&>",
            ])
        #expect(paths.count == Set(paths).count)
        let kinds = Set(layout.edges.map { "\($0.from) -> \($0.to) \($0.kind.rawValue)" })
        #expect(
            kinds == [
                "#start -> States/Check start", "States/Check -> States/In stock? next", "States/Check -> States/Failed catch",
                "States/In stock? -> States/Fan out choice", "States/In stock? -> States/Wait a bit default",
                "States/Wait a bit -> States/Check next", "States/Fan out -> States/Done next", "States/Done -> #end end",
                "States/Failed -> #end end",
                "States/Fan out/Branches/0/States/Ship -> States/Fan out/Branches/0/States/Notify next",
            ])
        // The Parallel holds its branches; the branches have no markers of their own.
        let fan = try node(layout, "States/Fan out")
        #expect(fan.type == "Parallel")
        #expect(fan.children.map(\.name).sorted() == ["Notify", "Points <&>", "Ship"])
        for child in fan.children {
            #expect(child.x >= fan.x && child.x + child.width <= fan.x + fan.width)
            #expect(child.y > fan.y && child.y + child.height <= fan.y + fan.height)
        }
    }

    @Test func layersGoDownAndTheLoopGoesBack() throws {
        let layout = GraphLayout(definition: Self.order)
        for edge in layout.edges where !edge.isBack {
            let start = try #require(edge.points.first)
            let end = try #require(edge.points.last)
            #expect(end.y > start.y, "\(edge.from) -> \(edge.to) goes up")
        }
        let loops = layout.edges.filter(\.isBack)
        #expect(loops.map { "\($0.from) -> \($0.to)" } == ["States/Wait a bit -> States/Check"])
        // Drawn around the right of the graph, inside it.
        let lane = try #require(loops.first?.points.map(\.x).max())
        #expect(lane > layout.allNodes.map { $0.x + $0.width }.max()! && lane < layout.width)
        #expect(try node(layout, "#start").y < node(layout, "States/Check").y)
        #expect(try node(layout, "#end").y > layout.allNodes.filter { $0.path != "#end" }.map(\.y).max()!)
    }

    @Test func boxesDoNotOverlap() {
        for definition in [Self.order, Self.wide] {
            let layout = GraphLayout(definition: definition)
            let boxes = layout.nodes
            for (i, a) in boxes.enumerated() {
                #expect(a.x >= 0 && a.y >= 0 && a.x + a.width <= layout.width && a.y + a.height <= layout.height)
                for b in boxes[(i + 1)...] {
                    let apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y
                    #expect(apart, "\(a.name) overlaps \(b.name)")
                }
            }
        }
    }

    /// A Choice with many rules: one layer of siblings side by side, each joined back below.
    static let wide: JSON = {
        var states: JSONObject = [
            "Pick": [
                "Type": "Choice", "Default": "Join",
                "Choices": .array((0..<6).map { ["Variable": "$.x", "StringEquals": .string("\($0)"), "Next": .string("Option \($0)")] }),
            ]
        ]
        for i in 0..<6 { states["Option \(i)"] = ["Type": "Pass", "Next": "Join"] }
        states["Join"] = ["Type": "Succeed"]
        return ["StartAt": "Pick", "States": .object(states)]
    }()

    @Test func aMissingTargetIsDrawnWhereItIsNamed() throws {
        let layout = GraphLayout(definition: ["StartAt": "A", "States": ["A": ["Type": "Pass", "Next": "Nowhere"]]])
        #expect(try node(layout, "States/Nowhere").type == "Missing")
        #expect(layout.edges.contains { $0.from == "States/A" && $0.to == "States/Nowhere" })
        // Not even JSON of the right shape: markers only, no crash.
        #expect(GraphLayout(definition: ["StartAt": 3, "States": "no"]).allNodes.map(\.type) == ["Start", "End"])
    }

    @Test func theSVGNamesEveryStateForTheConsoleToColour() {
        let svg = GraphLayout(definition: Self.order).svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains(#"<g class="state Task" data-state="Check" data-path="States/Check">"#))
        #expect(svg.contains(#"<g class="state Parallel container" data-state="Fan out""#))
        #expect(svg.contains(#"data-state="Points &lt;&amp;&gt;""#))
        #expect(!svg.contains("Points <&>"))
        #expect(svg.contains(#"<path class="edge catch" data-from="States/Check" data-to="States/Failed""#))
        #expect(svg.contains(#"class="edge next back""#))
        #expect(svg.hasSuffix("</svg>\n"))
    }
}
