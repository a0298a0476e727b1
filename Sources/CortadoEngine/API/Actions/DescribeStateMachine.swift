import CortadoJSON
import CortadoStore

extension StepFunctionsService {
    /// `DescribeStateMachine`.
    func describeStateMachine(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("stateMachineArn")
        let record = try await requireStateMachine(arn)
        if arn.split(separator: ":", omittingEmptySubsequences: false).count == 8 {
            guard let version = try await versionRecord(arn, base: record) else {
                throw AWSError("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'")
            }
            var o = Self.describe(version)
            o["revisionId"] = .string(version.revisionId)
            return .object(o)
        }
        return .object(Self.describe(record))
    }

    static func describe(_ record: StateMachineRecord) -> JSONObject {
        var o: JSONObject = [
            "stateMachineArn": .string(record.arn), "name": .string(record.name), "status": "ACTIVE",
            "definition": .string(record.definition), "roleArn": .string(record.roleArn), "type": .string(record.type.rawValue),
            "creationDate": date(record.creationDate),
        ]
        o["loggingConfiguration"] =
            record.loggingConfiguration.flatMap { try? JSON(parsing: $0) } ?? ["level": "OFF", "includeExecutionData": false]
        o["tracingConfiguration"] = record.tracingConfiguration.flatMap { try? JSON(parsing: $0) } ?? ["enabled": false]
        if record.updateDate != nil { o["revisionId"] = .string(record.revisionId) }
        if let d = record.description { o["description"] = .string(d) }
        return o
    }
}
