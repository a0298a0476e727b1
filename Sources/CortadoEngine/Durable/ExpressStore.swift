import CortadoStore

/// Where EXPRESS executions live while they run: memory only, as on AWS (at-most-once, no history
/// API). A closed execution is dropped at once; state machines and resources are read from and written
/// to the durable store underneath.
public actor ExpressStore: ExecutionStore {
    let definitions: any ExecutionStore
    private var executions: [String: ExecutionRecord] = [:]
    private var timers: [String: [Int: Int64]] = [:]
    private var outbox: [String: [Int: String]] = [:]

    public init(definitions: any ExecutionStore) {
        self.definitions = definitions
    }

    public func createStateMachine(_ record: StateMachineRecord) async throws { try await definitions.createStateMachine(record) }
    public func updateStateMachine(_ record: StateMachineRecord) async throws { try await definitions.updateStateMachine(record) }
    public func deleteStateMachine(arn: String) async throws { try await definitions.deleteStateMachine(arn: arn) }
    public func stateMachine(arn: String) async throws -> StateMachineRecord? { try await definitions.stateMachine(arn: arn) }
    public func listStateMachines(limit: Int, pageToken: String?) async throws -> Page<StateMachineRecord> {
        try await definitions.listStateMachines(limit: limit, pageToken: pageToken)
    }

    public func commit(_ writes: [ExecutionWrite]) -> [CommitOutcome] {
        writes.map(apply)
    }

    private func apply(_ write: ExecutionWrite) -> CommitOutcome {
        let arn = write.executionArn
        var version: Int64
        switch write.change {
        case .insert(var record):
            if executions[arn] != nil { return .failure(StoreError(.executionAlreadyExists, "Execution Already Exists: '\(arn)'")) }
            record.version = 1
            version = 1
            executions[arn] = record
        case .update(var record):
            guard let stored = executions[arn] else {
                return .failure(StoreError(.executionDoesNotExist, "Execution Does Not Exist: '\(arn)'"))
            }
            guard stored.version == record.version else {
                return .failure(StoreError(.versionConflict, "execution \(arn) is at version \(stored.version), not \(record.version)"))
            }
            record.version += 1
            version = record.version
            if record.status != .running {
                executions[arn] = nil
                timers[arn] = nil
                outbox[arn] = nil
                return .success(version)
            }
            executions[arn] = record
        case .none:
            guard let stored = executions[arn] else { return .success(0) }
            version = stored.version
        }
        for id in write.removeTimers { timers[arn]?[id] = nil }
        for t in write.setTimers { timers[arn, default: [:]][t.timerID] = t.fireAt }
        for id in write.delivered { outbox[arn]?[id] = nil }
        for o in write.outbox { outbox[arn, default: [:]][o.taskID] = o.payload }
        return .success(version)
    }

    public func execution(arn: String) -> ExecutionRecord? { executions[arn] }

    public func listExecutions(stateMachineArn: String, status: ExecutionRecord.Status?, limit: Int, pageToken: String?)
        -> Page<ExecutionRecord>
    {
        Page(items: [], nextToken: nil)
    }

    public func history(executionArn: String, limit: Int, reverse: Bool, pageToken: String?) -> Page<HistoryEventRecord> {
        Page(items: [], nextToken: nil)
    }

    public func dueTimers(until: Int64, limit: Int) -> [TimerRecord] {
        var due: [TimerRecord] = []
        for (arn, list) in timers {
            for (id, at) in list where at <= until { due.append(TimerRecord(executionArn: arn, timerID: id, fireAt: at)) }
        }
        due.sort { $0.fireAt < $1.fireAt }
        return Array(due.prefix(limit))
    }

    public func pendingOutbox(limit: Int) -> [OutboxRecord] {
        Array(outbox.flatMap { arn, list in list.map { OutboxRecord(executionArn: arn, taskID: $0.key, payload: $0.value) } }.prefix(limit))
    }

    public func createResource(_ record: ResourceRecord) async throws { try await definitions.createResource(record) }
    public func putResource(_ record: ResourceRecord) async throws { try await definitions.putResource(record) }
    public func resource(kind: String, arn: String) async throws -> ResourceRecord? {
        try await definitions.resource(kind: kind, arn: arn)
    }
    public func deleteResource(kind: String, arn: String) async throws -> Bool {
        try await definitions.deleteResource(kind: kind, arn: arn)
    }
    public func listResources(kind: String, limit: Int, pageToken: String?) async throws -> Page<ResourceRecord> {
        try await definitions.listResources(kind: kind, limit: limit, pageToken: pageToken)
    }
    public func putResources(_ records: [ResourceRecord]) async throws { try await definitions.putResources(records) }
    public func deleteResources(kind: String, arns: [String]) async throws -> Int {
        try await definitions.deleteResources(kind: kind, arns: arns)
    }
    public func deleteResources(kind: String) async throws -> Int { try await definitions.deleteResources(kind: kind) }
}
