/// A task to dispatch once the transition that decided it is committed; the interpreter's task id is
/// unique within the execution.
public struct OutboxRecord: Sendable, Hashable {
    public var executionArn: String
    public var taskID: Int
    /// JSON text the engine needs to dispatch the task (resource, input, token, timeouts).
    public var payload: String

    public init(executionArn: String, taskID: Int, payload: String) {
        self.executionArn = executionArn
        self.taskID = taskID
        self.payload = payload
    }
}
