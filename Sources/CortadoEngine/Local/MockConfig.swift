import CortadoJSON
import CortadoLanguage

/// A Step Functions Local `MockConfigFile`: test cases map state names to mocked responses, and a
/// mocked response gives a `Return` or a `Throw` per attempt (`"0"`, `"1-2"`, ...).
public struct MockConfig: Sendable {
    public struct Response: Sendable {
        /// Inclusive attempt ranges in the order written.
        public var attempts: [(range: ClosedRange<Int>, outcome: TaskOutcome)]

        public func outcome(forAttempt attempt: Int) -> TaskOutcome? {
            if let hit = attempts.first(where: { $0.range.contains(attempt) }) { return hit.outcome }
            // Past the last range, the last response keeps answering.
            return attempts.max(by: { $0.range.upperBound < $1.range.upperBound })?.outcome
        }
    }

    /// State machine name → test case name → state name → response name.
    public var testCases: [String: [String: [String: String]]]
    public var responses: [String: Response]

    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(json: JSON) throws(LoadError) {
        guard case .object(let root) = json else { throw LoadError(description: "the mock config must be a JSON object") }
        testCases = [:]
        responses = [:]
        if let machines = root["StateMachines"] {
            guard case .object(let ms) = machines else { throw LoadError(description: "StateMachines must be an object") }
            for (machine, body) in ms {
                guard case .object(let cases)? = body["TestCases"] else {
                    throw LoadError(description: "StateMachines.\(machine).TestCases must be an object")
                }
                var byCase: [String: [String: String]] = [:]
                for (name, mapping) in cases {
                    guard case .object(let m) = mapping else {
                        throw LoadError(description: "StateMachines.\(machine).TestCases.\(name) must map state names to response names")
                    }
                    var states: [String: String] = [:]
                    for (state, response) in m {
                        guard let r = response.stringValue else {
                            throw LoadError(description: "StateMachines.\(machine).TestCases.\(name).\(state) must be a response name")
                        }
                        states[state] = r
                    }
                    byCase[name] = states
                }
                testCases[machine] = byCase
            }
        }
        if let mocked = root["MockedResponses"] {
            guard case .object(let rs) = mocked else { throw LoadError(description: "MockedResponses must be an object") }
            for (name, body) in rs {
                guard case .object(let byAttempt) = body else {
                    throw LoadError(description: "MockedResponses.\(name) must be an object keyed by attempt (\"0\", \"1-2\")")
                }
                var attempts: [(ClosedRange<Int>, TaskOutcome)] = []
                for (key, value) in byAttempt {
                    let where_ = "MockedResponses.\(name).\(key)"
                    // "N" or "N-M": digits only, so "-1" and "1--2" are refused.
                    let parts = key.split(separator: "-", omittingEmptySubsequences: false)
                    let numbers = parts.map { p in p.allSatisfy(\.isASCII) && p.allSatisfy(\.isNumber) && !p.isEmpty ? Int(p) : nil }
                    guard (1...2).contains(numbers.count), let lo = numbers.first ?? nil, let hi = numbers.last ?? nil, hi >= lo else {
                        throw LoadError(description: "\(where_): an attempt key must be a number or a range such as \"1-2\"")
                    }
                    guard case .object(let o) = value else { throw LoadError(description: "\(where_) must be an object") }
                    if let r = o["Return"] {
                        attempts.append((lo...hi, .success(r)))
                    } else if case .object(let t)? = o["Throw"] {
                        attempts.append((lo...hi, .failure(error: t["Error"]?.stringValue, cause: t["Cause"]?.stringValue)))
                    } else {
                        throw LoadError(description: "\(where_) must have a Return value or a Throw object with Error and Cause")
                    }
                }
                responses[name] = Response(attempts: attempts)
            }
        }
    }

    /// The state→response mapping of a test case: from `machine` when given and present, else from
    /// the only state machine that has a test case of that name.
    public func testCase(_ name: String, machine: String?) throws(LoadError) -> [String: String] {
        if let machine, let c = testCases[machine]?[name] { return c }
        let hits = testCases.filter { $0.value[name] != nil }
        guard hits.count == 1, let only = hits.first?.value[name] else {
            if hits.isEmpty { throw LoadError(description: "no test case named '\(name)' in the mock config") }
            throw LoadError(
                description:
                    "several state machines have a test case named '\(name)' (\(hits.keys.sorted().joined(separator: ", "))); name the definition file after one of them"
            )
        }
        return only
    }
}

/// Answers tasks from one test case of a mock config.
public struct MockAnswerer: TaskAnswerer {
    public var config: MockConfig
    public var testCaseName: String
    public var mapping: [String: String]

    public init(config: MockConfig, testCase: String, machine: String?) throws(MockConfig.LoadError) {
        self.config = config
        self.testCaseName = testCase
        self.mapping = try config.testCase(testCase, machine: machine)
        for (state, response) in mapping where config.responses[response] == nil {
            throw MockConfig.LoadError(
                description: "test case '\(testCase)' maps state '\(state)' to '\(response)', which is not in MockedResponses")
        }
    }

    public func answer(_ task: TaskDispatch) -> TaskOutcome {
        guard let name = mapping[task.stateName], let response = config.responses[name],
            let outcome = response.outcome(forAttempt: task.attempt)
        else {
            return .unanswerable(
                "The Task state '\(task.stateName)' (resource \(task.resource)) has no mocked response in test case '\(testCaseName)'")
        }
        return outcome
    }
}

/// Answers no task: every Task state stops the run with a message naming it.
public struct NoTaskAnswerer: TaskAnswerer {
    public init() {}
    public func answer(_ task: TaskDispatch) -> TaskOutcome {
        .unanswerable(
            "The Task state '\(task.stateName)' (resource \(task.resource)) has no mocked response; pass --mock-config FILE --test-case NAME"
        )
    }
}
