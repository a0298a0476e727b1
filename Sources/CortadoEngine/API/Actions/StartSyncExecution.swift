import CortadoJSON
import CortadoStore

extension StepFunctionsService {
    /// `StartSyncExecution`: runs an EXPRESS execution to its end and answers with its result.
    func startSyncExecution(_ r: Request) async throws -> JSON {
        let (machine, start) = try await startRequest(r)
        guard machine.type == .express else {
            throw AWSError("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine")
        }
        let record = try await express.startAndWait(start)
        var o: JSONObject = [
            "executionArn": .string(record.arn), "stateMachineArn": .string(machine.arn), "name": .string(record.name),
            "startDate": Self.date(record.startDate), "stopDate": Self.date(record.stopDate ?? record.startDate),
            "status": .string(record.status.rawValue), "input": .string(record.input), "inputDetails": ["included": true],
        ]
        if let output = record.output {
            o["output"] = .string(output)
            o["outputDetails"] = ["included": true]
        }
        if let e = record.error { o["error"] = .string(e) }
        if let c = record.cause { o["cause"] = .string(c) }
        let duration = max(0, (record.stopDate ?? record.startDate) - record.startDate)
        o["billingDetails"] = [
            "billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": .int(Int(max(100, (duration + 99) / 100 * 100))),
        ]
        return .object(o)
    }
}
