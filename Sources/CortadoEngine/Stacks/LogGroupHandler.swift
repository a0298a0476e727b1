import CortadoJSON

/// `AWS::Logs::LogGroup`: `Ref` is the group's name; the `Arn` attribute (`…:log-group:<name>:*`).
struct LogGroupHandler: ResourceHandler {
    let logs: LogsService

    func create(_ logicalId: String, _ p: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        let name = try p.string("LogGroupName", logicalId) ?? stack.physicalName(logicalId, limit: 512)
        _ = try await logs.handle(action: "CreateLogGroup", body: ["logGroupName": .string(name)]).answer(logicalId)
        if let days = p["RetentionInDays"] {
            _ = try await logs.handle(action: "PutRetentionPolicy", body: ["logGroupName": .string(name), "retentionInDays": days])
                .answer(logicalId)
        }
        return StackResource(
            logicalId: logicalId, type: "AWS::Logs::LogGroup", physicalId: name, ref: .string(name),
            attributes: ["Arn": .string("arn:aws:logs:\(stack.region):\(stack.account):log-group:\(name):*")])
    }

    func delete(_ resource: StackResource, _ p: JSONObject, _ stack: StackContext) async throws(StackError) {
        _ = try await logs.handle(action: "DeleteLogGroup", body: ["logGroupName": .string(resource.physicalId)]).answer(resource.logicalId)
    }
}
