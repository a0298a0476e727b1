import CortadoJSON
import CortadoLanguage
import CortadoStore
import Foundation

extension StepFunctionsService {
    /// `CreateStateMachine`: validates the definition as AWS does and stores it. The same name with the
    /// same definition, type, logging and tracing configuration returns the existing machine; a different
    /// role or tags are ignored and not applied (AWS's idempotency, as its API reference states it).
    func createStateMachine(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("name")
        let definition = try r.requiredString("definition")
        let roleArn = try r.requiredString("roleArn")
        try checkName(name)
        try r.checkLength(definition, "definition", max: 1_048_576)
        try checkRoleArn(roleArn)
        let type = try stateMachineType(r)
        try checkDefinition(definition, type: type)
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
                existing.type == type,
                Self.loggingConfiguration(existing.loggingConfiguration) == Self.loggingConfiguration(record.loggingConfiguration),
                Self.tracingConfiguration(existing.tracingConfiguration) == Self.tracingConfiguration(record.tracingConfiguration)
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

    /// A stored logging configuration with AWS's defaults filled in, so that leaving it out and giving
    /// the defaults compare equal.
    static func loggingConfiguration(_ text: String?) -> JSON {
        var o: JSONObject = ["level": "OFF", "includeExecutionData": false]
        if let text, case .object(let given)? = try? JSON(parsing: text) {
            for (k, v) in given { o[k] = v }
        }
        return .object(o)
    }

    static func tracingConfiguration(_ text: String?) -> JSON {
        var o: JSONObject = ["enabled": false]
        if let text, case .object(let given)? = try? JSON(parsing: text) {
            for (k, v) in given { o[k] = v }
        }
        return .object(o)
    }

    func checkRoleArn(_ roleArn: String) throws(AWSError) {
        try Request.checkArnLength(roleArn, "roleArn")
        if !roleArn.hasPrefix("arn:") {
            throw AWSError("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: \(roleArn)'")
        }
        let parts = roleArn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn", parts[2] == "iam" else {
            throw AWSError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: \(roleArn)'")
        }
    }

    /// Throws `InvalidDefinition` with AWS's message if the definition has errors.
    func checkDefinition(_ definition: String, type: StateMachineType) throws(AWSError) {
        let errors = Self.diagnostics(definition, type: type).filter { $0.severity == .error }
        guard !errors.isEmpty else { return }
        let listed = errors.map { "\($0.code): \($0.message)\($0.location.isEmpty ? "" : " at \($0.location)")" }
        throw AWSError("InvalidDefinition", "Invalid State Machine Definition: '\(listed.joined(separator: ", "))'")
    }

    /// The language's diagnostics, and for EXPRESS machines the integrations they may not use.
    static func diagnostics(_ definition: String, type: StateMachineType) -> [Diagnostic] {
        let found = StateMachine.validate(definition: definition)
        guard type == .express, !found.contains(where: { $0.severity == .error }),
            case .object(let machine)? = try? JSON(parsing: definition)
        else { return found }
        var express: [Diagnostic] = []
        expressDiagnostics(machine, at: "", into: &express)
        return found + express
    }

    /// EXPRESS machines cannot wait for a callback, a `.sync` job or an activity; AWS reports each at the
    /// Task's `Resource`, in these words (recorded; the double space after the first is AWS's).
    static func expressDiagnostics(_ machine: JSONObject, at path: String, into found: inout [Diagnostic]) {
        guard case .object(let states)? = machine["States"] else { return }
        for (name, value) in states {
            guard case .object(let state) = value else { continue }
            let at = "\(path)/States/\(name)"
            if case .string(let resource)? = state["Resource"] {
                let message: String? =
                    if resource.hasSuffix(".waitForTaskToken") {
                        "Express state machine does not support '.waitForTaskToken' service integration "
                    } else if resource.hasPrefix("arn:aws:states:::"), resource.hasSuffix(".sync") || resource.contains(".sync:") {
                        "Express state machine does not support '.sync' service integration"
                    } else if resource.split(separator: ":", omittingEmptySubsequences: false).dropFirst(5).first == "activity" {
                        "Express state machine does not support Activity ARN"
                    } else {
                        nil
                    }
                if let message {
                    found.append(Diagnostic(code: "SCHEMA_VALIDATION_FAILED", message: message, location: at + "/Resource"))
                }
            }
            if case .array(let branches)? = state["Branches"] {
                for (i, branch) in branches.enumerated() {
                    if case .object(let b) = branch { expressDiagnostics(b, at: "\(at)/Branches/\(i)", into: &found) }
                }
            }
            for key in ["ItemProcessor", "Iterator"] {
                if case .object(let processor)? = state[key] { expressDiagnostics(processor, at: "\(at)/\(key)", into: &found) }
            }
        }
    }
}

extension Request {
    static func checkArnLength(_ arn: String, _ member: String) throws(AWSError) {
        if arn.isEmpty { throw .constraint("''", at: member, "Member must have length greater than or equal to 1") }
        if arn.count > 256 { throw .constraint("'\(arn)'", at: member, "Member must have length less than or equal to 256") }
    }
}
