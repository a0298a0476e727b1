import CortadoJSON

/// DynamoDB's parameters from before expressions (`Expected`, `AttributeUpdates`, `KeyConditions`,
/// `QueryFilter`, `ScanFilter`, `AttributesToGet`, `ConditionalOperator`), still accepted by AWS and sent
/// by older code. A request that uses them is rewritten into the expression form with placeholders of its
/// own (`#legacyN`, `:legacyN`), so one parser and one evaluator serve both; mixing the two forms is
/// AWS's own error.
extension DynamoDBService {
    static let legacyForExpression: [(legacy: String, expression: String)] = [
        ("AttributesToGet", "ProjectionExpression"), ("Expected", "ConditionExpression"), ("AttributeUpdates", "UpdateExpression"),
        ("KeyConditions", "KeyConditionExpression"), ("QueryFilter", "FilterExpression"), ("ScanFilter", "FilterExpression"),
        ("ConditionalOperator", "ConditionExpression"),
    ]

    static let expressionMembers = [
        "ProjectionExpression", "ConditionExpression", "UpdateExpression", "KeyConditionExpression", "FilterExpression",
        "ExpressionAttributeNames", "ExpressionAttributeValues",
    ]

    /// The request with its legacy parameters written as expressions (unchanged when it has none).
    static func translatingLegacy(_ body: JSON) throws -> JSON {
        guard case .object(var o) = body else { return body }
        let legacy = legacyForExpression.map(\.legacy).filter { o[$0] != nil && o[$0] != .null }
        guard !legacy.isEmpty else { return body }
        let expressions = expressionMembers.filter { o[$0] != nil && o[$0] != .null }
        if !expressions.isEmpty {
            throw AWSError.validation(
                "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {\(legacy.joined(separator: ", "))} Expression parameters: {\(expressions.joined(separator: ", "))}"
            )
        }
        var writer = LegacyWriter()
        let joiner = o["ConditionalOperator"]?.stringValue ?? "AND"
        guard joiner == "AND" || joiner == "OR" else {
            throw AWSError.constraint("'\(joiner)'", at: "conditionalOperator", "Member must satisfy enum value set: [AND, OR]")
        }
        if let names = o["AttributesToGet"]?.arrayValue {
            o["ProjectionExpression"] = .string(names.compactMap(\.stringValue).map { writer.name($0) }.joined(separator: ", "))
        }
        if let expected = o["Expected"]?.objectValue {
            o["ConditionExpression"] = .string(try writer.conditions(expected, joiner: joiner, expected: true))
        }
        if let keys = o["KeyConditions"]?.objectValue {
            o["KeyConditionExpression"] = .string(try writer.conditions(keys, joiner: "AND", expected: false))
        }
        for member in ["QueryFilter", "ScanFilter"] {
            if let filter = o[member]?.objectValue {
                o["FilterExpression"] = .string(try writer.conditions(filter, joiner: joiner, expected: false))
            }
        }
        if let updates = o["AttributeUpdates"]?.objectValue {
            o["UpdateExpression"] = .string(try writer.updates(updates))
        }
        for member in legacy { o[member] = nil }
        if !writer.names.isEmpty { o["ExpressionAttributeNames"] = .object(writer.names) }
        if !writer.values.isEmpty { o["ExpressionAttributeValues"] = .object(writer.values) }
        return .object(o)
    }
}

/// Writes legacy conditions and updates as expression text, collecting the placeholders.
struct LegacyWriter {
    var names: JSONObject = [:]
    var values: JSONObject = [:]

    mutating func name(_ attribute: String) -> String {
        if let existing = names.first(where: { $0.value == .string(attribute) }) { return existing.key }
        let placeholder = "#legacy\(names.count)"
        names[placeholder] = .string(attribute)
        return placeholder
    }

    mutating func value(_ v: JSON) -> String {
        let placeholder = ":legacy\(values.count)"
        values[placeholder] = v
        return placeholder
    }

    mutating func conditions(_ map: JSONObject, joiner: String, expected: Bool) throws -> String {
        var parts: [String] = []
        for (attribute, spec) in map {
            guard case .object(let s) = spec else { throw AWSError.validation("Invalid condition for attribute \(attribute)") }
            parts.append(try condition(name(attribute), s, expected: expected))
        }
        return parts.joined(separator: " \(joiner) ")
    }

    /// One attribute's condition: `ComparisonOperator` with `AttributeValueList`, or (in `Expected`)
    /// `Value` and `Exists`.
    mutating func condition(_ n: String, _ s: JSONObject, expected: Bool) throws -> String {
        guard let op = s["ComparisonOperator"]?.stringValue else {
            guard expected else { throw AWSError.missing("comparisonOperator") }
            if s["Exists"] == .bool(false) {
                if s["Value"] != nil {
                    throw AWSError.validation(
                        "One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: \(names[n]?.stringValue ?? n)"
                    )
                }
                return "attribute_not_exists(\(n))"
            }
            guard let v = s["Value"] else {
                throw AWSError.validation(
                    "One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: \(names[n]?.stringValue ?? n)"
                )
            }
            return "\(n) = \(value(v))"
        }
        var list = s["AttributeValueList"]?.arrayValue ?? []
        if list.isEmpty, let v = s["Value"] { list = [v] }
        func needs(_ count: Int) throws {
            guard list.count == count else {
                throw AWSError.validation(
                    "One or more parameter values were invalid: Invalid number of argument(s) for the \(op) ComparisonOperator")
            }
        }
        let comparisons = ["EQ": "=", "NE": "<>", "LE": "<=", "LT": "<", "GE": ">=", "GT": ">"]
        if let symbol = comparisons[op] {
            try needs(1)
            return "\(n) \(symbol) \(value(list[0]))"
        }
        switch op {
        case "NOT_NULL": try needs(0); return "attribute_exists(\(n))"
        case "NULL": try needs(0); return "attribute_not_exists(\(n))"
        case "CONTAINS": try needs(1); return "contains(\(n), \(value(list[0])))"
        case "NOT_CONTAINS": try needs(1); return "NOT contains(\(n), \(value(list[0])))"
        case "BEGINS_WITH": try needs(1); return "begins_with(\(n), \(value(list[0])))"
        case "BETWEEN": try needs(2); return "\(n) BETWEEN \(value(list[0])) AND \(value(list[1]))"
        case "IN":
            guard !list.isEmpty else { try needs(1); return "" }
            return "\(n) IN (\(list.map { value($0) }.joined(separator: ", ")))"
        default:
            throw AWSError.constraint(
                "'\(op)'", at: "comparisonOperator",
                "Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"
            )
        }
    }

    /// `AttributeUpdates`: PUT sets, DELETE without a value removes, DELETE with one takes from a set,
    /// ADD adds to a number or a set.
    mutating func updates(_ map: JSONObject) throws -> String {
        var set: [String] = []
        var remove: [String] = []
        var add: [String] = []
        var delete: [String] = []
        for (attribute, spec) in map {
            let n = name(attribute)
            let action = spec["Action"]?.stringValue ?? "PUT"
            let v = spec["Value"]
            switch (action, v) {
            case ("PUT", let v?): set.append("\(n) = \(value(v))")
            case ("DELETE", nil): remove.append(n)
            case ("DELETE", let v?): delete.append("\(n) \(value(v))")
            case ("ADD", let v?): add.append("\(n) \(value(v))")
            default:
                throw AWSError.validation(
                    "One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified")
            }
        }
        var clauses: [String] = []
        if !set.isEmpty { clauses.append("SET " + set.joined(separator: ", ")) }
        if !remove.isEmpty { clauses.append("REMOVE " + remove.joined(separator: ", ")) }
        if !add.isEmpty { clauses.append("ADD " + add.joined(separator: ", ")) }
        if !delete.isEmpty { clauses.append("DELETE " + delete.joined(separator: ", ")) }
        return clauses.joined(separator: " ")
    }
}
