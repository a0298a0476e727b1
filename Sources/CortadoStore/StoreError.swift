/// An error a store reports about the request, not about its disk. A struct over a code, so codes can be
/// added without breaking callers: `catch let e as StoreError where e.code == .versionConflict`.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Code
    /// What and where, for logs and for the API's `message`.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// The kind of error. Match with `==` or `~=` (`case StoreError.Code.versionConflict`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case executionAlreadyExists = "ExecutionAlreadyExists"
            case executionDoesNotExist = "ExecutionDoesNotExist"
            case stateMachineAlreadyExists = "StateMachineAlreadyExists"
            case stateMachineDoesNotExist = "StateMachineDoesNotExist"
            case versionConflict = "VersionConflict"
            case eventAlreadyExists = "EventAlreadyExists"
            case resourceAlreadyExists = "ResourceAlreadyExists"
            case invalidPageToken = "InvalidToken"
            case invalidArgument = "InvalidArgument"
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// `StartExecution` with a taken name and another input, or a closed execution's name.
        public static let executionAlreadyExists = Code(.executionAlreadyExists)
        public static let executionDoesNotExist = Code(.executionDoesNotExist)
        public static let stateMachineAlreadyExists = Code(.stateMachineAlreadyExists)
        public static let stateMachineDoesNotExist = Code(.stateMachineDoesNotExist)
        /// The execution moved since the caller read it: reload and decide again.
        public static let versionConflict = Code(.versionConflict)
        /// A history event id that is already stored for the execution.
        public static let eventAlreadyExists = Code(.eventAlreadyExists)
        /// `createResource` with a (kind, ARN) that is already stored.
        public static let resourceAlreadyExists = Code(.resourceAlreadyExists)
        /// A page token this store did not issue for this kind of list.
        public static let invalidPageToken = Code(.invalidPageToken)
        /// A request the store cannot carry out as asked (a limit below 1, mismatched ARNs).
        public static let invalidArgument = Code(.invalidArgument)

        /// AWS's exception name where there is one (`ExecutionAlreadyExists`, `InvalidToken`).
        public var description: String { value.rawValue }

        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? StoreError)?.code == code
        }
    }
}

// The messages every store uses, so that the API says the same whatever the backend.
extension StoreError {
    package static func noStateMachine(_ arn: String) -> StoreError {
        StoreError(.stateMachineDoesNotExist, "State Machine Does Not Exist: '\(arn)'")
    }

    package static func stateMachineExists(_ arn: String) -> StoreError {
        StoreError(.stateMachineAlreadyExists, "State Machine Already Exists: '\(arn)'")
    }

    package static func noExecution(_ arn: String) -> StoreError {
        StoreError(.executionDoesNotExist, "Execution Does Not Exist: '\(arn)'")
    }

    package static func executionExists(_ arn: String) -> StoreError {
        StoreError(.executionAlreadyExists, "Execution Already Exists: '\(arn)'")
    }

    package static func conflict(_ arn: String, expected: Int64, stored: Int64) -> StoreError {
        StoreError(.versionConflict, "execution \(arn) is at version \(stored), not \(expected)")
    }

    package static func eventExists(_ id: Int, _ arn: String) -> StoreError {
        StoreError(.eventAlreadyExists, "event \(id) of \(arn) is already stored")
    }

    package static func resourceExists(_ kind: String, _ arn: String) -> StoreError {
        StoreError(.resourceAlreadyExists, "Resource Already Exists: \(kind) '\(arn)'")
    }
}
