import CortadoJSON

/// A JSONPath Choice Rule: a comparison of one value of the state's input (or of `$$` or a
/// variable), or `And`, `Or` and `Not` over nested rules.
public indirect enum ChoiceRule: Sendable, Hashable {
    case and([ChoiceRule])
    case or([ChoiceRule])
    case not(ChoiceRule)
    case comparison(ChoiceComparison)
    /// JSONata: `Condition`, a boolean or a `{% %}` expression that must give one.
    case condition(JSONataTemplate)
}

/// One data-test expression: `"Variable": "$.x", "NumericLessThan": 3`.
public struct ChoiceComparison: Sendable, Hashable, CustomStringConvertible {
    /// The value under test (the rule's `Variable`).
    public var variable: JSONPath
    public var `operator`: Operator
    /// What the variable is compared with: a literal of the operator's type, or a path (the
    /// operator's `...Path` form) evaluated in the same scope.
    public var operand: Operand

    public init(variable: JSONPath, operator: Operator, operand: Operand) {
        self.variable = variable
        self.operator = `operator`
        self.operand = operand
    }

    /// The field as written in the definition, e.g. `NumericLessThanPath`.
    public var fieldName: String {
        if case .path = operand { return `operator`.rawValue + "Path" }
        return `operator`.rawValue
    }

    public var description: String {
        let value: String =
            switch operand {
            case .string(let s): JSON.string(s).text
            case .number(let n): n.text
            case .bool(let b): String(b)
            case .timestamp(let t): "\"\(t)\""
            case .pattern(let p): JSON.string(p.source).text
            case .path(let p): JSON.string(p.source).text
            }
        return "\(variable) \(fieldName) \(value)"
    }

    /// The comparison operators, named as in ASL without the `Path` suffix.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case stringEquals = "StringEquals"
        case stringLessThan = "StringLessThan"
        case stringGreaterThan = "StringGreaterThan"
        case stringLessThanEquals = "StringLessThanEquals"
        case stringGreaterThanEquals = "StringGreaterThanEquals"
        case stringMatches = "StringMatches"
        case numericEquals = "NumericEquals"
        case numericLessThan = "NumericLessThan"
        case numericGreaterThan = "NumericGreaterThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case booleanEquals = "BooleanEquals"
        case timestampEquals = "TimestampEquals"
        case timestampLessThan = "TimestampLessThan"
        case timestampGreaterThan = "TimestampGreaterThan"
        case timestampLessThanEquals = "TimestampLessThanEquals"
        case timestampGreaterThanEquals = "TimestampGreaterThanEquals"
        case isPresent = "IsPresent"
        case isNull = "IsNull"
        case isNumeric = "IsNumeric"
        case isString = "IsString"
        case isBoolean = "IsBoolean"
        case isTimestamp = "IsTimestamp"

        public enum Kind: Sendable, Hashable {
            case string, pattern, numeric, boolean, timestamp
            /// `IsPresent`, `IsNull`, ...: the operand is the boolean the test must come out as.
            case typeTest
        }

        public var kind: Kind {
            switch self {
            case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals,
                .stringGreaterThanEquals:
                .string
            case .stringMatches: .pattern
            case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals,
                .numericGreaterThanEquals:
                .numeric
            case .booleanEquals: .boolean
            case .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals,
                .timestampGreaterThanEquals:
                .timestamp
            case .isPresent, .isNull, .isNumeric, .isString, .isBoolean, .isTimestamp: .typeTest
            }
        }

        /// Whether ASL has a `...Path` form (every operator but `StringMatches` and the type tests).
        public var hasPathForm: Bool {
            switch kind {
            case .pattern, .typeTest: false
            default: true
            }
        }

        /// Whether an ordering satisfies the operator (for the ordered comparisons).
        func accepts(_ order: Ordering) -> Bool {
            switch self {
            case .stringEquals, .numericEquals, .timestampEquals, .booleanEquals: order == .equal
            case .stringLessThan, .numericLessThan, .timestampLessThan: order == .less
            case .stringGreaterThan, .numericGreaterThan, .timestampGreaterThan: order == .greater
            case .stringLessThanEquals, .numericLessThanEquals, .timestampLessThanEquals: order != .greater
            case .stringGreaterThanEquals, .numericGreaterThanEquals, .timestampGreaterThanEquals: order != .less
            case .stringMatches, .isPresent, .isNull, .isNumeric, .isString, .isBoolean, .isTimestamp: false
            }
        }

        /// Looks an operator field up by name: `NumericLessThanPath` → (`.numericLessThan`, path: true).
        public static func named(_ field: String) -> (Operator, isPath: Bool)? {
            if let op = Operator(rawValue: field) { return (op, false) }
            if field.hasSuffix("Path"), let op = Operator(rawValue: String(field.dropLast(4))), op.hasPathForm {
                return (op, true)
            }
            return nil
        }
    }

    public enum Operand: Sendable, Hashable {
        case string(String)
        /// A number literal, `.int` or `.double`.
        case number(JSON)
        case bool(Bool)
        case timestamp(Timestamp)
        case pattern(StringPattern)
        case path(JSONPath)
    }

    enum Ordering: Sendable {
        case less, equal, greater
    }
}
