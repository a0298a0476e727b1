import Synchronization

/// A lock per key for async code: `withLock(key)` runs its body once every earlier holder of the same key
/// is done, in arrival order; different keys do not wait for each other. Keys with no holder take no memory.
final class KeyedLock: Sendable {
    private let queues = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    func withLock<T>(_ key: String, _ body: () async throws -> T) async rethrows -> T {
        await acquire(key)
        defer { release(key) }
        return try await body()
    }

    private func acquire(_ key: String) async {
        let free = queues.withLock { q in
            if q[key] == nil {
                q[key] = []
                return true
            }
            return false
        }
        if free { return }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let nowFree = queues.withLock { q in
                if q[key] == nil {
                    q[key] = []
                    return true
                }
                q[key]!.append(c)
                return false
            }
            if nowFree { c.resume() }
        }
    }

    /// Hands the lock to the next waiter, or frees the key.
    private func release(_ key: String) {
        let next = queues.withLock { q -> CheckedContinuation<Void, Never>? in
            guard var waiting = q[key], !waiting.isEmpty else {
                q[key] = nil
                return nil
            }
            let first = waiting.removeFirst()
            q[key] = waiting
            return first
        }
        next?.resume()
    }
}
