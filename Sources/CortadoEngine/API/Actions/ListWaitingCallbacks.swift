import CortadoJSON
import CortadoLanguage
import CortadoStore

extension StepFunctionsService {
    /// `ListWaitingCallbacks`, a Cortado extension for the console's inbox (docs/architecture/console.md): the
    /// `.waitForTaskToken` tasks waiting for an answer, with their tokens, oldest first; with `executionArn`,
    /// that execution's own.
    func listWaitingCallbacks(_ r: Request) async throws -> JSON {
        let limit = try r.maxResults()
        let pageToken = try r.pageToken()
        if let arn = try r.string("executionArn") {
            let (engine, record) = try await requireExecution(arn)
            guard record.status == .running else { return ["callbacks": []] }
            let tasks = try engine.decode(record).stored.state.openTasks.filter { $0.resource.hasSuffix(".waitForTaskToken") }
            return ["callbacks": .array(tasks.map { callback($0, of: record) })]
        }
        let page = try await store.listResources(kind: WaitingCallbacks.kind, limit: limit, pageToken: pageToken)
        var found: [JSON] = []
        var stale: [String] = []
        for item in page.items {
            guard let (arn, taskID) = WaitingCallbacks.task(of: item), let record = try await store.execution(arn: arn),
                record.status == .running,
                let task = try engine.decode(record).stored.state.openTasks.first(where: { $0.taskID == taskID })
            else {
                stale.append(item.arn)
                continue
            }
            found.append(callback(task, of: record))
        }
        if !stale.isEmpty { _ = try await store.deleteResources(kind: WaitingCallbacks.kind, arns: stale) }
        var answer: JSONObject = ["callbacks": .array(found)]
        if let next = page.nextToken { answer["nextToken"] = .string(next) }
        return .object(answer)
    }

    private func callback(_ task: OpenTask, of record: ExecutionRecord) -> JSON {
        var o: JSONObject = [
            "executionArn": .string(record.arn), "stateMachineArn": .string(record.stateMachineArn),
            "executionName": .string(record.name), "stateName": .string(task.stateName), "resource": .string(task.resource),
            "taskToken": .string(engine.tokens.mint(executionArn: record.arn, taskID: task.taskID)),
            "scheduledDate": Self.date(task.enteredTime),
        ]
        if let h = task.heartbeatSeconds { o["heartbeatSeconds"] = .int(h) }
        return .object(o)
    }
}
