import CortadoJSON
import Foundation

extension LambdaService {
    /// Lambda's payload limits: 6 MB synchronous, 1 MB asynchronous.
    static let syncPayloadLimit = 6_291_456
    static let asyncPayloadLimit = 1_048_576

    /// `Invoke`: RequestResponse, Event or DryRun, with `X-Amz-Log-Type` and `X-Amz-Client-Context`.
    func invoke(_ name: String, _ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let type = r.headers["x-amz-invocation-type"] ?? "RequestResponse"
        guard ["RequestResponse", "Event", "DryRun"].contains(type) else {
            throw AWSError.lambda(
                "ValidationException",
                "1 validation error detected: Value '\(type)' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"
            )
        }
        let logType = r.headers["x-amz-log-type"] ?? "None"
        guard ["None", "Tail"].contains(logType) else {
            throw AWSError.lambda(
                "ValidationException",
                "1 validation error detected: Value '\(logType)' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]"
            )
        }
        let ref = try reference(name, qualifier: r.query["Qualifier"])
        let function = try resolve(ref, latestSuffix: true)
        let payload = try Self.checkPayload(
            r.body, limit: type == "Event" ? Self.asyncPayloadLimit : Self.syncPayloadLimit, async: type == "Event")
        switch type {
        case "DryRun":
            return LambdaHTTPResponse(status: 204, body: [])
        case "Event":
            try await enqueue(ref, payload: payload)
            return LambdaHTTPResponse(status: 202, headers: [("Content-Type", "application/json")], body: [])
        default:
            let context = try r.headers["x-amz-client-context"].map(Self.clientContext)
            let result = try await host.invoke(
                function, payload: payload, invokedArn: functionArn(ref.name) + (ref.qualifier.map { ":" + $0 } ?? ""),
                clientContext: context, tail: logType == "Tail")
            // The response's request id is the invocation's, as the function saw it and its logs show it.
            var headers: [(String, String)] = [
                ("Content-Type", "application/json"), ("X-Amz-Executed-Version", result.executedVersion),
                ("x-amzn-RequestId", result.requestId),
            ]
            if let error = result.functionError { headers.append(("X-Amz-Function-Error", error)) }
            if let tail = result.logTail { headers.append(("X-Amz-Log-Result", tail)) }
            return LambdaHTTPResponse(status: 200, headers: headers, body: result.payload)
        }
    }

    /// A synchronous invocation for Step Functions: `function` is a name or ARN, maybe qualified.
    public func invoke(function raw: String, qualifier: String? = nil, payload: [UInt8], tail: Bool = false) async throws
        -> InvocationResult
    {
        let ref = try reference(raw, qualifier: qualifier)
        let function = try resolve(ref, latestSuffix: true)
        let checked = try Self.checkPayload(payload, limit: Self.syncPayloadLimit, async: false)
        return try await host.invoke(
            function, payload: checked, invokedArn: functionArn(ref.name) + (ref.qualifier.map { ":" + $0 } ?? ""), tail: tail)
    }

    /// Queues an asynchronous invocation durably (an event-bus target, `InvocationType: Event`).
    public func enqueue(function raw: String, payload: [UInt8]) async throws {
        let ref = try reference(raw)
        _ = try resolve(ref, latestSuffix: true)
        try await enqueue(ref, payload: try Self.checkPayload(payload, limit: Self.asyncPayloadLimit, async: true))
    }

    func enqueue(_ ref: FunctionReference, payload: [UInt8]) async throws {
        let item = AsyncInvocationQueue.Item(
            id: UUID().uuidString.lowercased(), function: ref.name, qualifier: ref.qualifier,
            payload: String(decoding: payload, as: UTF8.self),
            attempt: 0)
        try await queue.enqueue(item, service: self)
    }

    /// Checks a payload: size, and that it is JSON (an empty one is `{}`).
    static func checkPayload(_ body: [UInt8], limit: Int, async: Bool) throws -> [UInt8] {
        if body.count > limit {
            throw AWSError.lambda(
                "RequestTooLargeException",
                "Request must be smaller than \(limit) bytes for the \(async ? "InvokeAsync" : "Invoke") operation")
        }
        if body.isEmpty { return Array("{}".utf8) }
        do {
            _ = try body.withUnsafeBytes { try JSON(parsing: $0) }
        } catch {
            throw AWSError.lambda(
                "InvalidRequestContentException", "Could not parse request body into json: Could not parse payload into json: \(error)")
        }
        return body
    }

    /// `X-Amz-Client-Context`: base64 of a JSON object, handed to the runtime as its text.
    static func clientContext(_ header: String) throws -> String {
        guard let data = Data(base64Encoded: header), let text = String(data: data, encoding: .utf8),
            case .object = try? JSON(parsing: text)
        else {
            throw AWSError.lambda("InvalidRequestContentException", "Client context must be a valid Base64-encoded JSON object.")
        }
        return text
    }
}
