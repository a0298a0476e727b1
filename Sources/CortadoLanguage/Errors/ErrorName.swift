/// An ASL error name, such as `States.Timeout` or a name a task or Fail state chose.
public struct ErrorName: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let all: ErrorName = "States.ALL"
    public static let runtime: ErrorName = "States.Runtime"
    public static let timeout: ErrorName = "States.Timeout"
    public static let taskFailed: ErrorName = "States.TaskFailed"
    public static let heartbeatTimeout: ErrorName = "States.HeartbeatTimeout"
    public static let permissions: ErrorName = "States.Permissions"
    public static let branchFailed: ErrorName = "States.BranchFailed"
    public static let noChoiceMatched: ErrorName = "States.NoChoiceMatched"
    public static let intrinsicFailure: ErrorName = "States.IntrinsicFailure"
    public static let parameterPathFailure: ErrorName = "States.ParameterPathFailure"
    public static let resultPathMatchFailure: ErrorName = "States.ResultPathMatchFailure"
    public static let dataLimitExceeded: ErrorName = "States.DataLimitExceeded"
    public static let exceedToleratedFailureThreshold: ErrorName = "States.ExceedToleratedFailureThreshold"
    public static let itemReaderFailed: ErrorName = "States.ItemReaderFailed"
    public static let resultWriterFailed: ErrorName = "States.ResultWriterFailed"
    public static let queryEvaluationError: ErrorName = "States.QueryEvaluationError"

    /// `States.ALL` matches every error except `States.DataLimitExceeded` and `States.Runtime`,
    /// which a Retrier or Catcher must name explicitly (AWS's rule). `States.TaskFailed` matches
    /// every error except `States.Timeout` (and the same two).
    public func isMatched(by pattern: ErrorName) -> Bool {
        if pattern == self { return true }
        if self == .dataLimitExceeded || self == .runtime { return false }
        if pattern == .all { return true }
        if pattern == .taskFailed { return self != .timeout && self != .heartbeatTimeout }
        return false
    }
}
