/// A pattern, target or expression the bus refuses, with the message AWS gives for it.
public struct EventsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
