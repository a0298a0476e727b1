import Testing

@testable import CortadoTables

@Suite struct ConditionExpressionTests {
    let values: [String: AttributeValue] = [
        ":one": n("1"), ":two": n("2"), ":ten": n("10"), ":a": s("a"), ":abc": s("abc"), ":b": s("b"), ":t": .bool(true),
        ":S": s("S"), ":N": s("N"), ":L": s("L"), ":bin": .binary([1, 2]), ":x": s("x"),
    ]
    let names = ["#n": "name", "#d": "data"]
    let sample = item(
        #"{"id":{"S":"k"},"n":{"N":"5"},"s":{"S":"abc"},"b":{"B":"AQID"},"flag":{"BOOL":true},"nothing":{"NULL":true},"# + "\n"
            + #""l":{"L":[{"S":"x"},{"N":"1"}]},"m":{"M":{"child":{"N":"2"},"deep":{"M":{"v":{"S":"a"}}}}},"# + "\n"
            + #""ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"name":{"S":"Ann"},"data":{"N":"10"}}"#)

    func holds(_ text: String, _ subject: Item? = nil) throws -> Bool {
        var attributes = ExpressionAttributes(names: names, values: values)
        return try ConditionExpression.parse(text, kind: .condition, attributes: &attributes).evaluate(subject ?? sample)
    }

    func error(_ text: String, kind: ConditionKind = .condition) -> String? {
        message {
            var attributes = ExpressionAttributes(names: names, values: values)
            _ = try ConditionExpression.parse(text, kind: kind, attributes: &attributes)
        }
    }

    @Test(arguments: [
        ("n = :one", false), ("n <> :one", true), ("n > :one", true), ("n >= :ten", false), ("n < :ten", true), ("n <= :one", false),
        ("s = :abc", true), ("s > :a", true), ("s < :b", true), ("b > :bin", true),
        ("n BETWEEN :one AND :ten", true), ("n BETWEEN :one AND :two", false), ("s BETWEEN :a AND :b", true),
        ("n IN (:one, :two)", false), ("s IN (:a, :abc)", true),
        ("m.child = :two", true), ("m.deep.v = :a", true), ("l[0] = :x", true), ("l[1] = :one", true), ("l[2] = :one", false),
        ("#n <> :a", true), ("#d = :ten", true),
    ])
    func comparisons(_ text: String, _ expected: Bool) throws {
        #expect(try holds(text) == expected, "\(text)")
    }

    @Test func mismatchedTypesCompareFalseNotAnError() throws {
        #expect(try holds("n = :a") == false)
        #expect(try holds("s < :ten") == false)
        #expect(try holds("n <> :a") == true)
        #expect(try holds("flag = :t") == true)
        #expect(try holds("s BETWEEN :one AND :ten") == false)
    }

    @Test func absentAttributesCompareFalse() throws {
        #expect(try holds("absent = :one") == false)
        #expect(try holds("absent < :one") == false)
        #expect(try holds("absent <> :one") == true)
        #expect(try holds("absent IN (:one)") == false)
    }

    @Test func logicalOperatorsHavePrecedenceAndParentheses() throws {
        // AND binds tighter than OR, NOT tighter than AND.
        #expect(try holds("n = :one OR n = :ten OR s = :abc AND n > :one") == true)
        #expect(try holds("(n = :one OR s = :abc) AND n = :one") == false)
        #expect(try holds("n = :one OR s = :abc AND n = :one") == false)
        #expect(try holds("NOT n = :one AND s = :abc") == true)
        #expect(try holds("NOT (n > :one AND s = :abc)") == false)
        #expect(try holds("not n = :one and s = :abc or n = :one") == true)
    }

    @Test func functions() throws {
        #expect(try holds("attribute_exists(n)") == true)
        #expect(try holds("attribute_exists(m.deep.v)") == true)
        #expect(try holds("attribute_exists(l[5])") == false)
        #expect(try holds("attribute_not_exists(absent)") == true)
        #expect(try holds("attribute_type(s, :S)") == true)
        #expect(try holds("attribute_type(n, :S)") == false)
        #expect(try holds("attribute_type(l, :L)") == true)
        #expect(try holds("begins_with(s, :a)") == true)
        #expect(try holds("begins_with(s, :b)") == false)
        #expect(try holds("begins_with(n, :a)") == false)
        #expect(try holds("contains(s, :b)") == true)
        #expect(try holds("contains(ss, :a)") == true)
        #expect(try holds("contains(ss, :x)") == false)
        #expect(try holds("contains(ns, :two)") == true)
        #expect(try holds("contains(l, :x)") == true)
        #expect(try holds("contains(l, :one)") == true)
        #expect(try holds("size(s) = :two") == false)
        #expect(try holds("size(l) = :two") == true)
        #expect(try holds("size(ss) < :ten") == true)
        #expect(try holds("size(m) = :two") == true)
        #expect(try holds("size(n) = :one") == false)
    }

    @Test func noItemMeansNothingExists() throws {
        var attributes = ExpressionAttributes(names: nil, values: nil)
        let condition = try ConditionExpression.parse("attribute_not_exists(id)", kind: .condition, attributes: &attributes)
        #expect(try condition.evaluate(nil) == true)
        #expect(try condition.evaluate(sample) == false)
    }

    @Test func keywordsAreCaseInsensitive() throws {
        #expect(try holds("n between :one and :ten") == true)
        #expect(try holds("s in (:abc)") == true)
    }

    @Test func syntaxErrorsNameTheTokenAndItsSurroundings() {
        #expect(error("n = :one AND") == #"Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND""#)
        #expect(error("n == :one") == #"Invalid ConditionExpression: Syntax error; token: "=", near: "== :one""#)
        #expect(error("user-id = :a") == #"Invalid ConditionExpression: Syntax error; token: "-", near: "user-id""#)
        #expect(error("n = :one;", kind: .filter) == #"Invalid FilterExpression: Syntax error; token: ";", near: ":one;""#)
        #expect(error("(n = :one") == #"Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ":one""#)
        #expect(error("n BETWEEN :one :ten") == #"Invalid ConditionExpression: Syntax error; token: ":ten", near: ":one :ten""#)
        #expect(error("n = :one AND AND") == #"Invalid ConditionExpression: Syntax error; token: "AND", near: "AND AND""#)
        #expect(error("") == "Invalid ConditionExpression: The expression can not be empty;")
    }

    @Test func placeholdersMustBeDefined() {
        #expect(
            error("n = :nope")
                == "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope")
        #expect(
            error("#nope = :one")
                == "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #nope"
        )
    }

    @Test func reservedWordsNeedPlaceholders() {
        #expect(error("data = :one") == "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: data")
        #expect(error("Name = :a") == "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Name")
        #expect(error("m.status = :a") == "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status")
        #expect(error("#d = :one") == nil)
    }

    @Test func functionMisuse() {
        #expect(error("nope(n)") == "Invalid ConditionExpression: Invalid function name; function: nope")
        #expect(
            error("size(s)")
                == "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size")
        #expect(
            error("begins_with(s)")
                == "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1"
        )
        #expect(
            error("attribute_exists(:a)")
                == "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists")
        #expect(
            error("attribute_type(s, :x)")
                == "Invalid ConditionExpression: Invalid attribute type name found; type: x, valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }")
        #expect(
            error("begins_with(s, :one)")
                == "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"
        )
        #expect(
            error("n < :t")
                == "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL"
        )
        #expect(
            error("attribute_exists(n) = :t")
                == "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists"
        )
    }

    @Test func betweenBoundsAreChecked() {
        #expect(
            error("n BETWEEN :ten AND :one")
                == "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:1}"
        )
        #expect(
            error("n BETWEEN :one AND :a")
                == "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}"
        )
    }

    @Test func inTakesAtMostOneHundredOperands() {
        let hundred = Array(repeating: ":one", count: 100).joined(separator: ", ")
        #expect(error("n IN (\(hundred))") == nil)
        #expect(error("n IN (\(hundred), :one)") != nil)
    }

    @Test func unusedAttributesAreReported() throws {
        var attributes = ExpressionAttributes(names: ["#a": "a", "#b": "b"], values: [":v": n("1"), ":w": n("2")])
        _ = try ConditionExpression.parse("#a = :v", kind: .condition, attributes: &attributes)
        #expect(message { try attributes.checkAllUsed() } == "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}")
        _ = try ConditionExpression.parse("#b = :v", kind: .condition, attributes: &attributes)
        #expect(
            message { try attributes.checkAllUsed() } == "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}")
        _ = try ConditionExpression.parse("attribute_exists(#a) AND :w = :w", kind: .condition, attributes: &attributes)
        #expect(message { try attributes.checkAllUsed() } == nil)
    }

    @Test func attributeMapsAreValidated() {
        #expect(message { try ExpressionAttributes(names: [:], values: nil).validate() } == "ExpressionAttributeNames must not be empty")
        #expect(
            message { try ExpressionAttributes(names: ["a": "b"], values: nil).validate() }
                == #"ExpressionAttributeNames contains invalid key: Syntax error; key: "a""#)
        #expect(
            message { try ExpressionAttributes(names: nil, values: ["v": n("1")]).validate() }
                == #"ExpressionAttributeValues contains invalid key: Syntax error; key: "v""#)
    }

    /// Serverlesspresso's order-processor condition.
    @Test func serverlesspressoTaskTokenCondition() throws {
        var attributes = ExpressionAttributes(names: ["#userId": "userId"], values: [":userId": s("u1")])
        let condition = try ConditionExpression.parse(
            "#userId = :userId AND attribute_exists(TaskToken)", kind: .condition, attributes: &attributes)
        try attributes.checkAllUsed()
        #expect(try condition.evaluate(item(#"{"userId":{"S":"u1"},"TaskToken":{"S":"t"}}"#)) == true)
        #expect(try condition.evaluate(item(#"{"userId":{"S":"u1"}}"#)) == false)
        #expect(try condition.evaluate(item(#"{"userId":{"S":"u2"},"TaskToken":{"S":"t"}}"#)) == false)
    }
}
