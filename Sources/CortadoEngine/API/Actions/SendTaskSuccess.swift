import CortadoJSON
import CortadoLanguage

extension StepFunctionsService {
    /// `SendTaskSuccess`: answers the task a token names with its output.
    func sendTaskSuccess(_ r: Request) async throws -> JSON {
        let token = try r.requiredString("taskToken")
        let outputText = try r.requiredString("output")
        try checkPayload(outputText, member: "output")
        let task = try openToken(token)  // AWS checks the token before the output
        let output: JSON
        switch Self.parseDocument(outputText) {
        case .success(let v): output = v
        case .failure(let e): throw AWSError("InvalidOutput", "Invalid Output: '\(e.message)'")
        }
        try await answer(task, .taskSucceeded(taskID: task.taskID, output: output))
        return [:]
    }

    /// The execution and task a callback's token names; `InvalidToken` if it is not one of ours.
    func openToken(_ token: String) throws(AWSError) -> (executionArn: String, taskID: Int) {
        if token.isEmpty { throw .constraint("''", at: "taskToken", "Member must have length greater than or equal to 1") }
        if token.count > 2048 {
            throw .constraint("'\(token.prefix(40))...'", at: "taskToken", "Member must have length less than or equal to 2048")
        }
        guard let task = engine.tokens.open(token) else { throw AWSError("InvalidToken", "Invalid Token: 'Invalid token'") }
        return task
    }

    /// Delivers the event a callback makes for its task; `TaskTimedOut` if the task is closed.
    func answer(_ task: (executionArn: String, taskID: Int), _ event: ExecutionEvent, acknowledge: Bool = true) async throws {
        let outcome = try await engine.owner(of: task.executionArn).deliver(
            task.executionArn, event, requireOpenTask: task.taskID, delivered: acknowledge ? [task.taskID] : [])
        switch outcome {
        case .applied: return
        case .executionClosed, .taskNotOpen, .executionMissing, .notRedrivable:
            throw AWSError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'")
        }
    }
}
