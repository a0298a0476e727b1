import CortadoJSON
import CortadoStore
import Foundation

/// Versions and aliases are resource records: kind `version:<machine ARN>` (named so that a list by
/// name is newest first) and `alias:<machine ARN>`. A version is an immutable copy of the machine's
/// definition, role and configuration; an alias routes executions to one or two versions by weight.
extension StepFunctionsService {
    static func versionKind(_ machineArn: String) -> String { "version:" + machineArn }
    static func aliasKind(_ machineArn: String) -> String { "alias:" + machineArn }

    /// The record name that sorts version `n` before every older version.
    static func versionSortName(_ n: Int) -> String { String(format: "%010d", 9_999_999_999 - n) }

    /// Publishes the machine's current revision as a new version, or returns the newest version if it
    /// already has that revision (AWS's idempotency).
    func publishVersion(of machine: StateMachineRecord, description: String?) async throws -> (arn: String, created: Int64) {
        let kind = Self.versionKind(machine.arn)
        let newest = try await store.listResources(kind: kind, limit: 1, pageToken: nil).items.first
        if let newest, let doc = try? JSON(parsing: newest.json), doc["revisionId"]?.stringValue == machine.revisionId {
            return (newest.arn, newest.creationDate)
        }
        let number = (newest.flatMap { Int($0.arn.split(separator: ":").last ?? "") } ?? 0) + 1
        let arn = machine.arn + ":" + String(number)
        let now = engine.clock.now()
        var doc: JSONObject = [
            "definition": .string(machine.definition), "roleArn": .string(machine.roleArn), "type": .string(machine.type.rawValue),
            "revisionId": .string(machine.revisionId), "name": .string(machine.name),
        ]
        if let d = description { doc["description"] = .string(d) }
        if let l = machine.loggingConfiguration { doc["loggingConfiguration"] = .string(l) }
        if let t = machine.tracingConfiguration { doc["tracingConfiguration"] = .string(t) }
        try await store.createResource(
            ResourceRecord(kind: kind, arn: arn, name: Self.versionSortName(number), json: JSON.object(doc).text, creationDate: now))
        return (arn, now)
    }

    /// A version as a state machine record whose ARN is the version's.
    func versionRecord(_ arn: String, base: StateMachineRecord) async throws -> StateMachineRecord? {
        guard let r = try await store.resource(kind: Self.versionKind(base.arn), arn: arn), let doc = try? JSON(parsing: r.json) else {
            return nil
        }
        var record = base
        record.arn = arn
        record.definition = doc["definition"]?.stringValue ?? base.definition
        record.roleArn = doc["roleArn"]?.stringValue ?? base.roleArn
        record.revisionId = doc["revisionId"]?.stringValue ?? base.revisionId
        record.description = doc["description"]?.stringValue
        record.loggingConfiguration = doc["loggingConfiguration"]?.stringValue
        record.tracingConfiguration = doc["tracingConfiguration"]?.stringValue
        record.creationDate = r.creationDate
        record.updateDate = nil
        return record
    }

    /// What `StartExecution` runs for a machine, version or alias ARN: the record with the definition
    /// to use (an alias picks one of its versions by weight).
    func resolveStateMachine(_ arn: String) async throws -> StateMachineRecord {
        let base = try await requireStateMachine(arn)
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 8 else { return base }
        let qualifier = parts[7]
        if Int(qualifier) != nil {
            guard let v = try await versionRecord(arn, base: base) else {
                throw AWSError("ResourceNotFound", "Resource not found: '\(arn)'")
            }
            return v
        }
        guard let alias = try await store.resource(kind: Self.aliasKind(base.arn), arn: arn),
            let routes = try? JSON(parsing: alias.json)["routingConfiguration"]?.arrayValue
        else { throw AWSError("ResourceNotFound", "Resource not found: '\(arn)'") }
        var pick = Int.random(in: 0..<100)
        var chosen = routes.first?["stateMachineVersionArn"]?.stringValue ?? ""
        for route in routes {
            let weight = route["weight"]?.intValue ?? 0
            if pick < weight {
                chosen = route["stateMachineVersionArn"]?.stringValue ?? chosen
                break
            }
            pick -= weight
        }
        guard let v = try await versionRecord(chosen, base: base) else {
            throw AWSError("ResourceNotFound", "Resource not found: '\(chosen)'")
        }
        return v
    }

    /// Checks an alias's routing configuration: one or two versions of the machine, weights 0...100
    /// adding up to 100.
    func checkRouting(_ routes: [JSON], machine: StateMachineRecord) async throws -> JSON {
        if routes.isEmpty || routes.count > 2 {
            throw AWSError.constraint(
                "'\(JSON.array(routes).text)'", at: "routingConfiguration", "Member must have length between 1 and 2")
        }
        var total = 0
        var seen = Set<String>()
        var out: [JSON] = []
        for (i, route) in routes.enumerated() {
            guard case .string(let v)? = route["stateMachineVersionArn"] else {
                throw AWSError.missing("routingConfiguration.\(i + 1).member.stateMachineVersionArn")
            }
            guard case .int(let w)? = route["weight"], (0...100).contains(w) else {
                throw AWSError.constraint(
                    route["weight"].map { "'\($0.text)'" } ?? "null", at: "routingConfiguration.\(i + 1).member.weight",
                    "Member must have value between 0 and 100")
            }
            guard seen.insert(v).inserted else {
                throw AWSError.validation("Routing configuration must contain distinct state machine version ARNs")
            }
            guard try await versionRecord(v, base: machine) != nil else {
                throw AWSError("ResourceNotFound", "Resource not found: '\(v)'")
            }
            total += w
            out.append(["stateMachineVersionArn": .string(v), "weight": .int(w)])
        }
        if total != 100 { throw AWSError.validation("Sum of routing configuration weights must be equal to 100") }
        return .array(out)
    }

    /// The machine an alias or version ARN belongs to, checking the qualifier's form.
    func machineOfQualified(_ arn: String, member: String, alias: Bool) async throws -> StateMachineRecord {
        let parts = try parseArn(arn, member: member, types: ["stateMachine"])
        guard parts.count == 8, (Int(parts[7]) != nil) != alias else {
            throw AWSError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: \(arn)'")
        }
        return try await requireStateMachine(arn)
    }
}
