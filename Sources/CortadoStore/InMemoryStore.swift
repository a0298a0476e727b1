/// The reference store: everything in an actor's dictionaries, nothing durable. It defines the behaviour
/// the conformance suite checks every other store against, and serves tests and `cortado run`.
public actor InMemoryStore: ExecutionStore {
    private struct Entry {
        var record: ExecutionRecord
        var seq: Int64
        var events: [Int: HistoryEventRecord] = [:]
        var timers: [Int: Int64] = [:]
        var outbox: [Int: (seq: Int64, payload: String)] = [:]
    }

    private var stateMachines: [String: StateMachineRecord] = [:]
    private var executions: [String: Entry] = [:]
    /// Kind, then ARN.
    private var resources: [String: [String: ResourceRecord]] = [:]
    private var nextSeq: Int64 = 1

    public init() {}

    // MARK: State machines

    public func createStateMachine(_ record: StateMachineRecord) throws {
        if let error = record.validationError() { throw error }
        guard stateMachines[record.arn] == nil else {
            throw StoreError.stateMachineExists(record.arn)
        }
        stateMachines[record.arn] = record
    }

    public func updateStateMachine(_ record: StateMachineRecord) throws {
        if let error = record.validationError() { throw error }
        guard stateMachines[record.arn] != nil else { throw StoreError.noStateMachine(record.arn) }
        stateMachines[record.arn] = record
    }

    public func deleteStateMachine(arn: String) throws {
        guard stateMachines.removeValue(forKey: arn) != nil else { throw StoreError.noStateMachine(arn) }
        executions = executions.filter { $0.value.record.stateMachineArn != arn }
    }

    public func stateMachine(arn: String) -> StateMachineRecord? { stateMachines[arn] }

    public func listStateMachines(limit: Int, pageToken: String?) throws -> Page<StateMachineRecord> {
        try checkLimit(limit)
        let list = "stateMachines"
        var all = stateMachines.values.sorted { ($0.name, $0.arn) < ($1.name, $1.arn) }
        if let pageToken {
            let key = try PageToken.key(pageToken, list: list, count: 2)
            all = all.filter { ($0.name, $0.arn) > (key[0], key[1]) }
        }
        return Self.page(all, limit: limit) { PageToken.make(list, [$0.name, $0.arn]) }
    }

    // MARK: Executions

    public func commit(_ writes: [ExecutionWrite]) -> [CommitOutcome] {
        writes.map(apply)
    }

    private func apply(_ write: ExecutionWrite) -> CommitOutcome {
        if let error = write.validationError() { return .failure(error) }
        let arn = write.executionArn
        var entry: Entry
        switch write.change {
        case .insert(var record):
            guard executions[arn] == nil else {
                return .failure(StoreError.executionExists(arn))
            }
            guard stateMachines[record.stateMachineArn] != nil else { return .failure(StoreError.noStateMachine(record.stateMachineArn)) }
            record.version = 1
            entry = Entry(record: record, seq: nextSeq)
        case .update(let record):
            guard let stored = executions[arn] else { return .failure(StoreError.noExecution(arn)) }
            guard stored.record.version == record.version else {
                return .failure(StoreError.conflict(arn, expected: record.version, stored: stored.record.version))
            }
            entry = stored
            entry.record.status = record.status
            entry.record.output = record.output
            entry.record.error = record.error
            entry.record.cause = record.cause
            entry.record.stopDate = record.stopDate
            entry.record.redriveCount = record.redriveCount
            entry.record.redriveDate = record.redriveDate
            entry.record.snapshot = record.snapshot
            entry.record.version += 1
        case .none:
            guard let stored = executions[arn] else { return .failure(StoreError.noExecution(arn)) }
            entry = stored
        }
        if case .insert = write.change { nextSeq += 1 }
        for event in write.events {
            guard entry.events[event.id] == nil else {
                return .failure(StoreError.eventExists(event.id, arn))
            }
            entry.events[event.id] = event
        }
        for id in write.removeTimers { entry.timers[id] = nil }
        for timer in write.setTimers { entry.timers[timer.timerID] = timer.fireAt }
        for id in write.delivered { entry.outbox[id] = nil }
        for task in write.outbox {
            if let pending = entry.outbox[task.taskID] {
                entry.outbox[task.taskID] = (pending.seq, task.payload)
            } else {
                entry.outbox[task.taskID] = (nextSeq, task.payload)
                nextSeq += 1
            }
        }
        executions[arn] = entry
        return .success(entry.record.version)
    }

    public func execution(arn: String) -> ExecutionRecord? { executions[arn]?.record }

    public func listExecutions(stateMachineArn: String, status: ExecutionRecord.Status?, limit: Int, pageToken: String?) throws
        -> Page<ExecutionRecord>
    {
        try checkLimit(limit)
        let list = "executions"
        var all = executions.values.filter { $0.record.stateMachineArn == stateMachineArn && (status == nil || $0.record.status == status) }
        if let pageToken {
            let key = try PageToken.key(pageToken, list: list, count: 2)
            guard let date = Int64(key[0]), let seq = Int64(key[1]) else { throw StoreError(.invalidPageToken, "malformed token") }
            all = all.filter { ($0.record.startDate, $0.seq) < (date, seq) }
        }
        all.sort { ($0.record.startDate, $0.seq) > ($1.record.startDate, $1.seq) }
        let page = Self.page(all, limit: limit) { PageToken.make(list, [String($0.record.startDate), String($0.seq)]) }
        return Page(items: page.items.map(\.record), nextToken: page.nextToken)
    }

    public func history(executionArn: String, limit: Int, reverse: Bool, pageToken: String?) throws -> Page<HistoryEventRecord> {
        try checkLimit(limit)
        let list = reverse ? "historyReverse" : "history"
        guard let entry = executions[executionArn] else { throw StoreError.noExecution(executionArn) }
        var events = entry.events.values.sorted { reverse ? $0.id > $1.id : $0.id < $1.id }
        if let pageToken {
            let after = try PageToken.integerKey(pageToken, list: list)
            events = events.filter { reverse ? Int64($0.id) < after : Int64($0.id) > after }
        }
        return Self.page(events, limit: limit) { PageToken.make(list, [String($0.id)]) }
    }

    // MARK: Work to do

    public func dueTimers(until: Int64, limit: Int) throws -> [TimerRecord] {
        try checkLimit(limit)
        var due: [(seq: Int64, timer: TimerRecord)] = []
        for (arn, entry) in executions {
            for (id, at) in entry.timers where at <= until {
                due.append((entry.seq, TimerRecord(executionArn: arn, timerID: id, fireAt: at)))
            }
        }
        due.sort { ($0.timer.fireAt, $0.seq, $0.timer.timerID) < ($1.timer.fireAt, $1.seq, $1.timer.timerID) }
        return due.prefix(limit).map(\.timer)
    }

    public func pendingOutbox(limit: Int) throws -> [OutboxRecord] {
        try checkLimit(limit)
        var pending: [(seq: Int64, record: OutboxRecord)] = []
        for (arn, entry) in executions {
            for (id, task) in entry.outbox {
                pending.append((task.seq, OutboxRecord(executionArn: arn, taskID: id, payload: task.payload)))
            }
        }
        pending.sort { $0.seq < $1.seq }
        return pending.prefix(limit).map(\.record)
    }

    // MARK: Resources

    public func createResource(_ record: ResourceRecord) throws {
        if let error = record.validationError() { throw error }
        guard resources[record.kind]?[record.arn] == nil else { throw StoreError.resourceExists(record.kind, record.arn) }
        resources[record.kind, default: [:]][record.arn] = record
    }

    public func putResource(_ record: ResourceRecord) throws {
        if let error = record.validationError() { throw error }
        resources[record.kind, default: [:]][record.arn] = record
    }

    public func resource(kind: String, arn: String) throws -> ResourceRecord? {
        if let error = resourceKeyError(kind: kind, arn: arn) { throw error }
        return resources[kind]?[arn]
    }

    public func deleteResource(kind: String, arn: String) throws -> Bool {
        if let error = resourceKeyError(kind: kind, arn: arn) { throw error }
        return resources[kind]?.removeValue(forKey: arn) != nil
    }

    public func putResources(_ records: [ResourceRecord]) throws {
        for record in records { if let error = record.validationError() { throw error } }
        for record in records { resources[record.kind, default: [:]][record.arn] = record }
    }

    public func deleteResources(kind: String, arns: [String]) throws -> Int {
        for arn in arns { if let error = resourceKeyError(kind: kind, arn: arn) { throw error } }
        return arns.reduce(0) { n, arn in n + (resources[kind]?.removeValue(forKey: arn) == nil ? 0 : 1) }
    }

    public func deleteResources(kind: String) throws -> Int {
        try checkResourceKind(kind)
        return resources.removeValue(forKey: kind)?.count ?? 0
    }

    public func listResources(kind: String, limit: Int, pageToken: String?) throws -> Page<ResourceRecord> {
        try checkResourceKind(kind)
        try checkLimit(limit)
        var all = (resources[kind] ?? [:]).values.sorted { ($0.name, $0.arn) < ($1.name, $1.arn) }
        if let pageToken {
            let after = try PageToken.resourceKey(pageToken, kind: kind)
            all = all.filter { ($0.name, $0.arn) > after }
        }
        return Self.page(all, limit: limit, token: PageToken.resource)
    }

    // MARK: Helpers

    private static func page<T>(_ sorted: [T], limit: Int, token: (T) -> String) -> Page<T> {
        guard sorted.count > limit else { return Page(items: sorted, nextToken: nil) }
        let items = Array(sorted.prefix(limit))
        return Page(items: items, nextToken: token(items[limit - 1]))
    }
}
