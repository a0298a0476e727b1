import CortadoEvents
import CortadoJSON
import CortadoStore

extension EventBusService {
    /// `PutRule`: creates or updates a rule (its targets are kept), with an event pattern, a schedule
    /// (default bus only), or both.
    func putRule(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("Name")
        try checkName(name, member: "name")
        let bus = try busName(r)
        let index = try requireBus(bus)
        let patternText = try r.string("EventPattern")
        let schedule = try r.string("ScheduleExpression")
        if patternText == nil && schedule == nil {
            throw AWSError.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.")
        }
        if let patternText {
            try r.checkLength(patternText, "eventPattern", max: 4096)
            do {
                _ = try EventPattern(parsing: patternText)
            } catch {
                throw AWSError("InvalidEventPatternException", "Event pattern is not valid. Reason: \(error.message)")
            }
        }
        if let schedule {
            try r.checkLength(schedule, "scheduleExpression", max: 256)
            if bus != "default" {
                throw AWSError.validation("ScheduleExpression is supported only on the default event bus.")
            }
            guard (try? ScheduleExpression(parsing: schedule)) != nil else {
                throw AWSError.validation("Parameter ScheduleExpression is not valid.")
            }
        }
        let state = try r.string("State") ?? "ENABLED"
        guard ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"].contains(state) else {
            throw AWSError.constraint(
                "'\(state)'", at: "state",
                "Member must satisfy enum value set: [ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS, DISABLED, ENABLED]")
        }
        let description = try r.string("Description")
        if let description { try r.checkLength(description, "description", max: 512, min: 0) }
        let arn = ruleArn(name, bus: bus)
        let existing = index.rules[name]
        var rule: JSONObject = [
            "Name": .string(name), "Arn": .string(arn), "State": .string(state), "EventBusName": .string(bus),
            "CreatedBy": .string(configuration.account),
        ]
        if let patternText { rule["EventPattern"] = .string(patternText) }
        if let schedule { rule["ScheduleExpression"] = .string(schedule) }
        if let description { rule["Description"] = .string(description) }
        if let role = try r.string("RoleArn") { rule["RoleArn"] = .string(role) }
        rule["Targets"] = existing?["Targets"] ?? .array([])
        rule["CreationTime"] = existing?["CreationTime"] ?? Self.date(clock.now())
        try await saveRule(.object(rule), bus: bus)
        if let tags = try r.array("Tags") { try await writeTags(arn, adding: tags) }
        if schedule != nil { delivery.schedulesChanged() }
        return ["RuleArn": .string(arn)]
    }

    /// `DeleteRule`: a rule with targets cannot go; a rule that does not exist is no error (AWS).
    func deleteRule(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("Name")
        try checkName(name, member: "name")
        let bus = try busName(r)
        let index = try requireBus(bus)
        guard let rule = index.rules[name] else { return [:] }
        if let targets = rule["Targets"]?.arrayValue, !targets.isEmpty {
            throw AWSError.validation("Rule can't be deleted since it has targets.")
        }
        let arn = ruleArn(name, bus: bus)
        _ = try await store.deleteResource(kind: Self.ruleKindPrefix + bus, arn: arn)
        _ = try await store.deleteResource(kind: "tags", arn: arn)
        buses.withLock {
            $0[bus]?.rules.removeValue(forKey: name)
            $0[bus]?.rebuild()
        }
        delivery.schedulesChanged()
        return [:]
    }

    /// The rule as `DescribeRule` and `ListRules` show it.
    static func ruleView(_ rule: JSON) -> JSON {
        guard var o = rule.objectValue else { return rule }
        o.removeValue(forKey: "Targets")
        o.removeValue(forKey: "CreationTime")
        return .object(o)
    }

    func describeRule(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("Name")
        try checkName(name, member: "name")
        return Self.ruleView(try requireRule(name, bus: try busName(r)))
    }

    /// `ListRules` of one bus, by name, with `NamePrefix`.
    func listRules(_ r: Request) async throws -> JSON {
        let index = try requireBus(try busName(r))
        let prefix = try r.string("NamePrefix") ?? ""
        let (limit, token) = try page(r)
        let names = index.rules.keys.filter { $0.hasPrefix(prefix) }.sorted()
        let (items, next) = try Self.slice(names, names, limit: limit, token: token)
        var answer: JSONObject = ["Rules": .array(items.map { Self.ruleView(index.rules[$0]!) })]
        if let next { answer["NextToken"] = .string(next) }
        return .object(answer)
    }

    func setRuleState(_ r: Request, enabled: Bool) async throws -> JSON {
        let name = try r.requiredString("Name")
        try checkName(name, member: "name")
        let bus = try busName(r)
        guard case .object(var rule) = try requireRule(name, bus: bus) else { return [:] }
        rule["State"] = .string(enabled ? "ENABLED" : "DISABLED")
        try await saveRule(.object(rule), bus: bus)
        delivery.schedulesChanged()
        return [:]
    }

    /// `ListRuleNamesByTarget`: the rules of one bus with a target of that ARN.
    func listRuleNamesByTarget(_ r: Request) async throws -> JSON {
        let target = try r.requiredString("TargetArn")
        try r.checkLength(target, "targetArn", max: 1600)
        let index = try requireBus(try busName(r))
        let (limit, token) = try page(r)
        let names = index.rules.filter { _, rule in
            (rule["Targets"]?.arrayValue ?? []).contains { $0["Arn"]?.stringValue == target }
        }.keys.sorted()
        let (items, next) = try Self.slice(names, names, limit: limit, token: token)
        var answer: JSONObject = ["RuleNames": .array(items.map { .string($0) })]
        if let next { answer["NextToken"] = .string(next) }
        return .object(answer)
    }
}
