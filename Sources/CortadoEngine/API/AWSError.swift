import CortadoJSON

/// An error as the AWS JSON protocol returns it: `{"__type": type, "message": message}` with an HTTP
/// status. The names and messages are AWS's; see docs/architecture/api.md.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    public var type: String
    public var message: String
    public var status: Int
    /// Members the error body carries besides `__type` and `message` (DynamoDB's `CancellationReasons`).
    public var fields: JSONObject = [:]

    public init(_ type: String, _ message: String, status: Int = 400) {
        self.type = type
        self.message = message
        self.status = status
    }

    public var description: String { "\(type): \(message)" }

    public static func validation(_ message: String) -> AWSError { AWSError("ValidationException", message) }

    /// One of AWS's "1 validation error detected" messages for a member constraint.
    public static func constraint(_ value: String, at member: String, _ constraint: String) -> AWSError {
        .validation("1 validation error detected: Value \(value) at '\(member)' failed to satisfy constraint: \(constraint)")
    }

    public static func missing(_ member: String) -> AWSError {
        constraint("null", at: member, "Member must not be null")
    }

    public static func serialization(_ message: String) -> AWSError { AWSError("SerializationException", message) }

    public static func invalidArn(_ arn: String, _ why: String = "Resource type not valid in this context") -> AWSError {
        AWSError("InvalidArn", "Invalid Arn: '\(why): \(arn)'")
    }

    public static func unknownOperation(_ target: String) -> AWSError {
        AWSError("UnknownOperationException", "Unknown operation \(target)")
    }

    public static func internalFailure(_ message: String) -> AWSError { AWSError("InternalFailure", message, status: 500) }
}
