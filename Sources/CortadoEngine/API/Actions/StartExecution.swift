import CortadoJSON
import CortadoStore
import Foundation

extension StepFunctionsService {
    /// `StartExecution`. The same name with the same input while the execution runs returns it; any
    /// other reuse of a name is `ExecutionAlreadyExists`.
    func startExecution(_ r: Request) async throws -> JSON {
        let (machine, start) = try await startRequest(r)
        let engine = machine.type == .express ? express : self.engine
        let created = try await engine.start(start)
        return ["executionArn": .string(created.record.arn), "startDate": Self.date(created.record.startDate)]
    }

    /// The checked request of `StartExecution` and `StartSyncExecution`.
    func startRequest(_ r: Request) async throws -> (StateMachineRecord, Engine.StartRequest) {
        let arn = try r.requiredString("stateMachineArn")
        let name = try r.string("name") ?? UUID().uuidString.lowercased()
        try checkName(name)
        let inputText = try r.string("input") ?? "{}"
        try checkPayload(inputText, member: "input")
        let input: JSON
        switch Self.parseDocument(inputText) {
        case .success(let v): input = v
        case .failure(let e):
            // AWS's words for an empty input (recorded); otherwise the parser's.
            let why = inputText.allSatisfy(\.isWhitespace) ? "Invalid execution input." : e.message
            throw AWSError("InvalidExecutionInput", "Invalid State Machine Execution Input: '\(why)'")
        }
        let machine = try await resolveStateMachine(arn)
        var request = Engine.StartRequest(stateMachine: machine, name: name, input: input, inputText: inputText)
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 8 {
            request.versionArn = machine.arn
            if Int(parts[7]) == nil { request.aliasArn = arn }
        }
        return (machine, request)
    }

    /// Payloads past the configured limit are refused before anything is stored. The limit is in UTF-8
    /// bytes, and the payload is not echoed: AWS marks these members sensitive.
    func checkPayload(_ text: String, member: String) throws(AWSError) {
        let limit = configuration.payloadLimit
        if text.utf8.count > limit {
            throw .validation(
                "1 validation error detected: Value at '\(member)' failed to satisfy constraint: "
                    + "Member must have size less than or equal to \(limit) bytes in UTF-8 encoding")
        }
    }
}
