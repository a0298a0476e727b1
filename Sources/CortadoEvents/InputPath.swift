import CortadoJSON

/// A target's `InputPath`: the part of the matched event the target receives, e.g. `$.detail`.
public struct InputPath: Sendable, Hashable, CustomStringConvertible {
    /// The path as the target was put.
    public let source: String
    let path: JSONPath

    public var description: String { source }

    /// Parses the path of the target with Id `targetID` (the Id only appears in the error message).
    ///
    /// - Throws: `EventsError` (a `ValidationException` at PutTargets) when the text is not a JSONPath
    ///   EventBridge evaluates.
    public init(_ source: String, targetID: String) throws(EventsError) {
        guard let path = EventPath.parse(source) else {
            throw EventsError("InputPath for target \(targetID) is not a valid JSON path: \(source).")
        }
        self.source = source
        self.path = path
    }

    /// The body delivered: the compact JSON text of the value the path names (a string arrives quoted,
    /// `"baz"`), or nil when the path names nothing and there is nothing to deliver.
    public func apply(to event: JSON) -> String? {
        EventPath.value(of: path, in: event)?.text
    }
}
