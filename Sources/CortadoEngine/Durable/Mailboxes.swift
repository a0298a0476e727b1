import CortadoLanguage
import Synchronization

/// What arrives for one execution: an interpreter event and the bookkeeping that goes with it.
struct Inbound: Sendable {
    var event: ExecutionEvent?
    /// The event is for this task and must be refused if the task is no longer open (a callback).
    var requireOpenTask: Int?
    /// The timer row this event consumes.
    var removeTimer: Int?
    /// Outbox rows this event completes.
    var delivered: [Int] = []
    /// Restart a closed execution where it stopped (`RedriveExecution`).
    var redrive = false
    var reply: (@Sendable (Result<DeliveryOutcome, any Error>) -> Void)?
}

/// What became of an inbound event.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The event was applied and committed.
    case applied
    /// The execution is closed; nothing changed for it.
    case executionClosed
    /// The named task is not open any more (answered, timed out, or never there).
    case taskNotOpen
    case executionMissing
    /// A redrive was asked of an execution that cannot be redriven.
    case notRedrivable
}

/// One queue per execution with work pending; whoever enqueues into an empty queue starts its driver,
/// so each execution has at most one driver and its events apply in arrival order. A lock, not an
/// actor: enqueueing is a few instructions and must not cost a task switch.
final class Mailboxes: Sendable {
    private let queues = Mutex<[String: [Inbound]]>([:])

    /// Queues `item`; true if the caller must start a driver for the execution.
    func enqueue(_ arn: String, _ item: Inbound) -> Bool {
        queues.withLock { q in
            if q[arn] != nil {
                q[arn]!.append(item)
                return false
            }
            q[arn] = [item]
            return true
        }
    }

    /// Everything queued for the execution; nil (and the queue is gone) when there is nothing.
    func take(_ arn: String) -> [Inbound]? {
        queues.withLock { q in
            guard let items = q[arn] else { return nil }
            if items.isEmpty {
                q[arn] = nil
                return nil
            }
            q[arn] = []
            return items
        }
    }
}

/// Recently driven executions kept decoded, so that the next event for one does not load and decode
/// it again. Bounded: the least recently used go first, so executions that wait long leave memory.
/// The engine is its store's only writer for its executions (one node), so an entry is current; a
/// version conflict on commit drops it and reloads.
final class ExecutionCache: Sendable {
    private struct Entry {
        var loaded: Engine.Loaded
        var stamp: UInt64
    }
    private struct State {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
    }
    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Takes an execution out of the cache (its driver holds it while it runs).
    func take(_ arn: String) -> Engine.Loaded? {
        state.withLock { $0.entries.removeValue(forKey: arn)?.loaded }
    }

    func put(_ arn: String, _ loaded: Engine.Loaded) {
        guard capacity > 0 else { return }
        var loaded = loaded
        loaded.record.snapshot = nil  // rebuilt at the next commit; no need to hold the bytes
        state.withLock { s in
            // Two drivers of one execution can finish out of order; the newer copy stays.
            if let held = s.entries[arn], held.loaded.record.version > loaded.record.version { return }
            s.clock += 1
            s.entries[arn] = Entry(loaded: loaded, stamp: s.clock)
            if s.entries.count > capacity {
                // Drop the oldest tenth at once, so eviction costs little per insertion.
                let cut = s.entries.values.map(\.stamp).sorted()[max(0, s.entries.count / 10)]
                s.entries = s.entries.filter { $0.value.stamp > cut }
            }
        }
    }
}
