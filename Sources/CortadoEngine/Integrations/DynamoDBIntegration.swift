import CortadoJSON
import CortadoLanguage
import Foundation

/// `arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem` and
/// `arn:aws:states:::aws-sdk:dynamodb:<action>`, on Cortado's own tables.
///
/// The optimized integration returns the API's answer with the Java SDK's `SdkHttpMetadata` and
/// `SdkResponseMetadata`, and names failures `DynamoDB.<Exception>` (a validation error is
/// `DynamoDB.AmazonDynamoDBException`); the SDK integration returns the answer as it is and names
/// failures `DynamoDb.<Exception>` (`DynamoDb.DynamoDbException` for validation), as AWS records them.
public struct DynamoDBIntegration: TaskRunner {
    let tables: DynamoDBService

    public init(tables: DynamoDBService) { self.tables = tables }

    static let optimized = "arn:aws:states:::dynamodb:"
    static let sdk = "arn:aws:states:::aws-sdk:dynamodb:"
    static let optimizedActions = ["getItem": "GetItem", "putItem": "PutItem", "updateItem": "UpdateItem", "deleteItem": "DeleteItem"]

    public func accepts(_ resource: String) -> Bool {
        if resource.hasPrefix(Self.sdk) { return true }
        guard resource.hasPrefix(Self.optimized) else { return false }
        return Self.optimizedActions[String(resource.dropFirst(Self.optimized.count))] != nil
    }

    public func run(_ task: TaskDispatch, executionArn arn: String, engine: Engine) async {
        let optimized = task.resource.hasPrefix(Self.optimized)
        let event: ExecutionEvent
        if optimized {
            let action = Self.optimizedActions[String(task.resource.dropFirst(Self.optimized.count))]!
            switch await tables.call(action, task.input) {
            case .success(let answer):
                event = .taskSucceeded(taskID: task.taskID, output: Self.withMetadata(answer, lowercaseRequestId: action == "GetItem"))
            case .failure(let e):
                let (error, cause) = Self.optimizedFailure(e)
                event = .taskFailed(taskID: task.taskID, error: error, cause: cause)
            }
        } else {
            var name = String(task.resource.dropFirst(Self.sdk.count))
            if name.hasSuffix(".waitForTaskToken") { name.removeLast(".waitForTaskToken".count) }
            let action = name.prefix(1).uppercased() + name.dropFirst()
            switch await tables.call(action, task.input) {
            case .success(let answer):
                event =
                    task.pattern == .waitForTaskToken
                    ? .taskSubmitted(taskID: task.taskID, output: answer) : .taskSucceeded(taskID: task.taskID, output: answer)
            case .failure(let e):
                let (error, cause) = Self.sdkFailure(e)
                event = .taskFailed(taskID: task.taskID, error: error, cause: cause)
            }
        }
        do {
            _ = try await engine.deliver(arn, event, requireOpenTask: task.taskID, delivered: [task.taskID])
        } catch {
            engine.logger.error("a DynamoDB task failed to report", metadata: ["execution": "\(arn)", "error": "\(error)"])
        }
    }

    static func optimizedFailure(_ e: AWSError) -> (String, String) {
        let requestID = requestId()
        let name = e.type == "ValidationException" ? "AmazonDynamoDBException" : e.type
        return (
            "DynamoDB." + name,
            "\(e.message) (Service: AmazonDynamoDBv2; Status Code: \(e.status); Error Code: \(e.type); Request ID: \(requestID); Proxy: null)"
        )
    }

    static func sdkFailure(_ e: AWSError) -> (String, String) {
        let name = e.type == "ValidationException" ? "DynamoDbException" : e.type
        return ("DynamoDb." + name, "\(e.message) (Service: DynamoDb, Status Code: \(e.status), Request ID: \(requestId()))")
    }

    /// DynamoDB's request ids: 52 upper-case letters and digits.
    static func requestId() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<52).map { _ in alphabet.randomElement()! })
    }

    /// The answer with the HTTP response as the Java SDK describes it to Step Functions. AWS's latest
    /// recordings spell GetItem's request-id header `x-amzn-requestid` and the others' `x-amzn-RequestId`.
    static func withMetadata(_ answer: JSON, lowercaseRequestId: Bool = false) -> JSON {
        let body = Array(answer.text.utf8)
        let length = String(body.count)
        let date = HTTPDate.format(Date())
        let requestID = requestId()
        var checksum = CRC32Stream()
        checksum.update(body)
        let crc = String(checksum.value)
        let idHeader = lowercaseRequestId ? "x-amzn-requestid" : "x-amzn-RequestId"
        var all: JSONObject = ["Server": ["Server"]]
        if lowercaseRequestId { all[idHeader] = [.string(requestID)] }
        all["Connection"] = ["keep-alive"]
        if !lowercaseRequestId { all[idHeader] = [.string(requestID)] }
        all["x-amz-crc32"] = [.string(crc)]
        all["Content-Length"] = [.string(length)]
        all["Date"] = [.string(date)]
        all["Content-Type"] = ["application/x-amz-json-1.0"]
        let headers: JSONObject = [
            "Connection": "keep-alive", "Content-Length": .string(length), "Content-Type": "application/x-amz-json-1.0",
            "Date": .string(date), "Server": "Server", "x-amz-crc32": .string(crc), idHeader: .string(requestID),
        ]
        var o = answer.objectValue ?? [:]
        o["SdkHttpMetadata"] = ["AllHttpHeaders": .object(all), "HttpHeaders": .object(headers), "HttpStatusCode": 200]
        o["SdkResponseMetadata"] = ["RequestId": .string(requestID)]
        return .object(o)
    }
}
