/// A parsed UpdateExpression: parse once, apply to the item an UpdateItem finds (or to an empty one).
public struct UpdateExpression: Sendable {
    enum Action: Sendable, Hashable {
        case set(DocumentPath, Operand)
        case remove(DocumentPath)
        case add(DocumentPath, AttributeValue)
        case delete(DocumentPath, AttributeValue)

        var path: DocumentPath {
            switch self {
            case .set(let p, _), .remove(let p), .add(let p, _), .delete(let p, _): p
            }
        }
    }

    let actions: [Action]

    /// Parses `text` with AWS's checks: syntax, clauses used once, reserved words, placeholders, operand
    /// types, and no two paths overlapping.
    public static func parse(_ text: String, attributes: inout ExpressionAttributes) throws(TableError) -> UpdateExpression {
        var parser = try ExpressionParser(
            text, parameterName: "UpdateExpression", keywords: ExpressionParser.updateKeywords, attributes: attributes)
        let actions = try parser.parseUpdate()
        if let message = DocumentPath.overlapMessage(actions.map(\.path)) { throw parser.error(message) }
        attributes = parser.attributes
        return UpdateExpression(actions: actions)
    }

    /// The paths the expression updates, in order (for ReturnValues `UPDATED_OLD` / `UPDATED_NEW`).
    public var paths: [DocumentPath] { actions.map(\.path) }

    /// The top-level attributes it touches (for the rule that key attributes cannot be updated).
    public var topLevelNames: Set<String> { Set(actions.map(\.path.attributeName)) }
}
