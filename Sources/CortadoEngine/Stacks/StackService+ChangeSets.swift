import CortadoJSON
import CortadoTemplates
import Foundation

/// Change sets, which `aws cloudformation deploy` and `sam deploy` use: the create or update worked out and
/// checked now, kept on the stack, and run by `execute`. A change set for a new stack makes the stack in
/// `REVIEW_IN_PROGRESS`, as CloudFormation does.
extension StackService {
    static let emptyChangeSet = "The submitted information didn't contain changes. Submit different information to create a change set."

    /// Works out and keeps a change set; answers its id and the stack's.
    public func createChangeSet(_ request: StackRequest, changeSetName: String, type: String, description: String?) async throws(AWSError)
        -> (changeSetId: String, stackId: String)
    {
        try Self.checkName(request.name)
        guard Self.isName(changeSetName) else {
            throw AWSError(
                "ValidationError",
                "1 validation error detected: Value '\(changeSetName)' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*"
            )
        }
        let current = stack(request.name)
        switch type {
        case "CREATE":
            if let current, current.status != "REVIEW_IN_PROGRESS" {
                throw AWSError(
                    "ValidationError",
                    "Stack [\(request.name)] already exists and cannot be created again with the changeSet [\(changeSetName)].")
            }
        case "UPDATE":
            guard let current, current.status != "REVIEW_IN_PROGRESS" else {
                throw AWSError("ValidationError", "Stack [\(request.name)] does not exist")
            }
            guard Self.updatable.contains(current.status) else {
                throw AWSError("ValidationError", "Stack:\(current.id) is in \(current.status) state and can not be updated.")
            }
        default:
            throw AWSError(
                "ValidationError",
                "1 validation error detected: Value '\(type)' at 'changeSetType' failed to satisfy constraint: Member must satisfy enum value set: [IMPORT, UPDATE, CREATE]"
            )
        }
        if current?.changeSets.contains(where: { $0.name == changeSetName }) == true {
            throw AWSError("AlreadyExistsException", "ChangeSet [\(changeSetName)] already exists")
        }
        let id = current?.id ?? newStackId(request.name)
        let live = current?.status == "REVIEW_IN_PROGRESS" ? nil : current
        guard let body = request.templateBody ?? live?.templateBody else {
            throw AWSError("ValidationError", "Either Template URL or Template Body must be specified.")
        }
        var values = request.parameters
        for key in request.previousParameters {
            if let previous = live?.parameters.first(where: { $0.key == key }) { values[key] = previous.value }
        }
        let (template, plan) = try planned(body, values, name: request.name, id: id)
        try checkCapabilities(template, plan, request.capabilities)
        let context = StackContext(stackName: request.name, region: region, account: account)
        let existing = live.map(Self.byLogicalId) ?? [:]
        try await check(plan, existing: existing, context)

        let changes = self.changes(plan, existing, context)
        let empty = changes.isEmpty && live.map { sameOutputs(plan, $0) } ?? false
        let changeSet = StackDocument.ChangeSet(
            name: changeSetName,
            id: "arn:aws:cloudformation:\(region):\(account):changeSet/\(changeSetName)/\(UUID().uuidString.lowercased())",
            type: type, description: description, templateBody: body,
            parameters: Dictionary(uniqueKeysWithValues: Self.parameterList(template, plan).map { ($0.key, $0.value) }),
            capabilities: request.capabilities, tags: request.tags, status: empty ? "FAILED" : "CREATE_COMPLETE",
            statusReason: empty ? Self.emptyChangeSet : nil, executionStatus: empty ? "UNAVAILABLE" : "AVAILABLE", changes: changes,
            creationTime: clock.now())
        try claim(request.name)
        defer { release(request.name) }
        var document =
            current
            ?? StackDocument(
                name: request.name, id: id, status: "REVIEW_IN_PROGRESS", statusReason: "User Initiated",
                description: template.processed["Description"]?.stringValue, templateBody: body, parameters: [], capabilities: [],
                tags: [], disableRollback: false, resources: [], outputs: [], events: [], creationTime: clock.now())
        if current == nil {
            document.events.append(
                StackDocument.Event(
                    eventId: UUID().uuidString.lowercased(), logicalId: request.name, physicalId: id, type: "AWS::CloudFormation::Stack",
                    status: "REVIEW_IN_PROGRESS", reason: "User Initiated", timestamp: clock.now()))
        }
        document.changeSets.append(changeSet)
        await save(document)
        return (changeSet.id, id)
    }

    /// What a plan would do to the stack's resources, in the plan's order, then what it removes.
    func changes(_ plan: DeploymentPlan, _ existing: [String: StackDocument.Resource], _ context: StackContext) -> [StackDocument.Change] {
        let resolver = Self.predictingResolver(plan, existing, context)
        var changes: [StackDocument.Change] = []
        for resource in plan.resources {
            guard let old = existing[resource.logicalId], old.type == resource.type else {
                changes.append(StackDocument.Change(action: "Add", logicalId: resource.logicalId, type: resource.type))
                continue
            }
            let properties = try? resolver.resolve(.object(resource.properties), at: "Resources/\(resource.logicalId)/Properties")
            if properties != old.properties {
                changes.append(
                    StackDocument.Change(
                        action: "Modify", logicalId: resource.logicalId, physicalId: old.physicalId, type: old.type,
                        replacement: "Conditional"))
            }
        }
        let kept = Set(plan.resources.map(\.logicalId))
        for old in existing.values.sorted(by: { $0.logicalId < $1.logicalId }) where !kept.contains(old.logicalId) {
            changes.append(StackDocument.Change(action: "Remove", logicalId: old.logicalId, physicalId: old.physicalId, type: old.type))
        }
        return changes
    }

    /// The stack and the change set a request names (by name with the stack, or by the change set's ARN).
    public func changeSet(_ nameOrId: String, stack stackName: String?) throws(AWSError) -> (StackDocument, StackDocument.ChangeSet) {
        let candidates = stackName.flatMap { self.stack($0) }.map { [$0] } ?? all().filter { !$0.isDeleted }
        for document in candidates {
            if let found = document.changeSets.first(where: { $0.id == nameOrId || $0.name == nameOrId }) { return (document, found) }
        }
        throw AWSError("ChangeSetNotFoundException", "ChangeSet [\(nameOrId)] does not exist")
    }

    /// Runs a change set as CreateStack or UpdateStack would; the stack's change sets are dropped.
    public func executeChangeSet(_ nameOrId: String, stack stackName: String?) async throws(AWSError) {
        let (document, changeSet) = try changeSet(nameOrId, stack: stackName)
        guard changeSet.executionStatus == "AVAILABLE" else {
            throw AWSError(
                "InvalidChangeSetStatusException",
                "ChangeSet [\(changeSet.id)] cannot be executed in its current status of [\(changeSet.status)]")
        }
        let request = StackRequest(
            name: document.name, templateBody: changeSet.templateBody, parameters: changeSet.parameters,
            capabilities: changeSet.capabilities, tags: changeSet.tags)
        if changeSet.type == "CREATE" {
            _ = try await create(request)
        } else {
            _ = try await update(request)
        }
    }

    public func deleteChangeSet(_ nameOrId: String, stack stackName: String?) async throws(AWSError) {
        var (document, changeSet) = try changeSet(nameOrId, stack: stackName)
        document.changeSets.removeAll { $0.id == changeSet.id }
        await save(document)
    }
}
