import CortadoEngine
import CortadoJSON
import CortadoLanguage
import CortadoStore
import Foundation
import Synchronization

/// The corpus cases that need only what the server itself provides: activities, nested executions
/// (`states:startExecution`), `aws-sdk:sfn`, the event bus (`events:putEvents`) and functions.
extension CorpusCase {
    static let serverNeeds: Set<String> = [
        "activity", "sfn", "sync", "aws-sdk:sfn", "credentials", "events", "lambda", "dynamodb", "aws-sdk:dynamodb", "aws-sdk:s3", "s3",
        "callback",
    ]

    var runsOnServer: Bool {
        let needs = Set(raw["needs"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        return !needs.isEmpty && needs != ["none"] && needs.isSubset(of: Self.serverNeeds)
    }
}

/// A clock moved by the runner: timers fire when the runner has nothing else to do.
final class SteppedClock: EngineClock {
    private let time = Mutex<Int64>(1_795_275_379_123)  // with milliseconds, as AWS start dates have
    func now() -> Int64 { time.withLock { $0 } }
    func advance(to t: Int64) { time.withLock { $0 = max($0, t) } }
    func sleep(until time: Int64) async throws { try await Task.sleep(for: .milliseconds(1)) }
}

/// Runs a corpus case through the Step Functions API of a `Runtime` on the in-memory store, with what
/// the recording's test set up around it: the activities it names (and a worker answering them the
/// way the recorded test's responder did), and the target state machine of `startExecution` tasks
/// (the corpus' `pass_result` template, or for the delegate-timeout case a task that times out).
func runWithServer(_ c: CorpusCase) async throws -> ConformanceRun {
    let account = "111111111111"
    let clock = SteppedClock()
    let runtime = Runtime(
        store: InMemoryStore(), clock: clock, tokens: TaskTokens(key: [UInt8](repeating: 1, count: 32)),
        configuration: EngineConfiguration(region: "us-east-1", account: account))
    try await runtime.recover()
    defer { runtime.shutdown() }
    let service = runtime.service
    @discardableResult func call(_ action: String, _ body: JSON) async throws -> JSON {
        try await service.handle(action: action, body: body).get()
    }

    // The functions the recorded test created, each running its handler file from Fixtures/sfn/lambda.
    for resource in c.raw["resources"]?.arrayValue ?? [] where resource["kind"] == "lambda" {
        guard case .string(let name)? = resource["name"], case .string(let file)? = resource["handler_file"] else { continue }
        let folder = try Corpus.directory().appendingPathComponent("lambda").appendingPathComponent(
            (file.split(separator: "/").last ?? "").replacingOccurrences(of: ".py", with: ""))
        let create: JSON = [
            "FunctionName": .string(name), "Runtime": .string(resource["runtime"]?.stringValue ?? "python3.12"),
            "Handler": "handler.handler", "Role": "arn:aws:iam::111111111111:role/lambda", "Timeout": 300,
            "Code": ["S3Bucket": "cortado-local", "S3Key": .string(folder.path)],
        ]
        let answer = await runtime.lambda.handle(
            LambdaHTTPRequest(method: "POST", path: "/2015-03-31/functions", query: [:], headers: [:], body: Array(create.text.utf8)))
        guard answer.status == 201 else {
            throw CorpusError(description: "CreateFunction \(name): \(String(decoding: answer.body, as: UTF8.self))")
        }
    }

    // The tables the recorded test created: a string partition key.
    for resource in c.raw["resources"]?.arrayValue ?? [] where resource["kind"] == "dynamodb_table" {
        guard case .string(let name)? = resource["name"] else { continue }
        let key = resource["partition_key"]?.stringValue ?? "id"
        let create: JSON = [
            "TableName": .string(name), "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [["AttributeName": .string(key), "AttributeType": "S"]],
            "KeySchema": [["AttributeName": .string(key), "KeyType": "HASH"]],
        ]
        _ = try await runtime.tables.handle(action: "CreateTable", body: create).get()
    }
    // The buckets and objects the recorded test made, through S3's API. One recording lost its object's
    // body (a byte array); its expected GetObject output carries it.
    for resource in c.raw["resources"]?.arrayValue ?? [] {
        let request: S3HTTPRequest
        switch resource["kind"]?.stringValue {
        case "s3_bucket":
            request = S3HTTPRequest(method: "PUT", path: "/" + (resource["name"]?.stringValue ?? ""))
        case "s3_object":
            let body = resource["body"]?.stringValue ?? c.expected.output["Body"]?.stringValue ?? ""
            request = S3HTTPRequest(
                method: "PUT", path: "/\(resource["bucket"]?.stringValue ?? "")/\(resource["key"]?.stringValue ?? "")",
                body: Array(body.utf8))
        default: continue
        }
        let answer = await runtime.s3.handle(request)
        guard answer.status == 200 else {
            throw CorpusError(description: "S3 \(request.path): \(String(decoding: answer.bytes, as: UTF8.self))")
        }
    }

    var activities: [String] = []
    for resource in c.raw["resources"]?.arrayValue ?? [] where resource["kind"] == "activity" {
        guard let name = resource["name"]?.stringValue else { continue }
        if c.name.hasSuffix("on_deleted") { continue }  // the recorded test deleted it before starting
        activities.append(try await call("CreateActivity", ["name": .string(name)])["activityArn"]!.stringValue!)
    }
    // The target of startExecution tasks, under the ARN the input names (another account's too).
    if case .string(let target)? = c.input["StateMachineArn"] {
        let name = String(target.split(separator: ":").last ?? "target")
        let definition: String
        if c.name.contains("delegate_timeout") {
            let never = try await call("CreateActivity", ["name": "never-answered"])["activityArn"]!.stringValue!
            definition = #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"\#(never)","TimeoutSeconds":1,"End":true}}}"#
        } else {
            definition = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"Arg1":"argument1"},"End":true}}}"#
        }
        try await service.store.createStateMachine(
            StateMachineRecord(
                arn: target, name: name, type: .standard, definition: definition, roleArn: "arn:aws:iam::\(account):role/t",
                creationDate: clock.now(), revisionId: "r"))
    }
    let created = try await call(
        "CreateStateMachine",
        [
            "name": .string(c.stateMachine.name), "definition": .string(c.definition.text), "roleArn": .string(c.stateMachine.roleArn),
            "type": .string(c.stateMachine.type),
        ])
    if c.stateMachine.type == "EXPRESS" {
        // An asynchronous EXPRESS run is recorded through its final log event only: run it synchronously
        // (the same result, answered directly) and compare that.
        let answer = try await call(
            "StartSyncExecution",
            ["stateMachineArn": created["stateMachineArn"]!, "name": .string(c.executionName), "input": .string(c.input.text)])
        return ConformanceRun(
            status: answer["status"]?.stringValue ?? "RUNNING", output: answer["output"]?.stringValue.flatMap { try? JSON(parsing: $0) },
            error: answer["error"]?.stringValue, cause: answer["cause"]?.stringValue, history: [])
    }
    let started = try await call(
        "StartExecution",
        ["stateMachineArn": created["stateMachineArn"]!, "name": .string(c.executionName), "input": .string(c.input.text)])
    let arn = started["executionArn"]!.stringValue!

    // Drive the execution: answer activity tasks like the recorded responder, fire timers when idle.
    var described = try await call("DescribeExecution", ["executionArn": .string(arn)])
    var stalledSince = ContinuousClock.now
    // Functions are real processes (Python starts in ~0.1-0.3 s on this machine): a deadline in wall time.
    let deadline = ContinuousClock.now + .seconds(90)
    while described["status"] == "RUNNING", ContinuousClock.now < deadline {
        var progressed = false
        for activity in activities where engineHasWaitingTask(service, activity) {
            let task = try await call("GetActivityTask", ["activityArn": .string(activity), "workerName": "BASE_ID_ACTIVITY_CONSUMER"])
            guard case .string(let token)? = task["taskToken"], case .string(let input)? = task["input"] else { continue }
            progressed = true
            if c.name.contains("task_failure") {
                try await call("SendTaskFailure", ["taskToken": .string(token), "error": "Programmatic Error", "cause": .string(input)])
            } else {
                if c.name.contains("heartbeat") { try await call("SendTaskHeartbeat", ["taskToken": .string(token)]) }
                try await call("SendTaskSuccess", ["taskToken": .string(token), "output": .string(input)])
            }
        }
        if progressed { stalledSince = ContinuousClock.now }
        if !progressed {
            try await Task.sleep(for: .milliseconds(2))
            if let next = try await service.store.dueTimers(until: Int64.max, limit: 1).first, described["status"] == "RUNNING" {
                let idle = try await call("DescribeExecution", ["executionArn": .string(arn)])
                // Time moves only when nothing is on its way: no task waiting in the outbox (an activity
                // task stays there until a worker takes it), so a slow dispatch is not taken for idleness.
                // A function that runs for long (the recorded 60-second sleeper) is a task on its way too,
                // but time must move past its Task's TimeoutSeconds: after 3 s of nothing else, it does.
                let inFlight = try await !service.store.pendingOutbox(limit: 1).isEmpty && ContinuousClock.now - stalledSince < .seconds(3)
                if idle["status"] == "RUNNING", !inFlight, !activities.contains(where: { engineHasWaitingTask(service, $0) }) {
                    clock.advance(to: next.fireAt)
                    await runtime.fireDueTimers()
                }
            }
        }
        described = try await call("DescribeExecution", ["executionArn": .string(arn)])
    }
    let history = try await call("GetExecutionHistory", ["executionArn": .string(arn), "maxResults": 1000])["events"]?.arrayValue ?? []
    return ConformanceRun(
        status: described["status"]?.stringValue ?? "RUNNING",
        output: described["output"]?.stringValue.flatMap { try? JSON(parsing: $0) },
        error: described["error"]?.stringValue, cause: described["cause"]?.stringValue, history: history)
}

private func engineHasWaitingTask(_ service: StepFunctionsService, _ activity: String) -> Bool {
    (service.engine.activities.waitingCounts[activity] ?? 0) > 0
}
