import Testing

@testable import CortadoTables

@Suite struct ProjectionExpressionTests {
    let sample = item(
        #"{"id":{"S":"k"},"a":{"N":"1"},"m":{"M":{"x":{"S":"1"},"y":{"S":"2"}}},"l":{"L":[{"S":"p"},{"S":"q"},{"M":{"z":{"N":"3"},"w":{"N":"4"}}}]}}"#
    )

    func project(_ text: String, names: [String: String]? = nil) throws -> Item {
        var attributes = ExpressionAttributes(names: names, values: nil)
        return try ProjectionExpression.parse(text, attributes: &attributes).project(sample)
    }

    func error(_ text: String) -> String? {
        message {
            var attributes = ExpressionAttributes(names: nil, values: nil)
            _ = try ProjectionExpression.parse(text, attributes: &attributes)
        }
    }

    @Test func topLevelAndNestedPaths() throws {
        #expect(try project("id, a") == ["id": s("k"), "a": n("1")])
        #expect(try project("m.y, absent") == ["m": .map(["y": s("2")])])
        #expect(try project("l[2].z, l[0]") == ["l": .list([s("p"), .map(["z": n("3")])])])
        #expect(try project("#k", names: ["#k": "id"]) == ["id": s("k")])
    }

    @Test func errors() {
        #expect(error("user-id") == #"Invalid ProjectionExpression: Syntax error; token: "-", near: "user-id""#)
        #expect(error("a,") == #"Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ",""#)
        #expect(error("size") == "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: size")
        #expect(
            error("m, m.x")
                == "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m, x]"
        )
    }
}

@Suite struct KeyConditionTests {
    let values: [String: AttributeValue] = [":id": s("k"), ":lo": n("1"), ":hi": n("9"), ":p": s("ab")]

    func parse(_ text: String, names: [String: String]? = nil) throws -> KeyCondition {
        var attributes = ExpressionAttributes(names: names, values: values)
        return try KeyCondition.parse(text, partitionKey: "id", sortKey: "sk", attributes: &attributes)
    }

    func error(_ text: String) -> String? { message { _ = try parse(text) } }

    @Test func partitionAndSortConditions() throws {
        let only = try parse("id = :id")
        #expect(only.partitionValue == s("k") && only.sort == nil)
        #expect(try parse("id = :id AND sk = :lo").sort == .equal(n("1")))
        #expect(try parse("id = :id AND sk < :lo").sort == .less(n("1")))
        #expect(try parse("id = :id AND sk <= :lo").sort == .lessOrEqual(n("1")))
        #expect(try parse("id = :id AND sk > :lo").sort == .greater(n("1")))
        #expect(try parse("id = :id AND sk >= :lo").sort == .greaterOrEqual(n("1")))
        #expect(try parse("id = :id AND sk BETWEEN :lo AND :hi").sort == .between(n("1"), n("9")))
        #expect(try parse("id = :id AND begins_with(sk, :p)").sort == .beginsWith(s("ab")))
        #expect(try parse("sk > :lo AND id = :id").sort == .greater(n("1")))
        #expect(try parse(":lo < sk AND (id = :id)").sort == .greater(n("1")))
        #expect(try parse("#k = :id", names: ["#k": "id"]).partitionValue == s("k"))
    }

    @Test func unsupportedConditionsGetAWSMessages() {
        #expect(error("sk = :lo") == "Query condition missed key schema element: id")
        #expect(error("id < :id") == "Query key condition not supported")
        #expect(error("begins_with(id, :p)") == "Query key condition not supported")
        #expect(
            error("id = :id AND id = :id")
                == "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key")
        #expect(
            error("id = :id AND sk > :lo AND sk < :hi")
                == "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key")
        #expect(error("id = :id OR sk = :lo") == "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR")
        #expect(error("id = :id AND sk <> :lo") == "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: <>")
        #expect(
            error("id = :id AND attribute_exists(sk)")
                == "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: attribute_exists")
        #expect(error("id = :id AND color = :lo") == "Query condition missed key schema element: sk")
        #expect(error("id = :id AND") == #"Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: "AND""#)
    }
}
