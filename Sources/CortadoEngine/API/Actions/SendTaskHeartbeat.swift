import CortadoJSON

extension StepFunctionsService {
    /// `SendTaskHeartbeat`: restarts the heartbeat clock of the task a token names.
    func sendTaskHeartbeat(_ r: Request) async throws -> JSON {
        let token = try r.requiredString("taskToken")
        try await answer(token: token, acknowledge: false) { .taskHeartbeat(taskID: $0) }
        return [:]
    }
}
