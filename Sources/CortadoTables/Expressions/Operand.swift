/// An operand of a condition or of a SET action.
indirect enum Operand: Sendable, Hashable {
    case path(DocumentPath)
    case value(AttributeValue)
    /// `size(path)`
    case size(DocumentPath)
    /// `if_not_exists(path, operand)` (SET only)
    case ifNotExists(DocumentPath, Operand)
    /// `list_append(a, b)` (SET only)
    case listAppend(Operand, Operand)
    /// `a + b` (SET only)
    case plus(Operand, Operand)
    /// `a - b` (SET only)
    case minus(Operand, Operand)

    var constant: AttributeValue? { if case .value(let v) = self { v } else { nil } }
}

/// A parsed condition (ConditionExpression, FilterExpression, KeyConditionExpression).
indirect enum Condition: Sendable, Hashable {
    enum Comparator: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "<>"
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    case compare(Comparator, Operand, Operand)
    case between(Operand, Operand, Operand)
    case `in`(Operand, [Operand])
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
    case attributeExists(DocumentPath)
    case attributeNotExists(DocumentPath)
    case attributeType(DocumentPath, Operand)
    case beginsWith(Operand, Operand)
    case contains(Operand, Operand)
}
