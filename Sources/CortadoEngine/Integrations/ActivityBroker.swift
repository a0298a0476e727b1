import CortadoJSON
import CortadoLanguage
import Synchronization

/// Activity tasks waiting for a worker, and workers waiting for a task (`GetActivityTask` long polls).
///
/// The broker is memory only: a task stays in its execution's outbox until a worker takes it, so after
/// a restart `Engine.recover` offers it again.
public final class ActivityBroker: Sendable {
    public struct Offer: Sendable, Equatable {
        public var executionArn: String
        public var taskID: Int
        public var input: JSON
        public var token: String
    }

    private struct Waiter {
        var id: Int
        var continuation: CheckedContinuation<Offer?, Never>
    }

    private struct State {
        var known: Set<String> = []
        var queues: [String: [Offer]] = [:]
        var waiters: [String: [Waiter]] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Records that an activity exists (CreateActivity, and every stored one at start-up).
    public func register(activityArn: String) {
        state.withLock { _ = $0.known.insert(activityArn) }
    }

    /// Forgets a deleted activity; its queued tasks stay until their executions move on.
    public func unregister(activityArn: String) {
        state.withLock { _ = $0.known.remove(activityArn) }
    }

    public func exists(activityArn: String) -> Bool {
        state.withLock { $0.known.contains(activityArn) }
    }

    /// Makes a task available to the activity's workers.
    public func offer(activityArn: String, _ offer: Offer) {
        let waiter = state.withLock { s -> Waiter? in
            if var list = s.waiters[activityArn], !list.isEmpty {
                let w = list.removeFirst()
                s.waiters[activityArn] = list.isEmpty ? nil : list
                return w
            }
            if s.queues[activityArn, default: []].contains(where: { $0.executionArn == offer.executionArn && $0.taskID == offer.taskID }) {
                return nil
            }
            s.queues[activityArn, default: []].append(offer)
            return nil
        }
        waiter?.continuation.resume(returning: offer)
    }

    /// The oldest task of the activity, waiting up to `timeout` for one (nil if none came).
    public func take(activityArn: String, timeout: Duration) async -> Offer? {
        let id = state.withLock { s -> Int in
            s.nextWaiter += 1
            return s.nextWaiter
        }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Offer?, Never>) in
            let immediate = state.withLock { s -> Offer?? in
                if var q = s.queues[activityArn], !q.isEmpty {
                    let first = q.removeFirst()
                    s.queues[activityArn] = q.isEmpty ? nil : q
                    return .some(first)
                }
                s.waiters[activityArn, default: []].append(Waiter(id: id, continuation: continuation))
                return .none
            }
            if let immediate {
                continuation.resume(returning: immediate)
                return
            }
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(activityArn: activityArn, waiter: id)
            }
        }
    }

    private func expire(activityArn: String, waiter id: Int) {
        let waiter = state.withLock { s -> Waiter? in
            guard var list = s.waiters[activityArn], let i = list.firstIndex(where: { $0.id == id }) else { return nil }
            let w = list.remove(at: i)
            s.waiters[activityArn] = list.isEmpty ? nil : list
            return w
        }
        waiter?.continuation.resume(returning: nil)
    }

    /// Withdraws a task that timed out or whose execution stopped before a worker took it.
    public func cancel(executionArn: String, taskID: Int) {
        state.withLock { s in
            for (arn, q) in s.queues where q.contains(where: { $0.executionArn == executionArn && $0.taskID == taskID }) {
                let rest = q.filter { !($0.executionArn == executionArn && $0.taskID == taskID) }
                s.queues[arn] = rest.isEmpty ? nil : rest
            }
        }
    }

    /// Tasks waiting for a worker, per activity (for the console and tests).
    public var waitingCounts: [String: Int] { state.withLock { $0.queues.mapValues(\.count) } }
}

/// Activities: `arn:aws:states:<region>:<account>:activity:<name>`. The task waits in the broker until a
/// worker's `GetActivityTask` takes it.
public struct ActivityRunner: TaskRunner {
    public init() {}

    public func accepts(_ resource: String) -> Bool { Self.isActivity(resource) }

    static func isActivity(_ resource: String) -> Bool {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 7 && parts[2] == "states" && parts[5] == "activity"
    }

    public func run(_ task: TaskDispatch, executionArn: String, engine: Engine) async {
        engine.activities.offer(
            activityArn: task.resource,
            .init(executionArn: executionArn, taskID: task.taskID, input: task.input, token: task.token ?? ""))
    }
}
