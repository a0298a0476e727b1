import CortadoJSON
import Testing

@testable import CortadoLanguage

private func interpreter(_ definition: String) throws -> Interpreter {
    var i = Interpreter(machine: try StateMachine(definition: definition), info: info, random: SeededRandomSource(seed: 7))
    i.mintToken = { _, id in "token-\(id)" }
    return i
}

/// A one-Task definition; `extra` is spliced into the Task state's fields.
private func taskMachine(
    _ extra: String = "", resource: String = "arn:aws:states:::lambda:invoke", exit: String = #""End": true"#, after: String = ""
) -> String {
    """
    {"StartAt": "Call", "States": {
      "Call": {"Type": "Task", "Resource": "\(resource)", \(exit)\(extra.isEmpty ? "" : ", " + extra)}
      \(after.isEmpty ? "" : ", " + after)
    }}
    """
}

extension Transition {
    var types: [String] { events.map(\.type) }
    var dispatches: [TaskDispatch] {
        effects.compactMap { if case .dispatch(let d) = $0 { d } else { nil } }
    }
    var timersStarted: [Int64] {
        effects.compactMap { if case .startTimer(_, let at) = $0 { at } else { nil } }
    }
    var timerIDs: [Int] {
        effects.compactMap { if case .startTimer(let id, _) = $0 { id } else { nil } }
    }
}

extension HistoryEvent {
    func detail(_ key: String) -> HistoryEvent.Detail? { details.first { $0.0 == key }?.1 }
}

@Suite struct InterpreterTaskTests {
    @Test func taskStateSchedulesStartsAndDispatches() throws {
        let i = try interpreter(taskMachine(#""Parameters": {"x.$": "$.v", "k": "lit"}"#))
        let (state, t) = i.start(input: ["v": 1], at: t0)
        #expect(t.types == ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted"])
        let scheduled = t.events[2]
        #expect(scheduled.detail("resourceType") == .string("lambda"))
        #expect(scheduled.detail("resource") == .string("invoke"))
        #expect(scheduled.detail("region") == .string("us-east-1"))
        #expect(scheduled.detail("parameters") == .text(["x": 1, "k": "lit"]))
        // AWS renders TaskScheduled parameters as text with no parametersDetails sibling.
        #expect(scheduled.json()["taskScheduledEventDetails"]?["parametersDetails"] == nil)
        let d = try #require(t.dispatches.first)
        #expect(t.dispatches.count == 1)
        #expect(d.taskID == 1)
        #expect(d.stateName == "Call")
        #expect(d.resource == "arn:aws:states:::lambda:invoke")
        #expect(d.input == ["x": 1, "k": "lit"])
        #expect(d.attempt == 0)
        #expect(d.token == nil)
        #expect(d.timeoutSeconds == nil)
        #expect(state.status == .running)
        #expect(state.openTaskIDs == [1])
    }

    @Test func taskSucceededContinuesToTheEnd() throws {
        let i = try interpreter(
            taskMachine(#""ResultPath": "$.r""#, exit: #""Next": "After""#, after: #""After": {"Type": "Pass", "End": true}"#))
        var (state, _) = i.start(input: ["a": 1], at: t0)
        let t = i.step(&state, on: .taskSucceeded(taskID: 1, output: ["ok": true]), at: t0 + 250)
        #expect(t.types == ["TaskSucceeded", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        #expect(t.events.allSatisfy { $0.timestamp == t0 + 250 })
        #expect(t.events[0].detail("output") == .payload(["ok": true]))
        let expected: JSON = ["a": 1, "r": ["ok": true]]
        #expect(state.status == .succeeded(output: expected))
        #expect(t.effects.last == .finish(.succeeded(output: expected)))
        #expect(state.openTaskIDs == [])
    }

    @Test func answersForUnknownTasksAreIgnored() throws {
        let i = try interpreter(taskMachine())
        var (state, _) = i.start(input: [:], at: t0)
        let t = i.step(&state, on: .taskSucceeded(taskID: 99, output: 1), at: t0 + 1)
        #expect(t.events.isEmpty)
        #expect(t.effects.isEmpty)
        #expect(state.status == .running)
    }

    @Test func failedTaskWithoutRetryOrCatchFailsTheExecution() throws {
        let i = try interpreter(taskMachine())
        var (state, _) = i.start(input: [:], at: t0)
        let t = i.step(&state, on: .taskFailed(taskID: 1, error: "Boom", cause: "it broke"), at: t0 + 10)
        #expect(t.types == ["TaskFailed", "ExecutionFailed"])
        #expect(t.events[0].detail("error") == .string("Boom"))
        #expect(t.events[1].detail("cause") == .string("it broke"))
        #expect(state.status == .failed(error: "Boom", cause: "it broke"))
        #expect(state.status.name == "FAILED")
    }
}

@Suite struct InterpreterRetryTests {
    @Test func retryWaitsIntervalSecondsThenDispatchesAgainWithAttemptOne() throws {
        let i = try interpreter(taskMachine(#""Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 3, "MaxAttempts": 2}]"#))
        var (state, _) = i.start(input: [:], at: t0)

        let fail1 = i.step(&state, on: .taskFailed(taskID: 1, error: "Boom", cause: "c"), at: t0 + 100)
        #expect(fail1.types == ["TaskFailed"])
        #expect(fail1.dispatches.isEmpty)
        #expect(fail1.timersStarted == [t0 + 100 + 3_000])
        #expect(state.status == .running)

        let retry1 = i.step(&state, on: .timerFired(timerID: try #require(fail1.timerIDs.first)), at: t0 + 3_100)
        #expect(retry1.types == ["TaskScheduled", "TaskStarted"])
        let d = try #require(retry1.dispatches.first)
        #expect(d.taskID == 2)
        #expect(d.attempt == 1)

        // The default BackoffRate is 2.0: the second wait is 6 seconds.
        let fail2 = i.step(&state, on: .taskFailed(taskID: 2, error: "Boom", cause: "c"), at: t0 + 4_000)
        #expect(fail2.timersStarted == [t0 + 4_000 + 6_000])
        let retry2 = i.step(&state, on: .timerFired(timerID: try #require(fail2.timerIDs.first)), at: t0 + 10_000)
        #expect(retry2.dispatches.first?.attempt == 2)

        // MaxAttempts 2: the third failure is final.
        let fail3 = i.step(&state, on: .taskFailed(taskID: 3, error: "Boom", cause: "last"), at: t0 + 11_000)
        #expect(fail3.types == ["TaskFailed", "ExecutionFailed"])
        #expect(state.status == .failed(error: "Boom", cause: "last"))
    }

    @Test func retryOnlyForMatchingErrors() throws {
        let i = try interpreter(taskMachine(#""Retry": [{"ErrorEquals": ["Other"]}]"#))
        var (state, _) = i.start(input: [:], at: t0)
        let t = i.step(&state, on: .taskFailed(taskID: 1, error: "Boom", cause: nil), at: t0)
        #expect(t.timersStarted.isEmpty)
        #expect(state.status == .failed(error: "Boom", cause: nil))
    }

    /// The retry delays a retrier produces for consecutive failures, in milliseconds.
    private func delays(_ retrier: String, failures: Int) throws -> [Int64] {
        let i = try interpreter(taskMachine(#""Retry": [\#(retrier)]"#))
        var (state, _) = i.start(input: [:], at: t0)
        var now = t0
        var task = 1
        var out: [Int64] = []
        for _ in 0..<failures {
            let f = i.step(&state, on: .taskFailed(taskID: task, error: "E", cause: nil), at: now)
            guard let at = f.timersStarted.first, let id = f.timerIDs.first else { break }
            out.append(at - now)
            now = at
            let r = i.step(&state, on: .timerFired(timerID: id), at: now)
            task = r.dispatches.first?.taskID ?? -1
        }
        return out
    }

    @Test func backoffRateMultipliesEachDelay() throws {
        #expect(
            try delays(#"{"ErrorEquals": ["E"], "IntervalSeconds": 2, "BackoffRate": 1.5, "MaxAttempts": 3}"#, failures: 4)
                == [2_000, 3_000, 4_500])
        #expect(
            try delays(#"{"ErrorEquals": ["E"], "IntervalSeconds": 1, "BackoffRate": 1, "MaxAttempts": 3}"#, failures: 4)
                == [1_000, 1_000, 1_000])
    }

    @Test func maxDelaySecondsCapsTheBackoff() throws {
        #expect(
            try delays(
                #"{"ErrorEquals": ["E"], "IntervalSeconds": 10, "BackoffRate": 3, "MaxDelaySeconds": 20, "MaxAttempts": 4}"#, failures: 5)
                == [10_000, 20_000, 20_000, 20_000])
    }

    @Test func retryCountIsInTheContextObject() throws {
        let i = try interpreter(taskMachine(#""Parameters": {"n.$": "$$.State.RetryCount"}, "Retry": [{"ErrorEquals": ["E"]}]"#))
        var (state, first) = i.start(input: [:], at: t0)
        #expect(first.dispatches.first?.input == ["n": 0])
        let f = i.step(&state, on: .taskFailed(taskID: 1, error: "E", cause: nil), at: t0)
        let r = i.step(&state, on: .timerFired(timerID: f.timerIDs[0]), at: t0 + 1_000)
        #expect(r.dispatches.first?.input == ["n": 1])
    }

    @Test func eachAttemptGetsItsOwnTimeout() throws {
        let i = try interpreter(taskMachine(#""TimeoutSeconds": 7, "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 1}]"#))
        var (state, first) = i.start(input: [:], at: t0)
        let timedOut = i.step(&state, on: .timerFired(timerID: first.timerIDs[0]), at: t0 + 7_000)
        #expect(timedOut.types == ["TaskTimedOut"])
        #expect(timedOut.timersStarted == [t0 + 8_000])
        let retry = i.step(&state, on: .timerFired(timerID: timedOut.timerIDs[0]), at: t0 + 8_000)
        #expect(retry.timersStarted == [t0 + 15_000])
        #expect(retry.dispatches.first?.attempt == 1)
    }

    @Test func maxAttemptsZeroNeverRetries() throws {
        #expect(try delays(#"{"ErrorEquals": ["E"], "MaxAttempts": 0}"#, failures: 1) == [])
    }

    @Test func fullJitterStaysWithinTheDelay() throws {
        let d = try delays(#"{"ErrorEquals": ["E"], "IntervalSeconds": 5, "MaxAttempts": 3, "JitterStrategy": "FULL"}"#, failures: 4)
        #expect(d.count == 3)
        for (k, cap) in [5_000, 10_000, 20_000].enumerated() where k < d.count {
            #expect((0...Int64(cap)).contains(d[k]))
        }
    }
}

@Suite struct InterpreterCatchTests {
    private let handler = #""Handle": {"Type": "Pass", "End": true}"#

    @Test func catchWithResultPathPutsErrorAndCauseThere() throws {
        let i = try interpreter(
            taskMachine(#""Catch": [{"ErrorEquals": ["Boom"], "ResultPath": "$.err", "Next": "Handle"}]"#, after: handler))
        var (state, _) = i.start(input: ["a": 1], at: t0)
        let t = i.step(&state, on: .taskFailed(taskID: 1, error: "Boom", cause: "bad"), at: t0 + 5)
        #expect(t.types == ["TaskFailed", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        let expected: JSON = ["a": 1, "err": ["Error": "Boom", "Cause": "bad"]]
        #expect(t.events[1].detail("output") == .payload(expected))
        #expect(state.status == .succeeded(output: expected))
    }

    @Test func catchWithoutResultPathReplacesTheInput() throws {
        let i = try interpreter(taskMachine(#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle"}]"#, after: handler))
        var (state, _) = i.start(input: ["a": 1], at: t0)
        _ = i.step(&state, on: .taskFailed(taskID: 1, error: "Boom", cause: nil), at: t0)
        // A failure without a cause passes on only its Error.
        #expect(state.status == .succeeded(output: ["Error": "Boom"]))
    }

    @Test func taskFailedWithNeitherErrorNorCausePassesOnNulls() throws {
        let i = try interpreter(taskMachine(#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle"}]"#, after: handler))
        var (state, _) = i.start(input: ["a": 1], at: t0)
        _ = i.step(&state, on: .taskFailed(taskID: 1, error: nil, cause: nil), at: t0)
        // As recorded (callback__test_sqs_failure_in_wait_for_task_tok_no_error_field).
        #expect(state.status == .succeeded(output: ["Error": nil, "Cause": nil]))
    }

    @Test func catchResultPathNullKeepsTheInput() throws {
        let i = try interpreter(
            taskMachine(#""Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "Handle"}]"#, after: handler))
        var (state, _) = i.start(input: ["a": 1], at: t0)
        _ = i.step(&state, on: .taskFailed(taskID: 1, error: "Boom", cause: "c"), at: t0)
        #expect(state.status == .succeeded(output: ["a": 1]))
    }

    @Test func retriesComeBeforeTheCatch() throws {
        let i = try interpreter(
            taskMachine(
                #""Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 1}], "Catch": [{"ErrorEquals": ["Boom"], "ResultPath": "$.e", "Next": "Handle"}]"#,
                after: handler))
        var (state, _) = i.start(input: [:], at: t0)
        let f1 = i.step(&state, on: .taskFailed(taskID: 1, error: "Boom", cause: "1"), at: t0)
        #expect(f1.timersStarted == [t0 + 1_000])
        _ = i.step(&state, on: .timerFired(timerID: f1.timerIDs[0]), at: t0 + 1_000)
        _ = i.step(&state, on: .taskFailed(taskID: 2, error: "Boom", cause: "2"), at: t0 + 1_500)
        #expect(state.status == .succeeded(output: ["e": ["Error": "Boom", "Cause": "2"]]))
    }

    @Test func statesAllDoesNotCatchStatesRuntime() throws {
        let i = try interpreter(
            taskMachine(
                #""Parameters": {"x.$": "$.missing"}, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle"}]"#, after: handler))
        let (state, t) = i.start(input: [:], at: t0)
        #expect(t.types == ["ExecutionStarted", "TaskStateEntered", "ExecutionFailed"])
        #expect(t.dispatches.isEmpty)
        #expect(
            state.status
                == .failed(
                    error: "States.Runtime",
                    cause:
                        "An error occurred while executing the state 'Call' (entered at the event id #2). The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{}'"
                ))
    }

    @Test func statesRuntimeNamedExplicitlyIsCaught() throws {
        let i = try interpreter(
            taskMachine(
                #""Parameters": {"x.$": "$.missing"}, "Catch": [{"ErrorEquals": ["States.Runtime"], "Next": "Handle"}]"#, after: handler))
        let (state, _) = i.start(input: [:], at: t0)
        guard case .succeeded(let out) = state.status else {
            Issue.record("expected success, got \(state.status)")
            return
        }
        #expect(out["Error"] == "States.Runtime")
    }

    @Test func statesTaskFailedDoesNotCatchATimeout() throws {
        let i = try interpreter(
            taskMachine(#""TimeoutSeconds": 5, "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Handle"}]"#, after: handler))
        var (state, first) = i.start(input: [:], at: t0)
        _ = i.step(&state, on: .timerFired(timerID: first.timerIDs[0]), at: t0 + 5_000)
        #expect(state.status == .failed(error: "States.Timeout", cause: nil))
    }
}

@Suite struct InterpreterTimeoutTests {
    @Test func taskTimeoutSecondsFiresTaskTimedOut() throws {
        let i = try interpreter(taskMachine(#""TimeoutSeconds": 30"#))
        var (state, first) = i.start(input: [:], at: t0)
        #expect(first.timersStarted == [t0 + 30_000])
        #expect(first.dispatches.first?.timeoutSeconds == 30)
        #expect(first.events[2].detail("timeoutInSeconds") == .int(30))

        let t = i.step(&state, on: .timerFired(timerID: first.timerIDs[0]), at: t0 + 30_000)
        #expect(t.types == ["TaskTimedOut", "ExecutionFailed"])
        #expect(t.events[0].detail("error") == .string("States.Timeout"))
        #expect(t.effects.contains(.cancelTask(taskID: 1)))
        #expect(state.status == .failed(error: "States.Timeout", cause: nil))

        // The task's late answer changes nothing.
        let late = i.step(&state, on: .taskSucceeded(taskID: 1, output: 1), at: t0 + 31_000)
        #expect(late.events.isEmpty)
        #expect(state.status == .failed(error: "States.Timeout", cause: nil))
    }

    @Test func answerBeforeTheTimeoutCancelsTheTimer() throws {
        let i = try interpreter(taskMachine(#""TimeoutSeconds": 30"#))
        var (state, first) = i.start(input: [:], at: t0)
        let t = i.step(&state, on: .taskSucceeded(taskID: 1, output: 1), at: t0 + 1_000)
        #expect(t.effects.contains(.cancelTimer(timerID: first.timerIDs[0])))
        #expect(state.status == .succeeded(output: 1))
    }

    @Test func heartbeatResetsTheHeartbeatTimer() throws {
        let i = try interpreter(taskMachine(#""TimeoutSeconds": 100, "HeartbeatSeconds": 10"#))
        var (state, first) = i.start(input: [:], at: t0)
        #expect(first.timersStarted == [t0 + 100_000, t0 + 10_000])
        #expect(first.dispatches.first?.heartbeatSeconds == 10)
        let oldHeartbeat = first.timerIDs[1]

        let beat = i.step(&state, on: .taskHeartbeat(taskID: 1), at: t0 + 8_000)
        #expect(beat.events.isEmpty)
        #expect(beat.effects.first == .cancelTimer(timerID: oldHeartbeat))
        #expect(beat.timersStarted == [t0 + 18_000])

        // The cancelled timer firing anyway (a race in the engine) does nothing.
        let stale = i.step(&state, on: .timerFired(timerID: oldHeartbeat), at: t0 + 10_000)
        #expect(stale.events.isEmpty)
        #expect(state.status == .running)

        let t = i.step(&state, on: .timerFired(timerID: beat.timerIDs[0]), at: t0 + 18_000)
        #expect(t.types == ["TaskTimedOut", "ExecutionFailed"])
        // AWS reports a missed heartbeat as States.Timeout.
        #expect(t.events[0].detail("error") == .string("States.Timeout"))
        #expect(t.effects.contains(.cancelTimer(timerID: first.timerIDs[0])))
        #expect(state.status == .failed(error: "States.Timeout", cause: nil))
    }

    @Test func executionTimeoutSecondsGivesTimedOut() throws {
        let def =
            #"{"StartAt": "Call", "TimeoutSeconds": 5, "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#
        let i = try interpreter(def)
        var (state, first) = i.start(input: [:], at: t0)
        #expect(first.timersStarted == [t0 + 5_000])
        let t = i.step(&state, on: .timerFired(timerID: first.timerIDs[0]), at: t0 + 5_000)
        #expect(t.types == ["ExecutionTimedOut"])
        #expect(t.effects.contains(.cancelTask(taskID: 1)))
        #expect(t.effects.last == .finish(.timedOut(error: nil, cause: nil)))
        #expect(state.status.name == "TIMED_OUT")
    }

    @Test func stopAbortsTheExecution() throws {
        let i = try interpreter(taskMachine())
        var (state, _) = i.start(input: [:], at: t0)
        let t = i.step(&state, on: .stop(error: "User", cause: "no longer needed"), at: t0 + 50)
        #expect(t.types == ["ExecutionAborted"])
        #expect(t.events[0].previousEventId == 0)
        #expect(t.events[0].id == 5)
        #expect(t.events[0].detail("error") == .string("User"))
        #expect(t.events[0].detail("cause") == .string("no longer needed"))
        #expect(t.effects.contains(.cancelTask(taskID: 1)))
        #expect(state.status == .aborted(error: "User", cause: "no longer needed"))
        #expect(state.status.name == "ABORTED")
        // Nothing moves a finished execution.
        #expect(i.step(&state, on: .taskSucceeded(taskID: 1, output: 1), at: t0 + 60).events.isEmpty)
    }
}

@Suite struct InterpreterWaitTests {
    private func waitMachine(_ field: String) -> String {
        #"{"StartAt": "W", "States": {"W": {"Type": "Wait", \#(field), "Next": "Done"}, "Done": {"Type": "Pass", "End": true}}}"#
    }

    @Test func timestampInThePastProceedsAtOnce() throws {
        let i = try interpreter(waitMachine(#""Timestamp": "2000-01-01T00:00:00Z""#))
        let (state, t) = i.start(input: ["k": 1], at: t0)
        #expect(
            t.types == [
                "ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
            ])
        #expect(t.timersStarted.isEmpty)
        #expect(state.status == .succeeded(output: ["k": 1]))
    }

    @Test func secondsStartATimerAndTheWaitEndsWhenItFires() throws {
        let i = try interpreter(waitMachine(#""Seconds": 86400"#))
        var (state, first) = i.start(input: ["k": 1], at: t0)
        #expect(first.types == ["ExecutionStarted", "WaitStateEntered"])
        #expect(first.timersStarted == [t0 + 86_400_000])
        #expect(state.nextTimer?.at == t0 + 86_400_000)
        let t = i.step(&state, on: .timerFired(timerID: first.timerIDs[0]), at: t0 + 86_400_000)
        #expect(t.types == ["WaitStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        #expect(t.events.allSatisfy { $0.timestamp == t0 + 86_400_000 })
        #expect(state.status == .succeeded(output: ["k": 1]))
    }

    @Test func timestampInTheFutureWaitsUntilThen() throws {
        // 2023-11-15T00:00:00Z is 6,400 seconds after t0.
        let i = try interpreter(waitMachine(#""Timestamp": "2023-11-15T00:00:00Z""#))
        let (_, first) = i.start(input: [:], at: t0)
        #expect(first.timersStarted == [1_700_006_400_000])
    }

    @Test func secondsPathReadsTheInput() throws {
        let i = try interpreter(waitMachine(#""SecondsPath": "$.s""#))
        #expect(i.start(input: ["s": 2], at: t0).1.timersStarted == [t0 + 2_000])
        let (bad, _) = i.start(input: ["s": "x"], at: t0)
        #expect(
            bad.status
                == .failed(
                    error: "States.Runtime",
                    cause:
                        "An error occurred while executing the state 'W' (entered at the event id #2). The SecondsPath parameter cannot be parsed as a long value: $.s == x"
                ))
    }
}

@Suite struct InterpreterTokenTests {
    @Test func waitForTaskTokenExposesTheTokenToParameters() throws {
        let i = try interpreter(
            taskMachine(
                #""Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token", "state.$": "$$.State.Name"}}"#,
                resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken"))
        let (_, t) = i.start(input: [:], at: t0)
        let d = try #require(t.dispatches.first)
        #expect(d.token == "token-1")
        #expect(d.input == ["QueueUrl": "q", "MessageBody": ["token": "token-1", "state": "Call"]])
        #expect(t.events[2].detail("resourceType") == .string("sqs"))
        #expect(t.events[2].detail("resource") == .string("sendMessage.waitForTaskToken"))
    }

    @Test func plainTasksHaveNoToken() throws {
        let i = try interpreter(taskMachine(#""Parameters": {"t.$": "$$.Task"}"#))
        let (state, t) = i.start(input: [:], at: t0)
        #expect(t.dispatches.isEmpty)
        #expect(state.status.name == "FAILED")
    }

    @Test func defaultTokenIsOpaqueAndPerTask() throws {
        let i = Interpreter(
            machine: try StateMachine(definition: taskMachine(resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken")), info: info)
        let (_, t) = i.start(input: [:], at: t0)
        let token = try #require(t.dispatches.first?.token)
        #expect(!token.isEmpty)
        #expect(token != i.mintToken(info.executionArn, 2))
    }
}

@Suite struct InterpreterMapTests {
    private func mapMachine(_ extra: String) -> String {
        """
        {"StartAt": "M", "States": {"M": {"Type": "Map", \(extra) "End": true,
          "ItemProcessor": {"StartAt": "Work", "States": {
            "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}
        """
    }

    @Test func everyItemIsDispatchedWithItsInput() throws {
        let i = try interpreter(mapMachine(""))
        var (state, t) = i.start(input: [10, 20, 30], at: t0)
        #expect(t.dispatches.map(\.input) == [10, 20, 30])
        #expect(t.events[2].type == "MapStateStarted")
        #expect(t.events[2].detail("length") == .int(3))
        for d in t.dispatches {
            _ = i.step(&state, on: .taskSucceeded(taskID: d.taskID, output: ["done": d.input]), at: t0 + 1)
        }
        #expect(state.status == .succeeded(output: [["done": 10], ["done": 20], ["done": 30]]))
    }

    @Test func maxConcurrencyLimitsTheRunningIterations() throws {
        let i = try interpreter(mapMachine(#""MaxConcurrency": 1,"#))
        var (state, t) = i.start(input: [1, 2], at: t0)
        #expect(t.dispatches.map(\.input) == [1])
        let next = i.step(&state, on: .taskSucceeded(taskID: t.dispatches[0].taskID, output: "a"), at: t0 + 1)
        #expect(next.dispatches.map(\.input) == [2])
    }

    @Test func toleratedFailureCountLetsTheMapSucceed() throws {
        let i = try interpreter(mapMachine(#""ToleratedFailureCount": 1,"#))
        var (state, t) = i.start(input: [1, 2, 3], at: t0)
        let ids = t.dispatches.map(\.taskID)
        #expect(ids.count == 3)
        _ = i.step(&state, on: .taskSucceeded(taskID: ids[0], output: "one"), at: t0 + 1)
        _ = i.step(&state, on: .taskFailed(taskID: ids[1], error: "E", cause: "two failed"), at: t0 + 2)
        #expect(state.status == .running)
        let last = i.step(&state, on: .taskSucceeded(taskID: ids[2], output: "three"), at: t0 + 3)
        #expect(last.types.contains("MapIterationFailed") == false)
        #expect(last.types.suffix(3) == ["MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"])
        #expect(state.status == .succeeded(output: ["one", ["Error": "E", "Cause": "two failed"], "three"]))
    }

    @Test func failuresPastTheToleranceFailTheMap() throws {
        let i = try interpreter(mapMachine(#""ToleratedFailureCount": 1,"#))
        var (state, t) = i.start(input: [1, 2, 3], at: t0)
        let ids = t.dispatches.map(\.taskID)
        _ = i.step(&state, on: .taskFailed(taskID: ids[0], error: "E", cause: "1"), at: t0 + 1)
        let second = i.step(&state, on: .taskFailed(taskID: ids[1], error: "E", cause: "2"), at: t0 + 2)
        #expect(second.types.contains("MapIterationFailed"))
        #expect(second.types.contains("MapIterationAborted"))
        #expect(second.types.suffix(2) == ["MapStateFailed", "ExecutionFailed"])
        #expect(second.effects.contains(.cancelTask(taskID: ids[2])))
        #expect(
            state.status
                == .failed(error: "States.ExceedToleratedFailureThreshold", cause: "The specified tolerated failure threshold was exceeded")
        )
    }

    @Test func withoutToleranceOneFailureFailsTheMapWithItsError() throws {
        let i = try interpreter(mapMachine(""))
        var (state, t) = i.start(input: [1, 2], at: t0)
        _ = i.step(&state, on: .taskFailed(taskID: t.dispatches[1].taskID, error: "E", cause: "x"), at: t0 + 1)
        #expect(state.status == .failed(error: "E", cause: "x"))
    }

    @Test func emptyInputSucceedsAtOnce() throws {
        let i = try interpreter(mapMachine(""))
        let (state, t) = i.start(input: [], at: t0)
        #expect(t.dispatches.isEmpty)
        #expect(state.status == .succeeded(output: []))
    }

    /// A distributed Map's iterations have no events in this history, so an answer that completes one
    /// (but not the Map) emits nothing and starts nothing; the transition must still say the state
    /// changed, or an engine that skips storing empty transitions loses the answer.
    @Test func distributedIterationsChangeTheStateWithoutEvents() throws {
        let i = try interpreter(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Work", "States": {
                "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                  "Catch": [{"ErrorEquals": ["E"], "Next": "Caught"}]},
                "Caught": {"Type": "Pass", "End": true}}}}}}
            """)
        var (state, t) = i.start(input: [1, 2, 3], at: t0)
        #expect(t.types.suffix(2) == ["MapStateStarted", "MapRunStarted"])
        let ids = t.dispatches.map(\.taskID)
        #expect(ids.count == 3)
        for event in [ExecutionEvent.taskSucceeded(taskID: ids[0], output: "one"), .taskFailed(taskID: ids[1], error: "E", cause: "c")] {
            let quiet = i.step(&state, on: event, at: t0 + 1)
            #expect(quiet.events.isEmpty)
            #expect(quiet.effects.isEmpty)
            #expect(quiet.stateChanged)
        }
        #expect(state.openTaskIDs == [ids[2]])
        let stale = i.step(&state, on: .taskSucceeded(taskID: ids[0], output: "again"), at: t0 + 2)
        #expect(!stale.stateChanged)
        let last = i.step(&state, on: .taskSucceeded(taskID: ids[2], output: "three"), at: t0 + 3)
        #expect(last.types == ["MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"])
        #expect(state.status == .succeeded(output: ["one", ["Error": "E", "Cause": "c"], "three"]))
    }
}

@Suite struct InterpreterParallelTests {
    private let parallel = """
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]}}}
        """

    @Test func branchesRunInOrderAndResultsKeepBranchOrder() throws {
        let i = try interpreter(parallel)
        var (state, t) = i.start(input: ["x": 1], at: t0)
        #expect(t.dispatches.map(\.stateName) == ["A", "B"])
        #expect(t.dispatches.map(\.input) == [["x": 1], ["x": 1]])
        _ = i.step(&state, on: .taskSucceeded(taskID: 2, output: "b"), at: t0 + 1)
        #expect(state.status == .running)
        let last = i.step(&state, on: .taskSucceeded(taskID: 1, output: "a"), at: t0 + 2)
        #expect(last.types.suffix(3) == ["ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"])
        #expect(state.status == .succeeded(output: ["a", "b"]))
    }

    @Test func aFailingBranchCancelsTheOthers() throws {
        let i = try interpreter(parallel)
        var (state, _) = i.start(input: [:], at: t0)
        let t = i.step(&state, on: .taskFailed(taskID: 1, error: "E", cause: "c"), at: t0 + 1)
        #expect(t.effects.contains(.cancelTask(taskID: 2)))
        #expect(t.types.suffix(2) == ["ParallelStateFailed", "ExecutionFailed"])
        #expect(state.status == .failed(error: "E", cause: "c"))
        #expect(state.openTaskIDs == [])
    }
}

@Suite struct InterpreterDataLimitTests {
    @Test func taskResultOver256KiBFailsWithDataLimitExceeded() throws {
        let i = try interpreter(
            taskMachine(
                #""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle"}]"#, after: #""Handle": {"Type": "Pass", "End": true}"#))
        var (state, _) = i.start(input: [:], at: t0)
        let big = JSON.string(String(repeating: "x", count: 262_144))  // 262,146 bytes with its quotes
        let t = i.step(&state, on: .taskSucceeded(taskID: 1, output: big), at: t0 + 1)
        // As AWS records it (states_errors__test_service_task_lambada_catch_state_all_data_limit_exceeded…):
        // the task fails, and States.ALL catches that failure; the cause names the integration's service.
        #expect(t.types.contains("TaskFailed"))
        #expect(!t.types.contains("TaskSucceeded"))
        #expect(t.types.last == "ExecutionSucceeded")
        #expect(
            state.status
                == .succeeded(output: [
                    "Error": "States.DataLimitExceeded",
                    "Cause":
                        "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.",
                ]))
    }

    @Test func stateOutputOverTheLimitFails() throws {
        let def = #"{"StartAt": "Double", "States": {"Double": {"Type": "Pass", "Parameters": {"a.$": "$.s", "b.$": "$.s"}, "End": true}}}"#
        let i = try interpreter(def)
        let (state, _) = i.start(input: ["s": .string(String(repeating: "y", count: 140_000))], at: t0)
        #expect(
            state.status
                == .failed(
                    error: "States.DataLimitExceeded",
                    cause: "The state/task 'Double' returned a result with a size exceeding the maximum number of bytes service limit."
                ))
    }

    @Test func outputOfExactlyTheLimitPasses() throws {
        // {"a":"…"} is 8 bytes plus the string; with a 20-byte limit 12 characters fit and 13 do not.
        var i = try interpreter(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)
        i.payloadLimit = 20
        #expect(i.start(input: ["a": .string(String(repeating: "z", count: 12))], at: t0).0.status.name == "SUCCEEDED")
        #expect(i.start(input: ["a": .string(String(repeating: "z", count: 13))], at: t0).0.status.name == "FAILED")
    }
}

@Suite struct InterpreterHistoryTests {
    @Test func idsAndPreviousEventIdsChainForATwoStateRun() throws {
        let def =
            #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"x": 1}, "Next": "B"}, "B": {"Type": "Pass", "End": true}}}"#
        let i = try interpreter(def)
        let (state, t) = i.start(input: ["in": true], at: t0)
        #expect(
            t.types == [
                "ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
            ])
        #expect(t.events.map(\.id) == [1, 2, 3, 4, 5, 6])
        // ExecutionStarted does not move the chain: the first state points at 0, as on AWS.
        #expect(t.events.map(\.previousEventId) == [0, 0, 2, 3, 4, 5])
        #expect(t.events.allSatisfy { $0.timestamp == t0 })
        #expect(t.events[1].detail("name") == .string("A"))
        #expect(t.events[1].detail("input") == .payload(["in": true]))
        #expect(t.events[2].detail("output") == .payload(["x": 1]))
        #expect(t.events[3].detail("input") == .payload(["x": 1]))
        #expect(state.nextEventID == 7)
        #expect(state.status == .succeeded(output: ["x": 1]))
    }

    @Test func eventsRenderAsGetExecutionHistoryReturnsThem() throws {
        let i = try interpreter(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#)
        let (_, t) = i.start(input: ["k": "v"], at: t0 + 500)
        #expect(
            t.events[0].json().text
                == #"{"timestamp":1.7000000005E9,"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{\"k\":\"v\"}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::000000000000:role/r"}}"#
        )
        #expect(
            t.events[2].json().text
                == #"{"timestamp":1.7000000005E9,"type":"PassStateExited","id":3,"previousEventId":2,"stateExitedEventDetails":{"name":"A","output":"{\"k\":\"v\"}","outputDetails":{"truncated":false}}}"#
        )
    }

    @Test func fiftyPassStatesRunInOneStep() throws {
        var states: [String] = []
        for k in 0..<50 {
            states.append(#""S\#(k)": {"Type": "Pass", \#(k == 49 ? #""End": true"# : #""Next": "S\#(k + 1)""#)}"#)
        }
        let i = try interpreter(#"{"StartAt": "S0", "States": {\#(states.joined(separator: ","))}}"#)
        let (state, t) = i.start(input: 1, at: t0)
        #expect(t.events.count == 2 + 50 * 2)
        #expect(state.status == .succeeded(output: 1))
    }
}

/// Seed 001 waits for a barista with `HeartbeatSeconds` and catches `States.Timeout`.
@Suite struct HeartbeatCatchTests {
    func heartbeatExpiry(catching error: String) throws -> (ExecutionState, Transition) {
        let def = taskMachine(
            #""HeartbeatSeconds": 900, "Catch": [{"ErrorEquals": ["\#(error)"], "ResultPath": "$.comment", "Next": "TimedOut"}]"#,
            resource: "arn:aws:states:::events:putEvents.waitForTaskToken", exit: #""Next": "Done""#,
            after: #""TimedOut": {"Type": "Pass", "End": true}, "Done": {"Type": "Succeed"}"#)
        let i = try interpreter(def)
        var (state, first) = i.start(input: ["orderId": 1], at: 0)
        let t = i.step(&state, on: .timerFired(timerID: first.timerIDs[0]), at: 900_000)
        return (state, t)
    }

    @Test(arguments: ["States.Timeout", "States.HeartbeatTimeout", "States.ALL"])
    func missedHeartbeatIsCaught(by error: String) throws {
        let (state, t) = try heartbeatExpiry(catching: error)
        #expect(t.types == ["TaskTimedOut", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        // As AWS records a caught task timeout: `"Cause": ""` (task_service_lambda__test_invoke_timeout).
        #expect(state.status == .succeeded(output: ["orderId": 1, "comment": ["Error": "States.Timeout", "Cause": ""]]))
    }

    @Test func missedHeartbeatIsNotATaskFailure() throws {
        let (state, _) = try heartbeatExpiry(catching: "States.TaskFailed")
        #expect(state.status == .failed(error: "States.Timeout", cause: nil))
    }
}
