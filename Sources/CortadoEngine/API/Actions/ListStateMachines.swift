import CortadoJSON

extension StepFunctionsService {
    /// `ListStateMachines`.
    func listStateMachines(_ r: Request) async throws -> JSON {
        let page = try await store.listStateMachines(limit: try r.maxResults(), pageToken: try r.pageToken())
        var o: JSONObject = [
            "stateMachines": .array(
                page.items.map {
                    [
                        "stateMachineArn": .string($0.arn), "name": .string($0.name), "type": .string($0.type.rawValue),
                        "creationDate": Self.date($0.creationDate),
                    ]
                })
        ]
        if let t = page.nextToken { o["nextToken"] = .string(t) }
        return .object(o)
    }
}
