import CortadoJSON

extension StepFunctionsService {
    /// `DeleteStateMachineAlias`.
    func deleteStateMachineAlias(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("stateMachineAliasArn")
        let machine = try await machineOfQualified(arn, member: "stateMachineAliasArn", alias: true)
        _ = try await store.deleteResource(kind: Self.aliasKind(machine.arn), arn: arn)
        return [:]
    }
}
