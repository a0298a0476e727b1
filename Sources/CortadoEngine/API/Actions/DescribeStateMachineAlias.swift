import CortadoJSON

extension StepFunctionsService {
    /// `DescribeStateMachineAlias`.
    func describeStateMachineAlias(_ r: Request) async throws -> JSON {
        let (_, alias) = try await requireAlias(try r.requiredString("stateMachineAliasArn"))
        let doc = (try? JSON(parsing: alias.json)) ?? [:]
        var o: JSONObject = ["stateMachineAliasArn": .string(alias.arn), "name": .string(alias.name)]
        if let d = doc["description"] { o["description"] = d }
        o["routingConfiguration"] = doc["routingConfiguration"] ?? []
        o["creationDate"] = Self.date(alias.creationDate)
        if case .int(let u)? = doc["updateDate"] { o["updateDate"] = Self.date(Int64(u)) }
        return .object(o)
    }
}
