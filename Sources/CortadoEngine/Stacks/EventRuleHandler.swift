import CortadoJSON

/// `AWS::Events::Rule` with its `Targets`: `Ref` is the rule's name (`bus|name` on a custom bus, as
/// CloudFormation answers); the `Arn` attribute. A change of name or bus replaces it; others are put in place.
struct EventRuleHandler: ResourceHandler {
    let events: EventBusService

    func create(_ logicalId: String, _ p: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        let name = try p.string("Name", logicalId) ?? stack.physicalName(logicalId)
        let bus = try p.string("EventBusName", logicalId).map(Self.busName) ?? "default"
        let arn = try await put(logicalId, name, bus, p)
        try await putTargets(logicalId, name, bus, p, removing: [])
        let ref = bus == "default" ? name : "\(bus)|\(name)"
        return StackResource(
            logicalId: logicalId, type: "AWS::Events::Rule", physicalId: ref, ref: .string(ref), attributes: ["Arn": .string(arn)])
    }

    func update(_ old: StackResource, from: JSONObject, to: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        guard from["Name"] == to["Name"], from["EventBusName"] == to["EventBusName"] else {
            return try await replace(old, from: from, to: to, stack)
        }
        let (bus, name) = Self.split(old.physicalId)
        _ = try await put(old.logicalId, name, bus, to)
        let kept = Set((to["Targets"]?.arrayValue ?? []).compactMap { $0["Id"]?.stringValue })
        let gone = (from["Targets"]?.arrayValue ?? []).compactMap { $0["Id"]?.stringValue }.filter { !kept.contains($0) }
        try await putTargets(old.logicalId, name, bus, to, removing: gone)
        return old
    }

    func delete(_ resource: StackResource, _ p: JSONObject, _ stack: StackContext) async throws(StackError) {
        let (bus, name) = Self.split(resource.physicalId)
        let ids = (p["Targets"]?.arrayValue ?? []).compactMap { $0["Id"] }
        if !ids.isEmpty {
            _ = try await events.handle(
                action: "RemoveTargets", body: ["Rule": .string(name), "EventBusName": .string(bus), "Ids": .array(ids)]
            ).answer(resource.logicalId)
        }
        _ = try await events.handle(action: "DeleteRule", body: ["Name": .string(name), "EventBusName": .string(bus)])
            .answer(resource.logicalId)
    }

    func put(_ logicalId: String, _ name: String, _ bus: String, _ p: JSONObject) async throws(StackError) -> String {
        var body: JSONObject = ["Name": .string(name), "EventBusName": .string(bus)]
        if let pattern = p["EventPattern"] { body["EventPattern"] = .string(pattern.stringValue ?? pattern.text) }
        for key in ["ScheduleExpression", "State", "Description", "RoleArn"] { if let v = p[key] { body[key] = v } }
        return try await events.handle(action: "PutRule", body: .object(body)).answer(logicalId)["RuleArn"]?.stringValue ?? ""
    }

    func putTargets(_ logicalId: String, _ name: String, _ bus: String, _ p: JSONObject, removing gone: [String]) async throws(StackError) {
        if !gone.isEmpty {
            _ = try await events.handle(
                action: "RemoveTargets",
                body: ["Rule": .string(name), "EventBusName": .string(bus), "Ids": .array(gone.map(JSON.string))]
            ).answer(logicalId)
        }
        guard let targets = p["Targets"]?.arrayValue, !targets.isEmpty else { return }
        let answer = try await events.handle(
            action: "PutTargets", body: ["Rule": .string(name), "EventBusName": .string(bus), "Targets": .array(targets)]
        ).answer(logicalId)
        if let failed = answer["FailedEntries"]?.arrayValue, let first = failed.first {
            throw StackError(
                logicalId, "Targets/\(first["TargetId"]?.stringValue ?? "?"): \(first["ErrorMessage"]?.stringValue ?? first.text)")
        }
    }

    /// A bus given by ARN is named by its last part.
    static func busName(_ nameOrArn: String) -> String {
        nameOrArn.hasPrefix("arn:") ? String(nameOrArn.split(separator: "/").last ?? "") : nameOrArn
    }

    static func split(_ ref: String) -> (bus: String, name: String) {
        let parts = ref.split(separator: "|", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : ("default", ref)
    }
}
