import ArgumentParser
import CortadoJSON
import CortadoLanguage

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a state machine definition as ValidateStateMachineDefinition does."
    )

    @Argument(help: "The definition file (Amazon States Language JSON).")
    var definition: String

    @Flag(help: "Print the diagnostics as a JSON object.")
    var json = false

    func run() throws {
        let text: String
        do { text = try InputFiles.readText(definition, what: "definition") } catch {
            printError("cortado: \(error)")
            throw ExitStatus.invalid
        }
        let diagnostics = StateMachine.validate(definition: text)
        let errors = diagnostics.filter { $0.severity == .error }
        if json {
            let list = JSON.array(diagnostics.map(\.json))
            print(JSON.object(["result": .string(errors.isEmpty ? "OK" : "FAIL"), "diagnostics": list]).text)
        } else {
            for d in diagnostics { printError(d.description) }
            if errors.isEmpty { print("OK") }
        }
        if !errors.isEmpty { throw ExitStatus.invalid }
    }
}

extension Diagnostic {
    /// The diagnostic as ValidateStateMachineDefinition returns it.
    var json: JSON {
        [
            "severity": .string(severity.rawValue), "code": .string(code), "message": .string(message),
            "location": .string(location),
        ]
    }
}
