import CortadoJSON
import Testing

@testable import CortadoLanguage

/// The diagnostics `StateMachine(definition:)` throws for `text`, failing the test if it loads.
private func loadErrors(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
    do {
        _ = try StateMachine(definition: text)
        Issue.record("the definition loaded", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.diagnostics
    }
}

/// `location: message` for each diagnostic, as a person reads them.
private func located(_ ds: [Diagnostic]) -> [String] { ds.map { "\($0.code) \($0.location): \($0.message)" } }

@Suite struct ValidationTests {
    @Test func validDefinitionLoadsAndValidatesClean() throws {
        let text = #"{"Comment": "ok", "StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#
        let m = try StateMachine(definition: text)
        #expect(m.startAt == "A")
        #expect(m.stateNames == ["A", "B"])
        #expect(m.comment == "ok")
        #expect(StateMachine.validate(definition: text) == [])
    }

    @Test func invalidJSON() {
        let ds = loadErrors(#"{"StartAt": "A", "States": {"A": }}"#)
        #expect(ds.count == 1)
        #expect(ds.first?.code == "INVALID_JSON_DESCRIPTION")
        #expect(ds.first?.location == "")
        #expect(ds.first?.message == "The definition is not valid JSON: Unexpected character '}', expected a value at line 1, column 34")
        #expect(StateMachine.validate(definition: "nope").first?.code == "INVALID_JSON_DESCRIPTION")
    }

    @Test func missingNextTarget() {
        let ds = loadErrors(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nope"}, "B": {"Type": "Succeed"}}}"#)
        #expect(located(ds).contains("MISSING_TRANSITION_TARGET /States/A/Next: Missing 'Next' target: Nope"))
        #expect(ds.first { $0.code == "MISSING_TRANSITION_TARGET" }?.severity == .error)
    }

    @Test func missingStartAtTarget() {
        let ds = loadErrors(#"{"StartAt": "Z", "States": {"A": {"Type": "Succeed"}}}"#)
        #expect(located(ds).first == "MISSING_TRANSITION_TARGET /StartAt: Missing 'Next' target: Z")
    }

    @Test func missingCatchAndChoiceTargets() {
        let ds = loadErrors(
            """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "X"}], "Default": "Y"},
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Q"}]}}}
            """)
        let targets = located(ds.filter { $0.code == "MISSING_TRANSITION_TARGET" })
        #expect(
            targets == [
                "MISSING_TRANSITION_TARGET /States/C/Choices/0/Next: Missing 'Next' target: X",
                "MISSING_TRANSITION_TARGET /States/C/Default: Missing 'Next' target: Y",
                "MISSING_TRANSITION_TARGET /States/T/Catch/0/Next: Missing 'Next' target: Q",
            ])
    }

    @Test func unreachableState() {
        let ds = loadErrors(#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Pass", "End": true}}}"#)
        #expect(located(ds) == ["SCHEMA_VALIDATION_FAILED /States/B: State 'B' is not reachable"])
    }

    @Test func unknownField() {
        let ds = loadErrors(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Foo": 1}}}"#)
        #expect(located(ds) == ["SCHEMA_VALIDATION_FAILED /States/A/Foo: Field 'Foo' is not supported by a Pass state"])
        let top = loadErrors(#"{"StartAt": "A", "Bar": 2, "States": {"A": {"Type": "Succeed"}}}"#)
        #expect(located(top) == ["SCHEMA_VALIDATION_FAILED /Bar: The field 'Bar' is not supported by Step Functions"])
    }

    @Test func nextAndEndTogether() {
        let ds = loadErrors(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B", "End": true}, "B": {"Type": "Succeed"}}}"#)
        #expect(located(ds).contains("SCHEMA_VALIDATION_FAILED /States/A: A state cannot have both 'Next' and 'End': true"))
    }

    @Test func neitherNextNorEnd() {
        let ds = loadErrors(#"{"StartAt": "A", "States": {"A": {"Type": "Pass"}, "B": {"Type": "Succeed"}}}"#)
        #expect(located(ds).contains("SCHEMA_VALIDATION_FAILED /States/A: This state must have either a 'Next' field or \"End\": true"))
    }

    @Test func badJSONPathInInputPath() {
        let ds = loadErrors(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.a[", "End": true}}}"#)
        #expect(
            located(ds) == ["SCHEMA_VALIDATION_FAILED /States/A/InputPath: The value for the field 'InputPath' must be a valid JSONPath"])
        let noDollar = loadErrors(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "OutputPath": "a.b", "End": true}}}"#)
        #expect(noDollar.map(\.location) == ["/States/A/OutputPath"])
    }

    @Test func badIntrinsicInParameters() {
        let ds = loadErrors(
            #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"outer": {"x.$": "States.Format('a', $.b"}}, "End": true}}}"#
        )
        #expect(ds.count == 1)
        #expect(ds.first?.location == "/States/A/Parameters/outer/x.$")
        #expect(
            ds.first?.message.hasPrefix("The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call: ")
                == true)
    }

    @Test func badPathInParameters() {
        let ds = loadErrors(
            #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"list": [{"y.$": "$$.a b"}]}, "End": true}}}"#)
        #expect(
            located(ds) == [
                "SCHEMA_VALIDATION_FAILED /States/A/Parameters/list/0/y.$: The value for the field 'y.$' must be a valid JSONPath or a valid intrinsic function call"
            ])
    }

    @Test func nestedBranchesReportFullLocations() {
        let ds = loadErrors(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}},
              {"StartAt": "Y", "States": {"Y": {"Type": "Pass", "Next": "Gone"}}}]}}}
            """)
        #expect(located(ds).contains("MISSING_TRANSITION_TARGET /States/P/Branches/1/States/Y/Next: Missing 'Next' target: Gone"))
    }

    @Test func retrierFieldsAreChecked() {
        let ds = loadErrors(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true, "Retry": [{"ErrorEquals": ["E"], "BackoffRate": 0.5}]}}}"#
        )
        #expect(located(ds) == ["SCHEMA_VALIDATION_FAILED /States/T/Retry/0/BackoffRate: BackoffRate must be a number not less than 1.0"])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let text = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Foo": 1, "Next": "Nope"}, "B": {"Type": "Wait", "End": true}}}"#
        let ds = loadErrors(text)
        #expect(Set(ds.map(\.location)).isSuperset(of: ["/States/A/Foo", "/States/A/Next", "/States/B"]))
        // validate(definition:) reports the same problems without throwing.
        #expect(StateMachine.validate(definition: text) == ds)
    }

    @Test func missingRequiredFields() {
        #expect(
            located(loadErrors(#"{"States": {"A": {"Type": "Succeed"}}}"#)) == [
                "SCHEMA_VALIDATION_FAILED /: These fields are required: [StartAt]"
            ])
        #expect(located(loadErrors(#"{"StartAt": "A"}"#)) == ["SCHEMA_VALIDATION_FAILED /: These fields are required: [States]"])
        #expect(
            located(loadErrors(#"{"StartAt": "A", "States": {"A": {"Type": "Teleport"}}}"#)).first
                == "SCHEMA_VALIDATION_FAILED /States/A/Type: 'Teleport' is not a valid state type; expected one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map"
        )
    }

    @Test func aStateWithAnInvalidTypeIsReportedOnce() {
        let ds = loadErrors(#"{"StartAt": "A", "States": {"A": {"Type": "Teleport"}}}"#)
        #expect(ds.map(\.location) == ["/States/A/Type"])
    }

    @Test func descriptionNamesSeverityCodeAndLocation() {
        let d = Diagnostic(code: "MISSING_TRANSITION_TARGET", message: "Missing 'Next' target: B", location: "/States/A/Next")
        #expect(d.description == "ERROR MISSING_TRANSITION_TARGET at /States/A/Next: Missing 'Next' target: B")
        #expect(DefinitionError([d]).description == d.description)
    }
}

@Suite struct ErrorEqualsValidationTests {
    @Test func statesAllMustBeTheLastCatcher() throws {
        let text = """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}, {"ErrorEquals": ["X"], "Next": "F"}]},
              "F": {"Type": "Fail"}}}
            """
        let ds = StateMachine.validate(definition: text)
        #expect(ds.map(\.location) == ["/States/T/Catch/0/ErrorEquals"])
        #expect(ds.first?.message == "A Catcher with States.ALL must be the last one")
    }
}
