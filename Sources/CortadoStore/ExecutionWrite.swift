/// One transition of one execution, as one unit: its row, its new history events, its timers and its
/// outbox. A failing write changes nothing.
public struct ExecutionWrite: Sendable, Equatable {
    public var executionArn: String
    public var change: Change
    /// Events to append; an event id already stored for this execution fails the write.
    public var events: [HistoryEventRecord]
    /// Timers to add, or to move if their id is already pending.
    public var setTimers: [TimerRecord]
    /// Timer ids to remove (fired or cancelled), before `setTimers` applies; unknown ids are ignored.
    public var removeTimers: [Int]
    /// Tasks to dispatch after the commit; a task id already pending gets the new payload.
    public var outbox: [OutboxRecord]
    /// Task ids whose dispatch is done, removed before `outbox` applies; unknown ids are ignored.
    public var delivered: [Int]

    /// What happens to the execution's row.
    public enum Change: Sendable, Equatable {
        /// A new execution, stored at version 1; fails with `executionAlreadyExists` if the ARN is taken
        /// and `stateMachineDoesNotExist` if its state machine is missing.
        case insert(ExecutionRecord)
        /// Writes the mutable columns (status, output, error, cause, stopDate, redriveCount, redriveDate,
        /// snapshot) if the stored version equals `record.version`, else fails with `versionConflict`.
        case update(ExecutionRecord)
        /// Leaves the row alone: only timers or outbox change.
        case none
    }

    /// `setTimers` and `outbox` may name only this write's execution; they get `executionArn` here, so
    /// callers may build them with any ARN.
    public init(
        executionArn: String, change: Change, events: [HistoryEventRecord] = [], setTimers: [TimerRecord] = [],
        removeTimers: [Int] = [], outbox: [OutboxRecord] = [], delivered: [Int] = []
    ) {
        self.executionArn = executionArn
        self.change = change
        self.events = events
        self.setTimers = setTimers.map {
            var t = $0; t.executionArn = executionArn; return t
        }
        self.removeTimers = removeTimers
        self.outbox = outbox.map {
            var o = $0; o.executionArn = executionArn; return o
        }
        self.delivered = delivered
    }

    /// A new execution with the events, timers and outbox of its first transition.
    public static func insert(
        _ record: ExecutionRecord, events: [HistoryEventRecord] = [], setTimers: [TimerRecord] = [],
        outbox: [OutboxRecord] = []
    ) -> ExecutionWrite {
        ExecutionWrite(executionArn: record.arn, change: .insert(record), events: events, setTimers: setTimers, outbox: outbox)
    }

    /// A transition of a stored execution; `record.version` is the version it was decided from.
    public static func update(
        _ record: ExecutionRecord, events: [HistoryEventRecord] = [], setTimers: [TimerRecord] = [],
        removeTimers: [Int] = [], outbox: [OutboxRecord] = [], delivered: [Int] = []
    ) -> ExecutionWrite {
        ExecutionWrite(
            executionArn: record.arn, change: .update(record), events: events, setTimers: setTimers,
            removeTimers: removeTimers, outbox: outbox, delivered: delivered)
    }

    /// Marks dispatched tasks as delivered without touching the execution.
    public static func acknowledge(executionArn: String, delivered: [Int]) -> ExecutionWrite {
        ExecutionWrite(executionArn: executionArn, change: .none, delivered: delivered)
    }

    /// The write's problem, if its parts disagree with each other (checked before touching the store).
    package func validationError() -> StoreError? {
        switch change {
        case .insert(let r), .update(let r):
            if r.arn != executionArn { return StoreError(.invalidArgument, "the record's ARN \(r.arn) is not the write's \(executionArn)") }
            if !ExecutionRecord.Status.all.contains(r.status) {
                return StoreError(.invalidArgument, "\(r.status) is not an execution status (\(executionArn))")
            }
            if r.name.isEmpty { return StoreError(.invalidArgument, "an execution needs a name (\(executionArn))") }
        case .none: break
        }
        var seen = Set<Int>()
        for e in events where !seen.insert(e.id).inserted {
            return StoreError(.eventAlreadyExists, "event \(e.id) appears twice in one write for \(executionArn)")
        }
        return nil
    }
}

/// What one write of a `commit` came to: the execution's new version, or why it changed nothing.
public typealias CommitOutcome = Result<Int64, StoreError>
