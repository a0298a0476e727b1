import CortadoJSON
import CortadoLanguage

/// How a task ended, as a task runner reports it.
public enum TaskOutcome: Sendable, Equatable {
    case success(JSON)
    case failure(error: String?, cause: String?)
    /// Nobody can answer this task (for example: no mock for it); the run stops with this message.
    case unanswerable(String)
}

/// Answers tasks for an in-process run (mocks, scripted runners in tests).
public protocol TaskAnswerer: Sendable {
    func answer(_ task: TaskDispatch) -> TaskOutcome
}

/// The result of an in-process run.
public struct LocalRunResult: Sendable {
    public var status: ExecutionStatus
    public var history: [HistoryEvent]
    /// Set when the run stopped because a task could not be answered.
    public var stoppedBecause: String?

    public var output: JSON? { if case .succeeded(let o) = status { o } else { nil } }
    public var error: String? {
        switch status {
        case .failed(let e, _), .timedOut(let e, _), .aborted(let e, _): e
        default: nil
        }
    }
    public var cause: String? {
        switch status {
        case .failed(_, let c), .timedOut(_, let c), .aborted(_, let c): c
        default: nil
        }
    }
}

/// Runs one execution in-process on a virtual clock: Wait, Retry backoff and timeouts cost no wall
/// time, yet every timestamp advances as it would. Tasks are answered synchronously.
public struct LocalRunner: Sendable {
    public var interpreter: Interpreter
    public var answerer: any TaskAnswerer
    /// Virtual start time, epoch milliseconds.
    public var startTime: Int64
    /// Guards against definitions that loop for ever.
    public var maxEvents = 1_000_000
    /// Outside events (a stop, a heartbeat) delivered one at a time whenever the execution waits,
    /// before the virtual clock moves on.
    public var interventions: [ExecutionEvent] = []

    public init(interpreter: Interpreter, answerer: any TaskAnswerer, startTime: Int64) {
        self.interpreter = interpreter
        self.answerer = answerer
        self.startTime = startTime
    }

    public func run(input: JSON, variables: [String: JSON] = [:]) -> LocalRunResult {
        var now = startTime
        var (state, first) = interpreter.start(input: input, at: now, variables: variables)
        var history = first.events
        var pending: [Effect] = first.effects
        var timers: [Int: Int64] = [:]
        var answers: [ExecutionEvent] = []
        var interventions = self.interventions
        while true {
            // Apply effects: dispatch tasks (answered at once), track timers.
            for effect in pending {
                switch effect {
                case .dispatch(let task):
                    switch Self.answer(task, answerer) {
                    case .success(let output): answers.append(.taskSucceeded(taskID: task.taskID, output: output))
                    case .failure(let e, let c): answers.append(.taskFailed(taskID: task.taskID, error: e, cause: c))
                    case .unanswerable(let why):
                        return LocalRunResult(
                            status: .failed(error: "Cortado.NoTaskAnswer", cause: why), history: history, stoppedBecause: why)
                    }
                case .startTimer(let id, let at): timers[id] = at
                case .cancelTimer(let id): timers[id] = nil
                case .cancelTask(let id):
                    answers.removeAll {
                        if case .taskSucceeded(id, _) = $0 { true } else if case .taskFailed(id, _, _) = $0 { true } else { false }
                    }
                case .finish: break
                }
            }
            pending = []
            guard case .running = state.status else { break }
            if history.count > maxEvents {
                let t = interpreter.step(
                    &state, on: .stop(error: "Cortado.EventLimit", cause: "The run produced more than \(maxEvents) history events"), at: now
                )
                history += t.events
                break
            }
            let event: ExecutionEvent
            if !answers.isEmpty {
                event = answers.removeFirst()
            } else if !interventions.isEmpty {
                event = interventions.removeFirst()
            } else if let (id, at) = timers.min(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
                timers[id] = nil
                now = max(now, at)
                event = .timerFired(timerID: id)
            } else {
                // Nothing can move the execution on: it waits for an outside answer that will not come.
                return LocalRunResult(
                    status: state.status, history: history, stoppedBecause: "The execution is waiting for an answer that nothing will send")
            }
            let t = interpreter.step(&state, on: event, at: now)
            history += t.events
            pending = t.effects
        }
        return LocalRunResult(status: state.status, history: history, stoppedBecause: nil)
    }

    /// A task's answer; a distributed Map's own S3 read or write fails as on an account without the
    /// object (there is no S3 in process), unless the answerer (a mock for the Map state) has one.
    static func answer(_ task: TaskDispatch, _ answerer: any TaskAnswerer) -> TaskOutcome {
        let outcome = answerer.answer(task)
        guard case .unanswerable = outcome,
            [ItemReader.getObject, ItemReader.listObjectsV2, ResultWriter.putObject].contains(task.resource)
        else { return outcome }
        let reading = task.resource != ResultWriter.putObject
        return .failure(
            error: reading ? ErrorName.itemReaderFailed.rawValue : ErrorName.resultWriterFailed.rawValue,
            cause:
                "`cortado run` has no S3 to \(reading ? "read the Map's items from" : "write the Map's results to") (\(task.resource)); run the state machine on `cortado serve`, or mock the Map state '\(task.stateName)' (its response is the object: {\"Body\": \"...\"}, or {\"Contents\": [...]} for a listing)"
        )
    }
}
