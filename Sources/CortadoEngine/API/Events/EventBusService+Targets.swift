import CortadoEvents
import CortadoJSON

extension EventBusService {
    /// Most targets one rule may have (AWS: 5).
    static let targetLimit = 5

    /// `PutTargets`: adds or replaces (by `Id`) a rule's targets. A bad target fails the whole call with
    /// AWS's message; the rule's other targets stay as they were.
    func putTargets(_ r: Request) async throws -> JSON {
        let ruleName = try r.requiredString("Rule")
        try checkName(ruleName, member: "rule")
        let bus = try busName(r)
        guard case .object(var rule) = try requireRule(ruleName, bus: bus) else { return [:] }
        guard let targets = try r.array("Targets") else { throw AWSError.missing("targets") }
        if targets.isEmpty || targets.count > 10 {
            throw AWSError.constraint(
                "'\(targets.map(\.text))'", at: "targets",
                targets.isEmpty ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 10")
        }
        var current = rule["Targets"]?.arrayValue ?? []
        for target in targets {
            try checkTarget(target)
            let id = target["Id"]?.stringValue
            if let i = current.firstIndex(where: { $0["Id"]?.stringValue == id }) {
                current[i] = target
            } else {
                current.append(target)
            }
        }
        if current.count > Self.targetLimit {
            throw AWSError("LimitExceededException", "The requested resource exceeds the maximum number allowed.")
        }
        rule["Targets"] = .array(current)
        try await saveRule(.object(rule), bus: bus)
        return ["FailedEntryCount": 0, "FailedEntries": []]
    }

    /// A target's members as AWS checks them at `PutTargets`.
    func checkTarget(_ target: JSON) throws(AWSError) {
        guard let object = target.objectValue else { throw .serialization("A target must be a structure") }
        let r = try Request(.object(object))
        let id = try r.requiredString("Id")
        try checkName(id, member: "targets.member.id")
        let arn = try r.requiredString("Arn")
        try r.checkLength(arn, "targets.member.arn", max: 1600)
        do {
            _ = try Self.targetInput(target)
        } catch {
            throw .validation(error.message)
        }
        if let retry = try r.object("RetryPolicy") {
            if let attempts = retry["MaximumRetryAttempts"]?.intValue, attempts < 0 || attempts > 185 {
                throw AWSError.constraint(
                    "'\(attempts)'", at: "targets.member.retryPolicy.maximumRetryAttempts",
                    "Member must have value less than or equal to 185")
            }
            if let age = retry["MaximumEventAgeInSeconds"]?.intValue, age < 60 || age > 86_400 {
                throw AWSError.constraint(
                    "'\(age)'", at: "targets.member.retryPolicy.maximumEventAgeInSeconds",
                    age < 60 ? "Member must have value greater than or equal to 60" : "Member must have value less than or equal to 86400")
            }
        }
    }

    /// What a stored target receives: its `Input`, `InputPath` or `InputTransformer` (checked at PutTargets).
    static func targetInput(_ target: JSON) throws(EventsError) -> TargetInput {
        let id = target["Id"]?.stringValue ?? ""
        var transformer: (inputPathsMap: [String: String], inputTemplate: String)?
        if let t = target["InputTransformer"], t != .null {
            var map: [String: String] = [:]
            for (key, value) in t["InputPathsMap"]?.objectValue ?? [:] { map[key] = value.stringValue ?? "" }
            transformer = (map, t["InputTemplate"]?.stringValue ?? "")
        }
        return try TargetInput(
            input: target["Input"]?.stringValue, inputPath: target["InputPath"]?.stringValue, inputTransformer: transformer,
            targetID: id)
    }

    /// `RemoveTargets` by id; ids the rule does not have are reported as failed entries, as AWS does.
    func removeTargets(_ r: Request) async throws -> JSON {
        let ruleName = try r.requiredString("Rule")
        try checkName(ruleName, member: "rule")
        let bus = try busName(r)
        guard case .object(var rule) = try requireRule(ruleName, bus: bus) else { return [:] }
        guard let ids = try r.array("Ids")?.compactMap(\.stringValue) else { throw AWSError.missing("ids") }
        var current = rule["Targets"]?.arrayValue ?? []
        var failed: [JSON] = []
        for id in ids {
            if let i = current.firstIndex(where: { $0["Id"]?.stringValue == id }) {
                current.remove(at: i)
            } else {
                failed.append([
                    "TargetId": .string(id), "ErrorCode": "ResourceNotFoundException",
                    "ErrorMessage": .string("Target \(id) does not exist on rule \(ruleName)."),
                ])
            }
        }
        rule["Targets"] = .array(current)
        try await saveRule(.object(rule), bus: bus)
        return ["FailedEntryCount": .int(failed.count), "FailedEntries": .array(failed)]
    }

    func listTargetsByRule(_ r: Request) async throws -> JSON {
        let ruleName = try r.requiredString("Rule")
        try checkName(ruleName, member: "rule")
        let rule = try requireRule(ruleName, bus: try busName(r))
        let (limit, token) = try page(r)
        let targets = rule["Targets"]?.arrayValue ?? []
        let ids = targets.map { $0["Id"]?.stringValue ?? "" }
        let (items, next) = try Self.slice(ids.indices.map { String(format: "%05d", $0) }, targets, limit: limit, token: token)
        var answer: JSONObject = ["Targets": .array(items)]
        if let next { answer["NextToken"] = .string(next) }
        return .object(answer)
    }
}
