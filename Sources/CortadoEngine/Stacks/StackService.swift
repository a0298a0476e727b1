import CortadoJSON
import CortadoStore
import CortadoTemplates
import Foundation
import Synchronization

/// Stacks: a template's resources made, changed and removed together through the in-process services, as
/// CloudFormation does it (docs/architecture/deploy.md, "Stacks"). Everything that can be checked is checked
/// before the first resource is touched: the template, its parameters and capabilities, every reference, and every
/// state machine definition against the values its resources will have. An operation finishes before its action
/// answers; the stack record is saved after every resource step.
public final class StackService: Sendable {
    static let kind = "stack"

    let store: any ExecutionStore
    let services: StackServices
    let clock: any EngineClock
    let region: String
    let account: String
    /// Every stack by id, deleted ones included.
    private let documents = Mutex<[String: StackDocument]>([:])
    /// The names of the stacks an operation is running on.
    private let busy = Mutex<Set<String>>([])

    public init(store: any ExecutionStore, services: StackServices, clock: any EngineClock, region: String, account: String) {
        self.store = store
        self.services = services
        self.clock = clock
        self.region = region
        self.account = account
    }

    // MARK: - Reading

    /// The live stack of that name, or any stack (deleted ones too) of that id.
    public func stack(_ nameOrId: String) -> StackDocument? {
        documents.withLock { all in
            if let byId = all[nameOrId] { return byId }
            return all.values.first { $0.name == nameOrId && !$0.isDeleted }
        }
    }

    /// Every stack, oldest first.
    public func all() -> [StackDocument] {
        documents.withLock { Array($0.values) }.sorted { ($0.creationTime, $0.id) < ($1.creationTime, $1.id) }
    }

    // MARK: - Recovery

    /// Loads the stacks after a restart. An operation a crash cut short cannot be resumed from its record: the
    /// stack is marked failed with the reason, keeping the record of what exists, so a delete or a new deploy
    /// finishes the job.
    public func recover() async throws {
        for record in try await store.allResources(kind: Self.kind) {
            guard var document = try? JSONValueDecoder().decode(StackDocument.self, from: try JSON(parsing: record.json)) else {
                continue
            }
            if let failed = Self.interrupted[document.status] {
                document.status = failed
                document.statusReason = "Cortado stopped while the stack was being changed; delete it, or deploy again"
                await save(document)
            }
            let loaded = document
            documents.withLock { $0[loaded.id] = loaded }
        }
    }

    static let interrupted: [String: String] = [
        "CREATE_IN_PROGRESS": "CREATE_FAILED", "ROLLBACK_IN_PROGRESS": "ROLLBACK_FAILED", "UPDATE_IN_PROGRESS": "UPDATE_ROLLBACK_FAILED",
        "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS": "UPDATE_COMPLETE", "UPDATE_ROLLBACK_IN_PROGRESS": "UPDATE_ROLLBACK_FAILED",
        "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS": "UPDATE_ROLLBACK_COMPLETE", "DELETE_IN_PROGRESS": "DELETE_FAILED",
        "REVIEW_IN_PROGRESS": "CREATE_FAILED",
    ]

    @Sendable func save(_ document: StackDocument) async {
        documents.withLock { $0[document.id] = document }
        guard let json = try? JSONValueEncoder().encode(document) else { return }
        // A store failure leaves the in-memory record, which is what the operation acts on; the next save retries.
        try? await store.putResource(
            ResourceRecord(kind: Self.kind, arn: document.id, name: document.name, json: json.text, creationDate: document.creationTime))
    }

    // MARK: - Operations

    /// Creates a stack; answers once it is `CREATE_COMPLETE`, or failed and rolled back.
    public func create(_ request: StackRequest) async throws(AWSError) -> StackDocument {
        try Self.checkName(request.name)
        let reviewed = stack(request.name)
        guard reviewed == nil || reviewed?.status == "REVIEW_IN_PROGRESS" else {
            throw AWSError("AlreadyExistsException", "Stack [\(request.name)] already exists")
        }
        guard let body = request.templateBody else {
            throw AWSError("ValidationError", "Either Template URL or Template Body must be specified.")
        }
        let id = reviewed?.id ?? newStackId(request.name)
        let (template, plan) = try planned(body, request.parameters, name: request.name, id: id)
        try checkCapabilities(template, plan, request.capabilities)
        let context = StackContext(stackName: request.name, region: region, account: account)
        try await check(plan, existing: [:], context)
        try claim(request.name)
        defer { release(request.name) }
        let document = StackDocument(
            name: request.name, id: id, status: "CREATE_IN_PROGRESS", statusReason: nil,
            description: template.processed["Description"]?.stringValue, templateBody: body,
            parameters: Self.parameterList(template, plan), capabilities: request.capabilities, tags: request.tags,
            disableRollback: request.onFailure == "DO_NOTHING", resources: [], outputs: [], events: reviewed?.events ?? [],
            creationTime: reviewed?.creationTime ?? clock.now())
        var operation = StackOperation(services: services, context: context, clock: clock, document: document, save: save)
        await operation.stackEvent("CREATE_IN_PROGRESS", "User Initiated")
        do {
            try await operation.apply(plan, retained: Self.retained(plan))
            await operation.stackEvent("CREATE_COMPLETE")
        } catch {
            let reason = "The following resource(s) failed to create: [\(error.logicalId)]. "
            if request.onFailure == "DO_NOTHING" {
                await operation.stackEvent("CREATE_FAILED", reason)
                return operation.document
            }
            await operation.stackEvent("ROLLBACK_IN_PROGRESS", reason + "Rollback requested by user.")
            let undone = await operation.rollback()
            await operation.stackEvent(undone ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED")
            // The stack keeps saying why it rolled back.
            operation.document.statusReason = reason + "Rollback requested by user."
            await save(operation.document)
            if undone, request.onFailure == "DELETE" {
                await operation.stackEvent("DELETE_IN_PROGRESS", "User Initiated")
                operation.document.deletionTime = clock.now()
                await operation.stackEvent("DELETE_COMPLETE")
            }
        }
        return operation.document
    }

    /// Updates a stack in place; answers once it is `UPDATE_COMPLETE`, or failed and rolled back. A template and
    /// parameters that change nothing are CloudFormation's `No updates are to be performed.`
    public func update(_ request: StackRequest) async throws(AWSError) -> StackDocument {
        guard let current = stack(request.name), !current.isDeleted else {
            throw AWSError("ValidationError", "Stack [\(request.name)] does not exist")
        }
        guard Self.updatable.contains(current.status) else {
            throw AWSError("ValidationError", "Stack:\(current.id) is in \(current.status) state and can not be updated.")
        }
        let body = request.templateBody ?? current.templateBody
        var values = request.parameters
        for key in request.previousParameters {
            if let previous = current.parameters.first(where: { $0.key == key }) { values[key] = previous.value }
        }
        let (template, plan) = try planned(body, values, name: current.name, id: current.id)
        try checkCapabilities(template, plan, request.capabilities)
        let context = StackContext(stackName: current.name, region: region, account: account)
        let existing = Self.byLogicalId(current)
        try await check(plan, existing: existing, context)
        try claim(current.name)
        defer { release(current.name) }
        var document = current
        document.templateBody = body
        document.parameters = Self.parameterList(template, plan)
        document.description = template.processed["Description"]?.stringValue
        if !request.capabilities.isEmpty { document.capabilities = request.capabilities }
        if !request.tags.isEmpty { document.tags = request.tags }
        if unchanged(plan, current) {
            throw AWSError("ValidationError", "No updates are to be performed.")
        }
        document.lastUpdatedTime = clock.now()
        document.changeSets = []
        var operation = StackOperation(services: services, context: context, clock: clock, document: document, save: save)
        await operation.stackEvent("UPDATE_IN_PROGRESS", "User Initiated")
        do {
            try await operation.apply(plan, retained: Self.retained(plan))
            await operation.stackEvent("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
            await operation.cleanUp(keeping: plan)
            await operation.stackEvent("UPDATE_COMPLETE")
        } catch {
            await operation.stackEvent(
                "UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) failed to update: [\(error.logicalId)]. ")
            let undone = await operation.rollback()
            // The record goes back to what the stack was: its template, parameters and outputs.
            operation.document.templateBody = current.templateBody
            operation.document.parameters = current.parameters
            operation.document.outputs = current.outputs
            operation.document.description = current.description
            await operation.stackEvent(undone ? "UPDATE_ROLLBACK_COMPLETE" : "UPDATE_ROLLBACK_FAILED")
        }
        return operation.document
    }

    /// Deletes a stack and everything it made, dependents first. An unknown name is not an error, as in
    /// CloudFormation.
    public func delete(_ nameOrId: String) async throws(AWSError) {
        guard let current = stack(nameOrId), !current.isDeleted else { return }
        try claim(current.name)
        defer { release(current.name) }
        let context = StackContext(stackName: current.name, region: region, account: account)
        var operation = StackOperation(services: services, context: context, clock: clock, document: current, save: save)
        await operation.stackEvent("DELETE_IN_PROGRESS", "User Initiated")
        if let failure = await operation.removeAll() {
            await operation.stackEvent("DELETE_FAILED", failure)
            return
        }
        operation.document.deletionTime = clock.now()
        operation.document.outputs = []
        await operation.stackEvent("DELETE_COMPLETE")
    }

    func newStackId(_ name: String) -> String {
        "arn:aws:cloudformation:\(region):\(account):stack/\(name)/\(UUID().uuidString.lowercased())"
    }

    static let updatable: Set<String> = [
        "CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_FAILED",
    ]

    func claim(_ name: String) throws(AWSError) {
        let claimed = busy.withLock { $0.insert(name).inserted }
        guard claimed else {
            let status = stack(name)?.status ?? "an IN_PROGRESS"
            throw AWSError("ValidationError", "Stack [\(name)] is in \(status) state and can not be changed now.")
        }
    }

    func release(_ name: String) { _ = busy.withLock { $0.remove(name) } }

    static func checkName(_ name: String) throws(AWSError) {
        guard isName(name) else {
            throw AWSError(
                "ValidationError",
                "1 validation error detected: Value '\(name)' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*"
            )
        }
    }

    /// CloudFormation's names for stacks and change sets: `[a-zA-Z][-a-zA-Z0-9]*`, at most 128 characters.
    static func isName(_ name: String) -> Bool {
        (1...128).contains(name.count) && name.first!.isLetter && name.first!.isASCII
            && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
    }

    static func retained(_ plan: DeploymentPlan) -> Set<String> {
        Set(plan.resources.filter { $0.definition["DeletionPolicy"]?.stringValue == "Retain" }.map(\.logicalId))
    }

    static func parameterList(_ template: Template, _ plan: DeploymentPlan) -> [StackDocument.Parameter] {
        template.parameters.map { parameter in
            let value = plan.parameters[parameter.name].map(StackOperation.text) ?? ""
            return StackDocument.Parameter(key: parameter.name, value: value, noEcho: parameter.noEcho)
        }
    }
}
