/// The recursive-descent parser shared by the five kinds of expression: tokens, AWS's error texts,
/// document paths and placeholders. Conditions and updates are in `ExpressionParser+Condition.swift` and
/// `ExpressionParser+Update.swift`.
struct ExpressionParser {
    let source: [UInt8]
    /// `ConditionExpression`, `UpdateExpression`, ...: the prefix of every message.
    let parameterName: String
    /// Words that are grammar here and so can never be a bare attribute name.
    let keywords: Set<String>
    let tokens: [Token]
    var position = 0
    var attributes: ExpressionAttributes
    /// The first reserved word or undefined placeholder: AWS reports syntax errors first, so these wait
    /// until the whole expression has parsed (`finish()`).
    var deferred: TableError?

    init(_ text: String, parameterName: String, keywords: Set<String>, attributes: ExpressionAttributes) throws(TableError) {
        source = Array(text.utf8)
        self.parameterName = parameterName
        self.keywords = keywords
        self.attributes = attributes
        tokens = ExpressionLexer.tokens(source)
        if tokens.count == 1 { throw error("The expression can not be empty;") }
    }

    var current: Token { tokens[position] }
    var next: Token { tokens[min(position + 1, tokens.count - 1)] }

    mutating func advance() { position = min(position + 1, tokens.count - 1) }

    var atEnd: Bool { current.kind == .end }

    /// Whether the current token is the keyword `word` (case-insensitive).
    func at(keyword word: String) -> Bool {
        current.kind == .identifier && current.text.uppercased() == word
    }

    func at(symbol: String) -> Bool { current.kind == .symbol && current.text == symbol }

    func error(_ message: String) -> TableError { .validation("Invalid \(parameterName): \(message)") }

    /// AWS's syntax error at the current token: the token, and the source from the previous token's start to
    /// the next token's end.
    func syntaxError() -> TableError {
        let token = current
        let from = position > 0 ? tokens[position - 1].start : token.start
        var to = token.end
        if token.kind == .end {
            to = position > 0 ? tokens[position - 1].end : 0
        } else if position + 1 < tokens.count && tokens[position + 1].kind != .end {
            to = tokens[position + 1].end
        }
        let near = String(decoding: source[from..<max(from, to)], as: UTF8.self)
        return error("Syntax error; token: \"\(token.text)\", near: \"\(near)\"")
    }

    mutating func expect(symbol: String) throws(TableError) {
        guard at(symbol: symbol) else { throw syntaxError() }
        advance()
    }

    /// The end of a whole expression: nothing may follow, and a deferred error is thrown now.
    mutating func expectEnd() throws(TableError) {
        guard atEnd else { throw syntaxError() }
        if let deferred { throw deferred }
    }

    /// A document path: `a`, `#n`, `a.b[2].#c`.
    mutating func parsePath() throws(TableError) -> DocumentPath {
        var elements: [DocumentPath.Element] = [.name(try parsePathName())]
        while true {
            if at(symbol: ".") {
                advance()
                elements.append(.name(try parsePathName()))
            } else if at(symbol: "[") {
                advance()
                guard current.kind == .number else { throw syntaxError() }
                guard let index = Int(current.text) else { throw error("List index is too large; index: \(current.text)") }
                advance()
                try expect(symbol: "]")
                elements.append(.index(index))
            } else {
                return DocumentPath(elements)
            }
        }
    }

    private mutating func parsePathName() throws(TableError) -> String {
        let token = current
        switch token.kind {
        case .identifier:
            if keywords.contains(token.text.uppercased()) { throw syntaxError() }
            if ReservedWords.contains(token.text) && deferred == nil {
                deferred = error("Attribute name is a reserved keyword; reserved keyword: \(token.text)")
            }
            advance()
            return token.text
        case .namePlaceholder:
            advance()
            guard let name = attributes.name(token.text) else {
                if deferred == nil {
                    deferred = error("An expression attribute name used in the document path is not defined; attribute name: \(token.text)")
                }
                return token.text
            }
            return name
        default:
            throw syntaxError()
        }
    }

    /// A `:value` placeholder's value.
    mutating func parseValue() throws(TableError) -> AttributeValue {
        guard current.kind == .valuePlaceholder else { throw syntaxError() }
        let token = current
        advance()
        guard let value = attributes.value(token.text) else {
            if deferred == nil {
                deferred = error("An expression attribute value used in expression is not defined; attribute value: \(token.text)")
            }
            return .null
        }
        return value
    }

    /// Whether the current token starts a function call (`name(`).
    var atFunction: Bool { current.kind == .identifier && next.kind == .symbol && next.text == "(" }

    /// A function's arguments, from `(` to `)`.
    mutating func parseArguments(_ parse: (inout ExpressionParser) throws(TableError) -> Operand) throws(TableError) -> [Operand] {
        try expect(symbol: "(")
        var arguments: [Operand] = [try parse(&self)]
        while at(symbol: ",") {
            advance()
            arguments.append(try parse(&self))
        }
        try expect(symbol: ")")
        return arguments
    }

    func checkCount(_ arguments: [Operand], _ count: Int, function: String) throws(TableError) {
        if arguments.count != count {
            throw error(
                "Incorrect number of operands for operator or function; operator or function: \(function), number of operands: \(arguments.count)"
            )
        }
    }

    func requirePath(_ operand: Operand, function: String) throws(TableError) -> DocumentPath {
        guard case .path(let path) = operand else {
            throw error("Operator or function requires a document path; operator or function: \(function)")
        }
        return path
    }

    func incorrectType(_ value: AttributeValue, operator name: String) -> TableError {
        error("Incorrect operand type for operator or function; operator or function: \(name), operand type: \(value.typeDescriptor)")
    }

    static let conditionFunctions: Set<String> = ["attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains"]
    static let updateFunctions: Set<String> = ["if_not_exists", "list_append"]
}
