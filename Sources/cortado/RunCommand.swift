import ArgumentParser
import CortadoEngine
import CortadoJSON
import CortadoLanguage
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one execution in-process on a virtual clock.",
        discussion: """
            Wait states, Retry backoff and timeouts take no wall time; timestamps still advance.
            Task states are answered from a Step Functions Local mock config (--mock-config, --test-case).
            Exit status: 0 succeeded, 1 ended any other way, 2 the definition or input is invalid.
            """
    )

    @Argument(help: "The definition file (Amazon States Language JSON).")
    var definition: String

    @Option(help: "The execution input as JSON text (default {}).")
    var input: String?

    @Option(help: "A file holding the execution input.")
    var inputFile: String?

    @Option(help: "The execution name (default: a new UUID).")
    var name: String?

    @Option(help: "A Step Functions Local MockConfigFile answering Task states.")
    var mockConfig: String?

    @Option(help: "The test case in the mock config to use.")
    var testCase: String?

    @Flag(help: "Print the execution history (as GetExecutionHistory returns it).")
    var history = false

    @Flag(help: "Print one JSON object: status, output, error, cause (and history).")
    var json = false

    func validate() throws {
        // Bad usage exits 2, as the interface says (ArgumentParser's own ValidationError exits 64).
        if input != nil && inputFile != nil { throw usage("Give either --input or --input-file, not both.") }
        if (mockConfig == nil) != (testCase == nil) { throw usage("--mock-config and --test-case go together.") }
    }

    func usage(_ message: String) -> ExitCode {
        printError("cortado run: \(message)\n\(RunCommand.helpMessage().split(separator: "\n").prefix(3).joined(separator: "\n"))")
        return ExitStatus.invalid
    }

    func run() throws {
        let machine: StateMachine
        let inputValue: JSON
        let answerer: any TaskAnswerer
        let machineName = Self.machineName(for: definition)
        do {
            let text = try InputFiles.readText(definition, what: "definition")
            do {
                machine = try StateMachine(definition: text)
            } catch {
                report(diagnostics: error.diagnostics)
                throw ExitStatus.invalid
            }
            let inputText = try inputFile.map { try InputFiles.readText($0, what: "input") } ?? input ?? "{}"
            inputValue = try InputFiles.parseJSON(inputText, what: "input")
            if inputText.utf8.count > 262_144 {
                throw InputFiles.Problem(
                    description: "States.DataLimitExceeded: the input is \(inputText.utf8.count) bytes; the limit is 262144")
            }
            if let mockConfig, let testCase {
                let config = try MockConfig(
                    json: try InputFiles.parseJSON(try InputFiles.readText(mockConfig, what: "mock config"), what: "mock config"))
                answerer = try MockAnswerer(config: config, testCase: testCase, machine: machineName)
            } else {
                answerer = NoTaskAnswerer()
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            if json {
                print(
                    JSON.object([
                        "diagnostics": [["severity": "ERROR", "code": "INVALID_INPUT", "message": .string("\(error)"), "location": ""]]
                    ]).text)
            } else {
                printError("cortado: \(error)")
            }
            throw ExitStatus.invalid
        }

        let region = "us-east-1"
        let account = "000000000000"
        let executionName = name ?? UUID().uuidString.lowercased()
        let smArn = "arn:aws:states:\(region):\(account):stateMachine:\(machineName)"
        let info = ExecutionInfo(
            executionArn: "arn:aws:states:\(region):\(account):execution:\(machineName):\(executionName)",
            executionName: executionName, stateMachineArn: smArn, stateMachineName: machineName,
            roleArn: "arn:aws:iam::\(account):role/cortado-run", region: region)
        let start = Int64(Date().timeIntervalSince1970 * 1000)
        let runner = LocalRunner(interpreter: Interpreter(machine: machine, info: info), answerer: answerer, startTime: start)
        let result = runner.run(input: inputValue)

        if json {
            var o: JSONObject = [
                "status": .string(result.status.name),
                "output": result.output ?? .null,
                "error": result.error.map(JSON.string) ?? .null,
                "cause": result.cause.map(JSON.string) ?? .null,
            ]
            if history { o["history"] = .array(result.history.map { $0.json() }) }
            print(JSON.object(o).text)
        } else {
            if history {
                for e in result.history { print(e.json().text) }
            }
            print("status: \(result.status.name)")
            if let output = result.output { print(output.prettyText()) }
            if let error = result.error { print("error: \(error)") }
            if let cause = result.cause { print("cause: \(cause)") }
        }
        if let why = result.stoppedBecause, !json { printError("cortado: \(why)") }
        if result.status != .succeeded(output: result.output ?? .null) { throw ExitStatus.failed }
    }

    func report(diagnostics: [Diagnostic]) {
        if json {
            print(JSON.object(["diagnostics": .array(diagnostics.map(\.json))]).text)
        } else {
            for d in diagnostics { printError("\(definition): \(d)") }
        }
    }

    /// The state machine's name: the definition file's base name, as a mock config names it.
    static func machineName(for path: String) -> String {
        var base = URL(fileURLWithPath: path).lastPathComponent
        for ext in [".asl.json", ".json"] where base.hasSuffix(ext) { base.removeLast(ext.count) }
        let allowed = base.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
        let name = String(allowed.prefix(80))
        return name.isEmpty ? "StateMachine" : name
    }
}
