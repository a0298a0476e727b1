import CortadoStore
import Synchronization

/// Group commit for resource documents: what concurrent callers write (the event outbox of PutEvents
/// calls and the deletions of delivered ones, log events appended by targets) shares one store
/// transaction, so throughput is bounded by the disk's sync rate times the batch size, not one sync per
/// call. A write returns once its batch is durable; the records of one call are always in one batch.
final class ResourceBatcher: Sendable {
    enum Operation: Sendable {
        case put([ResourceRecord])
        case delete(kind: String, arn: String)
    }

    private struct State {
        var pending: [(Operation, CheckedContinuation<Void, any Error>)] = []
        var flushing = false
    }

    private let store: any ExecutionStore
    private let state = Mutex(State())

    init(store: any ExecutionStore) { self.store = store }

    /// Stores `records` in one transaction (with others' writes); returns when it is durable.
    func put(_ records: [ResourceRecord]) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            enqueue(.put(records), continuation)
        }
    }

    /// Deletes a record with the next batch; returns when that is durable.
    func delete(kind: String, arn: String) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            enqueue(.delete(kind: kind, arn: arn), continuation)
        }
    }

    private func enqueue(_ operation: Operation, _ continuation: CheckedContinuation<Void, any Error>) {
        let start = state.withLock { s -> Bool in
            s.pending.append((operation, continuation))
            if s.flushing { return false }
            s.flushing = true
            return true
        }
        if start { Task { await self.flush() } }
    }

    private func flush() async {
        while true {
            let batch = state.withLock { s -> [(Operation, CheckedContinuation<Void, any Error>)] in
                let batch = s.pending
                s.pending = []
                if batch.isEmpty { s.flushing = false }
                return batch
            }
            if batch.isEmpty { return }
            var puts: [ResourceRecord] = []
            var deletes: [String: [String]] = [:]
            for (operation, _) in batch {
                switch operation {
                case .put(let records): puts += records
                case .delete(let kind, let arn): deletes[kind, default: []].append(arn)
                }
            }
            do {
                if !puts.isEmpty { try await store.putResources(puts) }
                for (kind, arns) in deletes { _ = try await store.deleteResources(kind: kind, arns: arns) }
                for (_, continuation) in batch { continuation.resume() }
            } catch {
                for (_, continuation) in batch { continuation.resume(throwing: error) }
            }
        }
    }
}
