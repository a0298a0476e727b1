import Testing

@testable import CortadoTables

@Suite struct UpdateExpressionTests {
    let values: [String: AttributeValue] = [
        ":one": n("1"), ":two": n("2"), ":a": s("a"), ":x": s("x"), ":list": .list([s("y")]), ":ss": .stringSet(["b", "c"]),
        ":ssa": .stringSet(["a"]), ":ns": .numberSet([try! DynamoNumber(parsing: "3")]), ":t": .bool(true), ":m": .map([:]),
    ]
    let base = item(
        #"{"id":{"S":"k"},"count":{"N":"5"},"s":{"S":"abc"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"# + "\n"
            + #""m":{"M":{"child":{"N":"2"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}}"#)

    func update(_ text: String, _ subject: Item? = nil, names: [String: String]? = nil) throws -> Item {
        var attributes = ExpressionAttributes(names: names, values: values)
        return try UpdateExpression.parse(text, attributes: &attributes).apply(to: subject ?? base)
    }

    func parseError(_ text: String) -> String? {
        message {
            var attributes = ExpressionAttributes(names: ["#c": "count"], values: values)
            _ = try UpdateExpression.parse(text, attributes: &attributes)
        }
    }

    func applyError(_ text: String, _ subject: Item? = nil) -> String? {
        message { _ = try update(text, subject) }
    }

    @Test func setAssignsValuesAndPaths() throws {
        let result = try update("SET a = :a, b = s, m.child = :one, m.newKey = :x, l[1] = :x")
        #expect(result["a"] == s("a"))
        #expect(result["b"] == s("abc"))
        #expect(result["m"] == .map(["child": n("1"), "newKey": s("x")]))
        #expect(result["l"] == .list([s("a"), s("x"), s("c")]))
    }

    @Test func setArithmeticIsExactAndOnlyOnNumbers() throws {
        #expect(try update("SET #c = #c + :one", names: ["#c": "count"])["count"] == n("6"))
        #expect(try update("SET #c = :two - #c", names: ["#c": "count"])["count"] == n("-3"))
        #expect(try update("SET x = :one + :two")["x"] == n("3"))
        #expect(applyError("SET x = s + :one") == "An operand in the update expression has an incorrect data type")
        #expect(
            parseError("SET x = :a + :one")
                == "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S")
        #expect(applyError("SET x = absent + :one") == "The provided expression refers to an attribute that does not exist in the item")
    }

    /// Serverlesspresso's counter: `set IDvalue = IDvalue + :val`.
    @Test func serverlesspressoCounter() throws {
        var attributes = ExpressionAttributes(names: nil, values: [":val": n("1")])
        let expression = try UpdateExpression.parse("set IDvalue = IDvalue + :val", attributes: &attributes)
        try attributes.checkAllUsed()
        #expect(try expression.apply(to: ["PK": s("orderID"), "IDvalue": n("41")])["IDvalue"] == n("42"))
        #expect(expression.topLevelNames == ["IDvalue"])
    }

    @Test func ifNotExistsAndListAppend() throws {
        #expect(try update("SET #c = if_not_exists(#c, :one)", names: ["#c": "count"])["count"] == n("5"))
        #expect(try update("SET fresh = if_not_exists(fresh, :one)")["fresh"] == n("1"))
        #expect(try update("SET fresh = if_not_exists(fresh, :one) + :two")["fresh"] == n("3"))
        #expect(try update("SET l = list_append(l, :list)")["l"] == .list([s("a"), s("b"), s("c"), s("y")]))
        #expect(try update("SET l = list_append(:list, l)")["l"] == .list([s("y"), s("a"), s("b"), s("c")]))
        #expect(try update("SET n = list_append(if_not_exists(n, :list), :list)")["n"] == .list([s("y"), s("y")]))
        #expect(applyError("SET l = list_append(s, :list)") == "An operand in the update expression has an incorrect data type")
        #expect(
            parseError("SET l = list_append(l, :a)")
                == "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S"
        )
        #expect(
            parseError("SET l = if_not_exists(:a, :a)")
                == "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists")
        #expect(
            parseError("SET l = if_not_exists(l)")
                == "Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1"
        )
        #expect(
            parseError("SET l = size(l)") == "Invalid UpdateExpression: The function is not allowed in an update expression; function: size"
        )
        #expect(parseError("SET l = nope(l)") == "Invalid UpdateExpression: Invalid function name; function: nope")
    }

    @Test func setValuesComeFromTheItemBeforeTheUpdate() throws {
        let result = try update("SET a = s, s = :x")
        #expect(result["a"] == s("abc"))
        #expect(result["s"] == s("x"))
    }

    @Test func nestedPathsNeedTheirParent() throws {
        #expect(applyError("SET absent.b = :a") == "The document path provided in the update expression is invalid for update")
        #expect(applyError("SET s.b = :a") == "The document path provided in the update expression is invalid for update")
        #expect(applyError("SET m[0] = :a") == "The document path provided in the update expression is invalid for update")
        #expect(try update("SET m.extra = :m, m.child = :two")["m"] == .map(["child": n("2"), "extra": .map([:])]))
    }

    @Test func listIndexPastTheEndAppends() throws {
        #expect(try update("SET l[10] = :x")["l"] == .list([s("a"), s("b"), s("c"), s("x")]))
    }

    @Test func removeDeletesAttributesAndListElements() throws {
        let result = try update("REMOVE s, absent, m.child, l[0], l[2]")
        #expect(result["s"] == nil)
        #expect(result["m"] == .map([:]))
        // Both indexes refer to the list as it was.
        #expect(result["l"] == .list([s("b")]))
        #expect(try update("REMOVE l[7]")["l"] == base["l"])
    }

    @Test func addOnNumbersAndSets() throws {
        #expect(try update("ADD #c :two", names: ["#c": "count"])["count"] == n("7"))
        #expect(try update("ADD fresh :two")["fresh"] == n("2"))
        #expect(try update("ADD ss :ss")["ss"] == .stringSet(["a", "b", "c"]))
        #expect(try update("ADD newset :ss")["newset"] == .stringSet(["b", "c"]))
        #expect(applyError("ADD s :one") == "An operand in the update expression has an incorrect data type")
        #expect(applyError("ADD ss :ns") == "An operand in the update expression has an incorrect data type")
        #expect(
            parseError("ADD s :a")
                == "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING")
        #expect(
            parseError("ADD s :list")
                == "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST")
    }

    @Test func deleteRemovesSetElementsAndEmptySets() throws {
        #expect(try update("DELETE ss :ssa")["ss"] == .stringSet(["b"]))
        let emptied = try update("DELETE ss :ss, ns :ns")
        #expect(emptied["ss"] == .stringSet(["a"]))
        #expect(try update("DELETE ss :ssa")["ss"] != nil)
        #expect(try update("DELETE ss :ssa", item(#"{"ss":{"SS":["a"]}}"#))["ss"] == nil)
        #expect(try update("DELETE absent :ss")["absent"] == nil)
        #expect(applyError("DELETE ns :ss") == "An operand in the update expression has an incorrect data type")
        #expect(
            parseError("DELETE ss :one")
                == "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER")
    }

    @Test func clausesCombineInAnyOrderButEachOnce() throws {
        let result = try update("REMOVE s ADD #c :one SET a = :a DELETE ss :ssa", names: ["#c": "count"])
        #expect(result["s"] == nil && result["count"] == n("6") && result["a"] == s("a") && result["ss"] == .stringSet(["b"]))
        #expect(
            parseError("SET a = :a SET b = :a")
                == #"Invalid UpdateExpression: The "SET" section can only be used once in an update expression;"#)
        #expect(
            parseError("remove a REMOVE b")
                == #"Invalid UpdateExpression: The "REMOVE" section can only be used once in an update expression;"#)
    }

    @Test func overlappingAndConflictingPaths() {
        #expect(
            parseError("SET a = :a REMOVE a")
                == "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"
        )
        #expect(
            parseError("SET m.child = :a, m = :m")
                == "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m, child], path two: [m]"
        )
        #expect(
            parseError("SET l[1] = :a, l.b = :a")
                == "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [l, [1]], path two: [l, b]"
        )
        #expect(parseError("SET l[1] = :a, l[2] = :a") == nil)
    }

    @Test func syntaxErrors() {
        #expect(parseError("") == "Invalid UpdateExpression: The expression can not be empty;")
        #expect(parseError("INVALID SYNTAX HERE") == #"Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX""#)
        #expect(parseError("ADD hits : incr") == #"Invalid UpdateExpression: Syntax error; token: ":", near: "hits : incr""#)
        #expect(parseError("SET a = :a, #,") == ##"Invalid UpdateExpression: Syntax error; token: "#", near: ", #,""##)
        #expect(parseError("SET a :a") == #"Invalid UpdateExpression: Syntax error; token: ":a", near: "a :a""#)
        #expect(parseError("SET a = :a,") == #"Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ",""#)
        #expect(parseError("SET") == #"Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET""#)
        #expect(parseError("SET data = :a") == "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: data")
        #expect(
            parseError("SET a = :nope")
                == "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :nope")
        #expect(
            parseError("SET #nope = :a")
                == "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #nope")
    }

    @Test func pathsAndNamesReportWhatIsTouched() throws {
        var attributes = ExpressionAttributes(names: ["#c": "count"], values: values)
        let expression = try UpdateExpression.parse("SET m.child = :one, #c = :two REMOVE l[0] ADD ss :ss", attributes: &attributes)
        #expect(expression.topLevelNames == ["m", "count", "l", "ss"])
        #expect(expression.paths.map(\.description) == ["[m, child]", "[count]", "[l, [0]]", "[ss]"])
    }
}

@Suite struct ErrorOrderTests {
    /// AWS parses the whole expression before it reports reserved words and undefined placeholders.
    @Test func syntaxErrorsComeBeforeReservedWordsAndPlaceholders() {
        #expect(
            message {
                var attributes = ExpressionAttributes(names: nil, values: nil)
                _ = try UpdateExpression.parse("ADD hits :nope", attributes: &attributes)
            } == "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :nope")
        #expect(
            message {
                var attributes = ExpressionAttributes(names: nil, values: nil)
                _ = try UpdateExpression.parse("SET data = :nope,", attributes: &attributes)
            } == #"Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ",""#)
        #expect(
            message {
                var attributes = ExpressionAttributes(names: nil, values: nil)
                _ = try ConditionExpression.parse("begins_with(data, :nope)", kind: .condition, attributes: &attributes)
            } == "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: data")
    }
}
