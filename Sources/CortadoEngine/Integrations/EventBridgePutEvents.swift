import CortadoJSON
import CortadoLanguage
import Foundation

/// `arn:aws:states:::events:putEvents` (request-response and `.waitForTaskToken`) and
/// `arn:aws:states:::aws-sdk:eventbridge:putEvents`, on Cortado's own bus.
///
/// The optimized integration appends the execution's and the state machine's ARNs to every entry's
/// `Resources` and fails with `EventBridge.FailedEntry` (the answer as cause) when an entry fails, as
/// AWS does; the SDK integration returns the API's answer as it is.
public struct EventBridgePutEvents: TaskRunner {
    let bus: EventBusService

    public init(bus: EventBusService) { self.bus = bus }

    static let optimized = "arn:aws:states:::events:putEvents"
    static let sdk = "arn:aws:states:::aws-sdk:eventbridge:putEvents"

    public func accepts(_ resource: String) -> Bool {
        [Self.optimized, Self.sdk].contains { resource == $0 || resource == $0 + ".waitForTaskToken" }
    }

    public func run(_ task: TaskDispatch, executionArn arn: String, engine: Engine) async {
        let optimized = task.resource.hasPrefix(Self.optimized)
        let event: ExecutionEvent
        do {
            let entries = (task.input["Entries"]?.arrayValue ?? []).map(Self.entry)
            let extra = optimized ? [arn, Self.stateMachineArn(of: arn)] : []
            let answer = try await bus.putEvents(entries, extraResources: extra)
            if optimized, answer["FailedEntryCount"]?.intValue ?? 0 > 0 {
                event = .taskFailed(taskID: task.taskID, error: "EventBridge.FailedEntry", cause: answer.text)
            } else if task.pattern == .waitForTaskToken {
                // The service's answer is recorded as TaskSubmitted and the task waits for its token.
                event = .taskSubmitted(taskID: task.taskID, output: answer)
            } else {
                event = .taskSucceeded(taskID: task.taskID, output: answer)
            }
        } catch let e as AWSError {
            let requestID = UUID().uuidString.lowercased()
            event = .taskFailed(
                taskID: task.taskID, error: "EventBridge." + e.type,
                cause: "\(e.message) (Service: EventBridge, Status Code: \(e.status), Request ID: \(requestID))")
        } catch {
            event = .taskFailed(taskID: task.taskID, error: "EventBridge.InternalException", cause: "\(error)")
        }
        do {
            _ = try await engine.deliver(arn, event, requireOpenTask: task.taskID, delivered: [task.taskID])
        } catch {
            engine.logger.error("an EventBridge task failed to report", metadata: ["execution": "\(arn)", "error": "\(error)"])
        }
    }

    /// An entry as the API takes it: a `Detail` given as JSON becomes its text, as Step Functions sends it.
    static func entry(_ entry: JSON) -> JSON {
        guard case .object(var o) = entry, let detail = o["Detail"] else { return entry }
        if case .object = detail { o["Detail"] = .string(detail.text) }
        return .object(o)
    }

    /// `arn:…:execution:Machine:name` → `arn:…:stateMachine:Machine` (also for express executions).
    static func stateMachineArn(of executionArn: String) -> String {
        var parts = executionArn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 8 else { return executionArn }
        parts[5] = "stateMachine"
        return parts[0..<7].joined(separator: ":")
    }
}
