import CortadoJSON
import Testing

@testable import CortadoLanguage

/// JSONata states as a user of AWS sees them: `$states`, `Arguments`, `Output`, `Assign`, `Condition`,
/// `Items`, `{% %}` fields, Step Functions' functions, the errors and causes, and the definition checks.
private func interpreter(_ definition: String) throws -> Interpreter {
    Interpreter(machine: try StateMachine(definition: definition), info: info, random: SeededRandomSource(seed: 7))
}

/// A JSONata machine from its states' JSON (`"A": {...}, "B": {...}`), starting at `A`.
private func machine(_ states: String) -> String {
    #"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"# + states + "}}"
}

/// Runs a machine without tasks to its end.
private func run(_ states: String, input: JSON = [:]) throws -> (ExecutionStatus, Transition) {
    let (state, t) = try interpreter(machine(states)).start(input: input, at: t0)
    return (state.status, t)
}

private func output(_ status: ExecutionStatus) -> JSON? { if case .succeeded(let o) = status { o } else { nil } }

private func failure(_ status: ExecutionStatus) -> (String?, String?)? {
    if case .failed(let e, let c) = status { (e, c) } else { nil }
}

@Suite struct JSONataStateTests {
    @Test func outputAndStatesInput() throws {
        let (status, _) = try run(
            #""A": {"Type": "Pass", "Output": {"name": "{% $states.input.customer.name %}", "n": "{% $count($states.input.items) %}", "lit": "$.x"}, "End": true}"#,
            input: ["customer": ["name": "Ada"], "items": [1, 2, 3]])
        #expect(output(status) == ["name": "Ada", "n": 3, "lit": "$.x"])
    }

    @Test func assignAndOutputSeeTheVariablesAsTheyWereWhenTheStateWasEntered() throws {
        let (status, t) = try run(
            #"""
            "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
            "B": {"Type": "Pass", "Assign": {"x": "{% $x + 1 %}", "y": "{% $x %}"}, "Output": "{% $x %}", "Next": "C"},
            "C": {"Type": "Pass", "Output": {"x": "{% $x %}", "y": "{% $y %}", "in": "{% $states.input %}"}, "End": true}
            """#)
        #expect(output(status) == ["x": 2, "y": 1, "in": 1])
        let exited = t.events.first { $0.type == "PassStateExited" && $0.detail("name") == .string("B") }
        #expect(exited?.json()["stateExitedEventDetails"]?["assignedVariables"] == ["x": "2", "y": "1"])
    }

    @Test func contextObjectThroughStates() throws {
        let (status, _) = try run(
            #""A": {"Type": "Pass", "Output": "{% $states.context.Execution.Name & '/' & $states.context.State.Name %}", "End": true}"#)
        #expect(output(status) == "e1/A")
    }

    @Test func undefinedIsAQueryEvaluationErrorWithAnEvaluationFailedEvent() throws {
        let (status, t) = try run(#""A": {"Type": "Pass", "Output": {"r": "{% $nothing %}"}, "End": true}"#)
        let cause =
            "An error occurred while executing the state 'A' (entered at the event id #2). The JSONata expression '$nothing' "
            + "specified for the field 'Output/r' returned nothing (undefined)."
        #expect(failure(status)?.0 == "States.QueryEvaluationError")
        #expect(failure(status)?.1 == cause)
        #expect(t.types == ["ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed"])
        let details = t.events[2].json()["evaluationFailedEventDetails"]
        #expect(details == ["cause": .string(cause), "error": "States.QueryEvaluationError", "location": "Output/r", "state": "A"])
        #expect(t.events[2].previousEventId == 0)
    }

    @Test func evaluationErrorsCarryJSONatasCodeAndMessage() throws {
        let (status, _) = try run(#""A": {"Type": "Pass", "Output": "{% $notAFunction(1) %}", "End": true}"#)
        #expect(failure(status)?.1?.hasSuffix("threw an error during evaluation. T1006: Attempted to invoke a non-function") == true)
    }

    @Test func aQueryEvaluationErrorCanBeCaught() throws {
        let (status, _) = try run(
            #"""
            "A": {"Type": "Map", "Items": "{% 'not an array' %}", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Output": "{% $states.errorOutput.Error %}", "Next": "B"}], "End": true},
            "B": {"Type": "Succeed"}
            """#)
        #expect(output(status) == "States.QueryEvaluationError")
    }

    @Test func aCatcherWhoseOutputFailsEndsTheExecutionInsteadOfCatchingItself() throws {
        let (status, t) = try run(
            #"""
            "A": {"Type": "Map", "Items": "{% 1 %}", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $missing %}", "Next": "B"}], "End": true},
            "B": {"Type": "Succeed"}
            """#)
        #expect(failure(status)?.0 == "States.QueryEvaluationError")
        #expect(
            failure(status)?.1?.hasSuffix(
                "The JSONata expression '$missing' specified for the field 'Output' returned nothing (undefined).") == true)
        #expect(t.types.filter { $0 == "EvaluationFailed" }.count == 2)
    }

    @Test func choiceConditionsAndTheirOutputAndAssign() throws {
        let states = #"""
            "A": {"Type": "Choice", "Choices": [
                    {"Condition": "{% $states.input.n > 10 %}", "Next": "Big", "Output": "big", "Assign": {"kind": "big"}},
                    {"Condition": false, "Next": "Big"}],
                  "Default": "Small", "Output": "small", "Assign": {"kind": "small"}},
            "Big": {"Type": "Pass", "Output": {"in": "{% $states.input %}", "kind": "{% $kind %}"}, "End": true},
            "Small": {"Type": "Pass", "Output": {"in": "{% $states.input %}", "kind": "{% $kind %}"}, "End": true}
            """#
        #expect(output(try run(states, input: ["n": 11]).0) == ["in": "big", "kind": "big"])
        #expect(output(try run(states, input: ["n": 1]).0) == ["in": "small", "kind": "small"])
    }

    @Test func aConditionThatIsNotBooleanFails() throws {
        let (status, _) = try run(
            #""A": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n %}", "Next": "B"}]}, "B": {"Type": "Succeed"}"#,
            input: ["n": 3])
        #expect(failure(status)?.0 == "States.QueryEvaluationError")
        #expect(failure(status)?.1?.hasSuffix("Expected 'boolean', but was 'number' for value: 3") == true)
    }

    @Test func waitSecondsAndTimestampFromExpressions() throws {
        let i = try interpreter(machine(#""A": {"Type": "Wait", "Seconds": "{% $states.input.s * 2 %}", "End": true}"#))
        let (_, t) = i.start(input: ["s": 5], at: t0)
        #expect(t.timersStarted == [t0 + 10_000])
        let j = try interpreter(machine(#""A": {"Type": "Wait", "Timestamp": "{% $states.input.at %}", "End": true}"#))
        let (state, bad) = j.start(input: ["at": "2016-12-05 21:29:29Z"], at: t0)
        #expect(bad.types.last == "ExecutionFailed")
        #expect(
            failure(state.status)?.1?.hasSuffix(
                "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: 2016-12-05 21:29:29Z") == true
        )
    }

    @Test func failStateErrorAndCauseFromExpressions() throws {
        let (status, _) = try run(
            #""A": {"Type": "Fail", "Error": "{% $states.input.e %}", "Cause": "{% 'because ' & $states.input.c %}"}"#,
            input: ["e": "Oops", "c": "reasons"])
        #expect(failure(status)?.0 == "Oops")
        #expect(failure(status)?.1 == "because reasons")
    }

    @Test func taskArgumentsResultAndTimeouts() throws {
        let i = try interpreter(
            machine(
                #""A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"}, "TimeoutSeconds": "{% 30 %}", "HeartbeatSeconds": "{% $states.input.hb %}", "Output": {"r": "{% $states.result.Payload %}", "in": "{% $states.input.hb %}"}, "Assign": {"last": "{% $states.result.Payload %}"}, "End": true}"#
            ))
        var (state, t) = i.start(input: ["hb": 5], at: t0)
        let dispatch = try #require(t.dispatches.first)
        #expect(dispatch.input == ["FunctionName": "f", "Payload": ["hb": 5]])
        #expect(dispatch.timeoutSeconds == 30)
        #expect(dispatch.heartbeatSeconds == 5)
        t = i.step(&state, on: .taskSucceeded(taskID: dispatch.taskID, output: ["Payload": "done"]), at: t0 + 1)
        #expect(output(state.status) == ["r": "done", "in": 5])
        #expect(
            t.events.first { $0.type == "TaskStateExited" }?.json()["stateExitedEventDetails"]?["assignedVariables"] == ["last": #""done""#]
        )
    }

    @Test func aCallbackTaskSendsItsTokenFromTheContext() throws {
        var i = try interpreter(
            machine(
                #""A": {"Type": "Task", "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken", "Arguments": {"Entries": [{"Detail": {"token": "{% $states.context.Task.Token %}", "order": "{% $states.input.id %}"}}]}, "End": true}"#
            ))
        i.mintToken = { _, id in "token-\(id)" }
        let (_, t) = i.start(input: ["id": 7], at: t0)
        #expect(t.dispatches.first?.input == ["Entries": [["Detail": ["token": "token-1", "order": 7]]]])
        #expect(t.dispatches.first?.token == "token-1")
    }

    @Test func aTasksOutputDefaultsToItsResultAndACatchersToTheErrorOutput() throws {
        let i = try interpreter(
            machine(
                #"""
                "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"}, "Next": "B",
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"err": "{% $states.errorOutput.Error %}", "was": "{% $states.input %}"}, "Next": "C"}]},
                "B": {"Type": "Succeed"},
                "C": {"Type": "Pass", "Output": {"caught": "{% $states.input %}", "err": "{% $err %}", "was": "{% $was %}"}, "End": true}
                """#))
        var (ok, t) = i.start(input: ["k": 1], at: t0)
        _ = i.step(&ok, on: .taskSucceeded(taskID: t.dispatches[0].taskID, output: ["v": 2]), at: t0 + 1)
        #expect(output(ok.status) == ["v": 2])
        var bad: ExecutionState
        (bad, t) = i.start(input: ["k": 1], at: t0)
        _ = i.step(&bad, on: .taskFailed(taskID: t.dispatches[0].taskID, error: "Boom", cause: "c"), at: t0 + 1)
        #expect(output(bad.status) == ["caught": ["Error": "Boom", "Cause": "c"], "err": "Boom", "was": ["k": 1]])
    }

    @Test func mapItemsItemSelectorAndVariableScopes() throws {
        let (status, _) = try run(
            #"""
            "A": {"Type": "Pass", "Assign": {"outer": 10}, "Next": "M"},
            "M": {"Type": "Map", "Items": "{% $states.input.xs %}", "MaxConcurrency": "{% 1 %}",
                  "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}", "i": "{% $states.context.Map.Item.Index %}"},
                  "ItemProcessor": {"StartAt": "P", "States": {
                      "P": {"Type": "Pass", "Assign": {"inner": "{% $states.input.v %}"}, "Next": "Q"},
                      "Q": {"Type": "Pass", "Output": "{% $inner * $outer + $states.input.i %}", "End": true}}},
                  "Next": "After"},
            "After": {"Type": "Pass", "Output": {"results": "{% $states.input %}", "innerOutside": "{% $exists($inner) %}"}, "End": true}
            """#,
            input: ["xs": [1, 2, 3]])
        #expect(output(status) == ["results": [10, 21, 32], "innerOutside": false])
    }

    @Test func mapInputMustBeAnArray() throws {
        let (status, t) = try run(
            #""A": {"Type": "Map", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}"#,
            input: ["not": "an array"])
        #expect(failure(status)?.1?.hasSuffix(#"Map state input must be an array but was: {"not":"an array"}"#) == true)
        #expect(t.types == ["ExecutionStarted", "MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed"])
    }

    @Test func parallelArgumentsAndBranchVariablesStayInTheBranch() throws {
        let (status, _) = try run(
            #"""
            "A": {"Type": "Parallel", "Arguments": {"n": "{% $states.input.n * 2 %}"}, "Branches": [
                    {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Assign": {"b": 1}, "Output": "{% $states.input.n %}", "End": true}}},
                    {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "Output": "{% $states.input.n + 1 %}", "End": true}}}],
                  "Output": {"sum": "{% $sum($states.result) %}", "b": "{% $exists($b) %}"}, "End": true}
            """#,
            input: ["n": 3])
        #expect(output(status) == ["sum": 13, "b": false])
    }

    @Test func stepFunctionsFunctions() throws {
        let (status, _) = try run(
            #"""
            "A": {"Type": "Pass", "Output": {
                "partition": "{% $partition([1, 2, 3, 4, 5], 2) %}",
                "range": "{% $range(0, 10, 5) %}",
                "single": "{% $range(1, 9, 9) %}",
                "hash": "{% $hash('input data', 'SHA-256') %}",
                "parse": "{% $parse('{\"a\": [1, true]}') %}",
                "seeded": "{% $random(42) = $random(42) %}",
                "unit": "{% $random() < 1 %}",
                "uuid": "{% $length($uuid()) %}"}, "End": true}
            """#)
        #expect(
            output(status) == [
                "partition": [[1, 2], [3, 4], [5]], "range": [0, 5, 10], "single": 1,
                "hash": "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
                "parse": ["a": [1, true]], "seeded": true, "unit": true, "uuid": 36,
            ])
    }

    @Test func evalIsNotAvailable() throws {
        let (status, _) = try run(#""A": {"Type": "Pass", "Output": "{% $eval('1 + 1') %}", "End": true}"#)
        #expect(failure(status)?.1?.hasSuffix("T1006: Attempted to invoke a non-function") == true)
    }

    @Test func runawayExpressionsHitLimits() throws {
        let (recursion, _) = try run(
            #""A": {"Type": "Pass", "Output": "{% ($f := function($n){ $f($n + 1) }; $f(0)) %}", "End": true}"#)
        #expect(failure(recursion)?.0 == "States.QueryEvaluationError")
        #expect(failure(recursion)?.1?.contains("U1001") == true)
        let (range, _) = try run(#""A": {"Type": "Pass", "Output": "{% $count([1..100000000]) %}", "End": true}"#)
        #expect(failure(range)?.1?.contains("D2014") == true)
    }

    @Test func variablesOverTheSizeLimitFail() throws {
        let (status, _) = try run(#""A": {"Type": "Pass", "Assign": {"big": "{% $pad('', 300000, 'x') %}"}, "End": true}"#)
        #expect(failure(status)?.0 == "States.Runtime")
        #expect(failure(status)?.1?.hasSuffix("The variable 'big' has a size exceeding the maximum number of bytes service limit.") == true)
    }

    @Test func jsonPathAndJSONataStatesShareVariables() throws {
        let i = try interpreter(
            #"""
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Result": {"v": 7}, "Assign": {"fromPath.$": "$.v"}, "Next": "B"},
              "B": {"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"fromJSONata": "{% $fromPath * 2 %}"}, "Next": "C"},
              "C": {"Type": "Pass", "Parameters": {"both.$": "States.Array($fromPath, $fromJSONata)"}, "End": true}}}
            """#)
        let (state, _) = i.start(input: [:], at: t0)
        #expect(output(state.status) == ["both": [7, 14]])
    }
}

@Suite struct JSONataValidationTests {
    private func diagnostics(_ text: String) -> [String] {
        StateMachine.validate(definition: text).map { "\($0.location): \($0.message)" }
    }

    @Test func jsonPathFieldsAreRefusedInJSONataStates() {
        let ds = diagnostics(machine(#""A": {"Type": "Pass", "Parameters": {"a": 1}, "ResultPath": "$.x", "End": true}"#))
        #expect(ds.contains("/States/A/Parameters: The field 'Parameters' is not supported with the JSONata query language"))
        #expect(ds.contains("/States/A/ResultPath: The field 'ResultPath' is not supported with the JSONata query language"))
    }

    @Test func jsonataFieldsAreRefusedInJSONPathStates() {
        let ds = diagnostics(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": {"a": 1}, "End": true}}}"#)
        #expect(ds == ["/States/A/Output: The field 'Output' is not supported with the JSONPath query language"])
    }

    @Test func aSyntaxErrorNamesTheFieldAndJSONatasCode() {
        let ds = diagnostics(machine(#""A": {"Type": "Pass", "Output": {"x": "{% $states.input.( %}"}, "End": true}"#))
        #expect(ds.count == 1)
        #expect(ds.first?.hasPrefix("/States/A/Output/x: The JSONata expression '$states.input.(' is not valid: S0") == true)
    }

    @Test func choiceRulesNeedACondition() {
        let ds = diagnostics(
            machine(
                #""A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "BooleanEquals": true, "Next": "B"}]}, "B": {"Type": "Succeed"}"#)
        )
        #expect(
            ds.contains(
                "/States/A/Choices/0/Variable: The field 'Variable' is not supported in a Choice Rule with the JSONata query language"))
        #expect(ds.contains("/States/A/Choices/0: These fields are required: [Condition]"))
    }

    @Test func variableNamesAreChecked() {
        let ds = diagnostics(machine(#""A": {"Type": "Pass", "Assign": {"states": 1, "9lives": 2, "ok_1": 3}, "End": true}"#))
        #expect(ds.count == 2)
        #expect(ds.allSatisfy { $0.contains("is not valid: it must start with a letter") })
    }

    @Test func itemsMustBeAnArrayOrAnExpression() {
        let ds = diagnostics(
            machine(
                #""A": {"Type": "Map", "Items": "nope", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}"#
            ))
        #expect(ds == ["/States/A/Items: The value for the field 'Items' must be an array or a JSONata expression"])
    }
}
