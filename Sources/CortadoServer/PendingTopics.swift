import Synchronization

/// The topics that changed since a change stream last wrote, each once, in the order they first changed.
final class PendingTopics: Sendable {
    private let topics = Mutex<[String]>([])

    func add(_ topic: String) {
        topics.withLock { if !$0.contains(topic) { $0.append(topic) } }
    }

    func take() -> [String] {
        topics.withLock { list in
            defer { list.removeAll(keepingCapacity: true) }
            return list
        }
    }
}
