import CortadoJSON
import CortadoStore

extension StepFunctionsService {
    /// `DescribeExecution`.
    func describeExecution(_ r: Request) async throws -> JSON {
        let (engine, record) = try await requireExecution(try r.requiredString("executionArn"))
        var o: JSONObject = [
            "executionArn": .string(record.arn), "stateMachineArn": .string(record.stateMachineArn),
            "name": .string(record.name), "status": .string(record.status.rawValue), "startDate": Self.date(record.startDate),
        ]
        if let s = record.stopDate { o["stopDate"] = Self.date(s) }
        o["input"] = .string(record.input)
        o["inputDetails"] = ["included": true]
        if let output = record.output {
            o["output"] = .string(output)
            o["outputDetails"] = ["included": true]
        }
        if let e = record.error { o["error"] = .string(e) }
        if let c = record.cause { o["cause"] = .string(c) }
        o["redriveCount"] = .int(record.redriveCount)
        if let d = record.redriveDate { o["redriveDate"] = Self.date(d) }
        let (status, reason) = Self.redriveStatus(record)
        o["redriveStatus"] = .string(status)
        if let reason { o["redriveStatusReason"] = .string(reason) }
        let (version, alias) = engine.qualifiers(of: record)
        if let version { o["stateMachineVersionArn"] = .string(version) }
        if let alias { o["stateMachineAliasArn"] = .string(alias) }
        return .object(o)
    }

    static func redriveStatus(_ record: ExecutionRecord) -> (String, String?) {
        switch record.status {
        case .failed, .timedOut, .aborted: ("REDRIVABLE", nil)
        default: ("NOT_REDRIVABLE", "Execution is \(record.status.rawValue) and cannot be redriven")
        }
    }
}
