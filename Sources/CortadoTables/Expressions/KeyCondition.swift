/// The condition a sort key must meet in a Query.
public enum SortKeyCondition: Sendable, Hashable {
    case equal(AttributeValue)
    case less(AttributeValue)
    case lessOrEqual(AttributeValue)
    case greater(AttributeValue)
    case greaterOrEqual(AttributeValue)
    case between(AttributeValue, AttributeValue)
    case beginsWith(AttributeValue)
}

/// A parsed KeyConditionExpression, reduced to what a Query needs: the partition key's value and at most
/// one condition on the sort key.
public struct KeyCondition: Sendable {
    public var partitionValue: AttributeValue
    public var sort: SortKeyCondition?

    /// Parses `text` against the key names of the table or index queried.
    public static func parse(
        _ text: String, partitionKey: String, sortKey: String?, attributes: inout ExpressionAttributes
    ) throws(TableError) -> KeyCondition {
        var parser = try ExpressionParser(
            text, parameterName: "KeyConditionExpression", keywords: ExpressionParser.conditionKeywords, attributes: attributes)
        let condition = try parser.parseCondition()
        try parser.expectEnd()
        attributes = parser.attributes

        var terms: [Condition] = []
        try flatten(condition, into: &terms, parser: parser)
        if terms.count > 2 { throw parser.error("KeyConditionExpressions must only contain one condition per key") }
        var partitionValue: AttributeValue?
        var sort: SortKeyCondition?
        var seen: Set<String> = []
        for term in terms {
            let (name, keyCondition) = try key(of: term, parser: parser)
            if !seen.insert(name).inserted {
                throw parser.error("KeyConditionExpressions must only contain one condition per key")
            }
            if name == partitionKey {
                guard case .equal(let value) = keyCondition else { throw .validation("Query key condition not supported") }
                partitionValue = value
            } else if name == sortKey {
                sort = keyCondition
            } else {
                throw .validation(
                    "Query condition missed key schema element: \(partitionValue == nil ? partitionKey : sortKey ?? partitionKey)")
            }
        }
        guard let partitionValue else { throw .validation("Query condition missed key schema element: \(partitionKey)") }
        return KeyCondition(partitionValue: partitionValue, sort: sort)
    }

    /// The conditions joined by AND; any other operator is not a key condition.
    private static func flatten(_ condition: Condition, into terms: inout [Condition], parser: ExpressionParser) throws(TableError) {
        switch condition {
        case .and(let a, let b):
            try flatten(a, into: &terms, parser: parser)
            try flatten(b, into: &terms, parser: parser)
        case .or: throw parser.error("Invalid operator used in KeyConditionExpression: OR")
        case .not: throw parser.error("Invalid operator used in KeyConditionExpression: NOT")
        case .in: throw parser.error("Invalid operator used in KeyConditionExpression: IN")
        case .compare(.notEqual, _, _): throw parser.error("Invalid operator used in KeyConditionExpression: <>")
        case .attributeExists: throw parser.error("Invalid operator used in KeyConditionExpression: attribute_exists")
        case .attributeNotExists: throw parser.error("Invalid operator used in KeyConditionExpression: attribute_not_exists")
        case .attributeType: throw parser.error("Invalid operator used in KeyConditionExpression: attribute_type")
        case .contains: throw parser.error("Invalid operator used in KeyConditionExpression: contains")
        default: terms.append(condition)
        }
    }

    /// The key attribute a single condition constrains, and how.
    private static func key(of term: Condition, parser: ExpressionParser) throws(TableError) -> (String, SortKeyCondition) {
        switch term {
        case .compare(let comparator, let l, let r):
            // `:v < sk` is `sk > :v`.
            let flipped: Bool
            let (name, value): (String, AttributeValue)
            if case .value(let v) = l {
                (name, value, flipped) = (try keyName(r, parser: parser), v, true)
            } else {
                guard case .value(let v) = r else {
                    throw parser.error("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition")
                }
                (name, value, flipped) = (try keyName(l, parser: parser), v, false)
            }
            switch comparator {
            case .equal: return (name, .equal(value))
            case .less: return (name, flipped ? .greater(value) : .less(value))
            case .lessOrEqual: return (name, flipped ? .greaterOrEqual(value) : .lessOrEqual(value))
            case .greater: return (name, flipped ? .less(value) : .greater(value))
            case .greaterOrEqual: return (name, flipped ? .lessOrEqual(value) : .greaterOrEqual(value))
            case .notEqual: throw parser.error("Invalid operator used in KeyConditionExpression: <>")
            }
        case .between(let x, let low, let high):
            guard case .value(let lo) = low, case .value(let hi) = high else {
                throw parser.error("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition")
            }
            return (try keyName(x, parser: parser), .between(lo, hi))
        case .beginsWith(let x, let prefix):
            guard case .value(let value) = prefix else {
                throw parser.error("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition")
            }
            return (try keyName(x, parser: parser), .beginsWith(value))
        default:
            throw .validation("Query key condition not supported")
        }
    }

    private static func keyName(_ operand: Operand, parser: ExpressionParser) throws(TableError) -> String {
        switch operand {
        case .path(let path):
            guard path.elements.count == 1 else {
                throw parser.error("KeyConditionExpressions cannot have conditions on nested attributes")
            }
            return path.attributeName
        case .size: throw parser.error("Invalid operator used in KeyConditionExpression: size")
        default:
            throw parser.error("Invalid condition in KeyConditionExpression: No key attribute specified")
        }
    }
}
