import CortadoStore
import Synchronization

/// Fires due timers: delivers each timer row that is due on the engine's clock as a `timerFired` event
/// that also removes the row. Timers are rows, so a restart loses none; a timer being delivered when
/// the process died is still there and fires again (the interpreter ignores a timer it no longer has).
///
/// It polls the store only when a timer is due: the engine tells it the due times of the timers it
/// commits, and at start it reads the pending ones. With nothing due it sleeps (at most `idleInterval`
/// of wall time, a safety net), so an idle server costs next to nothing.
public final class TimerService: Sendable {
    let engine: Engine
    /// The longest wall-clock pause between polls.
    let idleInterval: Duration
    private let inFlight = Mutex<Set<String>>([])
    private let upcoming = Mutex(MinHeap())
    private let sleeper = Sleeper()

    public init(engine: Engine, idleInterval: Duration = .milliseconds(250)) {
        self.engine = engine
        self.idleInterval = idleInterval
        engine.timerService.value = self
    }

    /// Notes that a timer is due at `time` (engine clock), and wakes the loop if it sleeps past it.
    public func note(dueAt time: Int64) {
        let wake = upcoming.withLock { heap -> Bool in
            heap.push(time)
            return time < heap.wakeAt
        }
        if wake { sleeper.wake() }
    }

    /// Runs until the task is cancelled.
    public func run() async {
        if let pending = try? await engine.store.dueTimers(until: Int64.max, limit: 100_000) {
            upcoming.withLock { heap in for t in pending { heap.push(t.fireAt) } }
        }
        while !Task.isCancelled {
            let (due, started) = await poll()
            if due >= Self.batch, started > 0 {
                await Task.yield()
                continue
            }
            if due > started {
                // Timers still being delivered came back: give their commits time before asking again.
                try? await Task.sleep(for: .milliseconds(10))
            }
            let now = engine.clock.now()
            let next = upcoming.withLock { heap -> Int64? in
                while let first = heap.min, first <= now { heap.popMin() }
                return heap.min
            }
            // Sleep until the next known due time (at least a millisecond of wall time, so that a burst
            // of new timers costs one poll, not one each), at most `idleInterval`.
            let scale = (engine.clock as? ScaledWallClock)?.scale ?? 1
            var pause = idleInterval
            if let next { pause = min(pause, .microseconds(Int64(max(1, Double(next - now) / scale) * 1000))) }
            let pauseMillis = Double(pause.components.seconds) * 1000 + Double(pause.components.attoseconds) / 1e15
            upcoming.withLock { $0.wakeAt = now + Int64(pauseMillis * scale) }
            await sleeper.sleep(for: pause)
            upcoming.withLock { $0.wakeAt = .min }
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    static let batch = 2_000

    /// Starts delivering every timer due now (not already in flight); returns how many were due.
    @discardableResult
    public func fireDue() async -> Int {
        await poll().due
    }

    /// Starts delivering every timer due now; how many were due, and how many of them were started
    /// (the others were still being delivered).
    func poll() async -> (due: Int, started: Int) {
        var due: [TimerRecord] = []
        do {
            due = try await engine.store.dueTimers(until: engine.clock.now(), limit: Self.batch)
        } catch {
            engine.logger.error("loading due timers failed", metadata: ["error": "\(error)"])
        }
        var started = 0
        for timer in due {
            let key = "\(timer.executionArn)#\(timer.timerID)"
            guard inFlight.withLock({ $0.insert(key).inserted }) else { continue }
            started += 1
            Task {
                _ = try? await engine.deliver(timer.executionArn, .timerFired(timerID: timer.timerID), removeTimer: timer.timerID)
                inFlight.withLock { _ = $0.remove(key) }
            }
        }
        return (due.count, started)
    }
}

/// A pause that another task can cut short.
final class Sleeper: Sendable {
    private let state = Mutex<(waiting: CheckedContinuation<Void, Never>?, woken: Bool)>((nil, false))

    func sleep(for duration: Duration) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.woken {
                    s.woken = false
                    return true
                }
                s.waiting = c
                return false
            }
            if now {
                c.resume()
                return
            }
            Task {
                try? await Task.sleep(for: duration)
                self.wake()
            }
        }
    }

    /// Ends the current pause, or the next one at once if none is under way.
    func wake() {
        let c = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if let c = s.waiting {
                s.waiting = nil
                return c
            }
            s.woken = true
            return nil
        }
        c?.resume()
    }
}

/// Due times, earliest first.
struct MinHeap: Sendable {
    private var items: [Int64] = []
    /// When the loop will wake by itself (engine clock); a note earlier than this wakes it sooner.
    var wakeAt: Int64 = .min

    var min: Int64? { items.first }

    mutating func push(_ value: Int64) {
        items.append(value)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if items[parent] <= items[i] { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func popMin() {
        guard !items.isEmpty else { return }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var smallest = i
            if l < items.count, items[l] < items[smallest] { smallest = l }
            if r < items.count, items[r] < items[smallest] { smallest = r }
            if smallest == i { return }
            items.swapAt(i, smallest)
            i = smallest
        }
    }
}

/// The engine's link to its timer service: weak, since the service holds the engine.
final class WeakTimerService: Sendable {
    private let reference = Mutex<Box>(Box())

    private struct Box: @unchecked Sendable {
        // A weak reference to a Sendable class, guarded by the mutex.
        weak var service: TimerService?
    }

    var value: TimerService? {
        get { reference.withLock { $0.service } }
        set { reference.withLock { $0.service = newValue } }
    }
}
