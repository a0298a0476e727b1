import CortadoJSON

/// One element of a Choice state's `Choices`: a rule, the state to go to when it holds, and
/// the variables to assign then.
public struct ChoiceBranch: Sendable, Hashable {
    public var rule: ChoiceRule
    public var next: String
    /// The "Assign" object of the choice rule, if present.
    public var assign: JSON?
    /// `assign` compiled once at load time.
    public var compiledAssign: PayloadTemplate?

    public init(rule: ChoiceRule, next: String, assign: JSON? = nil, compiledAssign: PayloadTemplate? = nil) {
        self.rule = rule
        self.next = next
        self.assign = assign
        self.compiledAssign = compiledAssign
    }
}

extension ChoiceBranch {
    /// Decodes a top-level Choices element; problems go to `sink`, located under `location`
    /// (e.g. `/States/Check/Choices/0`). Nil when the element is unusable.
    ///
    /// `Next` is only checked to be a string here; whether it names a state is the state
    /// machine's check.
    public static func decode(_ json: JSON, at location: String, into sink: inout DiagnosticSink) -> ChoiceBranch? {
        guard let rule = ChoiceRule.decode(json, at: location, topLevel: true, into: &sink),
            let next = json["Next"]?.stringValue
        else { return nil }
        var compiled: PayloadTemplate?
        if let a = json["Assign"] { compiled = PayloadTemplate.compile(a, at: location + "/Assign", into: &sink) }
        return ChoiceBranch(rule: rule, next: next, assign: json["Assign"], compiledAssign: compiled)
    }
}
