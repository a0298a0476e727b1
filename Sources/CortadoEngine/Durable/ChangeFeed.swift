import Synchronization

/// What changed, for whoever watches (the console's change stream, docs/architecture/console.md): topics such
/// as `execution:<arn>` or `logs:<group>` go from where things change to the subscribers that asked for them.
///
/// It carries hints, not data: a subscriber re-reads what it shows. Publishing is one atomic load while
/// nobody listens, so the hot paths pay nothing for a console nobody has open; a subscriber that does not
/// keep up loses nothing but duplicates (its stream buffers each topic once until read).
public final class ChangeFeed: Sendable {
    private let subscriberCount = Atomic<Int>(0)
    private let state = Mutex<State>(State())

    struct State {
        var nextID = 0
        var subscribers: [Int: Subscriber] = [:]
    }

    struct Subscriber {
        var topics: Set<String>
        var continuation: AsyncStream<String>.Continuation
    }

    public init() {}

    /// Whether anyone listens: callers building topic strings on hot paths ask first.
    public var isWatched: Bool { subscriberCount.load(ordering: .relaxed) > 0 }

    /// Tells the subscribers of any of `topics` that it changed.
    public func publish(_ topics: String...) {
        guard isWatched else { return }
        state.withLock { s in
            for subscriber in s.subscribers.values {
                for topic in topics where subscriber.topics.contains(topic) { subscriber.continuation.yield(topic) }
            }
        }
    }

    /// A stream of the changed topics among `topics`; it ends (and the subscription with it) when the
    /// consumer cancels or stops iterating.
    public func subscribe(_ topics: Set<String>) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        let id = state.withLock { s in
            let id = s.nextID
            s.nextID += 1
            s.subscribers[id] = Subscriber(topics: topics, continuation: continuation)
            return id
        }
        subscriberCount.add(1, ordering: .relaxed)
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            let removed = self.state.withLock { $0.subscribers.removeValue(forKey: id) != nil }
            if removed { self.subscriberCount.subtract(1, ordering: .relaxed) }
        }
        return stream
    }
}
