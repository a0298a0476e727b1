import CortadoJSON

/// A function the host adds to the library (Step Functions' `$partition`, `$hash`, ...), called with JSON values.
public struct JSONataFunction: Sendable {
    /// JSONata's signature syntax, such as `<an:a>`; arguments are checked against it (`T0410`, `T0411`, `T0412`).
    public var signature: String
    /// The body; a nil argument or result is `undefined`.
    public var body: @Sendable ([JSON?]) throws(JSONataError) -> JSON?
    /// When true an array result is a sequence, as a path's result is: one item collapses to the item.
    public var returnsSequence: Bool

    public init(
        signature: String, returnsSequence: Bool = false, _ body: @escaping @Sendable ([JSON?]) throws(JSONataError) -> JSON?
    ) {
        self.signature = signature
        self.returnsSequence = returnsSequence
        self.body = body
    }
}
