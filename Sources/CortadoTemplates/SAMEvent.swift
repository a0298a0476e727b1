import CortadoJSON

/// One entry of a serverless resource's `Events`.
struct SAMEvent {
    var name: String
    var type: String
    var properties: JSONObject
    var location: String

    func property(_ name: String) -> String { TemplatePath.join(location, "Properties/\(name)") }

    /// A warning for each property of the event that is neither used nor known, so none is dropped silently.
    func unknownPropertyWarnings(known: Set<String>) -> [String] {
        properties.keys.filter { !known.contains($0) }.map { "\(property($0)): not a property Cortado knows; ignored" }
    }

    /// The properties SAM documents for each event type Cortado expands.
    static let knownProperties: [String: Set<String>] = [
        "EventBridgeRule": [
            "EventBusName", "Pattern", "RuleName", "State", "Input", "InputPath", "InputTransformer", "RetryPolicy",
            "DeadLetterConfig", "Target",
        ],
        "CloudWatchEvent": ["EventBusName", "Pattern", "State", "Input", "InputPath", "Target"],
        "Schedule": [
            "Schedule", "Name", "Description", "State", "Enabled", "Input", "RetryPolicy", "DeadLetterConfig", "Target",
        ],
        "ScheduleV2": [
            "ScheduleExpression", "Name", "Description", "State", "Input", "RetryPolicy", "DeadLetterConfig",
            "FlexibleTimeWindow", "ScheduleExpressionTimezone", "StartDate", "EndDate", "GroupName", "KmsKeyArn",
            "OmitName", "PermissionsBoundary", "RoleArn",
        ],
        "DynamoDB": [
            "Stream", "StartingPosition", "StartingPositionTimestamp", "BatchSize", "Enabled", "MaximumBatchingWindowInSeconds",
            "MaximumRetryAttempts", "BisectBatchOnFunctionError", "MaximumRecordAgeInSeconds", "ParallelizationFactor",
            "FilterCriteria", "FunctionResponseTypes", "DestinationConfig", "TumblingWindowInSeconds",
        ],
        "Api": ["RestApiId", "Path", "Method", "Auth", "RequestModel", "RequestParameters", "TimeoutInMillis"],
        "HttpApi": ["ApiId", "Path", "Method", "Auth", "PayloadFormatVersion", "RouteSettings", "TimeoutInMillis"],
    ]

    static func all(of source: SAMResource) throws(TemplateError) -> [SAMEvent] {
        guard let events = source.properties["Events"] else { return [] }
        let location = source.property("Events")
        guard case .object(let entries) = events else { throw TemplateError(location: location, message: "must be an object") }
        var result: [SAMEvent] = []
        for (name, entry) in entries {
            let at = TemplatePath.join(location, name)
            guard case .object(let members) = entry else { throw TemplateError(location: at, message: "an event must be an object") }
            guard case .string(let type)? = members["Type"] else {
                throw TemplateError(location: TemplatePath.join(at, "Type"), message: "an event needs a Type string")
            }
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw TemplateError(location: at, message: "an event name must be alphanumeric")
            }
            let properties: JSONObject
            switch members["Properties"] {
            case nil: properties = JSONObject()
            case .object(let object)?: properties = object
            case let other?:
                throw TemplateError(location: TemplatePath.join(at, "Properties"), message: "must be an object, not \(other.typeName)")
            }
            result.append(SAMEvent(name: name, type: type, properties: properties, location: at))
        }
        return result
    }

    /// `all(of:)`, with a warning for each property of an expanded event that is not known.
    static func all(of source: SAMResource, warnings: inout [String]) throws(TemplateError) -> [SAMEvent] {
        let events = try all(of: source)
        for event in events {
            if let known = knownProperties[event.type] { warnings += event.unknownPropertyWarnings(known: known) }
        }
        return events
    }
}
