import CortadoJSON
import CortadoLanguage
import CortadoStore
import Foundation

extension StepFunctionsService {
    /// `CreateStateMachine`: validates the definition as AWS does and stores it. The same name with the
    /// same definition, role and type returns the existing machine (AWS's idempotency).
    func createStateMachine(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("name")
        let definition = try r.requiredString("definition")
        let roleArn = try r.requiredString("roleArn")
        try checkName(name)
        try r.checkLength(definition, "definition", max: 1_048_576)
        try checkRoleArn(roleArn)
        let type = try stateMachineType(r)
        try checkDefinition(definition)
        if try r.string("versionDescription") != nil, try r.bool("publish") != true {
            throw AWSError.validation("Version description can only be set when publish is true")
        }
        let arn = stateMachineArn(name)
        let now = engine.clock.now()
        let record = StateMachineRecord(
            arn: arn, name: name, type: type, definition: definition, roleArn: roleArn, creationDate: now,
            revisionId: UUID().uuidString.lowercased(),
            loggingConfiguration: try r.object("loggingConfiguration").map { JSON.object($0).text },
            tracingConfiguration: try r.object("tracingConfiguration").map { JSON.object($0).text })
        do {
            try await store.createStateMachine(record)
        } catch StoreError.Code.stateMachineAlreadyExists {
            guard let existing = try await store.stateMachine(arn: arn), existing.definition == definition,
                existing.roleArn == roleArn, existing.type == type
            else { throw AWSError("StateMachineAlreadyExists", "State Machine Already Exists: '\(arn)'") }
            return ["stateMachineArn": .string(arn), "creationDate": Self.date(existing.creationDate)]
        }
        if let tags = try r.array("tags") { try await storeTags(arn: arn, adding: tags) }
        var answer: JSONObject = ["stateMachineArn": .string(arn), "creationDate": Self.date(now)]
        if try r.bool("publish") == true {
            let version = try await publishVersion(of: record, description: try r.string("versionDescription"))
            answer["stateMachineVersionArn"] = .string(version.arn)
        }
        return .object(answer)
    }

    func stateMachineType(_ r: Request) throws(AWSError) -> StateMachineType {
        guard let t = try r.string("type") else { return .standard }
        guard let type = StateMachineType.all.first(where: { $0.rawValue == t }) else {
            throw .constraint("'\(t)'", at: "type", "Member must satisfy enum value set: [STANDARD, EXPRESS]")
        }
        return type
    }

    func checkRoleArn(_ roleArn: String) throws(AWSError) {
        try Request.checkArnLength(roleArn, "roleArn")
        let parts = roleArn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn", parts[2] == "iam" else {
            throw AWSError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: \(roleArn)'")
        }
    }

    /// Throws `InvalidDefinition` with AWS's message if the definition has errors.
    func checkDefinition(_ definition: String) throws(AWSError) {
        let errors = StateMachine.validate(definition: definition).filter { $0.severity == .error }
        guard !errors.isEmpty else { return }
        let listed = errors.map { "\($0.code): \($0.message)\($0.location.isEmpty ? "" : " at \($0.location)")" }
        throw AWSError("InvalidDefinition", "Invalid State Machine Definition: '\(listed.joined(separator: ", "))'")
    }
}

extension Request {
    static func checkArnLength(_ arn: String, _ member: String) throws(AWSError) {
        if arn.isEmpty { throw .constraint("''", at: member, "Member must have length greater than or equal to 1") }
        if arn.count > 256 { throw .constraint("'\(arn)'", at: member, "Member must have length less than or equal to 256") }
    }
}
