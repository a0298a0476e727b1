import CortadoJSON
import CortadoLanguage
import CortadoStore
import Foundation

/// `arn:aws:states:::states:startExecution` (request-response, `.sync`, `.sync:2`, `.waitForTaskToken`)
/// and `arn:aws:states:::aws-sdk:sfn:<action>` against Cortado's own Step Functions API.
public final class StepFunctionsIntegration: TaskRunner {
    let service: StepFunctionsService

    public init(service: StepFunctionsService) {
        self.service = service
    }

    public func accepts(_ resource: String) -> Bool {
        resource.hasPrefix("arn:aws:states:::states:startExecution") || resource.hasPrefix("arn:aws:states:::aws-sdk:sfn:")
    }

    public func run(_ task: TaskDispatch, executionArn arn: String, engine: Engine) async {
        do {
            if task.resource.hasPrefix("arn:aws:states:::aws-sdk:sfn:") {
                try await runSDK(task, executionArn: arn, engine: engine)
            } else {
                try await runStartExecution(task, executionArn: arn, engine: engine)
            }
        } catch {
            engine.logger.error("a Step Functions task failed to run", metadata: ["execution": "\(arn)", "error": "\(error)"])
        }
    }

    // MARK: - states:startExecution

    func runStartExecution(_ task: TaskDispatch, executionArn arn: String, engine: Engine) async throws {
        let p = task.input
        let fail = { (error: String, cause: String) in
            try await engine.deliver(
                arn, .taskFailed(taskID: task.taskID, error: error, cause: cause), requireOpenTask: task.taskID,
                delivered: [task.taskID])
        }
        guard case .string(let machineArn)? = p["StateMachineArn"] else {
            _ = try await fail("States.Runtime", "The StateMachineArn parameter is required")
            return
        }
        let inputText: String
        switch p["Input"] {
        case nil, .null?: inputText = "{}"
        case .string(let s)?: inputText = s
        case let v?: inputText = v.text
        }
        let name = p["Name"]?.stringValue ?? Self.derivedName(arn, task.taskID)
        let machine: StateMachineRecord
        let start: Engine.StartRequest
        do {
            (machine, start) = try await service.startRequest(
                Request(["stateMachineArn": .string(machineArn), "input": .string(inputText), "name": .string(name)]))
        } catch let e as AWSError {
            _ = try await fail(
                "StepFunctions.\(e.type)Exception",
                "\(e.message) (Service: AWSStepFunctions; Status Code: \(e.status); Error Code: \(e.type))")
            return
        }
        var request = start
        let pattern = task.pattern
        if pattern == .sync || pattern == .sync2 {
            request.parent = ParentLink(executionArn: arn, taskID: task.taskID, outputAsJSON: pattern == .sync2)
        }
        let target = machine.type == .express ? service.express : service.engine
        let created: CreatedExecution
        do {
            created = try await target.start(request)
        } catch let e as StoreError where e.code == .executionAlreadyExists {
            _ = try await fail(
                "StepFunctions.ExecutionAlreadyExistsException",
                "Execution Already Exists: '\(target.executionArn(stateMachineArn: machine.arn, name: name))' (Service: AWSStepFunctions; Status Code: 400; Error Code: ExecutionAlreadyExists)"
            )
            return
        }
        let answer = Self.startAnswer(created.record)
        switch pattern {
        case .requestResponse:
            try await engine.deliver(
                arn, .taskSucceeded(taskID: task.taskID, output: answer), requireOpenTask: task.taskID, delivered: [task.taskID])
        case .sync, .sync2:
            try await engine.deliver(
                arn, .taskSubmitted(taskID: task.taskID, output: answer), requireOpenTask: task.taskID, delivered: [task.taskID])
            if created.record.status != .running, let parent = request.parent {
                await target.notifyParent(parent, child: created.record)
            }
        case .waitForTaskToken:
            try await engine.deliver(
                arn, .taskSubmitted(taskID: task.taskID, output: answer), requireOpenTask: task.taskID, delivered: [task.taskID])
        }
    }

    /// The optimized integration's answer to StartExecution, keys in AWS's (alphabetical) order.
    static func startAnswer(_ record: ExecutionRecord) -> JSON {
        let requestID = UUID().uuidString.lowercased()
        let date = HTTPDate.format(Date())
        // The length of the StartExecution response body this answer stands for.
        let body: JSON = ["executionArn": .string(record.arn), "startDate": .double(Double(record.startDate) / 1000)]
        let length = String(body.text.utf8.count)
        return [
            "ExecutionArn": .string(record.arn),
            "SdkHttpMetadata": [
                "AllHttpHeaders": [
                    "x-amzn-RequestId": [.string(requestID)], "connection": ["keep-alive"], "Content-Length": [.string(length)],
                    "Date": [.string(date)], "Content-Type": ["application/x-amz-json-1.0"],
                ],
                "HttpHeaders": [
                    "connection": "keep-alive", "Content-Length": .string(length), "Content-Type": "application/x-amz-json-1.0",
                    "Date": .string(date), "x-amzn-RequestId": .string(requestID),
                ],
                "HttpStatusCode": 200,
            ],
            "SdkResponseMetadata": ["RequestId": .string(requestID)],
            "StartDate": .int(Int(record.startDate)),
        ]
    }

    /// A stable name for a child started without one, so that dispatching the task again after a
    /// restart finds the same child instead of starting a second.
    static func derivedName(_ parentArn: String, _ taskID: Int) -> String {
        let digest = Digest.hash(Array("\(parentArn)#\(taskID)".utf8), .sha256)
        let hex = Digest.hex(Array(digest.prefix(16)))
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-"
            + String(c[20..<32])
    }

    // MARK: - aws-sdk:sfn

    func runSDK(_ task: TaskDispatch, executionArn arn: String, engine: Engine) async throws {
        var action = String(task.resource.dropFirst("arn:aws:states:::aws-sdk:sfn:".count))
        let wait = action.hasSuffix(".waitForTaskToken")
        if wait { action = String(action.dropLast(".waitForTaskToken".count)) }
        let operation = action.prefix(1).uppercased() + action.dropFirst()
        let body = SDKShapes.toAPI(task.input)
        switch await service.handle(action: operation, body: body) {
        case .success(let response):
            if wait {
                try await engine.deliver(
                    arn, .taskSubmitted(taskID: task.taskID, output: SDKShapes.fromAPI(response)), requireOpenTask: task.taskID,
                    delivered: [task.taskID])
            } else {
                try await engine.deliver(
                    arn, .taskSucceeded(taskID: task.taskID, output: SDKShapes.fromAPI(response)), requireOpenTask: task.taskID,
                    delivered: [task.taskID])
            }
        case .failure(let e):
            let requestID = UUID().uuidString.lowercased()
            let error = "Sfn." + (e.type.hasSuffix("Exception") ? e.type : e.type + "Exception")
            let cause = "\(e.message) (Service: Sfn, Status Code: \(e.status), Request ID: \(requestID)) (SDK Attempt Count: 1)"
            try await engine.deliver(
                arn, .taskFailed(taskID: task.taskID, error: error, cause: cause), requireOpenTask: task.taskID,
                delivered: [task.taskID])
        }
    }
}

/// AWS SDK integrations take and give PascalCase members; the API uses camelCase.
enum SDKShapes {
    static func toAPI(_ v: JSON) -> JSON {
        guard case .object(let o) = v else { return v }
        var out = JSONObject(minimumCapacity: o.count)
        for (k, value) in o { out[k.prefix(1).lowercased() + k.dropFirst()] = toAPIValue(value) }
        return .object(out)
    }

    static func toAPIValue(_ v: JSON) -> JSON {
        switch v {
        case .object: toAPI(v)
        case .array(let a): .array(a.map(toAPIValue))
        default: v
        }
    }

    static func fromAPI(_ v: JSON) -> JSON {
        switch v {
        case .object(let o):
            var out = JSONObject(minimumCapacity: o.count)
            for (k, value) in o {
                let key = k.prefix(1).uppercased() + k.dropFirst()
                if k.hasSuffix("Date"), case .double(let seconds) = value {
                    out[key] = .string(isoDate(seconds))
                } else {
                    out[key] = fromAPI(value)
                }
            }
            return .object(out)
        case .array(let a): return .array(a.map(fromAPI))
        default: return v
        }
    }

    static func isoDate(_ seconds: Double) -> String {
        Timestamp(epochMilliseconds: Int64((seconds * 1000).rounded())).formatted()
    }
}

/// RFC 7231 dates for the `Date` headers AWS's integrations echo.
enum HTTPDate {
    static func format(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.string(from: date)
    }
}
