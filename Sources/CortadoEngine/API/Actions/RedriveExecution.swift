import CortadoJSON

extension StepFunctionsService {
    /// `RedriveExecution`: restarts a FAILED, TIMED_OUT or ABORTED STANDARD execution from the state it
    /// stopped in. A Parallel or Map state runs again whole (AWS reruns only its unsuccessful branches or
    /// iterations; docs/known-differences.md).
    func redriveExecution(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("executionArn")
        if let token = try r.string("clientToken") { try r.checkLength(token, "clientToken", max: 64) }
        let (engine, record) = try await requireExecution(arn)
        switch record.status {
        case .failed, .timedOut, .aborted: break
        default:
            throw AWSError("ExecutionNotRedrivable", "Execution is \(record.status.rawValue) and cannot be redriven")
        }
        if try await engine.redrive(arn) == .notRedrivable {
            throw AWSError("ExecutionNotRedrivable", "Execution cannot be redriven: it did not stop in a state")
        }
        let after = try await engine.store.execution(arn: arn)
        return ["redriveDate": Self.date(after?.redriveDate ?? engine.clock.now())]
    }
}
