import CortadoLanguage

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
/// so each execution has at most one driver and its events apply in arrival order.
actor Mailboxes {
    private var queues: [String: [Inbound]] = [:]

    /// Queues `item`; true if the caller must start a driver for the execution.
    func enqueue(_ arn: String, _ item: Inbound) -> Bool {
        if queues[arn] != nil {
            queues[arn]!.append(item)
            return false
        }
        queues[arn] = [item]
        return true
    }

    /// Everything queued for the execution; nil (and the queue is gone) when there is nothing.
    func take(_ arn: String) -> [Inbound]? {
        guard let items = queues[arn] else { return nil }
        if items.isEmpty {
            queues[arn] = nil
            return nil
        }
        queues[arn] = []
        return items
    }

    var activeCount: Int { queues.count }
}
