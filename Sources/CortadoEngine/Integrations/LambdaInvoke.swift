import CortadoJSON
import CortadoLanguage
import Foundation

/// `arn:aws:states:::lambda:invoke` (request-response and `.waitForTaskToken`) and function ARNs as a
/// Task's `Resource`, on Cortado's function host. Output shapes and error names are AWS's; see
/// docs/architecture/functions.md.
public struct LambdaInvoke: TaskRunner {
    let lambda: LambdaService

    public init(lambda: LambdaService) { self.lambda = lambda }

    static let optimized = "arn:aws:states:::lambda:invoke"

    public func accepts(_ resource: String) -> Bool {
        if resource == Self.optimized || resource == Self.optimized + ".waitForTaskToken" { return true }
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function"
    }

    public func run(_ task: TaskDispatch, executionArn arn: String, engine: Engine) async {
        let event: ExecutionEvent
        if task.resource.hasPrefix(Self.optimized) {
            event = await invokeOptimized(task)
        } else {
            event = await invokeFunctionArn(task)
        }
        do {
            _ = try await engine.deliver(arn, event, requireOpenTask: task.taskID, delivered: [task.taskID])
        } catch {
            engine.logger.error("a Lambda task failed to report", metadata: ["execution.arn": "\(arn)", "error": "\(error)"])
        }
    }

    /// A function ARN as the resource: the effective input is the event, the raw result the output.
    private func invokeFunctionArn(_ task: TaskDispatch) async -> ExecutionEvent {
        do {
            let result = try await lambda.invoke(function: task.resource, payload: Array(task.input.text.utf8))
            if result.functionError != nil {
                let (error, cause) = Self.functionFailure(result.payload, compact: false)
                return .taskFailed(taskID: task.taskID, error: error, cause: cause)
            }
            return .taskSucceeded(taskID: task.taskID, output: Self.payloadValue(result.payload))
        } catch {
            let (name, cause) = Self.apiFailure(error)
            return .taskFailed(taskID: task.taskID, error: name, cause: cause)
        }
    }

    private func invokeOptimized(_ task: TaskDispatch) async -> ExecutionEvent {
        let parameters = task.input
        guard case .string(let function)? = parameters["FunctionName"] else {
            return .taskFailed(
                taskID: task.taskID, error: "Lambda.InvalidParameterValueException",
                cause:
                    "The field 'FunctionName' is required (Service: AWSLambda; Status Code: 400; Error Code: InvalidParameterValueException)"
            )
        }
        var payload: [UInt8] = []
        // A string Payload is sent as its text (Step Functions does not quote it again).
        switch parameters["Payload"] {
        case .none, .null?: break
        case .string(let text)?: payload = Array(text.utf8)
        case let value?: payload = Array(value.text.utf8)
        }
        let invocationType = parameters["InvocationType"]?.stringValue ?? "RequestResponse"
        let tail = parameters["LogType"]?.stringValue == "Tail"
        do {
            if invocationType == "Event" {
                try await lambda.enqueue(function: function, payload: payload)
                return finish(
                    task,
                    Self.wrapper(
                        payload: [], status: 202, version: "$LATEST", requestId: UUID().uuidString.lowercased(), logResult: nil,
                        asString: true))
            }
            let result = try await lambda.invoke(
                function: function, qualifier: parameters["Qualifier"]?.stringValue, payload: payload, tail: tail)
            if result.functionError != nil {
                let (error, cause) = Self.functionFailure(result.payload, compact: true)
                return .taskFailed(taskID: task.taskID, error: error, cause: cause)
            }
            return finish(
                task,
                Self.wrapper(
                    payload: result.payload, status: 200, version: result.executedVersion, requestId: result.requestId,
                    logResult: result.logTail))
        } catch {
            let (name, cause) = Self.apiFailure(error)
            return .taskFailed(taskID: task.taskID, error: name, cause: cause)
        }
    }

    private func finish(_ task: TaskDispatch, _ output: JSON) -> ExecutionEvent {
        task.pattern == .waitForTaskToken
            ? .taskSubmitted(taskID: task.taskID, output: output) : .taskSucceeded(taskID: task.taskID, output: output)
    }

    /// The function's result as Step Functions passes it on: JSON when it parses, else its text.
    static func payloadValue(_ bytes: [UInt8]) -> JSON {
        if let value = try? bytes.withUnsafeBytes({ try JSON(parsing: $0) }) { return value }
        return .string(String(decoding: bytes, as: UTF8.self))
    }

    /// A function error as a task failure: the payload's `errorType` (else `Lambda.Unknown`), and the
    /// payload as the cause — re-serialised compactly by the optimized integration, as AWS's is.
    static func functionFailure(_ payload: [UInt8], compact: Bool) -> (String, String) {
        let text = String(decoding: payload, as: UTF8.self)
        let parsed = try? payload.withUnsafeBytes { try JSON(parsing: $0) }
        guard let parsed, case .string(let type)? = parsed["errorType"] else {
            return (
                "Lambda.Unknown", "The cause could not be determined because Lambda did not return an error type. Returned payload: \(text)"
            )
        }
        return (type, compact ? parsed.text : text)
    }

    /// An API error (unknown function, throttling, bad payload) as the Java SDK reports it to Step Functions.
    static func apiFailure(_ error: any Error) -> (String, String) {
        let requestID = UUID().uuidString.lowercased()
        guard let e = error as? AWSError else {
            return (
                "Lambda.ServiceException",
                "\(error) (Service: AWSLambda; Status Code: 500; Error Code: ServiceException; Request ID: \(requestID); Proxy: null)"
            )
        }
        let name = e.type == "ValidationException" ? "Lambda.AWSLambdaException" : "Lambda." + e.type
        return (
            name,
            "\(e.message) (Service: AWSLambda; Status Code: \(e.status); Error Code: \(e.type); Request ID: \(requestID); Proxy: null)"
        )
    }

    /// The optimized integration's output: the SDK's response as Step Functions serialises it.
    static func wrapper(payload: [UInt8], status: Int, version: String, requestId: String, logResult: String?, asString: Bool = false)
        -> JSON
    {
        let length = String(payload.count)
        let date = HTTPDate.format(Date())
        let trace =
            "Root=1-\(String(Int(Date().timeIntervalSince1970), radix: 16))-\(requestId.replacingOccurrences(of: "-", with: "").prefix(24));Parent=\(requestId.prefix(8))\(requestId.suffix(8));Sampled=0;Lineage=1:\(requestId.prefix(8)):0"
        var all: JSONObject = [:]
        if let logResult { all["X-Amz-Log-Result"] = [.string(logResult)] }
        all["X-Amz-Executed-Version"] = [.string(version)]
        all["x-amzn-Remapped-Content-Length"] = ["0"]
        all["Connection"] = ["keep-alive"]
        all["x-amzn-RequestId"] = [.string(requestId)]
        all["Content-Length"] = [.string(length)]
        all["Date"] = [.string(date)]
        all["X-Amzn-Trace-Id"] = [.string(trace)]
        all["Content-Type"] = ["application/json"]
        var headers: JSONObject = [
            "Connection": "keep-alive", "Content-Length": .string(length), "Content-Type": "application/json", "Date": .string(date),
            "X-Amz-Executed-Version": .string(version),
        ]
        if let logResult { headers["X-Amz-Log-Result"] = .string(logResult) }
        headers["x-amzn-Remapped-Content-Length"] = "0"
        headers["x-amzn-RequestId"] = .string(requestId)
        headers["X-Amzn-Trace-Id"] = .string(trace)
        var o: JSONObject = ["ExecutedVersion": .string(version)]
        if let logResult { o["LogResult"] = .string(logResult) }
        o["Payload"] = asString ? .string(String(decoding: payload, as: UTF8.self)) : payloadValue(payload)
        o["SdkHttpMetadata"] = ["AllHttpHeaders": .object(all), "HttpHeaders": .object(headers), "HttpStatusCode": .int(status)]
        o["SdkResponseMetadata"] = ["RequestId": .string(requestId)]
        o["StatusCode"] = .int(status)
        return .object(o)
    }
}
