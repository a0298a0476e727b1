import CortadoEngine
import CortadoJSON
import CortadoLanguage

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
    let info = ExecutionInfo(
        executionArn: "arn:aws:states:\(region):\(account):execution:\(c.stateMachine.name):\(c.executionName)",
        executionName: c.executionName, stateMachineArn: smArn, stateMachineName: c.stateMachine.name,
        roleArn: c.stateMachine.roleArn, region: region)
    let interpreter = Interpreter(machine: machine, info: info, random: SeededRandomSource(seed: 1))
    // 2024-02-07T13:52:29Z: a fixed virtual start, like the recordings' own dates.
    let runner = LocalRunner(interpreter: interpreter, answerer: NoTaskAnswerer(), startTime: 1_707_313_949_000)
    let result = runner.run(input: c.input)
    return ConformanceRun(
        status: result.status.name, output: result.output, error: result.error, cause: result.cause,
        history: result.history.map { $0.json() })
}
