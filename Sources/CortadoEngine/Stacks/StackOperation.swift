import CortadoJSON
import CortadoTemplates
import Foundation

/// One create, update or delete of a stack: resources taken in the plan's order, each resolved against what the
/// ones before it returned, with CloudFormation's events, and the stack record saved after every step so a crash
/// leaves a true record of what exists. What a failed create or update did is undone in reverse.
struct StackOperation {
    let services: StackServices
    let context: StackContext
    let clock: any EngineClock
    let save: @Sendable (StackDocument) async -> Void
    var document: StackDocument
    /// What this operation did, for a rollback, oldest first.
    private var steps: [Step] = []

    enum Step {
        /// A resource made new; `replacing` is the one of another type it stands in for under the same id.
        case created(String, replacing: StackDocument.Resource?)
        /// A resource changed; the record as it was before.
        case updated(StackDocument.Resource)
    }

    init(
        services: StackServices, context: StackContext, clock: any EngineClock, document: StackDocument,
        save: @escaping @Sendable (StackDocument) async -> Void
    ) {
        self.services = services
        self.context = context
        self.clock = clock
        self.document = document
        self.save = save
    }

    // MARK: - Events and status

    mutating func stackEvent(_ status: String, _ reason: String? = nil) async {
        document.status = status
        document.statusReason = reason
        event(document.name, document.id, "AWS::CloudFormation::Stack", status, reason)
        await save(document)
    }

    mutating func event(_ logicalId: String, _ physicalId: String, _ type: String, _ status: String, _ reason: String? = nil) {
        document.events.append(
            StackDocument.Event(
                eventId: UUID().uuidString.lowercased(), logicalId: logicalId, physicalId: physicalId, type: type, status: status,
                reason: reason, timestamp: clock.now()))
    }

    private func index(of logicalId: String) -> Int? { document.resources.firstIndex { $0.logicalId == logicalId } }

    // MARK: - Create and update

    /// Makes the plan's resources that are new, changes those whose resolved properties differ, then removes
    /// the ones the plan no longer has. Throws the first resource's failure, with everything done so far recorded
    /// in `steps` for `rollback`.
    mutating func apply(_ plan: DeploymentPlan, retained: Set<String>) async throws(StackError) {
        var made: [String: (ref: JSON, attributes: [String: JSON])] = [:]
        let before = StackService.byLogicalId(document)
        for resource in document.resources { made[resource.logicalId] = (resource.ref, resource.attributes) }
        var order: [String] = []
        for planned in plan.resources {
            let id = planned.logicalId
            order.append(id)
            let properties: JSON
            do {
                properties = try plan.resolver(resources: made).resolve(
                    .object(planned.properties), at: "Resources/\(id)/Properties")
            } catch {
                event(id, "", planned.type, before[id] == nil ? "CREATE_FAILED" : "UPDATE_FAILED", error.description)
                throw StackError(id, error.description)
            }
            let resolved = properties.objectValue ?? JSONObject()
            if let old = before[id], old.type == planned.type {
                if old.properties == properties {
                    made[id] = (old.ref, old.attributes)
                    continue
                }
                event(id, old.physicalId, old.type, "UPDATE_IN_PROGRESS")
                let changed: StackResource
                do {
                    changed = try await services.update(old.made, from: old.properties.objectValue ?? JSONObject(), to: resolved, context)
                } catch {
                    event(id, old.physicalId, old.type, "UPDATE_FAILED", error.message)
                    await save(document)
                    throw error
                }
                steps.append(.updated(old))
                let record = self.record(changed, properties, status: "UPDATE_COMPLETE", retain: retained.contains(id))
                document.resources[index(of: id)!] = record
                event(id, record.physicalId, record.type, "UPDATE_COMPLETE")
                made[id] = (record.ref, record.attributes)
            } else {
                event(id, "", planned.type, "CREATE_IN_PROGRESS")
                let created: StackResource
                do {
                    created = try await services.create(id, type: planned.type, resolved, context)
                } catch {
                    event(id, "", planned.type, "CREATE_FAILED", error.message)
                    await save(document)
                    throw error
                }
                let replaced = before[id]
                steps.append(.created(id, replacing: replaced))
                let record = self.record(created, properties, status: "CREATE_COMPLETE", retain: retained.contains(id))
                if let at = index(of: id) { document.resources.remove(at: at) }
                document.resources.append(record)
                event(id, record.physicalId, record.type, "CREATE_COMPLETE")
                made[id] = (record.ref, record.attributes)
            }
            await save(document)
        }
        // Creation order, so a later delete takes dependents first.
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        document.resources.sort { (rank[$0.logicalId] ?? Int.max) < (rank[$1.logicalId] ?? Int.max) }
        document.outputs = try outputs(plan, made)
    }

    /// Removes what the last `apply` left behind: resources the plan no longer has, and those replaced by a
    /// resource of another type. Failures are events, as CloudFormation's cleanup reports them; the update stands.
    mutating func cleanUp(keeping plan: DeploymentPlan) async {
        let kept = Set(plan.resources.map(\.logicalId))
        for resource in document.resources.reversed() where !kept.contains(resource.logicalId) {
            await remove(resource)
            if let at = index(of: resource.logicalId) { document.resources.remove(at: at) }
        }
        for case .created(_, let replaced?) in steps { await remove(replaced) }
        await save(document)
    }

    func outputs(_ plan: DeploymentPlan, _ made: [String: (ref: JSON, attributes: [String: JSON])]) throws(StackError)
        -> [StackDocument.Output]
    {
        let resolver = plan.resolver(resources: made)
        var outputs: [StackDocument.Output] = []
        for output in plan.outputs {
            do {
                let value = try resolver.resolve(output.value, at: "Outputs/\(output.name)/Value")
                var export: JSON?
                if let name = output.exportName { export = try resolver.resolve(name, at: "Outputs/\(output.name)/Export/Name") }
                outputs.append(
                    StackDocument.Output(
                        key: output.name, value: Self.text(value), description: output.description, exportName: export.map(Self.text)))
            } catch {
                throw StackError(output.name, error.description)
            }
        }
        return outputs
    }

    /// An output's value as CloudFormation shows it: a string, a list joined with commas.
    static func text(_ value: JSON) -> String {
        switch value {
        case .string(let s): s
        case .array(let items): items.map(text).joined(separator: ",")
        default: value.text
        }
    }

    func record(_ made: StackResource, _ properties: JSON, status: String, retain: Bool) -> StackDocument.Resource {
        StackDocument.Resource(
            logicalId: made.logicalId, type: made.type, physicalId: made.physicalId, ref: made.ref, attributes: made.attributes,
            properties: properties, status: status, statusReason: nil, timestamp: clock.now(), retain: retain)
    }

    // MARK: - Rollback and delete

    /// Undoes this operation's steps, newest first: what it made is removed, what it changed is changed back.
    /// Returns false when a step could not be undone (the stack is then `…ROLLBACK_FAILED`).
    mutating func rollback() async -> Bool {
        var undone = true
        for step in steps.reversed() {
            switch step {
            case .created(let id, let replaced):
                guard let at = index(of: id) else { continue }
                let made = document.resources[at]
                if await remove(made) {
                    document.resources.remove(at: at)
                    if let replaced { document.resources.insert(replaced, at: at) }
                } else {
                    undone = false
                }
            case .updated(let old):
                guard let at = index(of: old.logicalId) else { continue }
                let current = document.resources[at]
                event(old.logicalId, current.physicalId, current.type, "UPDATE_IN_PROGRESS")
                do {
                    let restored = try await services.update(
                        current.made, from: current.properties.objectValue ?? JSONObject(), to: old.properties.objectValue ?? JSONObject(),
                        context)
                    var record = old
                    record.physicalId = restored.physicalId
                    record.ref = restored.ref
                    record.attributes = restored.attributes
                    record.status = "UPDATE_COMPLETE"
                    record.timestamp = clock.now()
                    document.resources[at] = record
                    event(old.logicalId, record.physicalId, record.type, "UPDATE_COMPLETE")
                } catch {
                    event(old.logicalId, current.physicalId, current.type, "UPDATE_FAILED", error.message)
                    undone = false
                }
            }
            await save(document)
        }
        steps = []
        return undone
    }

    /// Removes every resource, dependents first. Returns the first failure's reason, leaving the resources not
    /// removed in the record.
    mutating func removeAll() async -> String? {
        var failure: String?
        for resource in document.resources.reversed() {
            if await remove(resource) {
                if let at = index(of: resource.logicalId) { document.resources.remove(at: at) }
            } else {
                if let at = index(of: resource.logicalId) {
                    document.resources[at].status = "DELETE_FAILED"
                    document.resources[at].statusReason = document.events.last?.reason
                    document.resources[at].timestamp = clock.now()
                }
                if failure == nil { failure = "The following resource(s) failed to delete: [\(resource.logicalId)]. " }
            }
            await save(document)
        }
        return failure
    }

    /// Removes one resource through its handler, with its events; `DeletionPolicy: Retain` leaves it.
    @discardableResult
    mutating func remove(_ resource: StackDocument.Resource) async -> Bool {
        if resource.retain {
            event(resource.logicalId, resource.physicalId, resource.type, "DELETE_SKIPPED")
            return true
        }
        event(resource.logicalId, resource.physicalId, resource.type, "DELETE_IN_PROGRESS")
        do {
            try await services.delete(resource.made, resource.properties.objectValue ?? JSONObject(), context)
        } catch {
            event(resource.logicalId, resource.physicalId, resource.type, "DELETE_FAILED", error.message)
            return false
        }
        event(resource.logicalId, resource.physicalId, resource.type, "DELETE_COMPLETE")
        return true
    }
}
