import CortadoJSON

extension StepFunctionsService {
    /// `DescribeStateMachineForExecution`: the definition the execution runs, which an update of the
    /// state machine does not change.
    func describeStateMachineForExecution(_ r: Request) async throws -> JSON {
        let (engine, record) = try await requireExecution(try r.requiredString("executionArn"))
        let machine = try await store.stateMachine(arn: record.stateMachineArn)
        let header = try engine.header(of: record)
        var o: JSONObject = [
            "stateMachineArn": .string(record.stateMachineArn), "name": .string(header.stateMachineName),
            "definition": .string(header.definition), "roleArn": .string(header.roleArn),
            "updateDate": Self.date(machine?.updateDate ?? machine?.creationDate ?? record.startDate),
        ]
        o["loggingConfiguration"] =
            machine?.loggingConfiguration.flatMap { try? JSON(parsing: $0) } ?? ["level": "OFF", "includeExecutionData": false]
        o["tracingConfiguration"] = machine?.tracingConfiguration.flatMap { try? JSON(parsing: $0) } ?? ["enabled": false]
        return .object(o)
    }
}
