import CortadoStore

/// The behaviour every `ExecutionStore` must have, as checks a test target runs against each store:
///
/// ```swift
/// @Test(arguments: StoreConformance.checks)
/// func inMemory(_ check: StoreConformance.Check) async throws { try await check.run(InMemoryStore()) }
/// ```
///
/// Each check needs a fresh, empty store. A failed expectation throws `StoreConformance.Failure`.
public enum StoreConformance {
    /// One named check.
    public struct Check: Sendable, CustomStringConvertible {
        public var name: String
        public var run: @Sendable (any ExecutionStore) async throws -> Void

        public init(_ name: String, _ run: @escaping @Sendable (any ExecutionStore) async throws -> Void) {
            self.name = name
            self.run = run
        }

        public var description: String { name }
    }

    /// A check's expectation that did not hold.
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var line: UInt
        public var description: String { "StoreConformance.swift line \(line): \(message)" }
    }

    public static let checks: [Check] = [
        Check("state machines: create, read, update, delete", stateMachineLifecycle),
        Check("state machines: list by name with page tokens", stateMachinePaging),
        Check("insert stores the row, history, timers and outbox at version 1", insertExecution),
        Check("insert needs the state machine", insertNeedsStateMachine),
        Check("createExecution is idempotent as StartExecution", createExecutionIdempotency),
        Check("update checks and bumps the version, writes only mutable columns", updateVersioning),
        Check("a failing write does not stop the others", partialBatch),
        Check("a duplicate event id fails its write and writes nothing of it", duplicateEvent),
        Check("two transitions of one execution in one batch", sameExecutionTwice),
        Check("timers: set, move, remove, due in order", timers),
        Check("outbox: pending oldest first, acknowledged rows leave", outbox),
        Check("history pages forwards and backwards", historyPaging),
        Check("executions list newest first, by status, with page tokens", executionPaging),
        Check("deleting a state machine removes its executions", deleteCascades),
        Check("snapshots round-trip byte for byte", snapshots),
        Check("bad arguments are refused", badArguments),
        Check("resources: create, read, put replaces, delete", resourceLifecycle),
        Check("resources: a duplicate create fails and leaves the first", duplicateResource),
        Check("resources: each kind is its own namespace", resourceKinds),
        Check("resources: list by name, then ARN, with page tokens", resourcePaging),
        Check("resources: bad arguments are refused", badResourceArguments),
        Check("resources: batch put and deletes, all or nothing", resourceBatches),
        Check("resources: a list can start at a name (a keyset seek)", resourceSeek),
    ]

    // MARK: Fixtures

    static let region = "arn:aws:states:us-east-1:000000000000"

    static func machine(_ name: String, type: StateMachineType = .standard) -> StateMachineRecord {
        StateMachineRecord(
            arn: "\(region):stateMachine:\(name)", name: name, type: type,
            definition: #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#,
            roleArn: "arn:aws:iam::000000000000:role/r", creationDate: 1_700_000_000_000, revisionId: "r1")
    }

    static func execution(_ name: String, of machine: StateMachineRecord, input: String = "{}", startDate: Int64 = 1_700_000_001_000)
        -> ExecutionRecord
    {
        ExecutionRecord(
            arn: "\(region):execution:\(machine.name):\(name)", stateMachineArn: machine.arn, name: name, input: input,
            startDate: startDate, snapshot: Array("state-of-\(name)".utf8))
    }

    static func event(_ id: Int, _ type: String = "PassStateEntered", at time: Int64 = 1_700_000_001_000) -> HistoryEventRecord {
        HistoryEventRecord(
            id: id, previousEventId: id - 1, type: type, timestamp: time,
            json: #"{"timestamp":\#(Double(time) / 1000),"type":"\#(type)","id":\#(id),"previousEventId":\#(id - 1)}"#)
    }

    /// A store holding one state machine and one execution at version 1 with events 1–2.
    static func started(_ store: any ExecutionStore, name: String = "e1") async throws -> (StateMachineRecord, ExecutionRecord) {
        let m = machine("M")
        if try await store.stateMachine(arn: m.arn) == nil { try await store.createStateMachine(m) }
        var e = execution(name, of: m)
        let version = try await store.commit([.insert(e, events: [event(1, "ExecutionStarted"), event(2)])])[0].get()
        e.version = version
        return (m, e)
    }

    // MARK: Expectations

    static func expect(_ condition: Bool, _ message: @autoclosure () -> String, line: UInt = #line) throws {
        if !condition { throw Failure(message: message(), line: line) }
    }

    static func expectEqual<T: Equatable>(_ actual: T, _ expected: T, _ what: String = "", line: UInt = #line) throws {
        if actual != expected { throw Failure(message: "\(what) expected \(expected), got \(actual)", line: line) }
    }

    static func expectCode(_ code: StoreError.Code, line: UInt = #line, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as StoreError {
            try expectEqual(error.code, code, "error code", line: line)
            return
        }
        throw Failure(message: "expected \(code), nothing was thrown", line: line)
    }

    static func expectFailure(_ outcome: CommitOutcome, _ code: StoreError.Code, line: UInt = #line) throws {
        guard case .failure(let error) = outcome else { throw Failure(message: "expected \(code), got \(outcome)", line: line) }
        try expectEqual(error.code, code, "outcome", line: line)
    }

    static func ids(_ page: Page<HistoryEventRecord>) -> [Int] { page.items.map(\.id) }
}
