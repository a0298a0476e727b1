import CortadoJSON

extension StepFunctionsService {
    /// `StopExecution`: aborts a running execution with the given error and cause.
    func stopExecution(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("executionArn")
        let error = try r.string("error")
        let cause = try r.string("cause")
        if let error { try r.checkLength(error, "error", max: 256, min: 0) }
        if let cause { try r.checkLength(cause, "cause", max: 32768, min: 0) }
        let (engine, _) = try await requireExecution(arn)
        try await engine.deliver(arn, .stop(error: error, cause: cause))
        let record = try await engine.store.execution(arn: arn)
        return ["stopDate": Self.date(record?.stopDate ?? engine.clock.now())]
    }
}
