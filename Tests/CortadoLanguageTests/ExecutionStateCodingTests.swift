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

    /// How a state is stored between events: Foundation's coders, or Cortado's JSON value coders with the
    /// JSON printer and parser.
    enum Codec: Sendable, CaseIterable {
        case foundation, jsonValue
    }

    func roundTrip(_ state: ExecutionState, machine: StateMachine, codec: Codec = .foundation) throws -> ExecutionState {
        switch codec {
        case .foundation:
            let data = try JSONEncoder().encode(state)
            let decoder = JSONDecoder()
            decoder.userInfo[ExecutionState.stateMachineKey] = machine
            return try decoder.decode(ExecutionState.self, from: data)
        case .jsonValue:
            let bytes = Array(try JSONValueEncoder().encode(state).text.utf8)
            let decoder = JSONValueDecoder(userInfo: [ExecutionState.stateMachineKey: machine])
            return try decoder.decode(ExecutionState.self, from: JSON(parsing: bytes))
        }
    }

    /// Drives the run: answers each dispatched task (the first attempt of item 1 fails with `Busy`),
    /// fires timers in time order; optionally stores and reloads the state before every event.
    func drive(storeBetweenEvents: Bool, codec: Codec = .foundation) throws -> (ExecutionStatus, [HistoryEvent]) {
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
            if storeBetweenEvents { state = try roundTrip(state, machine: interpreter.machine, codec: codec) }
            t = interpreter.step(&state, on: event, at: now)
            history += t.events
            effects = t.effects
        }
        return (state.status, history)
    }

    @Test(arguments: Codec.allCases)
    func storingTheStateBetweenEventsChangesNothing(codec: Codec) throws {
        let (plainStatus, plainHistory) = try drive(storeBetweenEvents: false)
        let (storedStatus, storedHistory) = try drive(storeBetweenEvents: true, codec: codec)
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

    @Test(arguments: Codec.allCases)
    func decodingWithAnotherStateMachineIsRefused(codec: Codec) throws {
        let interpreter = try makeInterpreter()
        let (state, _) = interpreter.start(input: ["items": [1]], at: 0)
        let other = try StateMachine(definition: #"{"StartAt": "Fan", "States": {"Fan": {"Type": "Pass", "End": true}}}"#)
        #expect(throws: ExecutionStateDecodingError.self) { try roundTrip(state, machine: other, codec: codec) }
    }

    /// Payloads are stored as JSON inside the state, not as escaped text.
    @Test func theJSONValueEncoderKeepsPayloadsStructured() throws {
        let interpreter = try makeInterpreter()
        let (state, _) = interpreter.start(input: ["items": [1, 2]], at: 0)
        let json = try JSONValueEncoder().encode(state)
        #expect(json["input"] == ["items": [1, 2]])
        let rawInputs = json["frames"]?.objectValue?.values.compactMap { $0["rawInput"] } ?? []
        #expect(rawInputs.contains(["items": [1, 2]]))
        #expect(!json.text.contains(#"\""#))
    }

    @Test func theJSONValueDecoderSaysWhatIsMissing() throws {
        let interpreter = try makeInterpreter()
        let (state, _) = interpreter.start(input: ["items": [1]], at: 0)
        let json = try JSONValueEncoder().encode(state)
        #expect(throws: ExecutionStateDecodingError.self) { try JSONValueDecoder().decode(ExecutionState.self, from: json) }
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
