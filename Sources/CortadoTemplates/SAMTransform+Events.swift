import CortadoJSON

extension SAMTransform {
    /// The `AWS::Events::Rule` an EventBridgeRule, CloudWatchEvent, Schedule or ScheduleV2 event makes, targeting
    /// `target` (to which the event's Input, InputPath, InputTransformer, RetryPolicy and DeadLetterConfig are added).
    mutating func emitRule(
        for event: SAMEvent, of source: SAMResource, target: JSONObject
    ) throws(TemplateError) -> String {
        let id = source.id + event.name
        var rule = JSONObject()
        var target = target
        switch event.type {
        case "EventBridgeRule", "CloudWatchEvent":
            guard let pattern = event.properties["Pattern"] else {
                throw TemplateError(location: event.property("Pattern"), message: "an \(event.type) event needs a Pattern")
            }
            if let bus = event.properties["EventBusName"] { rule["EventBusName"] = bus }
            rule["EventPattern"] = pattern
            if let name = event.properties["RuleName"] { rule["Name"] = name }
        case "Schedule", "ScheduleV2":
            let key = event.type == "Schedule" ? "Schedule" : "ScheduleExpression"
            guard let expression = event.properties[key] else {
                throw TemplateError(location: event.property(key), message: "a \(event.type) event needs a \(key)")
            }
            rule["ScheduleExpression"] = expression
            if let name = event.properties["Name"] { rule["Name"] = name }
            if let description = event.properties["Description"] { rule["Description"] = description }
            if event.type == "ScheduleV2" {
                warnings.append(
                    "\(event.location): made as an EventBridge rule with the same schedule, not an EventBridge Scheduler schedule")
                for key in ["FlexibleTimeWindow", "ScheduleExpressionTimezone", "StartDate", "EndDate", "GroupName"]
                where event.properties[key] != nil {
                    warnings.append("\(event.property(key)): Cortado ignores it")
                }
            }
        default:
            preconditionFailure("not a rule event: \(event.type)")
        }
        if let state = event.properties["State"] {
            rule["State"] = state
        } else if let enabled = event.properties["Enabled"] {
            switch enabled {
            case .bool(let on): rule["State"] = .string(on ? "ENABLED" : "DISABLED")
            default: warnings.append("\(event.property("Enabled")): only true or false is understood; the rule stays enabled")
            }
        }
        for key in ["Input", "InputPath", "InputTransformer", "RetryPolicy"] {
            if let value = event.properties[key] { target[key] = value }
        }
        if case .object(let config)? = event.properties["DeadLetterConfig"] {
            if let arn = config["Arn"] {
                target["DeadLetterConfig"] = ["Arn": arn]
            } else {
                warnings.append("\(event.property("DeadLetterConfig")): only a queue given by Arn is kept; ignored")
            }
        }
        if case .object(let custom)? = event.properties["Target"], let targetId = custom["Id"] { target["Id"] = targetId }
        rule["Targets"] = .array([.object(target)])
        try emit(id, type: "AWS::Events::Rule", properties: rule, from: source)
        return id
    }

    /// Adds a route to the API an `Api` or `HttpApi` event names (or the implicit one).
    mutating func addRoute(for event: SAMEvent, of source: SAMResource, target: JSON) throws(TemplateError) {
        let isREST = event.type == "Api"
        let apiKey = isREST ? "RestApiId" : "ApiId"
        var api = isREST ? Self.implicitRestAPI : Self.implicitHTTPAPI
        if let named = event.properties[apiKey] {
            switch named {
            case .string(let id): api = id
            case .object(let ref) where ref.count == 1 && ref["Ref"]?.stringValue != nil: api = ref["Ref"]!.stringValue!
            default:
                throw TemplateError(location: event.property(apiKey), message: "must name an API of this template (a logical id or a Ref)")
            }
            let expected = isREST ? "AWS::Serverless::Api" : "AWS::Serverless::HttpApi"
            guard written[api]?["Type"] == .string(expected) else {
                throw TemplateError(location: event.property(apiKey), message: "'\(api)' is not an \(expected) of this template")
            }
        }
        var method: JSON = "ANY"
        var path: JSON = isREST ? .null : "$default"
        if let value = event.properties["Method"] {
            guard case .string(let text) = value else {
                throw TemplateError(location: event.property("Method"), message: "must be a string")
            }
            method = .string(text.lowercased() == "any" ? "ANY" : text.uppercased())
        } else if isREST {
            throw TemplateError(location: event.property("Method"), message: "an Api event needs a Method")
        }
        if let value = event.properties["Path"] {
            guard case .string = value else { throw TemplateError(location: event.property("Path"), message: "must be a string") }
            path = value
        } else if isREST {
            throw TemplateError(location: event.property("Path"), message: "an Api event needs a Path")
        }
        for key in ["Auth", "RequestModel", "RequestParameters", "TimeoutInMillis", "PayloadFormatVersion", "RouteSettings"]
        where event.properties[key] != nil {
            warnings.append("\(event.property(key)): Cortado ignores it")
        }
        let route: JSON = ["Method": method, "Path": path, "Target": target]
        if case .string(let condition)? = source.members["Condition"] {
            // The route exists only when its function or state machine does.
            routes[api, default: []].append(["Fn::If": [.string(condition), route, ["Ref": "AWS::NoValue"]]])
        } else {
            routes[api, default: []].append(route)
        }
    }

    /// Fills each API's routes, making the implicit APIs the events asked for.
    mutating func finishAPIs() throws(TemplateError) {
        for (api, list) in routes.sorted(by: { $0.key < $1.key }) {
            if case .object(var resource)? = output[api], resource["Type"] == .string(CortadoAPI.type) {
                var properties = resource["Properties"]?.objectValue ?? JSONObject()
                properties["Routes"] = .array(list)
                resource["Properties"] = .object(properties)
                output[api] = .object(resource)
                continue
            }
            let isREST = api == Self.implicitRestAPI
            guard written[api] == nil else {
                throw TemplateError(
                    location: TemplatePath.join("Resources", api),
                    message: "events make the implicit API '\(api)', which the template already names")
            }
            let section = isREST ? "Api" : "HttpApi"
            let global = globals[section]?.objectValue ?? JSONObject()
            let stage = global["StageName"] ?? .string(isREST ? "Prod" : "$default")
            let properties: JSONObject = [
                "Name": ["Ref": "AWS::StackName"], "Protocol": .string(isREST ? "REST" : "HTTP"), "StageName": stage,
                "Routes": .array(list),
            ]
            output.append(api, .object(["Type": .string(CortadoAPI.type), "Properties": .object(properties)]))
        }
    }

    /// Warns about an event type Cortado cannot deliver, so it is never dropped silently.
    mutating func unsupported(_ event: SAMEvent, of kind: String) {
        warnings.append("\(event.location): \(kind) events of type \(event.type) are not supported; ignored")
    }
}
