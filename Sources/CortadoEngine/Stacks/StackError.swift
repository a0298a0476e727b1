/// Why a stack could not make, change or remove a resource: which one, and what its service said.
public struct StackError: Error, Sendable, Equatable, CustomStringConvertible {
    public var logicalId: String
    public var message: String

    public init(_ logicalId: String, _ message: String) {
        self.logicalId = logicalId
        self.message = message
    }

    public var description: String { "\(logicalId): \(message)" }
}
