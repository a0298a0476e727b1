import CortadoStore
import GRDB

/// Batches the writes of concurrent `commit` calls into one transaction, so that one fsync acknowledges
/// many transitions.
///
/// No loop and no timer: the first caller that finds no transaction in flight leads one, carrying every
/// write queued so far; callers that arrive meanwhile queue, and when the transaction ends the first of
/// them leads the next batch. An idle store commits at once; a busy one batches whatever arrived during
/// the previous sync (at most `maxBatch` writes, or one caller's writes if more).
actor GroupCommitter {
    private enum Role {
        case done(Result<[CommitOutcome], any Error>)
        case lead
    }

    private struct Waiter {
        var writes: [ExecutionWrite]
        var continuation: CheckedContinuation<Role, Never>
    }

    private let pool: DatabasePool
    private let maxBatch: Int
    private var queue: [Waiter] = []
    private var leading = false
    private(set) var statistics = (transactions: 0, writes: 0)

    init(pool: DatabasePool, maxBatch: Int) {
        self.pool = pool
        self.maxBatch = max(1, maxBatch)
    }

    func commit(_ writes: [ExecutionWrite]) async throws -> [CommitOutcome] {
        if leading {
            let role = await withCheckedContinuation { queue.append(Waiter(writes: writes, continuation: $0)) }
            if case .done(let result) = role { return try result.get() }
        }
        leading = true
        // Leading: this caller's writes first, then queued callers' while the batch has room.
        var total = writes.count
        var taken = 0
        while taken < queue.count, total + queue[taken].writes.count <= maxBatch {
            total += queue[taken].writes.count
            taken += 1
        }
        let followers = Array(queue.prefix(taken))
        queue.removeFirst(taken)
        var batch = writes
        batch.reserveCapacity(total)
        for follower in followers { batch.append(contentsOf: follower.writes) }

        let result: Result<[CommitOutcome], any Error>
        do {
            result = .success(try await Self.write(batch, to: pool))
        } catch {
            result = .failure(error)
        }
        statistics.transactions += 1
        statistics.writes += batch.count

        var start = writes.count
        for follower in followers {
            let end = start + follower.writes.count
            follower.continuation.resume(returning: .done(result.map { Array($0[start..<end]) }))
            start = end
        }
        if queue.isEmpty {
            leading = false
        } else {
            queue.removeFirst().continuation.resume(returning: .lead)
        }
        return try result.map { Array($0[0..<writes.count]) }.get()
    }

    /// One transaction for the whole batch. A constraint error (a duplicate event id, a value the schema
    /// refuses) rolls it back, and the batch runs again with a savepoint per write, so that only the
    /// offending write fails.
    private static func write(_ batch: [ExecutionWrite], to pool: DatabasePool) async throws -> [CommitOutcome] {
        do {
            return try await pool.write { db in try batch.map { try ExecutionWriter.apply($0, in: db) } }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            return try await pool.write { db in
                try batch.map { write in
                    var outcome: CommitOutcome = .failure(StoreError(.invalidArgument, "unreachable"))
                    do {
                        try db.inSavepoint {
                            outcome = try ExecutionWriter.apply(write, in: db)
                            return .commit
                        }
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                        outcome = .failure(ExecutionWriter.storeError(error, write))
                    }
                    return outcome
                }
            }
        }
    }
}
