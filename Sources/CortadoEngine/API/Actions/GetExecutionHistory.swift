import CortadoJSON

extension StepFunctionsService {
    /// `GetExecutionHistory`: events as recorded, paged, optionally newest first.
    func getExecutionHistory(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("executionArn")
        // Every member is read (and type-checked) before the execution is looked up, as on AWS.
        let reverse = try r.bool("reverseOrder") ?? false
        let includeData = try r.bool("includeExecutionData") ?? true
        let limit = try r.maxResults()
        let pageToken = try r.pageToken()
        let (engine, record) = try await requireExecution(arn)
        let page = try await engine.store.history(executionArn: record.arn, limit: limit, reverse: reverse, pageToken: pageToken)
        var events: [JSON] = []
        events.reserveCapacity(page.items.count)
        for e in page.items {
            var event = try JSON(parsing: e.json)
            if !includeData { event = Self.withoutData(event) }
            events.append(event)
        }
        var o: JSONObject = ["events": .array(events)]
        if let t = page.nextToken { o["nextToken"] = .string(t) }
        return .object(o)
    }

    /// An event without its payloads, as `includeExecutionData: false` asks.
    static func withoutData(_ event: JSON) -> JSON {
        guard case .object(var o) = event else { return event }
        for (key, value) in o where key.hasSuffix("EventDetails") {
            guard case .object(var d) = value else { continue }
            for k in ["input", "output", "parameters"] where d[k] != nil {
                d[k] = nil
                d[k + "Details"] = nil
            }
            o[key] = .object(d)
        }
        return .object(o)
    }
}
