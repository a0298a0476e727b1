import CortadoStore
import CortadoStoreSQLite
import Foundation
import Testing

@Suite struct SQLiteStoreTests {
    static let machine = StateMachineRecord(
        arn: "arn:aws:states:us-east-1:000000000000:stateMachine:M", name: "M", type: .standard, definition: "{}",
        roleArn: "arn:aws:iam::000000000000:role/r", creationDate: 1, revisionId: "r1")

    static func execution(_ i: Int) -> ExecutionRecord {
        ExecutionRecord(
            arn: "arn:aws:states:us-east-1:000000000000:execution:M:e\(i)", stateMachineArn: machine.arn, name: "e\(i)", input: "{}",
            startDate: Int64(1_000 + i), snapshot: [UInt8(i % 256)])
    }

    static func event(_ id: Int) -> HistoryEventRecord {
        HistoryEventRecord(id: id, previousEventId: id - 1, type: "PassStateEntered", timestamp: Int64(id), json: #"{"id":\#(id)}"#)
    }

    @Test func reopeningKeepsEverything() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(directory: directory.path)
        try await store.createStateMachine(Self.machine)
        let e = Self.execution(1)
        _ = try await store.commit([
            .insert(
                e, events: [Self.event(1), Self.event(2)], setTimers: [TimerRecord(executionArn: e.arn, timerID: 1, fireAt: 50)],
                outbox: [OutboxRecord(executionArn: e.arn, taskID: 1, payload: "{}")])
        ])
        try store.close()

        let reopened = try SQLiteStore(directory: directory.path)
        #expect(FileManager.default.fileExists(atPath: directory.path + "/cortado.sqlite"))
        #expect(try await reopened.stateMachine(arn: Self.machine.arn) == Self.machine)
        var expected = e
        expected.version = 1
        #expect(try await reopened.execution(arn: e.arn) == expected)
        #expect(try await reopened.history(executionArn: e.arn, limit: 10, reverse: false, pageToken: nil).items.map(\.id) == [1, 2])
        #expect(try await reopened.dueTimers(until: 50, limit: 10) == [TimerRecord(executionArn: e.arn, timerID: 1, fireAt: 50)])
        #expect(try await reopened.pendingOutbox(limit: 10).count == 1)
        // The reopened store keeps writing where the first one stopped.
        #expect(try await reopened.commit([.update(expected, events: [Self.event(3)])]) == [.success(2)])
        try reopened.close()
    }

    @Test func concurrentCommitsShareTransactions() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(directory: directory.path)
        try await store.createStateMachine(Self.machine)
        let executions = 50
        let steps = 20
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<executions {
                group.addTask {
                    var e = Self.execution(i)
                    e.version = try await store.commit([.insert(e, events: [Self.event(1)])])[0].get()
                    for step in 2...steps {
                        e.version = try await store.commit([.update(e, events: [Self.event(step)])])[0].get()
                    }
                }
            }
            try await group.waitForAll()
        }
        for i in 0..<executions {
            let e = try #require(try await store.execution(arn: Self.execution(i).arn))
            #expect(e.version == Int64(steps))
            let history = try await store.history(executionArn: e.arn, limit: 100, reverse: false, pageToken: nil)
            #expect(history.items.map(\.id) == Array(1...steps))
        }
        let statistics = await store.commitStatistics()
        #expect(statistics.writes == executions * steps)
        #expect(statistics.transactions < statistics.writes, "concurrent commits were batched")
        try store.close()
    }

    @Test func racingWritersGetOneWinner() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(directory: directory.path)
        try await store.createStateMachine(Self.machine)
        var e = Self.execution(1)
        e.version = try await store.commit([.insert(e, events: [Self.event(1)])])[0].get()
        let snapshot = e
        // Ten tasks decide from the same version; exactly one transition may land.
        let outcomes = try await withThrowingTaskGroup(of: CommitOutcome.self) { group in
            for i in 0..<10 {
                group.addTask {
                    var mine = snapshot
                    mine.snapshot = [UInt8(i)]
                    return try await store.commit([.update(mine, events: [Self.event(2)])])[0]
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { (try? $0.get()) == 2 }.count == 1)
        #expect(outcomes.filter { if case .failure(let e) = $0 { e.code == .versionConflict } else { false } }.count == 9)
        #expect(try await store.history(executionArn: e.arn, limit: 10, reverse: false, pageToken: nil).items.map(\.id) == [1, 2])
        try store.close()
    }

    @Test func migrationsAreFrozenAndRecorded() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try SQLiteStore(directory: directory.path).close()
        let store = try SQLiteStore(directory: directory.path)
        #expect(
            try await store.appliedMigrations() == [
                "v1-state-machines", "v1-executions", "v1-history-events", "v1-timers", "v1-outbox", "v2-resources", "v3-items",
            ])
        #expect(try await store.pragma("journal_mode") == "wal")
        #expect(try await store.pragma("synchronous") == "2")  // FULL
        // The writer commits: it must sync every commit (GRDB switches it to NORMAL with WAL).
        #expect(try await store.writerPragma("synchronous") == "2")
        #expect(try await store.pragma("foreign_keys") == "1")
        try store.close()
    }

    /// Durable commits per second of single-event transitions from many concurrent executions.
    /// `CORTADO_STORE_BENCH=1 swift test --filter SQLiteStoreTests/groupCommitThroughput`.
    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["CORTADO_STORE_BENCH"] == "1",
            "a throughput measurement, not a check: set CORTADO_STORE_BENCH=1 (release build) to run it"))
    func groupCommitThroughput() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(directory: directory.path)
        try await store.createStateMachine(Self.machine)
        let snapshot = [UInt8](repeating: 0x7B, count: 512)
        for concurrency in [1, 16, 256, 1024] {
            let executions = concurrency
            let steps = max(20, 40_000 / concurrency)
            let base = concurrency * 1_000_000
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<executions {
                    group.addTask {
                        var e = Self.execution(base + i)
                        e.snapshot = snapshot
                        e.version = try await store.commit([.insert(e, events: [Self.event(1)])])[0].get()
                    }
                }
                try await group.waitForAll()
            }
            let before = await store.commitStatistics()
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in 0..<executions {
                        group.addTask {
                            var e = Self.execution(base + i)
                            e.version = 1
                            e.snapshot = snapshot
                            for step in 2...(steps + 1) {
                                e.version = try await store.commit([.update(e, events: [Self.event(step)])])[0].get()
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let after = await store.commitStatistics()
            let commits = executions * steps
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let transactions = after.transactions - before.transactions
            print(
                "group commit: \(concurrency) concurrent executions, \(commits) transitions in \(String(format: "%.2f", seconds)) s = "
                    + "\(Int(Double(commits) / seconds)) commits/s, \(transactions) transactions "
                    + "(\(String(format: "%.1f", Double(commits) / Double(transactions))) per transaction, "
                    + "\(Int(Double(transactions) / seconds)) fsyncs/s)")
        }
        try store.close()
    }
}
