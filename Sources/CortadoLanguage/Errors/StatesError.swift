/// A failure raised while running a state: an ASL error name and AWS's cause text.
///
/// Evaluators (paths, intrinsics, Choice, Wait, Map fields) throw this with the *detail* only;
/// the interpreter prefixes run-time failures with
/// `An error occurred while executing the state 'X' (entered at the event id #N). ` as AWS does.
public struct StatesError: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: ErrorName
    public var cause: String
    /// When false the cause is used verbatim (a Fail state's or a task's own cause).
    public var prefixed: Bool
    /// The field a JSONata state's `States.QueryEvaluationError` came from (`Output/result`, `Items`), for
    /// the `EvaluationFailed` event.
    public var location: String?

    public init(_ name: ErrorName, _ cause: String, prefixed: Bool = true) {
        self.name = name
        self.cause = cause
        self.prefixed = prefixed
    }

    public var description: String { "\(name): \(cause)" }
}
