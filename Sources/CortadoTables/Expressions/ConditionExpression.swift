/// A parsed ConditionExpression or FilterExpression: parse once, evaluate against many items.
public struct ConditionExpression: Sendable {
    let condition: Condition

    /// Parses `text` with AWS's checks: syntax, reserved words, placeholders, function arguments.
    public static func parse(
        _ text: String, kind: ConditionKind, attributes: inout ExpressionAttributes
    ) throws(TableError) -> ConditionExpression {
        var parser = try ExpressionParser(
            text, parameterName: kind.parameterName, keywords: ExpressionParser.conditionKeywords, attributes: attributes)
        let condition = try parser.parseCondition()
        try parser.expectEnd()
        attributes = parser.attributes
        return ConditionExpression(condition: condition)
    }

    /// Whether the condition holds for `item`; nil is no item (so `attribute_not_exists(...)` holds).
    public func evaluate(_ item: Item?) throws(TableError) -> Bool {
        condition.holds(for: item)
    }

    /// The top-level attributes the condition reads (for Query's rule that filters name no key attribute).
    public var topLevelNames: Set<String> { condition.paths.reduce(into: []) { $0.insert($1.attributeName) } }
}
