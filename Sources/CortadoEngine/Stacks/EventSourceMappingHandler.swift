import CortadoJSON

/// `AWS::Lambda::EventSourceMapping`: `Ref` is the mapping's UUID. Any change replaces it.
struct EventSourceMappingHandler: ResourceHandler {
    let lambda: LambdaService

    func create(_ logicalId: String, _ p: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        var body = JSONObject()
        for key in ["FunctionName", "EventSourceArn", "StartingPosition", "BatchSize", "Enabled", "MaximumBatchingWindowInSeconds"] {
            if let v = p[key] { body[key] = v }
        }
        let answer = try await FunctionHandler(lambda: lambda).call(logicalId, "POST", "/2015-03-31/event-source-mappings/", .object(body))
        let uuid = answer["UUID"]?.stringValue ?? ""
        return StackResource(logicalId: logicalId, type: "AWS::Lambda::EventSourceMapping", physicalId: uuid, ref: .string(uuid))
    }

    func delete(_ resource: StackResource, _ p: JSONObject, _ stack: StackContext) async throws(StackError) {
        _ = try await FunctionHandler(lambda: lambda).call(
            resource.logicalId, "DELETE", "/2015-03-31/event-source-mappings/\(resource.physicalId)", nil)
    }
}
