import CortadoJSON
import Foundation

/// `AWS::StepFunctions::StateMachine`: `Ref` is the ARN; `Arn` and `Name` attributes.
struct StateMachineHandler: ResourceHandler {
    let service: StepFunctionsService

    func create(_ logicalId: String, _ p: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        // CloudFormation names a state machine `<LogicalId>-<12 letters and digits>`, without the stack's name.
        let name = try p.string("StateMachineName", logicalId) ?? Self.generatedName(logicalId)
        var body: JSONObject = [
            "name": .string(name), "definition": .string(try definition(logicalId, p)),
            "roleArn": .string(
                try p.string("RoleArn", logicalId) ?? "arn:aws:iam::\(stack.account):role/\(stack.stackName)-\(logicalId)Role"),
        ]
        if let type = try p.string("StateMachineType", logicalId) { body["type"] = .string(type) }
        if let logging = p["LoggingConfiguration"] { body["loggingConfiguration"] = Self.lowerFirst(logging) }
        if case .array(let tags)? = p["Tags"] {
            body["tags"] = .array(tags.map { ["key": $0["Key"] ?? .null, "value": $0["Value"] ?? .null] })
        }
        let arn = try await service.handle(action: "CreateStateMachine", body: .object(body)).answer(logicalId)["stateMachineArn"]
        guard let arn = arn?.stringValue else { throw StackError(logicalId, "CreateStateMachine answered no ARN") }
        return StackResource(
            logicalId: logicalId, type: "AWS::StepFunctions::StateMachine", physicalId: arn, ref: .string(arn),
            attributes: ["Arn": .string(arn), "Name": .string(name)])
    }

    func update(_ old: StackResource, from: JSONObject, to: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        let sameName = from["StateMachineName"] == to["StateMachineName"]
        let sameType = (from["StateMachineType"] ?? "STANDARD") == (to["StateMachineType"] ?? "STANDARD")
        guard sameName, sameType else {
            return try await replace(old, from: from, to: to, stack)
        }
        var body: JSONObject = ["stateMachineArn": .string(old.physicalId), "definition": .string(try definition(old.logicalId, to))]
        if let role = try to.string("RoleArn", old.logicalId) { body["roleArn"] = .string(role) }
        if let logging = to["LoggingConfiguration"] { body["loggingConfiguration"] = Self.lowerFirst(logging) }
        _ = try await service.handle(action: "UpdateStateMachine", body: .object(body)).answer(old.logicalId)
        return old
    }

    func delete(_ resource: StackResource, _ p: JSONObject, _ stack: StackContext) async throws(StackError) {
        _ = try await service.handle(action: "DeleteStateMachine", body: ["stateMachineArn": .string(resource.physicalId)])
            .answer(resource.logicalId)
    }

    static func generatedName(_ logicalId: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String(logicalId.prefix(67)) + "-" + String((0..<12).map { _ in alphabet.randomElement()! })
    }

    /// `DefinitionString`, or `Definition` as JSON text, with `DefinitionSubstitutions` put in for `${Name}`.
    func definition(_ logicalId: String, _ p: JSONObject) throws(StackError) -> String {
        var text: String
        if let s = try p.string("DefinitionString", logicalId) {
            text = s
        } else if let d = p["Definition"] {
            text = d.text
        } else {
            throw StackError(logicalId, "Properties/DefinitionString or Properties/Definition is required")
        }
        for (name, value) in p["DefinitionSubstitutions"]?.objectValue ?? [:] {
            text = text.replacingOccurrences(of: "${\(name)}", with: value.stringValue ?? value.text)
        }
        return text
    }

    /// CloudFormation's `Level`, `IncludeExecutionData`, `Destinations` are the API's `level`, ...
    static func lowerFirst(_ value: JSON) -> JSON {
        switch value {
        case .object(let o):
            var out = JSONObject()
            for (k, v) in o { out[k.prefix(1).lowercased() + k.dropFirst()] = lowerFirst(v) }
            return .object(out)
        case .array(let a): return .array(a.map(lowerFirst))
        default: return value
        }
    }
}
