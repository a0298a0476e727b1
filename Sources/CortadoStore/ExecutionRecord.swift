/// One execution's row: what `DescribeExecution` shows, plus the engine's snapshot and the version that
/// guards it.
public struct ExecutionRecord: Sendable, Equatable {
    public var arn: String
    public var stateMachineArn: String
    public var name: String
    public var status: Status
    /// JSON text.
    public var input: String
    /// JSON text; set when the execution succeeds.
    public var output: String?
    public var error: String?
    public var cause: String?
    /// Milliseconds since the Unix epoch.
    public var startDate: Int64
    /// Milliseconds since the Unix epoch; set when the execution closes.
    public var stopDate: Int64?
    public var redriveCount: Int
    public var redriveDate: Int64?
    /// The stored version. Reads return the current one; `ExecutionWrite.Change.update` expects it.
    public var version: Int64
    /// The engine's encoding of the execution state; nil once the engine no longer needs it.
    public var snapshot: [UInt8]?

    public init(
        arn: String, stateMachineArn: String, name: String, status: Status = .running, input: String,
        output: String? = nil, error: String? = nil, cause: String? = nil, startDate: Int64, stopDate: Int64? = nil,
        redriveCount: Int = 0, redriveDate: Int64? = nil, version: Int64 = 0, snapshot: [UInt8]? = nil
    ) {
        self.arn = arn
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.status = status
        self.input = input
        self.output = output
        self.error = error
        self.cause = cause
        self.startDate = startDate
        self.stopDate = stopDate
        self.redriveCount = redriveCount
        self.redriveDate = redriveDate
        self.version = version
        self.snapshot = snapshot
    }

    /// AWS's execution status names.
    public struct Status: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let running = Status(rawValue: "RUNNING")
        public static let succeeded = Status(rawValue: "SUCCEEDED")
        public static let failed = Status(rawValue: "FAILED")
        public static let timedOut = Status(rawValue: "TIMED_OUT")
        public static let aborted = Status(rawValue: "ABORTED")
        public static let pendingRedrive = Status(rawValue: "PENDING_REDRIVE")

        public static let all: [Status] = [.running, .succeeded, .failed, .timedOut, .aborted, .pendingRedrive]

        public var description: String { rawValue }
    }
}
