import CortadoJSON
import CortadoStore

extension StepFunctionsService {
    /// `UpdateStateMachineAlias`.
    func updateStateMachineAlias(_ r: Request) async throws -> JSON {
        let (machine, alias) = try await requireAlias(try r.requiredString("stateMachineAliasArn"))
        let description = try r.string("description")
        let routes = try r.array("routingConfiguration")
        if description == nil, routes == nil {
            throw AWSError("ValidationException", "Either the description or the RoutingConfiguration must be specified")
        }
        guard case .object(var doc) = (try? JSON(parsing: alias.json)) ?? [:] else { return [:] }
        if let routes { doc["routingConfiguration"] = try await checkRouting(routes, machine: machine) }
        if let description { doc["description"] = .string(description) }
        let now = engine.clock.now()
        doc["updateDate"] = .int(Int(now))
        var updated = alias
        updated.json = JSON.object(doc).text
        try await store.putResource(updated)
        return ["updateDate": Self.date(now)]
    }
}
