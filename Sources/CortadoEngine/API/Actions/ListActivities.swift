import CortadoJSON

extension StepFunctionsService {
    /// `ListActivities`.
    func listActivities(_ r: Request) async throws -> JSON {
        let page = try await store.listResources(kind: "activity", limit: try r.maxResults(), pageToken: try r.pageToken())
        var o: JSONObject = [
            "activities": .array(
                page.items.map {
                    ["activityArn": .string($0.arn), "name": .string($0.name), "creationDate": Self.date($0.creationDate)]
                })
        ]
        if let t = page.nextToken { o["nextToken"] = .string(t) }
        return .object(o)
    }
}
