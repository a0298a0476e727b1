import CortadoJSON
import CortadoStore
import Foundation

extension StepFunctionsService {
    /// `UpdateStateMachine`: running executions keep the definition they started with. An update that
    /// changes nothing keeps the revision and its date, as on AWS (recorded).
    func updateStateMachine(_ r: Request) async throws -> JSON {
        let current = try await requireStateMachine(try r.requiredString("stateMachineArn"))
        var record = current
        let definition = try r.string("definition")
        let roleArn = try r.string("roleArn")
        let logging = try r.object("loggingConfiguration")
        let tracing = try r.object("tracingConfiguration")
        if definition == nil, roleArn == nil, logging == nil, tracing == nil, try r.bool("publish") != true {
            throw AWSError(
                "MissingRequiredParameter",
                "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified")
        }
        if let definition {
            try r.checkLength(definition, "definition", max: 1_048_576)
            try checkDefinition(definition, type: record.type)
            record.definition = definition
        }
        if let roleArn {
            try checkRoleArn(roleArn)
            record.roleArn = roleArn
        }
        if let logging { record.loggingConfiguration = JSON.object(logging).text }
        if let tracing { record.tracingConfiguration = JSON.object(tracing).text }
        let unchanged =
            record.definition == current.definition && record.roleArn == current.roleArn
            && Self.loggingConfiguration(record.loggingConfiguration) == Self.loggingConfiguration(current.loggingConfiguration)
            && Self.tracingConfiguration(record.tracingConfiguration) == Self.tracingConfiguration(current.tracingConfiguration)
        if !unchanged {
            record.updateDate = engine.clock.now()
            record.revisionId = UUID().uuidString.lowercased()
            try await store.updateStateMachine(record)
            forgetStateMachine(record.arn)
        }
        let updated = record.updateDate ?? record.creationDate
        var answer: JSONObject = ["updateDate": Self.date(updated), "revisionId": .string(record.revisionId)]
        if try r.bool("publish") == true {
            let version = try await publishVersion(of: record, description: try r.string("versionDescription"))
            answer["stateMachineVersionArn"] = .string(version.arn)
        }
        return .object(answer)
    }
}
