/// Update expressions: `SET`, `REMOVE`, `ADD` and `DELETE` clauses, each at most once, in any order.
extension ExpressionParser {
    static let updateKeywords: Set<String> = ["SET", "REMOVE", "ADD", "DELETE"]

    mutating func parseUpdate() throws(TableError) -> [UpdateExpression.Action] {
        var actions: [UpdateExpression.Action] = []
        var seen: Set<String> = []
        while !atEnd {
            guard current.kind == .identifier, Self.updateKeywords.contains(current.text.uppercased()) else { throw syntaxError() }
            let clause = current.text.uppercased()
            if seen.contains(clause) { throw error("The \"\(clause)\" section can only be used once in an update expression;") }
            seen.insert(clause)
            advance()
            repeat {
                if !actions.isEmpty && at(symbol: ",") { advance() }
                let path = try parsePath()
                switch clause {
                case "SET":
                    try expect(symbol: "=")
                    actions.append(.set(path, try parseSetValue()))
                case "REMOVE":
                    actions.append(.remove(path))
                case "ADD":
                    let value = try parseValue()
                    switch value {
                    case .number, .stringSet, .numberSet, .binarySet: break
                    default: if deferred == nil { throw incorrectClauseType(value, clause: clause) }
                    }
                    actions.append(.add(path, value))
                default:  // DELETE
                    let value = try parseValue()
                    switch value {
                    case .stringSet, .numberSet, .binarySet: break
                    default: if deferred == nil { throw incorrectClauseType(value, clause: clause) }
                    }
                    actions.append(.delete(path, value))
                }
            } while at(symbol: ",")
        }
        try expectEnd()
        return actions
    }

    private func incorrectClauseType(_ value: AttributeValue, clause: String) -> TableError {
        let names = ["S": "STRING", "N": "NUMBER", "B": "BINARY", "BOOL": "BOOLEAN", "NULL": "NULL", "L": "LIST", "M": "MAP"]
        let type = names[value.typeDescriptor] ?? value.typeDescriptor
        return error("Incorrect operand type for operator or function; operator: \(clause), operand type: \(type)")
    }

    /// `operand`, `operand + operand` or `operand - operand`.
    private mutating func parseSetValue() throws(TableError) -> Operand {
        let left = try parseSetOperand()
        guard at(symbol: "+") || at(symbol: "-") else { return left }
        let symbol = current.text
        advance()
        let right = try parseSetOperand()
        for value in [left.constant, right.constant].compactMap({ $0 }) where deferred == nil {
            guard case .number = value else { throw incorrectType(value, operator: symbol) }
        }
        return symbol == "+" ? .plus(left, right) : .minus(left, right)
    }

    /// A path, a `:value`, `if_not_exists(path, operand)` or `list_append(operand, operand)`.
    private mutating func parseSetOperand() throws(TableError) -> Operand {
        if current.kind == .valuePlaceholder { return .value(try parseValue()) }
        guard atFunction else { return .path(try parsePath()) }
        let name = current.text
        advance()
        guard Self.updateFunctions.contains(name) else {
            if Self.conditionFunctions.contains(name) || name == "size" {
                throw error("The function is not allowed in an update expression; function: \(name)")
            }
            throw error("Invalid function name; function: \(name)")
        }
        let arguments = try parseArguments { (p: inout ExpressionParser) throws(TableError) in try p.parseSetOperand() }
        try checkCount(arguments, 2, function: name)
        if name == "if_not_exists" {
            return .ifNotExists(try requirePath(arguments[0], function: name), arguments[1])
        }
        for value in arguments.compactMap(\.constant) where deferred == nil {
            guard case .list = value else { throw incorrectType(value, operator: name) }
        }
        return .listAppend(arguments[0], arguments[1])
    }
}
