import CortadoEngine
import CortadoJSON
import CortadoLanguage
import Foundation

/// Runs a corpus case on Cortado's in-process runner, named as the recording was, so the case's
/// snapshot replacements apply to our ARNs literally.
func runWithEngine(_ c: CorpusCase) async throws -> ConformanceRun {
    let machine: StateMachine
    do {
        machine = try StateMachine(definition: c.definition)
    } catch {
        return ConformanceRun(status: "INVALID_DEFINITION", error: "InvalidDefinition", cause: error.description)
    }
    let account = "111111111111"
    let region = "us-east-1"
    let smArn = "arn:aws:states:\(region):\(account):stateMachine:\(c.stateMachine.name)"
    // EXPRESS executions have their own ARN form: …:express:<machine>:<execution>:<uuid>.
    let executionArn =
        c.stateMachine.type == "EXPRESS"
        ? "arn:aws:states:\(region):\(account):express:\(c.stateMachine.name):\(c.executionName):\(UUID().uuidString.lowercased())"
        : "arn:aws:states:\(region):\(account):execution:\(c.stateMachine.name):\(c.executionName)"
    let info = ExecutionInfo(
        executionArn: executionArn,
        executionName: c.executionName, stateMachineArn: smArn, stateMachineName: c.stateMachine.name,
        roleArn: c.stateMachine.roleArn, region: region,
        redriveCount: c.stateMachine.type == "EXPRESS" ? nil : 0)
    let interpreter = Interpreter(machine: machine, info: info, random: SeededRandomSource(seed: 1))
    // The virtual clock starts when the corpus was extracted (2026-11-21T15:36:19Z): some cases hold
    // timestamps the extractor computed from its own clock (a Wait "now", a Wait 24,856 days ahead), so a
    // wall-clock start would make their outcome depend on the day the tests run.
    var runner = LocalRunner(interpreter: interpreter, answerer: NoTaskAnswerer(), startTime: 1_795_275_379_000)
    for interaction in c.raw["interactions"]?.arrayValue ?? [] {
        switch interaction["op"]?.stringValue {
        case "stop_execution": runner.interventions.append(.stop(error: nil, cause: nil))
        default: break
        }
    }
    let result = runner.run(input: c.input)
    return ConformanceRun(
        status: result.status.name, output: result.output, error: result.error, cause: result.cause,
        history: result.history.map { $0.json() })
}
