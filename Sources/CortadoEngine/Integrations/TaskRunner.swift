import CortadoJSON
import CortadoLanguage

/// Runs the tasks of one kind of `Resource` (activities, Step Functions, ...). One file per runner.
///
/// `run` is called after the transition that scheduled the task is committed, and again after a
/// restart if the task was not marked delivered: runners must tolerate running a task twice (AWS
/// promises at-least-once too). A runner reports back through `Engine.deliver`, acknowledging the
/// task's outbox row (`delivered: [task.taskID]`) with the event that answers it or, for tasks that
/// wait for a callback, on its own once the side effect is done.
public protocol TaskRunner: Sendable {
    func accepts(_ resource: String) -> Bool
    func run(_ task: TaskDispatch, executionArn: String, engine: Engine) async
}

extension TaskDispatch {
    /// The dispatch as the outbox keeps it.
    var storedText: String {
        var o: JSONObject = [
            "taskID": .int(taskID), "stateName": .string(stateName), "resource": .string(resource), "input": input,
            "attempt": .int(attempt),
        ]
        if let timeoutSeconds { o["timeoutSeconds"] = .int(timeoutSeconds) }
        if let heartbeatSeconds { o["heartbeatSeconds"] = .int(heartbeatSeconds) }
        if let token { o["token"] = .string(token) }
        return JSON.object(o).text
    }

    init?(storedText: String) {
        guard let json = try? JSON(parsing: storedText), case .int(let id) = json["taskID"],
            case .string(let stateName) = json["stateName"], case .string(let resource) = json["resource"],
            case .int(let attempt) = json["attempt"]
        else { return nil }
        self.init(
            taskID: id, stateName: stateName, resource: resource, input: json["input"] ?? .null,
            timeoutSeconds: json["timeoutSeconds"]?.intValue, heartbeatSeconds: json["heartbeatSeconds"]?.intValue,
            token: json["token"]?.stringValue, attempt: attempt)
    }

    /// The integration pattern the resource asks for.
    public var pattern: IntegrationPattern {
        if resource.hasSuffix(".waitForTaskToken") { return .waitForTaskToken }
        if resource.hasSuffix(".sync:2") { return .sync2 }
        if resource.hasSuffix(".sync") { return .sync }
        return .requestResponse
    }
}

public enum IntegrationPattern: Sendable {
    case requestResponse, sync, sync2, waitForTaskToken
}

/// The answer to a task whose resource no runner takes.
enum UnknownResource {
    static func failure(_ resource: String, region: String, account: String) -> (String, String) {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        // arn:aws:lambda:…:function:… or arn:aws:states:::lambda:invoke
        if parts.count >= 7, parts[2] == "lambda" || parts[5] == "lambda" {
            return (
                "Lambda.ResourceNotFoundException",
                "Function not found: \(resource) (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException)"
            )
        }
        return (
            "States.Runtime",
            "Cortado does not run the resource '\(resource)' yet; see docs/known-differences.md"
        )
    }
}
