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
        let machine = try await requireStateMachine(arn)
        if machine.type == .express {
            throw AWSError("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine")
        }
        var status: ExecutionRecord.Status?
        if let s = try r.string("statusFilter") {
            let allowed = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]
            guard allowed.contains(s) else {
                throw AWSError.constraint(
                    "'\(s)'", at: "statusFilter",
                    "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
            }
            status = ExecutionRecord.Status(rawValue: s)
        }
        let page = try await store.listExecutions(
            stateMachineArn: machine.arn, status: status, limit: try r.maxResults(), pageToken: try r.string("nextToken"))
        var o: JSONObject = [
            "executions": .array(
                page.items.map { e in
                    var x: JSONObject = [
                        "executionArn": .string(e.arn), "stateMachineArn": .string(e.stateMachineArn), "name": .string(e.name),
                        "status": .string(e.status.rawValue), "startDate": Self.date(e.startDate),
                    ]
                    if let s = e.stopDate { x["stopDate"] = Self.date(s) }
                    if e.redriveCount > 0 { x["redriveCount"] = .int(e.redriveCount) }
                    return .object(x)
                })
        ]
        if let t = page.nextToken { o["nextToken"] = .string(t) }
        return .object(o)
    }
}
