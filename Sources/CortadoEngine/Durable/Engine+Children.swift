import CortadoJSON
import CortadoLanguage
import CortadoStore
import Synchronization

extension Engine {
    /// Lets this engine reach executions another engine owns (a STANDARD parent of an EXPRESS child).
    public func link(_ other: Engine) {
        siblings.withLock { $0.append(other) }
    }

    /// The engine that owns an execution ARN.
    func owner(of arn: String) -> Engine {
        // arn:aws:states:<region>:<account>:express:… (a machine may itself be named "express").
        let isExpress = arn.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false).dropFirst(5).first == "express"
        if isExpress == (executionType == .express) { return self }
        return siblings.withLock { list in list.first { ($0.executionType == .express) == isExpress } } ?? self
    }

    /// Answers a parent's `.sync` task with the closed child's description, then marks the notice sent.
    func notifyParent(_ parent: ParentLink, child: ExecutionRecord) async {
        let description = Self.syncDescription(child, outputAsJSON: parent.outputAsJSON)
        let event: ExecutionEvent =
            child.status == .succeeded
            ? .taskSucceeded(taskID: parent.taskID, output: description)
            : .taskFailed(taskID: parent.taskID, error: "States.TaskFailed", cause: description.text)
        do {
            _ = try await owner(of: parent.executionArn).deliver(parent.executionArn, event, requireOpenTask: parent.taskID)
            _ = try await store.commit([.acknowledge(executionArn: child.arn, delivered: [0])])
        } catch {
            logger.error("answering a parent execution failed", metadata: ["child": "\(child.arn)", "error": "\(error)"])
        }
    }

    /// DescribeExecution as the optimized integration renders it: PascalCase, keys in alphabetical
    /// order, dates as epoch milliseconds; `.sync:2` gives input and output as JSON.
    static func syncDescription(_ r: ExecutionRecord, outputAsJSON: Bool) -> JSON {
        func document(_ text: String) -> JSON {
            outputAsJSON ? ((try? JSON(parsing: text)) ?? .string(text)) : .string(text)
        }
        var o = JSONObject()
        if let c = r.cause { o["Cause"] = .string(c) }
        if let e = r.error { o["Error"] = .string(e) }
        o["ExecutionArn"] = .string(r.arn)
        o["Input"] = document(r.input)
        o["InputDetails"] = ["Included": true]
        o["Name"] = .string(r.name)
        if let output = r.output {
            o["Output"] = document(output)
            o["OutputDetails"] = ["Included": true]
        }
        o["RedriveCount"] = .int(r.redriveCount)
        switch r.status {
        case .failed, .timedOut, .aborted:
            o["RedriveStatus"] = "REDRIVABLE"
        default:
            o["RedriveStatus"] = "NOT_REDRIVABLE"
            o["RedriveStatusReason"] = .string("Execution is \(r.status.rawValue) and cannot be redriven")
        }
        o["StartDate"] = .int(Int(r.startDate))
        o["StateMachineArn"] = .string(r.stateMachineArn)
        o["Status"] = .string(r.status.rawValue)
        if let s = r.stopDate { o["StopDate"] = .int(Int(s)) }
        return .object(o)
    }
}
