import CortadoJSON

/// `AWS::Events::EventBus`: `Ref` is the bus's name; `Arn` and `Name` attributes.
struct EventBusHandler: ResourceHandler {
    let events: EventBusService

    func create(_ logicalId: String, _ p: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        guard let name = try p.string("Name", logicalId) else { throw StackError(logicalId, "Properties/Name is required") }
        let answer = try await events.handle(action: "CreateEventBus", body: ["Name": .string(name)]).answer(logicalId)
        let arn = answer["EventBusArn"] ?? .null
        return StackResource(
            logicalId: logicalId, type: "AWS::Events::EventBus", physicalId: name, ref: .string(name),
            attributes: ["Arn": arn, "Name": .string(name)])
    }

    func delete(_ resource: StackResource, _ p: JSONObject, _ stack: StackContext) async throws(StackError) {
        _ = try await events.handle(action: "DeleteEventBus", body: ["Name": .string(resource.physicalId)]).answer(resource.logicalId)
    }
}
