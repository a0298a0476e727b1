import CortadoStore
import Synchronization

/// Fires due timers: polls the store for timers due on the engine's clock and delivers each as a
/// `timerFired` event that also removes its row. Timers are rows, so a restart loses none; a timer
/// that was being delivered when the process died is still there and fires again (the interpreter
/// ignores a timer it no longer has).
public final class TimerService: Sendable {
    let engine: Engine
    /// Wall-clock pause between polls when nothing was due.
    let pollInterval: Duration
    private let inFlight = Mutex<Set<String>>([])

    public init(engine: Engine, pollInterval: Duration = .milliseconds(10)) {
        self.engine = engine
        self.pollInterval = pollInterval
    }

    /// Runs until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            let started = await fireDue()
            if started < Self.batch {
                try? await Task.sleep(for: pollInterval)
            } else {
                await Task.yield()
            }
        }
    }

    static let batch = 2_000

    /// Starts delivering every timer due now (not already in flight); returns how many were due.
    @discardableResult
    public func fireDue() async -> Int {
        var due: [TimerRecord] = []
        do {
            due = try await engine.store.dueTimers(until: engine.clock.now(), limit: Self.batch)
        } catch {
            engine.logger.error("loading due timers failed", metadata: ["error": "\(error)"])
        }
        for timer in due {
            let key = "\(timer.executionArn)#\(timer.timerID)"
            guard inFlight.withLock({ $0.insert(key).inserted }) else { continue }
            Task {
                _ = try? await engine.deliver(timer.executionArn, .timerFired(timerID: timer.timerID), removeTimer: timer.timerID)
                inFlight.withLock { _ = $0.remove(key) }
            }
        }
        return due.count
    }
}
