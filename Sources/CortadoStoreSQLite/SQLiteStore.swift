import CortadoStore
import Foundation
import GRDB

/// The embedded store: one SQLite database in WAL mode, written through a `GroupCommitter`.
///
/// Every acknowledged `commit` has been synced to disk (`synchronous = FULL`), so it survives `kill -9`
/// and power loss. Reads run concurrently with writes on the pool's reader connections.
public final class SQLiteStore: ExecutionStore {
    /// The database file's name inside the data directory.
    public static let fileName = "cortado.sqlite"

    let pool: DatabasePool
    private let committer: GroupCommitter

    /// Opens (creating if needed) `directory/cortado.sqlite` and brings its schema up to date.
    /// `maxBatch` bounds the writes one group-commit transaction carries.
    public init(directory: String, maxBatch: Int = 2000) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // WAL is the pool's own setting; FULL syncs the WAL at every commit, so an acknowledged
            // write is on disk. NORMAL would only protect against corruption, not loss.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: directory + "/" + Self.fileName, configuration: configuration)
        // GRDB's pool sets `synchronous = NORMAL` on its writer when it switches it to WAL, after
        // `prepareDatabase` ran: set FULL again on the writer, the only connection that commits.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try Schema.migrator.migrate(pool)
        committer = GroupCommitter(pool: pool, maxBatch: maxBatch)
    }

    /// Closes the database; the store must not be used afterwards.
    public func close() throws {
        try pool.close()
    }

    /// How many group-commit transactions ran and how many writes they carried, since opening.
    public func commitStatistics() async -> (transactions: Int, writes: Int) {
        await committer.statistics
    }

    // MARK: State machines

    public func createStateMachine(_ record: StateMachineRecord) async throws {
        if let error = record.validationError() { throw error }
        let inserted = try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO state_machines (arn, name, type, definition, role_arn, creation_date, update_date, revision_id,
                        description, logging_configuration, tracing_configuration)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (arn) DO NOTHING
                    """, arguments: Self.arguments(record))
            return db.changesCount == 1
        }
        if !inserted { throw StoreError.stateMachineExists(record.arn) }
    }

    public func updateStateMachine(_ record: StateMachineRecord) async throws {
        if let error = record.validationError() { throw error }
        let updated = try await pool.write { db in
            var arguments = Self.arguments(record)
            _ = arguments.append(contentsOf: [record.arn])
            try db.execute(
                sql: """
                    UPDATE state_machines SET arn = ?, name = ?, type = ?, definition = ?, role_arn = ?, creation_date = ?,
                        update_date = ?, revision_id = ?, description = ?, logging_configuration = ?, tracing_configuration = ?
                    WHERE arn = ?
                    """, arguments: arguments)
            return db.changesCount == 1
        }
        if !updated { throw StoreError.noStateMachine(record.arn) }
    }

    public func deleteStateMachine(arn: String) async throws {
        let deleted = try await pool.write { db in
            try db.execute(sql: "DELETE FROM state_machines WHERE arn = ?", arguments: [arn])
            return db.changesCount == 1
        }
        if !deleted { throw StoreError.noStateMachine(arn) }
    }

    public func stateMachine(arn: String) async throws -> StateMachineRecord? {
        try await pool.read { db in
            try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT \(Self.stateMachineColumns) FROM state_machines WHERE arn = ?"), arguments: [arn]
            )
            .map(Self.stateMachine)
        }
    }

    public func listStateMachines(limit: Int, pageToken: String?) async throws -> Page<StateMachineRecord> {
        try checkLimit(limit)
        let list = "stateMachines"
        let after = try pageToken.map { token throws(StoreError) in try PageToken.key(token, list: list, count: 2) }
        let records = try await pool.read { db in
            if let after {
                return try Row.fetchAll(
                    try db.cachedStatement(
                        sql: """
                            SELECT \(Self.stateMachineColumns) FROM state_machines WHERE (name, arn) > (?, ?)
                            ORDER BY name, arn LIMIT ?
                            """), arguments: [after[0], after[1], limit + 1]
                ).map(Self.stateMachine)
            } else {
                return try Row.fetchAll(
                    try db.cachedStatement(sql: "SELECT \(Self.stateMachineColumns) FROM state_machines ORDER BY name, arn LIMIT ?"),
                    arguments: [limit + 1]
                ).map(Self.stateMachine)
            }
        }
        return Self.page(records, limit: limit) { PageToken.make(list, [$0.name, $0.arn]) }
    }

    // MARK: Executions

    public func commit(_ writes: [ExecutionWrite]) async throws -> [CommitOutcome] {
        if writes.isEmpty { return [] }
        return try await committer.commit(writes)
    }

    public func execution(arn: String) async throws -> ExecutionRecord? {
        try await pool.read { db in
            try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT \(Self.executionColumns) FROM executions WHERE arn = ?"), arguments: [arn]
            )
            .map(Self.execution)
        }
    }

    public func listExecutions(stateMachineArn: String, status: ExecutionRecord.Status?, limit: Int, pageToken: String?) async throws
        -> Page<ExecutionRecord>
    {
        try checkLimit(limit)
        let list = "executions"
        let after = try pageToken.map { token throws(StoreError) -> (Int64, Int64) in
            let key = try PageToken.key(token, list: list, count: 2)
            guard let date = Int64(key[0]), let seq = Int64(key[1]) else { throw StoreError(.invalidPageToken, "malformed token") }
            return (date, seq)
        }
        let items = try await pool.read { db in
            var sql = "SELECT \(Self.executionColumns), seq FROM executions WHERE state_machine_arn = ?"
            var arguments: StatementArguments = [stateMachineArn]
            if let status {
                sql += " AND status = ?"
                _ = arguments.append(contentsOf: [status.rawValue])
            }
            if let after {
                sql += " AND (start_date, seq) < (?, ?)"
                _ = arguments.append(contentsOf: [after.0, after.1])
            }
            sql += " ORDER BY start_date DESC, seq DESC LIMIT ?"
            _ = arguments.append(contentsOf: [limit + 1])
            return try Row.fetchAll(try db.cachedStatement(sql: sql), arguments: arguments).map {
                (record: Self.execution($0), seq: $0["seq"] as Int64)
            }
        }
        let page = Self.page(items, limit: limit) { PageToken.make(list, [String($0.record.startDate), String($0.seq)]) }
        return Page(items: page.items.map(\.record), nextToken: page.nextToken)
    }

    public func history(executionArn: String, limit: Int, reverse: Bool, pageToken: String?) async throws -> Page<HistoryEventRecord> {
        try checkLimit(limit)
        let list = reverse ? "historyReverse" : "history"
        let after = try pageToken.map { token throws(StoreError) in try PageToken.integerKey(token, list: list) }
        let events = try await pool.read { db -> [HistoryEventRecord]? in
            guard
                let seq = try Int64.fetchOne(
                    try db.cachedStatement(sql: "SELECT seq FROM executions WHERE arn = ?"), arguments: [executionArn])
            else {
                return nil
            }
            let order = reverse ? "DESC" : "ASC"
            let start = after ?? (reverse ? Int64.max : 0)
            let comparison = reverse ? "<" : ">"
            let rows = try Row.fetchAll(
                try db.cachedStatement(
                    sql: """
                        SELECT id, previous_event_id, type, timestamp, json FROM history_events
                        WHERE execution_seq = ? AND id \(comparison) ? ORDER BY id \(order) LIMIT ?
                        """), arguments: [seq, start, limit + 1])
            return rows.map {
                HistoryEventRecord(id: $0[0], previousEventId: $0[1], type: $0[2], timestamp: $0[3], json: $0[4])
            }
        }
        guard let events else { throw StoreError.noExecution(executionArn) }
        return Self.page(events, limit: limit) { PageToken.make(list, [String($0.id)]) }
    }

    // MARK: Work to do

    public func dueTimers(until: Int64, limit: Int) async throws -> [TimerRecord] {
        try checkLimit(limit)
        return try await pool.read { db in
            try Row.fetchAll(
                try db.cachedStatement(
                    sql: """
                        SELECT e.arn, t.timer_id, t.fire_at FROM timers t JOIN executions e ON e.seq = t.execution_seq
                        WHERE t.fire_at <= ? ORDER BY t.fire_at, t.execution_seq, t.timer_id LIMIT ?
                        """), arguments: [until, limit]
            ).map { TimerRecord(executionArn: $0[0], timerID: $0[1], fireAt: $0[2]) }
        }
    }

    public func pendingOutbox(limit: Int) async throws -> [OutboxRecord] {
        try checkLimit(limit)
        return try await pool.read { db in
            try Row.fetchAll(
                try db.cachedStatement(
                    sql: """
                        SELECT e.arn, o.task_id, o.payload FROM outbox o JOIN executions e ON e.seq = o.execution_seq
                        ORDER BY o.seq LIMIT ?
                        """), arguments: [limit]
            ).map { OutboxRecord(executionArn: $0[0], taskID: $0[1], payload: $0[2]) }
        }
    }

    // MARK: Resources

    public func createResource(_ record: ResourceRecord) async throws {
        if let error = record.validationError() { throw error }
        let inserted = try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO resources (kind, arn, name, json, creation_date) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (kind, arn) DO NOTHING
                    """, arguments: Self.arguments(record))
            return db.changesCount == 1
        }
        if !inserted { throw StoreError.resourceExists(record.kind, record.arn) }
    }

    public func putResource(_ record: ResourceRecord) async throws {
        if let error = record.validationError() { throw error }
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO resources (kind, arn, name, json, creation_date) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (kind, arn) DO UPDATE SET name = excluded.name, json = excluded.json,
                        creation_date = excluded.creation_date
                    """, arguments: Self.arguments(record))
        }
    }

    public func resource(kind: String, arn: String) async throws -> ResourceRecord? {
        if let error = resourceKeyError(kind: kind, arn: arn) { throw error }
        return try await pool.read { db in
            try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT \(Self.resourceColumns) FROM resources WHERE kind = ? AND arn = ?"),
                arguments: [kind, arn]
            )
            .map(Self.resource)
        }
    }

    public func deleteResource(kind: String, arn: String) async throws -> Bool {
        if let error = resourceKeyError(kind: kind, arn: arn) { throw error }
        return try await pool.write { db in
            try db.execute(sql: "DELETE FROM resources WHERE kind = ? AND arn = ?", arguments: [kind, arn])
            return db.changesCount == 1
        }
    }

    public func putResources(_ records: [ResourceRecord]) async throws {
        for record in records { if let error = record.validationError() { throw error } }
        if records.isEmpty { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO resources (kind, arn, name, json, creation_date) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (kind, arn) DO UPDATE SET name = excluded.name, json = excluded.json,
                        creation_date = excluded.creation_date
                    """)
            for record in records { try statement.execute(arguments: Self.arguments(record)) }
        }
    }

    public func deleteResources(kind: String, arns: [String]) async throws -> Int {
        for arn in arns { if let error = resourceKeyError(kind: kind, arn: arn) { throw error } }
        if arns.isEmpty { return 0 }
        return try await pool.write { db in
            let statement = try db.cachedStatement(sql: "DELETE FROM resources WHERE kind = ? AND arn = ?")
            var removed = 0
            for arn in arns {
                try statement.execute(arguments: [kind, arn])
                removed += db.changesCount
            }
            return removed
        }
    }

    public func deleteResources(kind: String) async throws -> Int {
        try checkResourceKind(kind)
        return try await pool.write { db in
            try db.execute(sql: "DELETE FROM resources WHERE kind = ?", arguments: [kind])
            return db.changesCount
        }
    }

    public func listResources(kind: String, limit: Int, pageToken: String?) async throws -> Page<ResourceRecord> {
        try checkResourceKind(kind)
        try checkLimit(limit)
        let after = try pageToken.map { token throws(StoreError) in try PageToken.resourceKey(token, kind: kind) }
        let records = try await pool.read { db in
            if let after {
                return try Row.fetchAll(
                    try db.cachedStatement(
                        sql: """
                            SELECT \(Self.resourceColumns) FROM resources WHERE kind = ? AND (name, arn) > (?, ?)
                            ORDER BY name, arn LIMIT ?
                            """), arguments: [kind, after.name, after.arn, limit + 1]
                ).map(Self.resource)
            } else {
                return try Row.fetchAll(
                    try db.cachedStatement(sql: "SELECT \(Self.resourceColumns) FROM resources WHERE kind = ? ORDER BY name, arn LIMIT ?"),
                    arguments: [kind, limit + 1]
                ).map(Self.resource)
            }
        }
        return Self.page(records, limit: limit, token: PageToken.resource)
    }

    // MARK: Rows

    private static let resourceColumns = "kind, arn, name, json, creation_date"

    private static func arguments(_ r: ResourceRecord) -> StatementArguments {
        [r.kind, r.arn, r.name, r.json, r.creationDate]
    }

    private static func resource(_ row: Row) -> ResourceRecord {
        ResourceRecord(kind: row[0], arn: row[1], name: row[2], json: row[3], creationDate: row[4])
    }

    private static let stateMachineColumns = """
        arn, name, type, definition, role_arn, creation_date, update_date, revision_id, description, logging_configuration,
        tracing_configuration
        """

    private static func arguments(_ r: StateMachineRecord) -> StatementArguments {
        [
            r.arn, r.name, r.type.rawValue, r.definition, r.roleArn, r.creationDate, r.updateDate, r.revisionId, r.description,
            r.loggingConfiguration, r.tracingConfiguration,
        ]
    }

    private static func stateMachine(_ row: Row) -> StateMachineRecord {
        StateMachineRecord(
            arn: row[0], name: row[1], type: StateMachineType(rawValue: row[2]), definition: row[3], roleArn: row[4],
            creationDate: row[5], updateDate: row[6], revisionId: row[7], description: row[8], loggingConfiguration: row[9],
            tracingConfiguration: row[10])
    }

    private static let executionColumns = """
        arn, state_machine_arn, name, status, input, output, error, cause, start_date, stop_date, redrive_count, redrive_date,
        version, snapshot
        """

    private static func execution(_ row: Row) -> ExecutionRecord {
        ExecutionRecord(
            arn: row[0], stateMachineArn: row[1], name: row[2], status: ExecutionRecord.Status(rawValue: row[3]), input: row[4],
            output: row[5], error: row[6], cause: row[7], startDate: row[8], stopDate: row[9], redriveCount: row[10],
            redriveDate: row[11], version: row[12], snapshot: (row[13] as Data?).map { [UInt8]($0) })
    }

    private static func page<T>(_ rows: [T], limit: Int, token: (T) -> String) -> Page<T> {
        guard rows.count > limit else { return Page(items: rows, nextToken: nil) }
        let items = Array(rows.prefix(limit))
        return Page(items: items, nextToken: token(items[limit - 1]))
    }
}
