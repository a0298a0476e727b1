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
        let status = try Self.statusFilter(r)
        let limit = try r.maxResults()
        let pageToken = try r.pageToken(max: 3096)
        let machine = try await requireStateMachine(arn)
        if machine.type == .express {
            throw AWSError("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine")
        }
        let page = try await store.listExecutions(stateMachineArn: machine.arn, status: status, limit: limit, pageToken: pageToken)
        var o: JSONObject = ["executions": .array(page.items.map(Self.listItem))]
        if let t = page.nextToken { o["nextToken"] = .string(t) }
        return .object(o)
    }

    /// `statusFilter`, checked as AWS checks it.
    static func statusFilter(_ r: Request) throws -> ExecutionRecord.Status? {
        guard let s = try r.string("statusFilter") else { return nil }
        // AWS's order (recorded).
        let allowed = ["SUCCEEDED", "TIMED_OUT", "PENDING_REDRIVE", "ABORTED", "FAILED", "RUNNING"]
        guard allowed.contains(s) else {
            throw AWSError.constraint(
                "'\(s)'", at: "statusFilter", "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
        }
        return ExecutionRecord.Status(rawValue: s)
    }

    /// One execution as `ListExecutions` lists it.
    static func listItem(_ e: ExecutionRecord) -> JSON {
        var x: JSONObject = [
            "executionArn": .string(e.arn), "stateMachineArn": .string(e.stateMachineArn), "name": .string(e.name),
            "status": .string(e.status.rawValue), "startDate": Self.date(e.startDate),
        ]
        if let s = e.stopDate { x["stopDate"] = Self.date(s) }
        x["redriveCount"] = .int(e.redriveCount)
        return .object(x)
    }
}
