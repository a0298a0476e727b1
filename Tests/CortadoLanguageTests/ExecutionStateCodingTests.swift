import CortadoJSON
import Foundation
import Testing

@testable import CortadoLanguage

/// A stored execution must pick up exactly where it stopped: the engine keeps `ExecutionState`
/// between events (DESIGN.md §2), so encoding and decoding it mid-run may change nothing a user sees.
@Suite struct ExecutionStateCodingTests {
    static let definition = """
        {"StartAt": "Fan", "States": {
          "Fan": {"Type": "Parallel", "Next": "Done", "Branches": [
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
              "ItemSelector": {"n.$": "$$.Map.Item.Value", "at.$": "$$.Map.Item.Index"},
              "ItemProcessor": {"StartAt": "Work", "States": {
                "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"Payload.$": "$"},
                         "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 3}], "TimeoutSeconds": 60, "End": true}}},
              "End": true}}},
            {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 10, "End": true}}}]},
          "Done": {"Type": "Pass", "Assign": {"finished": true}, "End": true}}}
        """

    func makeInterpreter() throws -> Interpreter {
        let machine = try StateMachine(definition: Self.definition)
        let info = ExecutionInfo(
            executionArn: "arn:aws:states:us-east-1:000000000000:execution:m:e", executionName: "e",
            stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:m", stateMachineName: "m",
            roleArn: "arn:aws:iam::000000000000:role/r")
        return Interpreter(machine: machine, info: info, random: SeededRandomSource(seed: 7))
    }

    func roundTrip(_ state: ExecutionState, machine: StateMachine) throws -> ExecutionState {
        let data = try JSONEncoder().encode(state)
        let decoder = JSONDecoder()
        decoder.userInfo[ExecutionState.stateMachineKey] = machine
        return try decoder.decode(ExecutionState.self, from: data)
    }

    /// Drives the run: answers each dispatched task (the first attempt of item 1 fails with `Busy`),
    /// fires timers in time order; optionally stores and reloads the state before every event.
    func drive(storeBetweenEvents: Bool) throws -> (ExecutionStatus, [HistoryEvent]) {
        let interpreter = try makeInterpreter()
        var now: Int64 = 1_700_000_000_000
        var (state, t) = interpreter.start(input: ["items": [10, 20, 30]], at: now)
        var history = t.events
        var effects = t.effects
        var timers: [Int: Int64] = [:]
        var steps = 0
        while case .running = state.status, steps < 100 {
            steps += 1
            var event: ExecutionEvent?
            for e in effects {
                switch e {
                case .startTimer(let id, let at): timers[id] = at
                case .cancelTimer(let id): timers[id] = nil
                case .dispatch(let task) where event == nil:
                    let n = task.input["Payload"]?["n"]?.intValue ?? 0
                    event =
                        n == 20 && task.attempt == 0
                        ? .taskFailed(taskID: task.taskID, error: "Busy", cause: "try later")
                        : .taskSucceeded(taskID: task.taskID, output: ["doubled": .int(n * 2)])
                default: break
                }
            }
            if event == nil, let (id, at) = timers.min(by: { $0.value < $1.value }) {
                timers[id] = nil
                now = at
                event = .timerFired(timerID: id)
            }
            guard let event else { break }
            if storeBetweenEvents { state = try roundTrip(state, machine: interpreter.machine) }
            t = interpreter.step(&state, on: event, at: now)
            history += t.events
            effects = t.effects
        }
        return (state.status, history)
    }

    @Test func storingTheStateBetweenEventsChangesNothing() throws {
        let (plainStatus, plainHistory) = try drive(storeBetweenEvents: false)
        let (storedStatus, storedHistory) = try drive(storeBetweenEvents: true)
        #expect(plainStatus.name == "SUCCEEDED")
        #expect(storedStatus == plainStatus)
        #expect(storedHistory.map { $0.json(timestampAsSeconds: true) } == plainHistory.map { $0.json(timestampAsSeconds: true) })
        // The run really went through a retry, a Map and a Wait.
        let types = plainHistory.map(\.type)
        #expect(types.filter { $0 == "TaskFailed" }.count == 1)
        #expect(types.filter { $0 == "MapIterationSucceeded" }.count == 3)
        #expect(types.contains("WaitStateExited"))
        if case .succeeded(let output) = plainStatus {
            #expect(output == [[["doubled": 20], ["doubled": 40], ["doubled": 60]], ["items": [10, 20, 30]]])
        }
    }

    @Test func decodingWithAnotherStateMachineIsRefused() throws {
        let interpreter = try makeInterpreter()
        let (state, _) = interpreter.start(input: ["items": [1]], at: 0)
        let other = try StateMachine(definition: #"{"StartAt": "Fan", "States": {"Fan": {"Type": "Pass", "End": true}}}"#)
        #expect(throws: ExecutionStateDecodingError.self) { try roundTrip(state, machine: other) }
    }

    @Test func decodingWithoutTheStateMachineSaysWhatIsMissing() throws {
        let interpreter = try makeInterpreter()
        let (state, _) = interpreter.start(input: ["items": [1]], at: 0)
        let data = try JSONEncoder().encode(state)
        do {
            _ = try JSONDecoder().decode(ExecutionState.self, from: data)
            Issue.record("decoding without a state machine must fail")
        } catch let error as ExecutionStateDecodingError {
            #expect(error.description.contains("stateMachineKey"))
        }
    }
}
