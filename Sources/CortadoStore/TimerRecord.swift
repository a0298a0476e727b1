/// A pending timer of one execution; the interpreter's timer id is unique within the execution.
public struct TimerRecord: Sendable, Hashable {
    public var executionArn: String
    public var timerID: Int
    /// Milliseconds since the Unix epoch.
    public var fireAt: Int64

    public init(executionArn: String, timerID: Int, fireAt: Int64) {
        self.executionArn = executionArn
        self.timerID = timerID
        self.fireAt = fireAt
    }
}
