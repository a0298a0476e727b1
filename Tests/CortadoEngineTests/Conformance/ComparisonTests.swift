import CortadoJSON
import Foundation
import Testing

/// The comparison must accept what AWS recorded and reject what differs; otherwise the floor
/// proves nothing.
@Suite struct ComparisonTests {
    // MARK: Wildcards

    @Test func placeholdersMatchAnyText() {
        #expect(
            WildMatch.wildEqual(
                "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>",
                "arn:aws:states:us-east-1:111111111111:execution:machine_1:exec-2"))
        #expect(WildMatch.wildEqual("<uuid:1>", "0c1812a5-6e91-ba9b-af3d-e181f0d9c13a"))
        #expect(WildMatch.wildEqual("a<x>b", "ab"))
        #expect(WildMatch.wildEqual("line <x> end", "line one\ntwo end"))
        #expect(WildMatch.wildEqual("plain", "plain"))
    }

    @Test func literalPartsStayLiteralAndAnchored() {
        #expect(!WildMatch.wildEqual("plain", "plainer"))
        #expect(!WildMatch.wildEqual("a.c<x>", "abc"))
        #expect(!WildMatch.wildEqual("<x>end", "end and more"))
        #expect(!WildMatch.wildEqual("start<x>", "a start"))
        #expect(!WildMatch.wildEqual("a<x>c", "abd"))
        #expect(WildMatch.isWholePlaceholder("<uuid:1>"))
        #expect(!WildMatch.isWholePlaceholder("<a> and <b>"))
        #expect(!WildMatch.isWholePlaceholder("x<a>"))
    }

    @Test func wildcardsApplyInsideJSON() throws {
        let c = try Corpus.load(category: "scenarios", name: "base_scenarios__test_parallel_state_order")
        let comparison = ConformanceComparison(c)
        let expected: JSON = ["arn": "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>", "n": [1, 2.5]]
        let actual: JSON = [
            "n": [1.0, 2.5], "arn": "arn:aws:states:eu-west-2:123456789012:stateMachine:statemachine_create_and_record_execution_e5558b1e",
        ]
        #expect(comparison.jsonDifference(expected: expected, actual: actual, path: "output") == nil)
        let wrong: JSON = ["n": [1, 2.5], "arn": "arn:aws:states:eu-west-2:123456789012:activity:x"]
        #expect(comparison.jsonDifference(expected: expected, actual: wrong, path: "output")?.path == "output.arn")
        // The snapshot tool parsed JSON text into objects, and replaced ISO date-times by `date`.
        #expect(comparison.jsonDifference(expected: ["a": ["b": 1]], actual: ["a": #"{"b":1}"#], path: "") == nil)
        #expect(
            comparison.jsonDifference(expected: ["StartTime": "date"], actual: ["StartTime": "2024-05-01T10:00:00.123Z"], path: "") == nil)
        #expect(comparison.jsonDifference(expected: ["k": "date"], actual: ["k": "yesterday"], path: "") != nil)
    }

    // MARK: Parallel sorting

    @Test func parallelSortingFollowsLocalStack() throws {
        // A nested Parallel as AWS reports it; LocalStack's transformer renumbers branch events,
        // drops both ParallelStateSucceeded events and the inner ParallelStateExited.
        func event(_ id: Int, _ type: String) -> JSON { ["id": .int(id), "previousEventId": .int(id - 1), "type": .string(type)] }
        let aws: [JSON] = [
            event(1, "ExecutionStarted"), event(2, "ParallelStateEntered"), event(3, "ParallelStateStarted"),
            event(4, "ParallelStateEntered"), event(5, "ParallelStateStarted"), event(6, "PassStateEntered"),
            event(7, "PassStateExited"), event(8, "ParallelStateSucceeded"), event(9, "ParallelStateExited"),
            event(10, "ParallelStateSucceeded"), event(11, "ParallelStateExited"), event(12, "ExecutionSucceeded"),
        ]
        let sorted = ParallelEventsSorting.apply(aws)
        #expect(sorted.map { $0["id"]! } == [1, 2, 3, [0], 5, [0], [0], 11, 12])
        #expect(
            sorted.map { $0["type"]!.stringValue! } == [
                "ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted", "ParallelStateEntered",
                "ParallelStateStarted", "PassStateEntered", "PassStateExited", "ParallelStateExited", "ExecutionSucceeded",
            ])
        // Already normalized events come back unchanged.
        #expect(ParallelEventsSorting.apply(sorted).map { $0["type"]! } == sorted.map { $0["type"]! })
    }

    @Test func parallelBranchOrderDoesNotMatter() throws {
        let c = try Corpus.load(category: "scenarios", name: "base_scenarios__test_parallel_state_order")
        // What AWS would report with the branches finishing in another order.
        var events: [JSON] = [
            [
                "id": 1, "previousEventId": 0, "type": "ExecutionStarted", "timestamp": 1.0,
                "executionStartedEventDetails": [
                    "input": "{}", "inputDetails": ["truncated": false], "roleArn": "arn:aws:iam::111111111111:role/x",
                ],
            ],
            [
                "id": 2, "previousEventId": 0, "type": "ParallelStateEntered",
                "stateEnteredEventDetails": ["name": "StartState", "input": "{}", "inputDetails": ["truncated": false]],
            ],
            ["id": 3, "previousEventId": 2, "type": "ParallelStateStarted"],
        ]
        var id = 3
        for branch in [2, 0, 3, 1] {
            id += 1
            events.append([
                "id": .int(id), "previousEventId": .int(id - 1), "type": "PassStateEntered",
                "stateEnteredEventDetails": ["name": .string("Branch\(branch)"), "input": "{}"],
            ])
        }
        for branch in [3, 1, 0, 2] {
            id += 1
            events.append([
                "id": .int(id), "previousEventId": .int(id - 1), "type": "PassStateExited",
                "stateExitedEventDetails": ["name": .string("Branch\(branch)"), "output": .string(#"{"branch":\#(branch)}"#)],
            ])
        }
        let output = #"[{"branch":0},{"branch":1},{"branch":2},{"branch":3}]"#
        events += [
            ["id": 12, "previousEventId": 11, "type": "ParallelStateSucceeded"],
            [
                "id": 13, "previousEventId": 11, "type": "ParallelStateExited",
                "stateExitedEventDetails": ["name": "StartState", "output": .string(output)],
            ],
            [
                "id": 14, "previousEventId": 13, "type": "ExecutionSucceeded",
                "executionSucceededEventDetails": ["output": .string(output)],
            ],
        ]
        var run = ConformanceRun(status: "SUCCEEDED", output: try JSON(parsing: output), history: events)
        let comparison = ConformanceComparison(c)
        #expect(comparison.finalDifference(run) == nil)
        #expect(comparison.historyDifference(run) == nil)

        // A branch that produced something else is still caught.
        run.history[8] = [
            "id": 9, "previousEventId": 8, "type": "PassStateExited",
            "stateExitedEventDetails": ["name": "Branch1", "output": #"{"branch":7}"#],
        ]
        let d = comparison.historyDifference(run)
        #expect(d?.path.contains("parallel, unordered") == true)
    }

    // MARK: The harness can fail

    @Test func recordingMatchesItself() throws {
        for c in try Corpus.allCases() {
            let comparison = ConformanceComparison(c)
            let run = ConformanceRun(recordingOf: c)
            #expect(comparison.finalDifference(run) == nil, "\(c.name)")
            #expect(comparison.historyDifference(run) == nil, "\(c.name)")
        }
    }

    /// The recordings with their placeholders turned back into plausible run values (names, ARNs in
    /// another region and the `aws` partition) still match: the normalization undoes what an engine
    /// would differ in.
    @Test func recordingWithConcreteValuesMatches() throws {
        for c in try Corpus.allCases() {
            var concrete = c
            let reverse: [(String, String)] = c.snapshotReplacements.compactMap {
                guard case .regex(let pattern, let replacement) = $0,
                    !pattern.contains(where: { "\\^$.|?*+()[]{}".contains($0) })
                else { return nil }
                return (replacement, pattern)
            }
            func concretize(_ value: JSON) -> JSON {
                switch value {
                case .string(var s):
                    for (placeholder, original) in reverse { s = s.replacingOccurrences(of: placeholder, with: original) }
                    s = s.replacingOccurrences(of: "arn:<partition>:", with: "arn:aws:")
                    s = s.replacingOccurrences(of: "<region>", with: "eu-central-1")
                    return .string(s)
                case .array(let a): return .array(a.map(concretize))
                case .object(let o):
                    var result = JSONObject()
                    for (k, v) in o { result[k] = concretize(v) }
                    return .object(result)
                default: return value
                }
            }
            concrete.expected.output = concretize(c.expected.output)
            concrete.expected.error = c.expected.error.map { concretize(.string($0)).stringValue! }
            concrete.expected.cause = c.expected.cause.map(concretize)
            concrete.expectedHistory = c.expectedHistory?.map(concretize)
            let comparison = ConformanceComparison(c)
            let run = ConformanceRun(recordingOf: concrete)
            #expect(comparison.finalDifference(run) == nil, "\(c.name)")
            #expect(comparison.historyDifference(run) == nil, "\(c.name)")
        }
    }

    @Test func wrongResultsFail() throws {
        let succeeded = try Corpus.load(category: "scenarios", name: "base_scenarios__test_parallel_state_order")
        let comparison = ConformanceComparison(succeeded)
        var run = ConformanceRun(recordingOf: succeeded)

        run.output = [["branch": 0], ["branch": 1], ["branch": 2], ["branch": 4]]
        #expect(comparison.finalDifference(run)?.path == "output[3].branch")

        run = ConformanceRun(recordingOf: succeeded)
        run.status = "FAILED"
        run.error = "States.Runtime"
        #expect(comparison.finalDifference(run)?.path == "status")

        run = ConformanceRun(recordingOf: succeeded)
        run.history.removeLast()
        #expect(comparison.historyDifference(run)?.path == "history")

        run = ConformanceRun(recordingOf: succeeded)
        run.history[1] = [
            "id": 2, "previousEventId": 0, "type": "ParallelStateEntered",
            "stateEnteredEventDetails": ["name": "StartState", "input": #"{"x":1}"#],
        ]
        #expect(comparison.historyDifference(run)?.path == "history[1] (ParallelStateEntered).stateEnteredEventDetails.input")
    }

    @Test func wrongErrorOrCauseFails() throws {
        let failed = try #require(
            try Corpus.allCases().first { $0.expected.status == "FAILED" && $0.expected.cause != nil && $0.expected.error != nil })
        let comparison = ConformanceComparison(failed)
        var run = ConformanceRun(recordingOf: failed)
        #expect(comparison.finalDifference(run) == nil)
        run.error = "States.NotTheError"
        #expect(comparison.finalDifference(run)?.path == "error")
        run = ConformanceRun(recordingOf: failed)
        run.cause = "something else entirely"
        #expect(comparison.finalDifference(run)?.path == "cause")
    }

    @Test func wrongRunnerLowersTheRates() async throws {
        let cases = Array(try Corpus.conformanceCases().prefix(20))
        let report = await ConformanceReport.run(cases) { c in
            var run = ConformanceRun(recordingOf: c)
            run.status = run.status == "SUCCEEDED" ? "FAILED" : "SUCCEEDED"
            run.history = []
            return run
        }
        #expect(report.finalPassed == 0)
        #expect(report.historyPassed == 0)
        #expect(report.finalRate < ConformanceFloorTests.finalFloor)

        let throwing = await ConformanceReport.run(cases) { _ in throw CorpusError(description: "boom") }
        #expect(throwing.outcomes.allSatisfy { $0.finalDifference == "runner threw: boom" })
    }

    @Test func selectionIsPureASLInBothLanguages() throws {
        let all = try Corpus.allCases()
        let selected = try Corpus.conformanceCases()
        #expect(all.allSatisfy { $0.isPure || $0.runsOnServer })
        #expect(selected.allSatisfy { $0.isPure })
        #expect(selected.contains { $0.usesJSONata })
        #expect(selected.count < all.count)
        // Cases that only mention JSONata inside strings are JSONPath cases.
        #expect(selected.contains { $0.name == "assign_base__test_base_cases__BASE_VAR" })
    }
}
