import CortadoJSON
import CortadoStore

extension StepFunctionsService {
    /// `CreateStateMachineAlias`: idempotent for the same routing and description.
    func createStateMachineAlias(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("name")
        try checkName(name)
        if Int(name) != nil { throw AWSError("ValidationException", "Alias name cannot be a number: '\(name)'") }
        guard let routes = try r.array("routingConfiguration") else { throw AWSError.missing("routingConfiguration") }
        guard let first = routes.first?["stateMachineVersionArn"]?.stringValue else {
            throw AWSError.missing("routingConfiguration.1.member.stateMachineVersionArn")
        }
        let machine = try await machineOfQualified(first, member: "routingConfiguration", alias: false)
        let routing = try await checkRouting(routes, machine: machine)
        let description = try r.string("description")
        let arn = machine.arn + ":" + name
        var doc: JSONObject = ["routingConfiguration": routing]
        if let description { doc["description"] = .string(description) }
        let now = engine.clock.now()
        do {
            try await store.createResource(
                ResourceRecord(kind: Self.aliasKind(machine.arn), arn: arn, name: name, json: JSON.object(doc).text, creationDate: now))
        } catch StoreError.Code.resourceAlreadyExists {
            guard let existing = try await store.resource(kind: Self.aliasKind(machine.arn), arn: arn),
                existing.json == JSON.object(doc).text
            else {
                throw AWSError(
                    "ConflictException",
                    "Failed to create alias because an alias with the same name and a different routing configuration already exists.")
            }
            return ["stateMachineAliasArn": .string(arn), "creationDate": Self.date(existing.creationDate)]
        }
        return ["stateMachineAliasArn": .string(arn), "creationDate": Self.date(now)]
    }

    func requireAlias(_ arn: String) async throws -> (StateMachineRecord, ResourceRecord) {
        let machine = try await machineOfQualified(arn, member: "stateMachineAliasArn", alias: true)
        guard let alias = try await store.resource(kind: Self.aliasKind(machine.arn), arn: arn) else {
            throw AWSError("ResourceNotFound", "Resource not found: '\(arn)'")
        }
        return (machine, alias)
    }
}
