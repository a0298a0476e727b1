import CortadoEngine
import CortadoJSON
import Testing

@testable import CortadoLanguage

/// The load error for a mock config written as JSON text.
private func loadError(_ text: String) throws -> String? {
    let json = try JSON(parsing: text)
    do {
        _ = try MockConfig(json: json)
        return nil
    } catch {
        return error.description
    }
}

private func dispatch(_ state: String, attempt: Int, resource: String = "arn:aws:states:::lambda:invoke") -> TaskDispatch {
    TaskDispatch(
        taskID: 1, stateName: state, resource: resource, input: [:], timeoutSeconds: nil, heartbeatSeconds: nil, token: nil,
        attempt: attempt)
}

@Suite struct MockConfigTests {
    private let config = """
        {"StateMachines": {
           "A": {"TestCases": {"T": {"S": "R"}, "Shared": {"S": "R"}}},
           "B": {"TestCases": {"Shared": {"S": "Ok"}, "OnlyB": {"S": "Ok", "Other": "R"}}}},
         "MockedResponses": {
           "R": {"0": {"Throw": {"Error": "E0", "Cause": "c0"}}, "1-2": {"Throw": {"Error": "E12"}}, "3": {"Return": {"n": 3}}},
           "Ok": {"0": {"Return": "fine"}}}}
        """

    @Test func attemptsMapToTheirRangesAndThenTheLastResponse() throws {
        let c = try MockConfig(json: try JSON(parsing: config))
        let r = try #require(c.responses["R"])
        #expect(r.outcome(forAttempt: 0) == .failure(error: "E0", cause: "c0"))
        #expect(r.outcome(forAttempt: 1) == .failure(error: "E12", cause: nil))
        #expect(r.outcome(forAttempt: 2) == .failure(error: "E12", cause: nil))
        #expect(r.outcome(forAttempt: 3) == .success(["n": 3]))
        #expect(r.outcome(forAttempt: 17) == .success(["n": 3]))
    }

    @Test func testCasesAreFoundByMachineOrByUniqueName() throws {
        let c = try MockConfig(json: try JSON(parsing: config))
        #expect(try c.testCase("T", machine: "A") == ["S": "R"])
        #expect(try c.testCase("Shared", machine: "B") == ["S": "Ok"])
        // A file named otherwise still finds a test case only one machine has.
        #expect(try c.testCase("OnlyB", machine: "renamed") == ["S": "Ok", "Other": "R"])
        #expect(try c.testCase("T", machine: nil) == ["S": "R"])
    }

    @Test func ambiguousAndMissingTestCasesAreErrors() throws {
        let c = try MockConfig(json: try JSON(parsing: config))
        #expect(throws: MockConfig.LoadError.self) { try c.testCase("Shared", machine: "renamed") }
        do {
            _ = try c.testCase("Shared", machine: nil)
        } catch {
            #expect(
                error.description
                    == "several state machines have a test case named 'Shared' (A, B); name the definition file after one of them")
        }
        do {
            _ = try c.testCase("Nope", machine: "A")
        } catch {
            #expect(error.description == "no test case named 'Nope' in the mock config")
        }
    }

    @Test func answererAnswersMappedStatesPerAttempt() throws {
        let c = try MockConfig(json: try JSON(parsing: config))
        let a = try MockAnswerer(config: c, testCase: "OnlyB", machine: "B")
        #expect(a.answer(dispatch("S", attempt: 0)) == .success("fine"))
        #expect(a.answer(dispatch("Other", attempt: 2)) == .failure(error: "E12", cause: nil))
        #expect(
            a.answer(dispatch("Unmapped", attempt: 0, resource: "arn:x"))
                == .unanswerable("The Task state 'Unmapped' (resource arn:x) has no mocked response in test case 'OnlyB'"))
    }

    @Test func answererRefusesATestCaseNamingAMissingResponse() throws {
        let c = try MockConfig(json: try JSON(parsing: #"{"StateMachines": {"M": {"TestCases": {"T": {"S": "Ghost"}}}}}"#))
        do {
            _ = try MockAnswerer(config: c, testCase: "T", machine: "M")
            Issue.record("loaded")
        } catch {
            #expect(error.description == "test case 'T' maps state 'S' to 'Ghost', which is not in MockedResponses")
        }
    }

    @Test func noTaskAnswererNamesTheState() {
        #expect(
            NoTaskAnswerer().answer(dispatch("S", attempt: 0, resource: "arn:r"))
                == .unanswerable("The Task state 'S' (resource arn:r) has no mocked response; pass --mock-config FILE --test-case NAME"))
    }

    @Test(arguments: [
        ("[]", "the mock config must be a JSON object"),
        (#"{"StateMachines": []}"#, "StateMachines must be an object"),
        (#"{"StateMachines": {"M": {}}}"#, "StateMachines.M.TestCases must be an object"),
        (#"{"StateMachines": {"M": {"TestCases": {"T": "S"}}}}"#, "StateMachines.M.TestCases.T must map state names to response names"),
        (#"{"StateMachines": {"M": {"TestCases": {"T": {"S": 1}}}}}"#, "StateMachines.M.TestCases.T.S must be a response name"),
        (#"{"MockedResponses": []}"#, "MockedResponses must be an object"),
        (#"{"MockedResponses": {"R": [1]}}"#, #"MockedResponses.R must be an object keyed by attempt ("0", "1-2")"#),
        (
            #"{"MockedResponses": {"R": {"x": {"Return": 1}}}}"#,
            #"MockedResponses.R.x: an attempt key must be a number or a range such as "1-2""#
        ),
        (
            #"{"MockedResponses": {"R": {"2-1": {"Return": 1}}}}"#,
            #"MockedResponses.R.2-1: an attempt key must be a number or a range such as "1-2""#
        ),
        (
            #"{"MockedResponses": {"R": {"1-2-3": {"Return": 1}}}}"#,
            #"MockedResponses.R.1-2-3: an attempt key must be a number or a range such as "1-2""#
        ),
        (#"{"MockedResponses": {"R": {"0": 5}}}"#, "MockedResponses.R.0 must be an object"),
        (#"{"MockedResponses": {"R": {"0": {}}}}"#, "MockedResponses.R.0 must have a Return value or a Throw object with Error and Cause"),
        (
            #"{"MockedResponses": {"R": {"0": {"Throw": "E"}}}}"#,
            "MockedResponses.R.0 must have a Return value or a Throw object with Error and Cause"
        ),
    ])
    func malformedConfigs(text: String, message: String) throws {
        #expect(try loadError(text) == message)
    }

    @Test func returnMayBeAnyJSONValueIncludingNull() throws {
        let c = try MockConfig(json: try JSON(parsing: #"{"MockedResponses": {"R": {"0": {"Return": null}}}}"#))
        #expect(c.responses["R"]?.outcome(forAttempt: 0) == .success(nil))
    }

    @Test func negativeAttemptKeysAreRefused() throws {
        #expect(
            try loadError(#"{"MockedResponses": {"R": {"-1": {"Return": 1}}}}"#)
                == #"MockedResponses.R.-1: an attempt key must be a number or a range such as "1-2""#)
    }
}
