/// An error from compiling or evaluating a JSONata expression, with JSONata's code (`S0201`, `T2001`, `D3001`, ...).
public struct JSONataError: Error, Sendable, Equatable {
    /// JSONata's error code.
    public var code: String
    /// The message JSONata reports for the code.
    public var message: String
    /// The character offset in the expression where the error was found, when known.
    public var position: Int?

    public init(code: String, message: String, position: Int? = nil) {
        self.code = code
        self.message = message
        self.position = position
    }
}
