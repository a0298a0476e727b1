import CortadoEngine
import CortadoJSON
import CortadoLanguage

/// A state machine, its input, and what one execution must produce.
public struct Workload: Sendable {
    public var name: String
    /// The definition's JSON text.
    public var definition: String
    public var input: JSON
    public var expectedOutput: JSON
    /// How many `*StateEntered` events one execution emits: the workload's state transitions.
    public var expectedStateEntered: Int
    /// The output every task answers with; nil when the workload has no Task state.
    public var taskOutput: JSON?

    public init(
        name: String, definition: String, input: JSON, expectedOutput: JSON, expectedStateEntered: Int,
        taskOutput: JSON? = nil
    ) {
        self.name = name
        self.definition = definition
        self.input = input
        self.expectedOutput = expectedOutput
        self.expectedStateEntered = expectedStateEntered
        self.taskOutput = taskOutput
    }

    /// Every workload: the three, generated, then the shared six.
    public static func all() throws -> [Workload] {
        try generated + shared()
    }

    /// Loads the definition and builds an interpreter for it, as a server would once per execution.
    public func prepare() throws -> PreparedWorkload {
        let machine = try StateMachine(definition: definition)
        let info = ExecutionInfo(
            executionArn: "arn:aws:states:us-east-1:123456789012:execution:\(name):bench",
            executionName: "bench",
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:\(name)",
            stateMachineName: name,
            roleArn: "arn:aws:iam::123456789012:role/bench"
        )
        let interpreter = Interpreter(machine: machine, info: info, random: SeededRandomSource(seed: 1))
        return PreparedWorkload(workload: self, interpreter: interpreter)
    }
}

/// The two ways the benchmarks drive an execution.
public enum Driver: String, Sendable, CaseIterable {
    /// `Interpreter.start` (and `step` for each task answer): the pure core.
    case interpreter = "Interpreter"
    /// `LocalRunner.run`: the in-process engine loop on a virtual clock.
    case localRunner = "LocalRunner"
}

/// A workload whose definition is loaded, ready to execute many times.
public struct PreparedWorkload: Sendable {
    public let workload: Workload
    public let interpreter: Interpreter

    /// One execution through `driver`; returns its final status and its history.
    @inline(never)
    public func execute(_ driver: Driver) -> (status: ExecutionStatus, history: [HistoryEvent]) {
        switch driver {
        case .interpreter: executeWithInterpreter()
        case .localRunner: executeWithLocalRunner()
        }
    }

    func executeWithInterpreter() -> (status: ExecutionStatus, history: [HistoryEvent]) {
        var (state, first) = interpreter.start(input: workload.input, at: 0)
        var history = first.events
        var effects = first.effects
        // Answer each dispatched task at once, as a worker that never waits would.
        while case .running = state.status, let answer = workload.taskOutput, let task = effects.firstDispatch {
            let t = interpreter.step(&state, on: .taskSucceeded(taskID: task.taskID, output: answer), at: 0)
            history += t.events
            effects = t.effects
        }
        return (state.status, history)
    }

    func executeWithLocalRunner() -> (status: ExecutionStatus, history: [HistoryEvent]) {
        let runner = LocalRunner(interpreter: interpreter, answerer: FixedAnswer(output: workload.taskOutput), startTime: 0)
        let result = runner.run(input: workload.input)
        return (result.status, result.history)
    }

    /// Runs once through `driver` and checks the output and the number of states entered.
    /// Returns the number of state transitions (`*StateEntered` events) of one execution.
    public func verify(_ driver: Driver) throws(WorkloadMismatchError) -> Int {
        let (status, history) = execute(driver)
        let entered = history.count { $0.type.hasSuffix("StateEntered") }
        guard case .succeeded(let output) = status else {
            throw WorkloadMismatchError(workload: workload.name, driver: driver, message: "ended \(status.name): \(status)")
        }
        guard output == workload.expectedOutput else {
            throw WorkloadMismatchError(
                workload: workload.name, driver: driver,
                message: "output \(output.text) is not the expected \(workload.expectedOutput.text)")
        }
        guard entered == workload.expectedStateEntered else {
            throw WorkloadMismatchError(
                workload: workload.name, driver: driver,
                message: "\(entered) states entered, expected \(workload.expectedStateEntered)")
        }
        return entered
    }
}

/// A workload that did not produce what its metadata says.
public struct WorkloadMismatchError: Error, CustomStringConvertible {
    public var workload: String
    public var driver: Driver
    public var message: String
    public var description: String { "\(workload) via \(driver.rawValue): \(message)" }
}

/// Answers every task with the same output (the callback workload's SendTaskSuccess).
struct FixedAnswer: TaskAnswerer {
    var output: JSON?
    func answer(_ task: TaskDispatch) -> TaskOutcome {
        guard let output else { return .unanswerable("The workload has no task answer for \(task.stateName)") }
        return .success(output)
    }
}

extension [Effect] {
    fileprivate var firstDispatch: TaskDispatch? {
        for case .dispatch(let task) in self { return task }
        return nil
    }
}
