import CortadoJSON

extension StepFunctionsService {
    /// `DeleteStateMachineVersion`: refused while an alias routes to the version.
    func deleteStateMachineVersion(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("stateMachineVersionArn")
        let machine = try await machineOfQualified(arn, member: "stateMachineVersionArn", alias: false)
        let aliases = try await store.listResources(kind: Self.aliasKind(machine.arn), limit: 1000, pageToken: nil).items
        for alias in aliases where alias.json.contains("\"\(arn)\"") {
            throw AWSError(
                "ConflictException",
                "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [\(alias.name)]"
            )
        }
        _ = try await store.deleteResource(kind: Self.versionKind(machine.arn), arn: arn)
        return [:]
    }
}
