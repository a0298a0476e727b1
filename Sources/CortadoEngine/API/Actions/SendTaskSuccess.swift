import CortadoJSON
import CortadoLanguage

extension StepFunctionsService {
    /// `SendTaskSuccess`: answers the task a token names with its output.
    func sendTaskSuccess(_ r: Request) async throws -> JSON {
        let token = try r.requiredString("taskToken")
        let outputText = try r.requiredString("output")
        try checkPayload(outputText, member: "output")
        // AWS checks the token before the output.
        try r_checkToken(token)
        guard engine.tokens.open(token) != nil else { throw AWSError("InvalidToken", "Invalid Token: 'Invalid token'") }
        let output: JSON
        switch Self.parseDocument(outputText) {
        case .success(let v): output = v
        case .failure(let e): throw AWSError("InvalidOutput", "Invalid Output: '\(e.message)'")
        }
        try await answer(token: token) { .taskSucceeded(taskID: $0, output: output) }
        return [:]
    }

    /// Delivers the event a callback makes for the task its token names; `TaskTimedOut` if the task is
    /// closed, `InvalidToken` if the token is not one of ours.
    func answer(token: String, acknowledge: Bool = true, _ event: (Int) -> ExecutionEvent) async throws {
        try r_checkToken(token)
        guard let (arn, taskID) = engine.tokens.open(token) else {
            throw AWSError("InvalidToken", "Invalid Token: 'Invalid token'")
        }
        let target = engine(forExecution: arn)
        let outcome = try await target.deliver(
            arn, event(taskID), requireOpenTask: taskID, delivered: acknowledge ? [taskID] : [])
        switch outcome {
        case .applied: return
        case .executionClosed, .taskNotOpen, .executionMissing, .notRedrivable:
            throw AWSError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'")
        }
    }

    func r_checkToken(_ token: String) throws(AWSError) {
        if token.isEmpty { throw .constraint("''", at: "taskToken", "Member must have length greater than or equal to 1") }
        if token.count > 2048 {
            throw .constraint("'\(token.prefix(40))...'", at: "taskToken", "Member must have length less than or equal to 2048")
        }
    }
}
