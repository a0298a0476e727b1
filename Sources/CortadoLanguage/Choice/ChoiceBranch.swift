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
    /// JSONata: the rule's `Output` and `Assign`, used when this rule is the one that matched.
    public var output: JSONataTemplate?
    public var jsonataAssign: JSONataTemplate?

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

    /// Decodes a JSONata Choices element: `Condition`, `Next`, `Output`, `Assign`, `Comment`.
    static func decodeJSONata(_ json: JSON, at location: String, into sink: inout DiagnosticSink) -> ChoiceBranch? {
        guard case .object(let o) = json else {
            sink.error("SCHEMA_VALIDATION_FAILED", "A Choice Rule must be an object, not \(json.typeName)", at: location)
            return nil
        }
        for k in o.keys where !["Condition", "Next", "Output", "Assign", "Comment"].contains(k) {
            sink.error(
                "SCHEMA_VALIDATION_FAILED", "The field '\(k)' is not supported in a Choice Rule with the JSONata query language",
                at: location + "/" + k)
        }
        guard let c = o["Condition"] else {
            sink.error("SCHEMA_VALIDATION_FAILED", "These fields are required: [Condition]", at: location)
            return nil
        }
        let condition: JSONataTemplate
        switch c {
        case .bool:
            condition = .literal(c)
        case .string(let text) where StatesExpression.body(of: text) != nil:
            condition = JSONataTemplate.compile(c, at: location + "/Condition", into: &sink)
        default:
            sink.error(
                "SCHEMA_VALIDATION_FAILED", "The value for the field 'Condition' must be a boolean or a JSONata expression",
                at: location + "/Condition")
            return nil
        }
        guard let next = o["Next"]?.stringValue else {
            sink.error(
                "SCHEMA_VALIDATION_FAILED", o["Next"] == nil ? "These fields are required: [Next]" : "Next must be a string",
                at: location + (o["Next"] == nil ? "" : "/Next"))
            return nil
        }
        var branch = ChoiceBranch(rule: .condition(condition), next: next)
        if let out = o["Output"] { branch.output = JSONataTemplate.compile(out, at: location + "/Output", into: &sink) }
        if let a = o["Assign"] { branch.jsonataAssign = DefinitionDecoder.jsonataAssign(a, location + "/Assign", &sink) }
        return branch
    }
}
