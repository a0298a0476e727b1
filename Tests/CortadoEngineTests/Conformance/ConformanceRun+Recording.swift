import CortadoJSON

extension ConformanceRun {
    /// The case's recording turned back into what an engine reports: payloads as JSON text,
    /// timestamps, `roleArn` and `{truncated: false}` details restored. Fed to the comparison it must
    /// match, which is how the harness itself is checked.
    init(recordingOf c: CorpusCase) {
        let expected = c.expected
        var output: JSON? = nil
        if expected.status == "SUCCEEDED" { output = expected.output }
        self.init(
            status: expected.status,
            output: output,
            error: expected.error,
            cause: expected.cause.map { $0.stringValue ?? $0.text },
            history: (c.expectedHistory ?? []).enumerated().map { index, event in
                Self.awsEvent(event, index: index, roleArn: c.stateMachine.roleArn)
            }
        )
    }

    private static func awsEvent(_ event: JSON, index: Int, roleArn: String) -> JSON {
        guard case .object(let recorded) = event else { return event }
        var result = JSONObject()
        for (key, value) in recorded {
            if key == "type" { result["timestamp"] = .double(1_700_000_000 + Double(index) / 1000) }
            if key.hasSuffix("EventDetails"), case .object(let details) = value {
                result[key] = .object(awsDetails(details, of: key, roleArn: roleArn))
            } else {
                result[key] = value
            }
        }
        return .object(result)
    }

    private static func awsDetails(_ details: JSONObject, of key: String, roleArn: String) -> JSONObject {
        var result = JSONObject()
        for (field, value) in details {
            switch field {
            case _ where ConformanceComparison.payloadFields.contains(field):
                result[field] = .string(value.text)
                if field == "input" { result["inputDetails"] = ["truncated": false] }
                if field == "output" { result["outputDetails"] = ["truncated": false] }
            case "assignedVariables":
                if case .object(let variables) = value {
                    var texts = JSONObject()
                    for (name, v) in variables { texts[name] = .string(v.text) }
                    result[field] = .object(texts)
                } else {
                    result[field] = value
                }
            case "cause" where value.stringValue == nil:
                result[field] = .string(value.text)
            default:
                result[field] = value
            }
        }
        if key == "executionStartedEventDetails" { result["roleArn"] = .string(roleArn) }
        return result
    }
}
