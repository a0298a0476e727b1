/// An error as DynamoDB reports it: the exception's name (`ValidationException`) and AWS's message text.
public struct TableError: Error, Sendable, Equatable, CustomStringConvertible {
    /// AWS's exception name, e.g. `ValidationException`.
    public var name: String
    /// AWS's message, verbatim.
    public var message: String

    public init(name: String, message: String) {
        self.name = name
        self.message = message
    }

    public var description: String { "\(name): \(message)" }

    /// A `ValidationException`, the error of almost every malformed request.
    public static func validation(_ message: String) -> TableError {
        TableError(name: "ValidationException", message: message)
    }

    /// A `SerializationException`: the request's JSON does not have the shape of the API's types.
    static func serialization(_ message: String) -> TableError {
        TableError(name: "SerializationException", message: message)
    }
}
