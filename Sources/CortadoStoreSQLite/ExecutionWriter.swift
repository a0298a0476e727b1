import CortadoStore
import Foundation
import GRDB

/// Applies one `ExecutionWrite` inside a transaction. Checks come first, so a write that fails a check
/// has written nothing; constraint errors are thrown for the group committer to isolate.
enum ExecutionWriter {
    static func apply(_ write: ExecutionWrite, in db: Database) throws -> CommitOutcome {
        if let error = write.validationError() { return .failure(error) }
        let arn = write.executionArn
        let seq: Int64
        let version: Int64
        switch write.change {
        case .insert(let r):
            let machine = try db.cachedStatement(sql: "SELECT 1 FROM state_machines WHERE arn = ?")
            guard try Bool.fetchOne(machine, arguments: [r.stateMachineArn]) != nil else {
                return .failure(StoreError.noStateMachine(r.stateMachineArn))
            }
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO executions (arn, state_machine_arn, name, status, input, output, error, cause, start_date, stop_date,
                        redrive_count, redrive_date, version, snapshot)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT (arn) DO NOTHING RETURNING seq
                    """)
            let arguments: StatementArguments = [
                r.arn, r.stateMachineArn, r.name, r.status.rawValue, r.input, r.output, r.error, r.cause, r.startDate, r.stopDate,
                r.redriveCount, r.redriveDate, r.snapshot.map { Data($0) },
            ]
            guard let inserted = try Int64.fetchOne(insert, arguments: arguments) else {
                return .failure(StoreError.executionExists(arn))
            }
            (seq, version) = (inserted, 1)
        case .update(let r):
            let update = try db.cachedStatement(
                sql: """
                    UPDATE executions SET status = ?, output = ?, error = ?, cause = ?, stop_date = ?, redrive_count = ?,
                        redrive_date = ?, snapshot = ?, version = version + 1
                    WHERE arn = ? AND version = ? RETURNING seq, version
                    """)
            let arguments: StatementArguments = [
                r.status.rawValue, r.output, r.error, r.cause, r.stopDate, r.redriveCount, r.redriveDate, r.snapshot.map { Data($0) },
                arn, r.version,
            ]
            guard let row = try Row.fetchOne(update, arguments: arguments) else {
                guard let stored = try current(arn, db) else { return .failure(StoreError.noExecution(arn)) }
                return .failure(StoreError.conflict(arn, expected: r.version, stored: stored.version))
            }
            (seq, version) = (row[0], row[1])
        case .none:
            guard let stored = try current(arn, db) else { return .failure(StoreError.noExecution(arn)) }
            (seq, version) = stored
        }

        if !write.events.isEmpty {
            let insert = try db.cachedStatement(
                sql: "INSERT INTO history_events (execution_seq, id, previous_event_id, type, timestamp, json) VALUES (?, ?, ?, ?, ?, ?)")
            for e in write.events {
                try insert.execute(arguments: [seq, e.id, e.previousEventId, e.type, e.timestamp, e.json])
            }
        }
        if !write.removeTimers.isEmpty {
            let delete = try db.cachedStatement(sql: "DELETE FROM timers WHERE execution_seq = ? AND timer_id = ?")
            for id in write.removeTimers { try delete.execute(arguments: [seq, id]) }
        }
        if !write.setTimers.isEmpty {
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO timers (execution_seq, timer_id, fire_at) VALUES (?, ?, ?)
                    ON CONFLICT (execution_seq, timer_id) DO UPDATE SET fire_at = excluded.fire_at
                    """)
            for t in write.setTimers { try upsert.execute(arguments: [seq, t.timerID, t.fireAt]) }
        }
        if !write.delivered.isEmpty {
            let delete = try db.cachedStatement(sql: "DELETE FROM outbox WHERE execution_seq = ? AND task_id = ?")
            for id in write.delivered { try delete.execute(arguments: [seq, id]) }
        }
        if !write.outbox.isEmpty {
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO outbox (execution_seq, task_id, payload) VALUES (?, ?, ?)
                    ON CONFLICT (execution_seq, task_id) DO UPDATE SET payload = excluded.payload
                    """)
            for o in write.outbox { try upsert.execute(arguments: [seq, o.taskID, o.payload]) }
        }
        return .success(version)
    }

    private static func current(_ arn: String, _ db: Database) throws -> (seq: Int64, version: Int64)? {
        let select = try db.cachedStatement(sql: "SELECT seq, version FROM executions WHERE arn = ?")
        return try Row.fetchOne(select, arguments: [arn]).map { ($0[0], $0[1]) }
    }

    /// The store's name for a constraint the schema enforced.
    static func storeError(_ error: DatabaseError, _ write: ExecutionWrite) -> StoreError {
        if error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY, error.message?.contains("history_events") == true {
            return StoreError(.eventAlreadyExists, "a history event of \(write.executionArn) is already stored")
        }
        return StoreError(.invalidArgument, "\(write.executionArn): \(error.message ?? "constraint failed")")
    }
}
