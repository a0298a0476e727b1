import CortadoJSON
import CortadoLanguage
import Foundation

/// `arn:aws:states:::events:putEvents` (request-response and `.waitForTaskToken`).
///
/// Until the event bus exists (issue 4) the entries are checked and accepted but go to no rule: the
/// answer is AWS's (`{"Entries": [{"EventId": ...}], "FailedEntryCount": 0}`), and a
/// `.waitForTaskToken` task records it as `TaskSubmitted` and waits for its callback as on AWS. Listed in docs/known-differences.md.
public struct EventBridgePutEvents: TaskRunner {
    public init() {}

    public func accepts(_ resource: String) -> Bool {
        resource == "arn:aws:states:::events:putEvents" || resource == "arn:aws:states:::events:putEvents.waitForTaskToken"
    }

    public func run(_ task: TaskDispatch, executionArn arn: String, engine: Engine) async {
        guard case .array(let entries)? = task.input["Entries"], !entries.isEmpty, entries.count <= 10 else {
            _ = try? await engine.deliver(
                arn,
                .taskFailed(
                    taskID: task.taskID, error: "EventBridge.ValidationException",
                    cause:
                        "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and 10 (Service: EventBridge, Status Code: 400)"
                ),
                requireOpenTask: task.taskID, delivered: [task.taskID])
            return
        }
        let answer: JSON = [
            "Entries": .array(entries.map { _ in ["EventId": .string(UUID().uuidString.lowercased())] }), "FailedEntryCount": 0,
        ]
        // With .waitForTaskToken the service's answer is recorded as TaskSubmitted (as AWS records it
        // for its other callback integrations) and the task waits for its token.
        let event: ExecutionEvent =
            task.pattern == .waitForTaskToken
            ? .taskSubmitted(taskID: task.taskID, output: answer) : .taskSucceeded(taskID: task.taskID, output: answer)
        _ = try? await engine.deliver(arn, event, requireOpenTask: task.taskID, delivered: [task.taskID])
    }
}
