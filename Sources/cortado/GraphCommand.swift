import ArgumentParser
import CortadoJSON
import CortadoLanguage

/// `cortado graph`: the state machine's graph as SVG, laid out as the console lays it out
/// (docs/architecture/graph.md).
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a state machine definition's graph as SVG (cortado graph order.asl.json > order.svg)."
    )

    @Argument(help: "The definition file (Amazon States Language JSON).")
    var definition: String

    @Flag(help: "Print the layout (nodes, frames and edges) as JSON instead of SVG.")
    var json = false

    func run() throws {
        let value: JSON
        do {
            let text = try InputFiles.readText(definition, what: "definition")
            value = try JSON(parsing: text)
        } catch {
            printError("cortado graph: \(definition): \(error)")
            throw ExitStatus.invalid
        }
        guard value.objectValue != nil else {
            printError("cortado graph: \(definition): a definition is a JSON object, not \(value.typeName)")
            throw ExitStatus.invalid
        }
        let layout = GraphLayout(definition: value)
        print(json ? layout.json.text : layout.svg, terminator: "")
        if json { print() }
    }
}
