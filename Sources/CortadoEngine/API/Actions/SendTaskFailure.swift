import CortadoJSON

extension StepFunctionsService {
    /// `SendTaskFailure`: fails the task a token names with an error and cause.
    func sendTaskFailure(_ r: Request) async throws -> JSON {
        let token = try r.requiredString("taskToken")
        let error = try r.string("error")
        let cause = try r.string("cause")
        if let error { try r.checkLength(error, "error", max: 256, min: 0) }
        if let cause { try r.checkLength(cause, "cause", max: 32768, min: 0) }
        let task = try openToken(token)
        try await answer(task, .taskFailed(taskID: task.taskID, error: error, cause: cause))
        return [:]
    }
}
