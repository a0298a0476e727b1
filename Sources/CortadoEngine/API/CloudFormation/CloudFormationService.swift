import CortadoJSON
import CortadoTemplates
import Foundation

/// CloudFormation's stack actions over the stack service. Requests and answers are JSON values with the API's
/// member names and shapes (`{"Stacks": [{"StackName": …}]}`): the server reads them from the query protocol's form
/// body and writes them as its XML for the AWS CLI and SDKs, or takes them as AWS JSON 1.0 (`X-Amz-Target:
/// CloudFormation.<Action>`, Cortado's extension, which `cortado deploy` uses). Times are ISO 8601 text.
public struct CloudFormationService: Sendable {
    public let stacks: StackService

    public init(stacks: StackService) { self.stacks = stacks }

    public func handle(action: String, body: JSON) async -> Result<JSON, AWSError> {
        do throws(AWSError) {
            return .success(try await run(action, body.objectValue ?? JSONObject()))
        } catch {
            return .failure(error)
        }
    }

    func run(_ action: String, _ r: JSONObject) async throws(AWSError) -> JSON {
        switch action {
        case "CreateStack":
            let done = try await stacks.create(try request(r))
            return ["StackId": .string(done.id)]
        case "UpdateStack":
            let done = try await stacks.update(try request(r))
            return ["StackId": .string(done.id)]
        case "DeleteStack":
            try await stacks.delete(try name(r))
            return [:]
        case "DescribeStacks":
            if let wanted = r["StackName"]?.stringValue {
                return ["Stacks": [Self.stack(try existing(wanted))]]
            }
            return ["Stacks": .array(stacks.all().filter { !$0.isDeleted }.reversed().map(Self.stack))]
        case "DescribeStackEvents":
            let s = try existing(try name(r))
            return ["StackEvents": .array(s.events.reversed().map { Self.event($0, s) })]
        case "DescribeStackResources":
            let s = try existing(try name(r))
            let only = r["LogicalResourceId"]?.stringValue
            return ["StackResources": .array(s.resources.filter { only == nil || $0.logicalId == only }.map { Self.resource($0, s) })]
        case "DescribeStackResource":
            let s = try existing(try name(r))
            let id = r["LogicalResourceId"]?.stringValue ?? ""
            guard let found = s.resources.first(where: { $0.logicalId == id }) else {
                throw AWSError("ValidationError", "Resource \(id) does not exist for stack \(s.name)")
            }
            var detail = Self.resource(found, s).objectValue!
            detail["LastUpdatedTimestamp"] = detail["Timestamp"]
            detail.removeValue(forKey: "Timestamp")
            detail["Metadata"] = "{}"
            return ["StackResourceDetail": .object(detail)]
        case "ListStackResources":
            let s = try existing(try name(r))
            return [
                "StackResourceSummaries": .array(
                    s.resources.map { x in
                        [
                            "LogicalResourceId": .string(x.logicalId), "PhysicalResourceId": .string(x.physicalId),
                            "ResourceType": .string(Self.publicType(x.type, x.properties)),
                            "LastUpdatedTimestamp": .string(Self.time(x.timestamp)),
                            "ResourceStatus": .string(x.status), "DriftInformation": ["StackResourceDriftStatus": "NOT_CHECKED"],
                        ]
                    })
            ]
        case "ListStacks":
            let filter = Set((r["StackStatusFilter"]?.arrayValue ?? []).compactMap(\.stringValue))
            let listed = stacks.all().reversed().filter { filter.isEmpty || filter.contains($0.status) }
            return ["StackSummaries": .array(listed.map(Self.summary))]
        case "GetTemplate":
            let s = try existing(try name(r))
            return ["TemplateBody": .string(s.templateBody), "StagesAvailable": ["Original", "Processed"]]
        case "ValidateTemplate", "GetTemplateSummary":
            var text = r["TemplateBody"]?.stringValue
            if text == nil, action == "GetTemplateSummary", let stackName = r["StackName"]?.stringValue {
                text = try existing(stackName).templateBody
            }
            guard let body = text else {
                throw AWSError("ValidationError", "Either Template URL or Template Body must be specified.")
            }
            let template: Template
            do {
                template = try Template(parsing: body)
            } catch {
                throw StackService.templateError(error)
            }
            return Self.validation(template, summary: action == "GetTemplateSummary")
        case "CreateChangeSet":
            let changeSetName = try changeSetName(r)
            let made = try await stacks.createChangeSet(
                try request(r), changeSetName: changeSetName, type: r["ChangeSetType"]?.stringValue ?? "UPDATE",
                description: r["Description"]?.stringValue)
            return ["Id": .string(made.changeSetId), "StackId": .string(made.stackId)]
        case "DescribeChangeSet":
            let (s, c) = try stacks.changeSet(try changeSetName(r), stack: r["StackName"]?.stringValue)
            return Self.changeSet(c, s)
        case "ExecuteChangeSet":
            try await stacks.executeChangeSet(try changeSetName(r), stack: r["StackName"]?.stringValue)
            return [:]
        case "DeleteChangeSet":
            try await stacks.deleteChangeSet(try changeSetName(r), stack: r["StackName"]?.stringValue)
            return [:]
        case "ListChangeSets":
            let s = try existing(try name(r))
            return [
                "Summaries": .array(
                    s.changeSets.map { c in
                        var o = Self.changeSet(c, s).objectValue!
                        o.removeValue(forKey: "Changes")
                        o.removeValue(forKey: "Parameters")
                        o.removeValue(forKey: "Capabilities")
                        return .object(o)
                    })
            ]
        default:
            throw AWSError("InvalidAction", "The action \(action) is not valid for this web service.")
        }
    }

    func name(_ r: JSONObject) throws(AWSError) -> String { try required(r, "StackName", member: "stackName") }

    func changeSetName(_ r: JSONObject) throws(AWSError) -> String { try required(r, "ChangeSetName", member: "changeSetName") }

    /// A member that must be there, with CloudFormation's message when it is not.
    func required(_ r: JSONObject, _ key: String, member: String) throws(AWSError) -> String {
        guard let value = r[key]?.stringValue, !value.isEmpty else {
            throw AWSError(
                "ValidationError",
                "1 validation error detected: Value null at '\(member)' failed to satisfy constraint: Member must not be null")
        }
        return value
    }

    func existing(_ nameOrId: String) throws(AWSError) -> StackDocument {
        guard let found = stacks.stack(nameOrId) else { throw AWSError("ValidationError", "Stack with id \(nameOrId) does not exist") }
        return found
    }

    func request(_ r: JSONObject) throws(AWSError) -> StackRequest {
        var parameters: [String: String] = [:]
        var previous: Set<String> = []
        for p in r["Parameters"]?.arrayValue ?? [] {
            guard let key = p["ParameterKey"]?.stringValue else { continue }
            if p["UsePreviousValue"] == true || p["UsePreviousValue"] == "true" {
                previous.insert(key)
            } else if let value = p["ParameterValue"]?.stringValue {
                parameters[key] = value
            }
        }
        let usePrevious = r["UsePreviousTemplate"] == true || r["UsePreviousTemplate"] == "true"
        let body = r["TemplateBody"]?.stringValue
        if body == nil, !usePrevious, r["TemplateURL"] != nil {
            throw AWSError("ValidationError", "TemplateURL is not supported by Cortado: send the template as TemplateBody")
        }
        let disable = r["DisableRollback"] == true || r["DisableRollback"] == "true"
        return StackRequest(
            name: try name(r), templateBody: body, parameters: parameters, previousParameters: previous,
            capabilities: (r["Capabilities"]?.arrayValue ?? []).compactMap(\.stringValue),
            tags: (r["Tags"]?.arrayValue ?? []).compactMap { t in
                guard let k = t["Key"]?.stringValue, let v = t["Value"]?.stringValue else { return nil }
                return StackDocument.Tag(key: k, value: v)
            },
            onFailure: r["OnFailure"]?.stringValue ?? (disable ? "DO_NOTHING" : "ROLLBACK"))
    }

    // MARK: - Shapes

    static func time(_ ms: Int64) -> String { S3Service.isoTime(ms) }

    static func stack(_ s: StackDocument) -> JSON {
        var o: JSONObject = [
            "StackId": .string(s.id), "StackName": .string(s.name),
            "Parameters": .array(
                s.parameters.map { ["ParameterKey": .string($0.key), "ParameterValue": .string($0.noEcho ? "****" : $0.value)] }),
            "CreationTime": .string(time(s.creationTime)),
        ]
        if let d = s.description { o["Description"] = .string(d) }
        if let t = s.lastUpdatedTime { o["LastUpdatedTime"] = .string(time(t)) }
        if let t = s.deletionTime { o["DeletionTime"] = .string(time(t)) }
        o["RollbackConfiguration"] = [:]
        o["StackStatus"] = .string(s.status)
        if let reason = s.statusReason { o["StackStatusReason"] = .string(reason) }
        o["DisableRollback"] = .bool(s.disableRollback)
        o["NotificationARNs"] = []
        if !s.capabilities.isEmpty { o["Capabilities"] = .array(s.capabilities.map(JSON.string)) }
        if !s.outputs.isEmpty {
            o["Outputs"] = .array(
                s.outputs.map { out in
                    var x: JSONObject = ["OutputKey": .string(out.key), "OutputValue": .string(out.value)]
                    if let d = out.description { x["Description"] = .string(d) }
                    if let e = out.exportName { x["ExportName"] = .string(e) }
                    return .object(x)
                })
        }
        o["Tags"] = .array(s.tags.map { ["Key": .string($0.key), "Value": .string($0.value)] })
        o["EnableTerminationProtection"] = false
        o["DriftInformation"] = ["StackDriftStatus": "NOT_CHECKED"]
        return .object(o)
    }

    static func changeSet(_ c: StackDocument.ChangeSet, _ s: StackDocument) -> JSON {
        var o: JSONObject = [
            "ChangeSetName": .string(c.name), "ChangeSetId": .string(c.id), "StackId": .string(s.id), "StackName": .string(s.name),
        ]
        if let d = c.description { o["Description"] = .string(d) }
        o["Parameters"] = .array(
            c.parameters.sorted { $0.key < $1.key }.map { ["ParameterKey": .string($0.key), "ParameterValue": .string($0.value)] })
        o["CreationTime"] = .string(time(c.creationTime))
        o["ExecutionStatus"] = .string(c.executionStatus)
        o["Status"] = .string(c.status)
        if let reason = c.statusReason { o["StatusReason"] = .string(reason) }
        o["NotificationARNs"] = []
        o["RollbackConfiguration"] = [:]
        o["Capabilities"] = .array(c.capabilities.map(JSON.string))
        o["Tags"] = .array(c.tags.map { ["Key": .string($0.key), "Value": .string($0.value)] })
        o["Changes"] = .array(
            c.changes.map { change in
                var x: JSONObject = ["Action": .string(change.action), "LogicalResourceId": .string(change.logicalId)]
                if let p = change.physicalId { x["PhysicalResourceId"] = .string(p) }
                x["ResourceType"] = .string(
                    publicType(change.type, s.resources.first { $0.logicalId == change.logicalId }?.properties ?? .null))
                if let r = change.replacement { x["Replacement"] = .string(r) }
                x["Scope"] = []
                x["Details"] = []
                return ["Type": "Resource", "ResourceChange": .object(x)]
            })
        o["IncludeNestedStacks"] = false
        return .object(o)
    }

    static func summary(_ s: StackDocument) -> JSON {
        var o: JSONObject = ["StackId": .string(s.id), "StackName": .string(s.name)]
        if let d = s.description { o["TemplateDescription"] = .string(d) }
        o["CreationTime"] = .string(time(s.creationTime))
        if let t = s.lastUpdatedTime { o["LastUpdatedTime"] = .string(time(t)) }
        if let t = s.deletionTime { o["DeletionTime"] = .string(time(t)) }
        o["StackStatus"] = .string(s.status)
        if let reason = s.statusReason { o["StackStatusReason"] = .string(reason) }
        o["DriftInformation"] = ["StackDriftStatus": "NOT_CHECKED"]
        return .object(o)
    }

    static func event(_ e: StackDocument.Event, _ s: StackDocument) -> JSON {
        var o: JSONObject = [
            "StackId": .string(s.id), "EventId": .string(e.eventId), "StackName": .string(s.name),
            "LogicalResourceId": .string(e.logicalId), "PhysicalResourceId": .string(e.physicalId),
            "ResourceType": .string(publicType(e.type, s.resources.first { $0.logicalId == e.logicalId }?.properties ?? .null)),
            "Timestamp": .string(time(e.timestamp)), "ResourceStatus": .string(e.status),
        ]
        if let reason = e.reason { o["ResourceStatusReason"] = .string(reason) }
        return .object(o)
    }

    static func resource(_ x: StackDocument.Resource, _ s: StackDocument) -> JSON {
        var o: JSONObject = [
            "StackName": .string(s.name), "StackId": .string(s.id), "LogicalResourceId": .string(x.logicalId),
            "PhysicalResourceId": .string(x.physicalId), "ResourceType": .string(publicType(x.type, x.properties)),
            "Timestamp": .string(time(x.timestamp)), "ResourceStatus": .string(x.status),
        ]
        if let reason = x.statusReason { o["ResourceStatusReason"] = .string(reason) }
        o["DriftInformation"] = ["StackResourceDriftStatus": "NOT_CHECKED"]
        return .object(o)
    }

    /// The type a user of AWS sees: the routes SAM's transform makes are `Cortado::Api` inside, and API Gateway's
    /// REST API or HTTP API outside.
    static func publicType(_ type: String, _ properties: JSON) -> String {
        guard type == CortadoAPI.type else { return type }
        return properties["Protocol"] == "HTTP" ? "AWS::ApiGatewayV2::Api" : "AWS::ApiGateway::RestApi"
    }

    static func validation(_ t: Template, summary: Bool) -> JSON {
        var o: JSONObject = [
            "Parameters": .array(
                t.parameters.map { p in
                    var x: JSONObject = ["ParameterKey": .string(p.name)]
                    if summary { x["ParameterType"] = .string(p.typeName) }
                    if let d = p.defaultValue { x["DefaultValue"] = .string(d) }
                    x["NoEcho"] = .bool(p.noEcho)
                    if let d = t.body["Parameters"]?[p.name]?["Description"]?.stringValue { x["Description"] = .string(d) }
                    return .object(x)
                })
        ]
        if let d = t.body["Description"]?.stringValue { o["Description"] = .string(d) }
        if t.body["Transform"] != nil {
            o["Capabilities"] = ["CAPABILITY_AUTO_EXPAND"]
            o["CapabilitiesReason"] = "The following resource(s) require capabilities: [AWS::Serverless-2016-10-31]"
            o["DeclaredTransforms"] = ["AWS::Serverless-2016-10-31"]
        }
        if summary {
            let resources = t.processed["Resources"]?.objectValue ?? JSONObject()
            var types: [String] = []
            for (_, r) in resources { if let type = r["Type"]?.stringValue, !types.contains(type) { types.append(type) } }
            o["ResourceTypes"] = .array(types.sorted().map(JSON.string))
            o["Version"] = "2010-09-09"
        }
        return .object(o)
    }
}
