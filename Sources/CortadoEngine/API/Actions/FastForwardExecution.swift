import CortadoJSON

extension StepFunctionsService {
    /// `FastForwardExecution`, a Cortado extension: fires the execution's earliest pending timer (a Wait,
    /// a Retry backoff, a task or heartbeat timeout) now instead of when it is due. Answers
    /// `{"timerFired": false}` if the execution has none. See docs/architecture/api.md.
    func fastForwardExecution(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("executionArn")
        let (engine, record) = try await requireExecution(arn)
        guard record.status == .running, let loaded = try await engine.load(arn), let next = loaded.stored.state.nextTimer else {
            return ["timerFired": false]
        }
        let outcome = try await engine.deliver(arn, .timerFired(timerID: next.id), removeTimer: next.id)
        return ["timerFired": .bool(outcome == .applied), "dueDate": Self.date(next.at)]
    }
}
