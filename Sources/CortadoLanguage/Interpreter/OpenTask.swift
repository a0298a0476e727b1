/// A task of an execution still waiting for its answer, as tools that list callbacks see it.
public struct OpenTask: Sendable, Equatable {
    public var taskID: Int
    /// The Task state (in a Parallel branch or Map iteration, its own name).
    public var stateName: String
    public var resource: String
    /// When the state was entered (epoch milliseconds).
    public var enteredTime: Int64
    public var heartbeatSeconds: Int?
}

extension ExecutionState {
    /// The open tasks, by task id.
    public var openTasks: [OpenTask] {
        tasks.sorted { $0.key < $1.key }.map { id, task in
            let frame = frames[task.frameID]
            return OpenTask(
                taskID: id, stateName: frame?.stateName ?? "", resource: task.resource, enteredTime: frame?.enteredTime ?? 0,
                heartbeatSeconds: task.heartbeatSeconds)
        }
    }
}
