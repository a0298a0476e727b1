import CortadoJSON
import CortadoStore

extension StepFunctionsService {
    /// `ListExecutions`: newest first, optionally of one status.
    func listExecutions(_ r: Request) async throws -> JSON {
        guard let arn = try r.string("stateMachineArn") else {
            if try r.string("mapRunArn") != nil {
                throw AWSError("ValidationException", "Map Runs are not supported by Cortado yet")
            }
            throw AWSError("ValidationException", "Must provide a StateMachine ARN or MapRun ARN")
        }
        // Member constraints are checked before the machine is looked up, as on AWS.
        var status: ExecutionRecord.Status?
        if let s = try r.string("statusFilter") {
            // AWS's order (recorded).
            let allowed = ["SUCCEEDED", "TIMED_OUT", "PENDING_REDRIVE", "ABORTED", "FAILED", "RUNNING"]
            guard allowed.contains(s) else {
                throw AWSError.constraint(
                    "'\(s)'", at: "statusFilter",
                    "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
            }
            status = ExecutionRecord.Status(rawValue: s)
        }
        let limit = try r.maxResults()
        let pageToken = try r.pageToken(max: 3096)
        let machine = try await requireStateMachine(arn)
        if machine.type == .express {
            throw AWSError("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine")
        }
        let page = try await store.listExecutions(stateMachineArn: machine.arn, status: status, limit: limit, pageToken: pageToken)
        var o: JSONObject = [
            "executions": .array(
                page.items.map { e in
                    var x: JSONObject = [
                        "executionArn": .string(e.arn), "stateMachineArn": .string(e.stateMachineArn), "name": .string(e.name),
                        "status": .string(e.status.rawValue), "startDate": Self.date(e.startDate),
                    ]
                    if let s = e.stopDate { x["stopDate"] = Self.date(s) }
                    x["redriveCount"] = .int(e.redriveCount)
                    return .object(x)
                })
        ]
        if let t = page.nextToken { o["nextToken"] = .string(t) }
        return .object(o)
    }
}
