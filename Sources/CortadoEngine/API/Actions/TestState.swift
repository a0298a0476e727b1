import CortadoJSON
import CortadoLanguage
import Foundation

extension StepFunctionsService {
    /// `TestState`: runs one state on its own, offline, with its Task answered by `mock` (`result` or
    /// `errorOutput`). Answers the state's output, status (SUCCEEDED, FAILED, CAUGHT_ERROR, RETRIABLE),
    /// the next state, and at DEBUG/TRACE level the input as the state received it.
    ///
    /// The state runs inside a one-state machine whose transitions lead to stand-in Succeed states, so the
    /// interpreter's own data flow, Catch and error texts apply unchanged. See docs/architecture/api.md.
    func testState(_ r: Request) async throws -> JSON {
        let definitionText = try r.requiredString("definition")
        try r.checkLength(definitionText, "definition", max: 1_048_576)
        if let role = try r.string("roleArn") { try checkRoleArn(role) }
        let inputText = try r.string("input") ?? "{}"
        try checkPayload(inputText, member: "input")
        let level = try r.string("inspectionLevel") ?? "INFO"
        guard ["INFO", "DEBUG", "TRACE"].contains(level) else {
            throw AWSError.constraint("'\(level)'", at: "inspectionLevel", "Member must satisfy enum value set: [INFO, DEBUG, TRACE]")
        }
        guard case .success(let input) = Self.parseDocument(inputText) else {
            throw AWSError("InvalidExecutionInput", "Invalid State Machine Execution Input: 'the input is not valid JSON'")
        }
        guard case .success(let stateJSON) = Self.parseDocument(definitionText), case .object(var state) = stateJSON else {
            throw AWSError("InvalidDefinition", "Invalid State Machine Definition: 'the definition must be a JSON object'")
        }
        if state["StartAt"] != nil, case .object(let states)? = state["States"] {
            // A whole state machine: test its first state, or the one `stateName` names, in the machine's
            // query language unless the state chooses its own.
            let name = try r.string("stateName") ?? state["StartAt"]?.stringValue ?? ""
            guard case .object(var s)? = states[name] else {
                throw AWSError("ValidationException", "The state '\(name)' is not in the definition")
            }
            if s["QueryLanguage"] == nil, let language = state["QueryLanguage"] { s["QueryLanguage"] = language }
            state = s
        }
        var variables: [String: JSON] = [:]
        if let text = try r.string("variables") {
            guard case .success(.object(let o)) = Self.parseDocument(text) else {
                throw AWSError.validation("The variables must be a JSON object of variable names and values")
            }
            for (k, v) in o { variables[k] = v }
        }
        let retriers = state["Retry"]?.arrayValue ?? []
        state["Retry"] = nil
        let name = "TestState"
        var targets = Set<String>()
        if let next = state["Next"]?.stringValue { targets.insert(next) }
        if let d = state["Default"]?.stringValue { targets.insert(d) }
        for rule in state["Choices"]?.arrayValue ?? [] { if let n = rule["Next"]?.stringValue { targets.insert(n) } }
        for c in state["Catch"]?.arrayValue ?? [] { if let n = c["Next"]?.stringValue { targets.insert(n) } }
        targets.remove(name)
        var states: JSONObject = [name: .object(state)]
        for t in targets.sorted() { states[t] = ["Type": "Succeed"] }
        let machineJSON: JSON = ["StartAt": .string(name), "States": .object(states)]
        let machine: StateMachine
        do { machine = try StateMachine(definition: machineJSON) } catch {
            let listed = error.diagnostics.filter { $0.severity == .error }.map {
                "\($0.code): \($0.message)\($0.location.isEmpty ? "" : " at \($0.location.replacingOccurrences(of: "/States/\(name)", with: ""))")"
            }
            throw AWSError("InvalidDefinition", "Invalid State Machine Definition: '\(listed.joined(separator: ", "))'")
        }
        let answerer = try MockTaskAnswer(try r.object("mock"))
        let arn = arnPrefix + "execution:TestStateMachine:" + UUID().uuidString.lowercased()
        let info = ExecutionInfo(
            executionArn: arn, executionName: "TestState", stateMachineArn: arnPrefix + "stateMachine:TestStateMachine",
            stateMachineName: "TestStateMachine",
            roleArn: try r.string("roleArn") ?? "arn:aws:iam::\(configuration.account):role/TestState",
            region: configuration.region)
        var interpreter = Interpreter(machine: machine, info: info)
        interpreter.payloadLimit = configuration.payloadLimit
        let result = LocalRunner(interpreter: interpreter, answerer: answerer, startTime: engine.clock.now())
            .run(input: input, variables: variables)
        if let why = result.stoppedBecause, answerer.mock == nil {
            throw AWSError("ValidationException", "TestState runs Task states offline: give a mock (result or errorOutput). \(why)")
        }
        let entered = result.history.filter { $0.type.hasSuffix("StateEntered") }.compactMap { e -> String? in
            e.details.first { $0.0 == "name" }.flatMap { if case .string(let s) = $0.1 { s } else { nil } }
        }
        let next = entered.count > 1 ? entered[1] : nil
        let failure = result.history.first { $0.type.hasSuffix("Failed") || $0.type.hasSuffix("TimedOut") }
        func detail(_ e: HistoryEvent?, _ key: String) -> String? {
            e?.details.first { $0.0 == key }.flatMap { if case .string(let s) = $0.1 { s } else { nil } }
        }
        var o = JSONObject()
        switch result.status {
        case .succeeded(let output):
            o["output"] = .string(output.text)
            if let failure, let error = detail(failure, "error") {
                o["error"] = .string(error)
                if let c = detail(failure, "cause") { o["cause"] = .string(c) }
                o["status"] = "CAUGHT_ERROR"
            } else {
                o["status"] = "SUCCEEDED"
            }
            if let next { o["nextState"] = .string(next) }
        case .failed(let e, let c), .timedOut(let e, let c), .aborted(let e, let c):
            if let e { o["error"] = .string(e) }
            if let c { o["cause"] = .string(c) }
            let retriable = retriers.contains { rule in
                let names = rule["ErrorEquals"]?.arrayValue?.compactMap(\.stringValue) ?? []
                let attempts = rule["MaxAttempts"]?.intValue ?? 3
                return attempts > 0
                    && names.contains { $0 == e || $0 == "States.ALL" || ($0 == "States.TaskFailed" && !(e ?? "").hasPrefix("States.")) }
            }
            o["status"] = retriable ? "RETRIABLE" : "FAILED"
        case .running:
            o["status"] = "FAILED"
            o["error"] = "States.Runtime"
            o["cause"] = .string(result.stoppedBecause ?? "The state did not finish")
        }
        if level != "INFO" {
            // The variables after the state: those it was given, then those it assigned.
            var after = JSONObject()
            for k in variables.keys.sorted() { after[k] = variables[k] }
            let exited = result.history.first {
                $0.type.hasSuffix("StateExited") && $0.details.contains { $0.0 == "name" && $0.1 == .string(name) }
            }
            if case .variables(let assigned)? = exited?.details.first(where: { $0.0 == "assignedVariables" })?.1 {
                for (k, v) in assigned { after[k] = v }
            }
            o["inspectionData"] = ["input": .string(input.text), "variables": .string(JSON.object(after).text)]
        }
        return .object(o)
    }
}

/// Answers TestState's one Task from the request's `mock`.
struct MockTaskAnswer: TaskAnswerer {
    let mock: JSONObject?

    init(_ mock: JSONObject?) throws(AWSError) {
        self.mock = mock
        guard let mock else { return }
        if mock["result"] == nil, mock["errorOutput"] == nil {
            throw AWSError.validation("The mock must have either a result or an errorOutput")
        }
        if case .string(let text)? = mock["result"], (try? JSON(parsing: text)) == nil {
            throw AWSError.validation("The mock result is not valid JSON")
        }
    }

    func answer(_ task: TaskDispatch) -> TaskOutcome {
        guard let mock else { return .unanswerable("No mock for the Task state's resource \(task.resource)") }
        if case .string(let text)? = mock["result"], let value = try? JSON(parsing: text) { return .success(value) }
        if case .object(let e)? = mock["errorOutput"] {
            return .failure(error: e["error"]?.stringValue, cause: e["cause"]?.stringValue)
        }
        return .unanswerable("The mock has neither result nor errorOutput")
    }
}
