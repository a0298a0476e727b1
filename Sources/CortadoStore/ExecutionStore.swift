/// Where state machines, executions, their history, timers and outbox, and the API's other resources live,
/// durably.
///
/// Every method is atomic. A `commit` that returned is durable, and later reads see it. Nothing here is
/// specific to one database; see docs/architecture/store.md for what callers may and may not assume.
public protocol ExecutionStore: Sendable {
    // MARK: State machines

    /// Stores a new state machine; `stateMachineAlreadyExists` if its ARN is taken.
    func createStateMachine(_ record: StateMachineRecord) async throws
    /// Replaces a stored state machine; `stateMachineDoesNotExist` if there is none with its ARN.
    func updateStateMachine(_ record: StateMachineRecord) async throws
    /// Removes a state machine with its executions, their history, timers and outbox;
    /// `stateMachineDoesNotExist` if there is none.
    func deleteStateMachine(arn: String) async throws
    func stateMachine(arn: String) async throws -> StateMachineRecord?
    /// State machines by name, then ARN.
    func listStateMachines(limit: Int, pageToken: String?) async throws -> Page<StateMachineRecord>

    // MARK: Executions

    /// Applies each write, in order, in one transaction; returns one outcome per write. A failing write
    /// changes nothing and does not stop the others. Throws only if the store itself fails, and then no
    /// write of the call may be assumed committed.
    func commit(_ writes: [ExecutionWrite]) async throws -> [CommitOutcome]
    func execution(arn: String) async throws -> ExecutionRecord?
    /// Executions of one state machine, newest `startDate` first (ties: the later stored first),
    /// optionally of one status.
    func listExecutions(stateMachineArn: String, status: ExecutionRecord.Status?, limit: Int, pageToken: String?) async throws
        -> Page<ExecutionRecord>
    /// An execution's events by id, ascending, or descending if `reverse`.
    func history(executionArn: String, limit: Int, reverse: Bool, pageToken: String?) async throws -> Page<HistoryEventRecord>

    // MARK: Work to do

    /// Timers due at `until` or earlier, earliest first (ties: the execution stored first, then timer id).
    func dueTimers(until: Int64, limit: Int) async throws -> [TimerRecord]
    /// Tasks not yet delivered, oldest first.
    func pendingOutbox(limit: Int) async throws -> [OutboxRecord]

    // MARK: Resources

    /// Stores a new resource; `resourceAlreadyExists` if (kind, arn) is taken.
    func createResource(_ record: ResourceRecord) async throws
    /// Stores a resource, replacing the one with its (kind, arn) if any (creationDate is taken from the argument).
    func putResource(_ record: ResourceRecord) async throws
    func resource(kind: String, arn: String) async throws -> ResourceRecord?
    /// Removes a resource; false if there was none.
    func deleteResource(kind: String, arn: String) async throws -> Bool
    /// Resources of one kind by name, then ARN, paged like the other lists (PageToken). A list may also start
    /// at a position of the caller's choosing: `PageToken.resources(kind:after:arn:)`.
    func listResources(kind: String, limit: Int, pageToken: String?) async throws -> Page<ResourceRecord>
    /// Stores every record as `putResource` does, in one atomic write: all of them or (on a throw) none.
    func putResources(_ records: [ResourceRecord]) async throws
    /// Removes the records of `kind` with these ARNs in one atomic write; returns how many there were.
    func deleteResources(kind: String, arns: [String]) async throws -> Int
    /// Removes every record of `kind` in one atomic write; returns how many there were.
    func deleteResources(kind: String) async throws -> Int
}

/// The answer to `createExecution`: the stored execution, and whether this call created it.
public struct CreatedExecution: Sendable, Equatable {
    public var record: ExecutionRecord
    public var created: Bool

    public init(record: ExecutionRecord, created: Bool) {
        self.record = record
        self.created = created
    }
}

extension ExecutionStore {
    /// `StartExecution`'s idempotency: commits `write` (which must be an `.insert`) unless an execution
    /// has its ARN. The same name with the same input while that execution runs returns it unchanged;
    /// a different input, or a closed execution, throws `executionAlreadyExists`.
    public func createExecution(_ write: ExecutionWrite) async throws -> CreatedExecution {
        guard case .insert(var record) = write.change else {
            throw StoreError(.invalidArgument, "createExecution needs an insert write for \(write.executionArn)")
        }
        switch try await commit([write])[0] {
        case .success(let version):
            record.version = version
            return CreatedExecution(record: record, created: true)
        case .failure(let error) where error.code == .executionAlreadyExists:
            guard let existing = try await execution(arn: record.arn) else { throw error }
            guard existing.status == .running, existing.input == record.input else {
                throw StoreError.executionExists(record.arn)
            }
            return CreatedExecution(record: existing, created: false)
        case .failure(let error):
            throw error
        }
    }
}

/// Checks a list limit, as every store does.
package func checkLimit(_ limit: Int) throws(StoreError) {
    if limit < 1 { throw StoreError(.invalidArgument, "limit must be at least 1, not \(limit)") }
}
