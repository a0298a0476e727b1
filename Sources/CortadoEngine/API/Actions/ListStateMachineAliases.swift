import CortadoJSON

extension StepFunctionsService {
    /// `ListStateMachineAliases`.
    func listStateMachineAliases(_ r: Request) async throws -> JSON {
        let machine = try await requireStateMachine(try r.requiredString("stateMachineArn"))
        let page = try await store.listResources(
            kind: Self.aliasKind(machine.arn), limit: try r.maxResults(), pageToken: try r.pageToken())
        var o: JSONObject = [
            "stateMachineAliases": .array(
                page.items.map { ["stateMachineAliasArn": .string($0.arn), "creationDate": Self.date($0.creationDate)] })
        ]
        if let t = page.nextToken { o["nextToken"] = .string(t) }
        return .object(o)
    }
}
