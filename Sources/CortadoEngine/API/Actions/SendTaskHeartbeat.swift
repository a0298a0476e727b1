import CortadoJSON

extension StepFunctionsService {
    /// `SendTaskHeartbeat`: restarts the heartbeat clock of the task a token names.
    func sendTaskHeartbeat(_ r: Request) async throws -> JSON {
        let token = try r.requiredString("taskToken")
        let task = try openToken(token)
        try await answer(task, .taskHeartbeat(taskID: task.taskID), acknowledge: false)
        return [:]
    }
}
