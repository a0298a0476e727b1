/// An intrinsic call that cannot be parsed: an unknown function, a wrong number of arguments,
/// or malformed text. The message says what is wrong and at which offset.
public struct IntrinsicSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
