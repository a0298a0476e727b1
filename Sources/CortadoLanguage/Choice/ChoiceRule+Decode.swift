import CortadoJSON

extension ChoiceRule {
    /// Decodes one rule object (a top-level Choices element when `topLevel`, which must then carry
    /// "Next"; nested ones must not). Reports problems to `sink` with locations; returns nil if the
    /// rule is unusable.
    ///
    /// Every problem in the rule and its nested rules is reported, not only the first. A top-level
    /// rule may also carry `Assign` and any rule a `Comment`; `ChoiceBranch` reads `Next` and `Assign`.
    public static func decode(_ json: JSON, at location: String, topLevel: Bool, into sink: inout DiagnosticSink)
        -> ChoiceRule?
    {
        var decoder = RuleDecoder(sink: sink)
        let rule = decoder.rule(json, at: location, topLevel: topLevel)
        sink = decoder.sink
        return rule
    }
}

/// Walks a rule object, reporting each problem where it is and carrying on.
private struct RuleDecoder {
    var sink: DiagnosticSink
    private var errorCount = 0

    init(sink: DiagnosticSink) { self.sink = sink }

    private static let selectors = ["And", "Or", "Not", "Variable"]

    private mutating func error(_ message: String, at location: String) {
        sink.error("SCHEMA_VALIDATION_FAILED", message, at: location)
        errorCount += 1
    }

    mutating func rule(_ json: JSON, at location: String, topLevel: Bool) -> ChoiceRule? {
        guard case .object(let object) = json else {
            error("A Choice Rule must be an object, not \(json.typeName)", at: location)
            return nil
        }
        let errorsBefore = errorCount

        var selectors: [String] = []
        var operators: [(name: String, op: ChoiceComparison.Operator, isPath: Bool, value: JSON)] = []
        for (key, value) in object {
            let here = "\(location)/\(key)"
            switch key {
            case "And", "Or", "Not", "Variable":
                selectors.append(key)
            case "Next":
                if !topLevel {
                    error("Field 'Next' is not supported: only a top-level Choice Rule names the next state", at: here)
                } else if value.stringValue == nil {
                    error("The value for the field 'Next' must be a string", at: here)
                }
            case "Assign":
                if !topLevel {
                    error("Field 'Assign' is not supported in a nested Choice Rule", at: here)
                } else if value.objectValue == nil {
                    error("The value for the field 'Assign' must be an object", at: here)
                }
            case "Comment":
                if value.stringValue == nil { error("The value for the field 'Comment' must be a string", at: here) }
            case "Condition":
                error("Field 'Condition' is supported only when the QueryLanguage is JSONata", at: here)
            default:
                if let (op, isPath) = ChoiceComparison.Operator.named(key) {
                    operators.append((key, op, isPath, value))
                } else {
                    error("Field '\(key)' is not supported", at: here)
                }
            }
        }
        if topLevel && object["Next"] == nil {
            error("These fields are required: [Next]", at: location)
        }

        guard selectors.count == 1, let selector = selectors.first else {
            if selectors.isEmpty {
                error("A Choice Rule must have one of the fields [And, Or, Not, Variable]", at: location)
            } else {
                error(
                    "The object must have only one of the following fields, [And, Or, Not, Variable], found "
                        + selectors.joined(separator: ", "), at: location)
            }
            return nil
        }
        if selector != "Variable" {
            for o in operators {
                error("Field '\(o.name)' is not supported next to '\(selector)'", at: "\(location)/\(o.name)")
            }
        }

        let value = object[selector]!
        let here = "\(location)/\(selector)"
        let result: ChoiceRule?
        switch selector {
        case "And", "Or":
            guard case .array(let elements) = value, !elements.isEmpty else {
                error("The value for the field '\(selector)' must be a non-empty array of Choice Rules", at: here)
                return nil
            }
            var rules: [ChoiceRule] = []
            for (i, element) in elements.enumerated() {
                if let r = rule(element, at: "\(here)/\(i)", topLevel: false) { rules.append(r) }
            }
            result = rules.count == elements.count ? (selector == "And" ? .and(rules) : .or(rules)) : nil
        case "Not":
            guard case .object = value else {
                error("The value for the field 'Not' must be a Choice Rule object", at: here)
                return nil
            }
            result = rule(value, at: here, topLevel: false).map(ChoiceRule.not)
        default:
            result = comparison(variable: value, operators: operators, at: location).map(ChoiceRule.comparison)
        }
        return errorCount == errorsBefore ? result : nil
    }

    private mutating func comparison(
        variable: JSON, operators: [(name: String, op: ChoiceComparison.Operator, isPath: Bool, value: JSON)],
        at location: String
    ) -> ChoiceComparison? {
        let path = self.path(variable, field: "Variable", at: "\(location)/Variable")
        guard operators.count == 1, let o = operators.first else {
            if operators.isEmpty {
                error(
                    "A Choice Rule with a Variable must have a comparison operator, such as StringEquals",
                    at: location)
            } else {
                error(
                    "There should only be one of the following fields: ["
                        + operators.map(\.name).joined(separator: ", ") + "]", at: location)
            }
            return nil
        }
        let here = "\(location)/\(o.name)"
        let operand: ChoiceComparison.Operand?
        if o.isPath {
            operand = self.path(o.value, field: o.name, at: here).map(ChoiceComparison.Operand.path)
        } else {
            operand = literal(o.value, for: o.op, field: o.name, at: here)
        }
        guard let path, let operand else { return nil }
        return ChoiceComparison(variable: path, operator: o.op, operand: operand)
    }

    private mutating func path(_ value: JSON, field: String, at location: String) -> JSONPath? {
        guard case .string(let text) = value else {
            error("The value for the field '\(field)' must be a string holding a JSONPath", at: location)
            return nil
        }
        do {
            return try JSONPath(text)
        } catch {
            self.error("The value for the field '\(field)' must be a valid JSONPath: \(error.message)", at: location)
            return nil
        }
    }

    private mutating func literal(_ value: JSON, for op: ChoiceComparison.Operator, field: String, at location: String)
        -> ChoiceComparison.Operand?
    {
        switch (op.kind, value) {
        case (.string, .string(let s)): return .string(s)
        case (.pattern, .string(let s)): return .pattern(StringPattern(s))
        case (.numeric, .int), (.numeric, .double): return .number(value)
        case (.boolean, .bool(let b)), (.typeTest, .bool(let b)): return .bool(b)
        case (.timestamp, .string(let s)):
            if let t = Timestamp.parse(s) { return .timestamp(t) }
            error(
                "The value for the field '\(field)' must be a valid ISO-8601 timestamp, such as 2016-03-14T01:59:00Z",
                at: location)
            return nil
        default:
            let expected =
                switch op.kind {
                case .string, .pattern: "a string"
                case .numeric: "a number"
                case .boolean, .typeTest: "a boolean"
                case .timestamp: "a timestamp string"
                }
            error("The value for the field '\(field)' must be \(expected), not \(value.typeName)", at: location)
            return nil
        }
    }
}
