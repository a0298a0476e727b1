import CortadoJSON

/// `AWS::Logs::LogGroup`: `Ref` is the group's name; the `Arn` attribute (`…:log-group:<name>:*`).
struct LogGroupHandler: ResourceHandler {
    let logs: LogsService

    func create(_ logicalId: String, _ p: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        let name = try p.string("LogGroupName", logicalId) ?? stack.physicalName(logicalId, limit: 512)
        _ = try await logs.handle(action: "CreateLogGroup", body: ["logGroupName": .string(name)]).answer(logicalId)
        if let days = p["RetentionInDays"] {
            let set = await logs.handle(
                action: "PutRetentionPolicy", body: ["logGroupName": .string(name), "retentionInDays": Self.integer(days)])
            if case .failure = set {
                // Nothing is left behind by a create that fails.
                _ = await logs.handle(action: "DeleteLogGroup", body: ["logGroupName": .string(name)])
                _ = try set.answer(logicalId)
            }
        }
        return StackResource(
            logicalId: logicalId, type: "AWS::Logs::LogGroup", physicalId: name, ref: .string(name),
            attributes: ["Arn": .string("arn:aws:logs:\(stack.region):\(stack.account):log-group:\(name):*")])
    }

    func update(_ old: StackResource, from: JSONObject, to: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        guard from["LogGroupName"] == to["LogGroupName"] else {
            return try await replace(old, from: from, to: to, stack)
        }
        let group: JSON = .string(old.physicalId)
        if let days = to["RetentionInDays"] {
            _ = try await logs.handle(action: "PutRetentionPolicy", body: ["logGroupName": group, "retentionInDays": Self.integer(days)])
                .answer(old.logicalId)
        } else {
            _ = try await logs.handle(action: "DeleteRetentionPolicy", body: ["logGroupName": group]).answer(old.logicalId)
        }
        return old
    }

    /// CloudFormation passes numbers as text; the API takes an integer (anything else goes on for the API to refuse).
    static func integer(_ value: JSON) -> JSON {
        value.intValue.map(JSON.int) ?? value.stringValue.flatMap(Int.init).map(JSON.int) ?? value
    }

    func delete(_ resource: StackResource, _ p: JSONObject, _ stack: StackContext) async throws(StackError) {
        _ = try await logs.handle(action: "DeleteLogGroup", body: ["logGroupName": .string(resource.physicalId)]).answer(resource.logicalId)
    }
}
