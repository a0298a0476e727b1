import CortadoJSON
import CortadoLanguage

extension StepFunctionsService {
    /// `DescribeStateMachineGraph`, a Cortado extension for the console (docs/architecture/console.md): a
    /// definition's graph as `cortado graph` draws it, SVG and layout (docs/architecture/graph.md). A
    /// definition with errors still draws (missing targets as their own boxes); one that is not a JSON
    /// object is refused.
    func describeStateMachineGraph(_ r: Request) async throws -> JSON {
        let text = try r.requiredString("definition")
        try r.checkLength(text, "definition", max: 1_048_576)
        let value: JSON
        do {
            value = try JSON(parsing: text)
        } catch {
            throw AWSError("InvalidDefinition", "Invalid State Machine Definition: 'the definition is not JSON: \(error)'")
        }
        guard value.objectValue != nil else {
            throw AWSError("InvalidDefinition", "Invalid State Machine Definition: 'a definition is a JSON object, not \(value.typeName)'")
        }
        let layout = GraphLayout(definition: value)
        return ["svg": .string(layout.svg), "layout": layout.json]
    }
}
