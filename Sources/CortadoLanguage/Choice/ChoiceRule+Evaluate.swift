import CortadoJSON

extension ChoiceRule {
    /// Evaluates the rule against the state's effective input, `$$` and variables.
    ///
    /// A value of the wrong type makes a comparison false; a `Variable` (or `...Path` operand)
    /// that finds nothing fails the state with `States.Runtime`, except under `IsPresent`.
    /// `And` and `Or` stop at the first rule that decides them.
    public func evaluate(in scope: PathScope) throws(StatesError) -> Bool {
        switch self {
        case .and(let rules):
            for rule in rules where try !rule.evaluate(in: scope) { return false }
            return true
        case .or(let rules):
            for rule in rules where try rule.evaluate(in: scope) { return true }
            return false
        case .not(let rule):
            return try !rule.evaluate(in: scope)
        case .comparison(let comparison):
            return try comparison.evaluate(in: scope)
        case .condition(let template):
            let value = try template.evaluate(in: scope, field: "Condition")
            guard case .bool(let b) = value else {
                throw scope.unexpectedType(
                    value, expected: "boolean", source: template.wholeExpression?.source ?? value.text, field: "Condition")
            }
            return b
        }
    }
}

extension ChoiceComparison {
    public func evaluate(in scope: PathScope) throws(StatesError) -> Bool {
        if `operator` == .isPresent {
            guard case .bool(let expected) = operand else { return false }
            return ((try? scope.resolve(variable)) != nil) == expected
        }
        let value = try Self.resolve(variable, in: scope)
        guard case .path(let path) = operand else { return test(value, against: operand) }
        // A path operand of the wrong type matches nothing, like a variable of the wrong type.
        guard let other = Self.literal(try Self.resolve(path, in: scope), for: `operator`.kind) else { return false }
        return test(value, against: other)
    }

    /// AWS's run-time failure when a comparison's path finds nothing.
    static func resolve(_ path: JSONPath, in scope: PathScope) throws(StatesError) -> JSON {
        do {
            return try scope.resolve(path)
        } catch {
            throw StatesError(
                .runtime,
                "Invalid path '\(path.source)': The choice state's condition path references an invalid value.")
        }
    }

    /// The literal operand a `...Path` value stands for, or nil when it has the wrong type.
    private static func literal(_ value: JSON, for kind: Operator.Kind) -> Operand? {
        switch (kind, value) {
        case (.string, .string(let s)): .string(s)
        case (.numeric, .int), (.numeric, .double): .number(value)
        case (.boolean, .bool(let b)): .bool(b)
        case (.timestamp, .string(let s)): Timestamp.parse(s).map(Operand.timestamp)
        default: nil
        }
    }

    private func test(_ value: JSON, against operand: Operand) -> Bool {
        switch (`operator`.kind, value, operand) {
        case (.string, .string(let a), .string(let b)):
            return `operator`.accepts(Self.javaOrder(a, b))
        case (.pattern, .string(let a), .pattern(let p)):
            return p.matches(a)
        case (.numeric, .int, .number(let b)), (.numeric, .double, .number(let b)):
            guard let order = Self.numericOrder(value, b) else { return false }
            return `operator`.accepts(order)
        case (.boolean, .bool(let a), .bool(let b)):
            return a == b
        case (.timestamp, .string(let a), .timestamp(let b)):
            guard let t = Timestamp.parse(a) else { return false }
            return `operator`.accepts(t < b ? .less : t == b ? .equal : .greater)
        case (.typeTest, _, .bool(let expected)):
            return typeTest(value) == expected
        default:
            return false
        }
    }

    private func typeTest(_ value: JSON) -> Bool {
        switch `operator` {
        case .isNull: value.isNull
        case .isNumeric: value.isNumber
        case .isString: value.stringValue != nil
        case .isBoolean: value.boolValue != nil
        case .isTimestamp: value.stringValue.flatMap(Timestamp.parse) != nil
        default: false
        }
    }

    /// Java's `String.compareTo`: UTF-16 code units, then length. (Swift's `<` and `==` on
    /// `String` use Unicode canonical equivalence, which Java does not.)
    static func javaOrder(_ a: String, _ b: String) -> Ordering {
        var i = a.utf16.makeIterator()
        var j = b.utf16.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return .equal
            case (nil, _): return .less
            case (_, nil): return .greater
            case (let x?, let y?):
                if x != y { return x < y ? .less : .greater }
            }
        }
    }

    /// Numeric order of two JSON numbers, exact for every mix of `.int` and `.double`; nil
    /// when either is NaN.
    static func numericOrder(_ a: JSON, _ b: JSON) -> Ordering? {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            return x < y ? .less : x == y ? .equal : .greater
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? .less : x == y ? .equal : .greater
        case (.int(let x), .double(let y)):
            return intDoubleOrder(x, y)
        case (.double(let x), .int(let y)):
            return intDoubleOrder(y, x).map { o -> Ordering in
                switch o {
                case .less: .greater
                case .equal: .equal
                case .greater: .less
                }
            }
        default:
            return nil
        }
    }

    private static func intDoubleOrder(_ x: Int, _ y: Double) -> Ordering? {
        if y.isNaN { return nil }
        // 2^63 is exactly representable; every Int is below it and at or above -2^63.
        if y >= 9_223_372_036_854_775_808.0 { return .less }
        if y < -9_223_372_036_854_775_808.0 { return .greater }
        let whole = y.rounded(.down)
        let w = Int(whole)
        if x != w { return x < w ? .less : .greater }
        return whole == y ? .equal : .less
    }
}
