import CortadoJSON

/// Conditions: `OR` binds loosest, then `AND`, then `NOT`; parentheses group.
extension ExpressionParser {
    static let conditionKeywords: Set<String> = ["AND", "OR", "NOT", "BETWEEN", "IN"]
    static let maxInOperands = 100

    mutating func parseCondition() throws(TableError) -> Condition {
        var left = try parseAnd()
        while at(keyword: "OR") {
            advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(TableError) -> Condition {
        var left = try parseNot()
        while at(keyword: "AND") {
            advance()
            left = .and(left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws(TableError) -> Condition {
        if at(keyword: "NOT") {
            advance()
            return .not(try parseNot())
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(TableError) -> Condition {
        if at(symbol: "(") {
            advance()
            let inner = try parseCondition()
            try expect(symbol: ")")
            return inner
        }
        if atFunction && Self.conditionFunctions.contains(current.text) {
            let name = current.text
            let condition = try parseConditionFunction()
            if current.kind == .symbol && Condition.Comparator(rawValue: current.text) != nil || at(keyword: "BETWEEN") || at(keyword: "IN")
            {
                throw error("The function is not allowed to be used this way in an expression; function: \(name)")
            }
            return condition
        }
        let left = try parseConditionOperand()
        if current.kind == .symbol, let comparator = Condition.Comparator(rawValue: current.text) {
            advance()
            let right = try parseConditionOperand()
            if comparator != .equal && comparator != .notEqual && deferred == nil {
                for value in [left.constant, right.constant].compactMap({ $0 }) where !Self.isOrderable(value) {
                    throw incorrectType(value, operator: comparator.rawValue)
                }
            }
            return .compare(comparator, left, right)
        }
        if at(keyword: "BETWEEN") {
            advance()
            let low = try parseConditionOperand()
            guard at(keyword: "AND") else { throw syntaxError() }
            advance()
            let high = try parseConditionOperand()
            if let lo = low.constant, let hi = high.constant, deferred == nil {
                let bounds =
                    "lower bound operand: AttributeValue: {\(Self.brief(lo))}, upper bound operand: AttributeValue: {\(Self.brief(hi))}"
                guard lo.typeDescriptor == hi.typeDescriptor else {
                    throw error("The BETWEEN operator requires same data type for lower and upper bounds; \(bounds)")
                }
                if let order = Self.order(lo, hi), order > 0 {
                    throw error("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; \(bounds)")
                }
            }
            return .between(left, low, high)
        }
        if at(keyword: "IN") {
            advance()
            let candidates = try parseArguments { (p: inout ExpressionParser) throws(TableError) in try p.parseConditionOperand() }
            if candidates.count > Self.maxInOperands {
                throw error("The IN operator is provided with too many operands; number of operands: \(candidates.count)")
            }
            return .in(left, candidates)
        }
        if case .size = left, atEnd || at(symbol: ")") || at(keyword: "AND") || at(keyword: "OR") {
            throw error("The function is not allowed to be used this way in an expression; function: size")
        }
        throw syntaxError()
    }

    /// A path, a `:value`, or `size(path)`.
    mutating func parseConditionOperand() throws(TableError) -> Operand {
        if current.kind == .valuePlaceholder { return .value(try parseValue()) }
        if atFunction {
            let name = current.text
            advance()
            if name == "size" {
                let arguments = try parseArguments { (p: inout ExpressionParser) throws(TableError) in try p.parseConditionOperand() }
                try checkCount(arguments, 1, function: name)
                return .size(try requirePath(arguments[0], function: name))
            }
            if Self.conditionFunctions.contains(name) {
                throw error("The function is not allowed to be used this way in an expression; function: \(name)")
            }
            if Self.updateFunctions.contains(name) {
                throw error("The function is not allowed in a condition expression; function: \(name)")
            }
            throw error("Invalid function name; function: \(name)")
        }
        return .path(try parsePath())
    }

    private mutating func parseConditionFunction() throws(TableError) -> Condition {
        let name = current.text
        advance()
        let arguments = try parseArguments { (p: inout ExpressionParser) throws(TableError) in try p.parseConditionOperand() }
        switch name {
        case "attribute_exists", "attribute_not_exists":
            try checkCount(arguments, 1, function: name)
            let path = try requirePath(arguments[0], function: name)
            return name == "attribute_exists" ? .attributeExists(path) : .attributeNotExists(path)
        case "attribute_type":
            try checkCount(arguments, 2, function: name)
            let path = try requirePath(arguments[0], function: name)
            if let type = arguments[1].constant, deferred == nil {
                guard case .string(let descriptor) = type else { throw incorrectType(type, operator: name) }
                if !AttributeValue.typeDescriptors.contains(descriptor) {
                    throw error("Invalid attribute type name found; type: \(descriptor), valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }")
                }
            }
            return .attributeType(path, arguments[1])
        case "begins_with":
            try checkCount(arguments, 2, function: name)
            for value in arguments.compactMap(\.constant) where deferred == nil {
                switch value {
                case .string, .binary: break
                default: throw incorrectType(value, operator: name)
                }
            }
            return .beginsWith(arguments[0], arguments[1])
        default:  // contains
            try checkCount(arguments, 2, function: name)
            return .contains(arguments[0], arguments[1])
        }
    }

    static func isOrderable(_ value: AttributeValue) -> Bool {
        switch value {
        case .string, .number, .binary: true
        default: false
        }
    }

    /// -1, 0 or 1 for two values of one orderable type (N by value, S and B by bytes); nil otherwise.
    static func order(_ a: AttributeValue, _ b: AttributeValue) -> Int? {
        switch (a, b) {
        case (.number(let x), .number(let y)): x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): compareBytes(Array(x.utf8), Array(y.utf8))
        case (.binary(let x), .binary(let y)): compareBytes(x, y)
        default: nil
        }
    }

    private static func compareBytes(_ x: [UInt8], _ y: [UInt8]) -> Int {
        x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
    }

    /// A value as AWS shows it inside messages: `N:1`, `S:abc`.
    static func brief(_ value: AttributeValue) -> String {
        switch value {
        case .string(let s): "S:\(s)"
        case .number(let n): "N:\(n.text)"
        case .binary(let b): "B:\(Base64.encode(b))"
        default: value.typeDescriptor
        }
    }
}
