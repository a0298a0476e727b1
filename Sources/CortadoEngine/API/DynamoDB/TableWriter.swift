import CortadoJSON
import CortadoStore
import Synchronization

/// Runs every item write of the server one after another, and commits the writes of many requests in
/// one store transaction.
///
/// A write reads the items it needs (to check a condition, to apply an update), decides, and stages its
/// changes in a `TableWriteBatch`. Writes run strictly in order, each seeing what the ones before it
/// staged, so a condition is never checked against an item another write is changing: that is
/// DynamoDB's per-item serializability, for the whole server at once. The caller that finds no batch in
/// flight leads one: it runs its own write and every write queued meanwhile, commits them together, and
/// answers them all, as `GroupCommitter` does for executions. A write that throws stages nothing.
actor TableWriter {
    typealias Operation = @Sendable (TableWriteBatch) async throws -> JSON

    private enum Role {
        case done(Result<JSON, any Error>)
        case lead
    }

    private struct Waiter {
        var operation: Operation
        var continuation: CheckedContinuation<Role, Never>
    }

    let store: any ItemStore
    private let maxBatch: Int
    private var queue: [Waiter] = []
    private var leading = false
    /// Each stream's next sequence number, read from the store on first use.
    let sequences = Mutex<[String: Int64]>([:])

    init(store: any ItemStore, maxBatch: Int = 500) {
        self.store = store
        self.maxBatch = max(1, maxBatch)
    }

    func perform(_ operation: @escaping Operation) async throws -> JSON {
        if leading {
            let role = await withCheckedContinuation { queue.append(Waiter(operation: operation, continuation: $0)) }
            if case .done(let result) = role { return try result.get() }
        }
        leading = true
        let followers = Array(queue.prefix(maxBatch - 1))
        queue.removeFirst(followers.count)

        let batch = TableWriteBatch(store: store, writer: self)
        var results: [Result<JSON, any Error>] = []
        for op in [operation] + followers.map(\.operation) {
            batch.begin()
            do {
                results.append(.success(try await op(batch)))
                batch.keep()
            } catch {
                batch.discard()
                results.append(.failure(error))
            }
        }
        do {
            try await store.commitItems(batch.writes)
            batch.committed()
        } catch {
            results = results.map { r in r.flatMap { _ in .failure(error) } }
        }
        for (i, follower) in followers.enumerated() {
            follower.continuation.resume(returning: .done(results[i + 1]))
        }
        if queue.isEmpty {
            leading = false
        } else {
            queue.removeFirst().continuation.resume(returning: .lead)
        }
        return try results[0].get()
    }
}

/// The writes staged by one batch, and what they changed, for the writes that follow in the batch.
///
/// Used by one operation at a time, strictly in sequence, by the batch's leader; hence `@unchecked`.
final class TableWriteBatch: @unchecked Sendable {
    struct Key: Hashable {
        var space: String
        var partition: [UInt8]
        var sort: [UInt8]
    }

    let store: any ItemStore
    unowned let writer: TableWriter
    private(set) var writes: [ItemWrite] = []
    private var overlay: [Key: [UInt8]?] = [:]
    private var mark = 0
    private var afterMark = 0
    private var staged: [Key: [UInt8]?] = [:]
    /// Stream sequence numbers taken by the current operation, given back if it fails.
    private var takenSequences: [String: Int64] = [:]
    private var pendingSequences: [String: Int64] = [:]
    /// Work to do after the batch committed (stream delivery wake-ups).
    private(set) var afterCommit: [@Sendable () -> Void] = []

    init(store: any ItemStore, writer: TableWriter) {
        self.store = store
        self.writer = writer
    }

    /// The entry as the writes before this one left it.
    func value(space: String, partition: [UInt8], sort: [UInt8]) async throws -> [UInt8]? {
        let key = Key(space: space, partition: partition, sort: sort)
        if let v = staged[key] { return v }
        if let v = overlay[key] { return v }
        return try await store.item(space: space, partition: partition, sort: sort)
    }

    func put(space: String, partition: [UInt8], sort: [UInt8], value: [UInt8]) {
        writes.append(.put(ItemEntry(space: space, partition: partition, sort: sort, value: value)))
        staged[Key(space: space, partition: partition, sort: sort)] = .some(value)
    }

    func delete(space: String, partition: [UInt8], sort: [UInt8]) {
        writes.append(.delete(space: space, partition: partition, sort: sort))
        staged[Key(space: space, partition: partition, sort: sort)] = .some(nil)
    }

    func deleteSpace(_ space: String) {
        writes.append(.deleteSpace(space))
        overlay = overlay.filter { $0.key.space != space }
        staged = staged.filter { $0.key.space != space }
    }

    /// The next sequence number of a stream space.
    func nextSequence(space: String) async throws -> Int64 {
        if let next = pendingSequences[space] {
            pendingSequences[space] = next + 1
            takenSequences[space] = takenSequences[space] ?? next
            return next
        }
        var next = writer.sequences.withLock { $0[space] }
        if next == nil {
            let last = try await store.items(ItemQuery(space: space, partition: [], reverse: true, limit: 1)).first
            next = last.map { Self.sequence(of: $0.sort) + 1 } ?? 1
        }
        pendingSequences[space] = next! + 1
        takenSequences[space] = takenSequences[space] ?? next!
        return next!
    }

    func onCommit(_ work: @escaping @Sendable () -> Void) { afterCommit.append(work) }

    static func sequence(of sort: [UInt8]) -> Int64 {
        sort.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }

    static func sortBytes(of sequence: Int64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: sequence >> (56 - 8 * $0)) }
    }

    func begin() {
        mark = writes.count
        afterMark = afterCommit.count
        staged = [:]
        takenSequences = [:]
    }

    func keep() {
        overlay.merge(staged) { _, new in new }
        staged = [:]
    }

    func discard() {
        writes.removeSubrange(mark...)
        afterCommit.removeSubrange(afterMark...)
        staged = [:]
        for (space, first) in takenSequences { pendingSequences[space] = first }
        takenSequences = [:]
    }

    func committed() {
        let sequences = pendingSequences
        writer.sequences.withLock { for (space, next) in sequences { $0[space] = next } }
        for work in afterCommit { work() }
    }
}
