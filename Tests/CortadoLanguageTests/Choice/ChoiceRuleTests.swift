import CortadoJSON
import Testing

@testable import CortadoLanguage

/// Decodes one nested-style rule from JSON text, failing the test on any diagnostic.
private func rule(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ChoiceRule {
    var sink = DiagnosticSink()
    let r = ChoiceRule.decode(try JSON(parsing: text), at: "/States/C/Choices/0", topLevel: false, into: &sink)
    #expect(sink.diagnostics.isEmpty, "\(sink.diagnostics)", sourceLocation: sourceLocation)
    return try #require(r, sourceLocation: sourceLocation)
}

private func holds(_ ruleText: String, on input: String, variables: [String: JSON] = [:]) throws -> Bool {
    try rule(ruleText).evaluate(in: PathScope(input: try JSON(parsing: input), variables: variables))
}

/// The diagnostics decoding `text` reports, as `location: message`.
private func problems(_ text: String, topLevel: Bool = true) throws -> [String] {
    var sink = DiagnosticSink()
    let r = ChoiceRule.decode(try JSON(parsing: text), at: "/States/C/Choices/0", topLevel: topLevel, into: &sink)
    if !sink.diagnostics.isEmpty { #expect(r == nil) }
    #expect(sink.diagnostics.allSatisfy { $0.code == "SCHEMA_VALIDATION_FAILED" })
    return sink.diagnostics.map { "\($0.location): \($0.message)" }
}

@Suite struct ChoiceRuleEvaluationTests {
    @Test func stringOperatorsCompareUTF16CodeUnitsLikeJava() throws {
        // U+FF21 (one UTF-16 unit, 0xFF21) sorts after U+1F600 (surrogates 0xD83D 0xDE00) in Java,
        // although its code point is smaller.
        #expect(try holds(#"{"Variable": "$.v", "StringLessThan": "\uFF21"}"#, on: #"{"v": "😀"}"#))
        #expect(try holds(#"{"Variable": "$.v", "StringLessThan": "AB"}"#, on: #"{"v": "A"}"#))
        #expect(try !holds(#"{"Variable": "$.v", "StringGreaterThanEquals": "b"}"#, on: #"{"v": "B"}"#))
        #expect(try holds(#"{"Variable": "$.v", "StringLessThanEquals": "a"}"#, on: #"{"v": "a"}"#))
        // Precomposed é and e + combining acute are different Java strings.
        #expect(try !holds(#"{"Variable": "$.v", "StringEquals": "\u00e9"}"#, on: #"{"v": "e\u0301"}"#))
        #expect(try holds(#"{"Variable": "$.v", "StringEqualsPath": "$.w"}"#, on: #"{"v": "x", "w": "x"}"#))
    }

    @Test func typeMismatchIsFalseNotAnError() throws {
        #expect(try !holds(#"{"Variable": "$.v", "StringEquals": "1"}"#, on: #"{"v": 1}"#))
        #expect(try !holds(#"{"Variable": "$.v", "NumericEquals": 1}"#, on: #"{"v": "1"}"#))
        #expect(try !holds(#"{"Variable": "$.v", "BooleanEquals": true}"#, on: #"{"v": 1}"#))
        #expect(try !holds(#"{"Variable": "$.v", "TimestampEquals": "2016-03-14T01:59:00Z"}"#, on: #"{"v": 5}"#))
        #expect(try !holds(#"{"Variable": "$.v", "NumericEqualsPath": "$.w"}"#, on: #"{"v": 1, "w": "1"}"#))
        #expect(try !holds(#"{"Variable": "$.v", "StringMatches": "*"}"#, on: #"{"v": null}"#))
    }

    @Test func numbersCompareExactlyAcrossIntAndDouble() throws {
        #expect(try holds(#"{"Variable": "$.v", "NumericEquals": 1}"#, on: #"{"v": 1.0}"#))
        #expect(try holds(#"{"Variable": "$.v", "NumericLessThan": 1.5}"#, on: #"{"v": 1}"#))
        #expect(try holds(#"{"Variable": "$.v", "NumericGreaterThan": 1}"#, on: #"{"v": 1.000001}"#))
        #expect(try holds(#"{"Variable": "$.v", "NumericLessThanEquals": -0.5}"#, on: #"{"v": -1}"#))
        #expect(try holds(#"{"Variable": "$.v", "NumericGreaterThanEqualsPath": "$.w"}"#, on: #"{"v": 3, "w": 2.5}"#))
        // 2^53 + 1 is not a double; an exact comparison still tells it from 2^53.
        #expect(try holds(#"{"Variable": "$.v", "NumericGreaterThan": 9007199254740992.0}"#, on: #"{"v": 9007199254740993}"#))
        #expect(try !holds(#"{"Variable": "$.v", "NumericEquals": 1}"#, on: #"{"v": true}"#))
    }

    @Test func booleanAndTypeTests() throws {
        #expect(try holds(#"{"Variable": "$.v", "BooleanEquals": false}"#, on: #"{"v": false}"#))
        #expect(try holds(#"{"Variable": "$.v", "BooleanEqualsPath": "$.w"}"#, on: #"{"v": true, "w": true}"#))
        #expect(try holds(#"{"Variable": "$.v", "IsNull": true}"#, on: #"{"v": null}"#))
        #expect(try holds(#"{"Variable": "$.v", "IsNull": false}"#, on: #"{"v": 0}"#))
        #expect(try holds(#"{"Variable": "$.v", "IsNumeric": true}"#, on: #"{"v": 1.5}"#))
        #expect(try holds(#"{"Variable": "$.v", "IsString": true}"#, on: #"{"v": ""}"#))
        #expect(try holds(#"{"Variable": "$.v", "IsBoolean": false}"#, on: #"{"v": "true"}"#))
        #expect(try holds(#"{"Variable": "$.v", "IsTimestamp": true}"#, on: #"{"v": "2016-03-14T01:59:00Z"}"#))
        #expect(try holds(#"{"Variable": "$.v", "IsTimestamp": false}"#, on: #"{"v": "2016-03-14"}"#))
    }

    @Test func timestampsCompareAsInstants() throws {
        let r = #"{"Variable": "$.v", "TimestampEquals": "2016-03-14T01:59:00Z"}"#
        #expect(try holds(r, on: #"{"v": "2016-03-14T02:59:00+01:00"}"#))
        #expect(try holds(r, on: #"{"v": "2016-03-14T01:59:00.000Z"}"#))
        #expect(
            try holds(#"{"Variable": "$.v", "TimestampLessThan": "2016-03-14T01:59:00Z"}"#, on: #"{"v": "2016-03-14T01:58:59.999999999Z"}"#)
        )
        #expect(
            try holds(
                #"{"Variable": "$.v", "TimestampGreaterThanPath": "$.w"}"#,
                on: #"{"v": "2016-03-14T01:59:01Z", "w": "2016-03-14T01:59:00Z"}"#))
        #expect(try !holds(#"{"Variable": "$.v", "TimestampGreaterThanPath": "$.w"}"#, on: #"{"v": "2016-03-14T01:59:01Z", "w": "soon"}"#))
    }

    @Test func stringMatchesWildcardsAndEscapes() throws {
        func matches(_ pattern: String, _ text: String) -> Bool { StringPattern(pattern).matches(text) }
        #expect(matches("log-*.txt", "log-2024.txt"))
        #expect(matches("log-*.txt", "log-.txt"))
        #expect(!matches("log-*.txt", "log-2024.txt.bak"))
        #expect(matches("*", ""))
        #expect(matches("a*b*c", "abc"))
        #expect(matches("a*b*c", "aXbYbZc"))
        #expect(!matches("a*b*c", "acb"))
        #expect(!matches("ab*ba", "aba"))
        #expect(matches(#"a\*"#, "a*"))
        #expect(!matches(#"a\*"#, "ab"))
        #expect(matches(#"a\\*"#, #"a\anything"#))
        #expect(matches("", ""))
        #expect(!matches("", "x"))
        #expect(try holds(#"{"Variable": "$.v", "StringMatches": "*.csv"}"#, on: #"{"v": "data.csv"}"#))
    }

    @Test func andOrNotCombineRules() throws {
        let twenties = #"{"And": [{"Variable": "$.v", "NumericGreaterThanEquals": 20}, {"Variable": "$.v", "NumericLessThan": 30}]}"#
        #expect(try holds(twenties, on: #"{"v": 22}"#))
        #expect(try !holds(twenties, on: #"{"v": 30}"#))
        let either = #"{"Or": [{"Variable": "$.v", "StringEquals": "a"}, {"Variable": "$.v", "StringEquals": "b"}]}"#
        #expect(try holds(either, on: #"{"v": "b"}"#))
        #expect(try !holds(either, on: #"{"v": "c"}"#))
        #expect(try holds(#"{"Not": {"Variable": "$.type", "StringEquals": "Private"}}"#, on: #"{"type": "Public"}"#))
        // Or stops at the first rule that holds, so the missing path after it is never read.
        let shortCircuit = #"{"Or": [{"Variable": "$.v", "IsPresent": true}, {"Variable": "$.missing", "IsNull": true}]}"#
        #expect(try holds(shortCircuit, on: #"{"v": 1}"#))
    }

    @Test func missingVariableFailsTheStateButIsPresentDoesNot() throws {
        let r = try rule(#"{"Variable": "$.missing", "NumericEquals": 1}"#)
        #expect(throws: StatesError(.runtime, "Invalid path '$.missing': The choice state's condition path references an invalid value.")) {
            try r.evaluate(in: PathScope(input: ["present": 1]))
        }
        let operand = try rule(#"{"Variable": "$.v", "NumericEqualsPath": "$.w"}"#)
        #expect(throws: StatesError(.runtime, "Invalid path '$.w': The choice state's condition path references an invalid value.")) {
            try operand.evaluate(in: PathScope(input: ["v": 1]))
        }
        #expect(try !holds(#"{"Variable": "$.missing", "IsPresent": true}"#, on: "{}"))
        #expect(try holds(#"{"Variable": "$.missing", "IsPresent": false}"#, on: "{}"))
        #expect(try holds(#"{"Variable": "$.a.b", "IsPresent": false}"#, on: #"{"a": 1}"#))
        #expect(try holds(#"{"Variable": "$.v", "IsPresent": true}"#, on: #"{"v": null}"#))
    }

    @Test func variablesAndContextAreInScope() throws {
        #expect(try holds(#"{"Variable": "$guess", "StringEqualsPath": "$answer"}"#, on: "{}", variables: ["guess": "42", "answer": "42"]))
        #expect(try !holds(#"{"Variable": "$undefined", "IsPresent": true}"#, on: "{}"))
        let r = try rule(#"{"Variable": "$$.Execution.Input.n", "NumericLessThanEquals": 0}"#)
        let context: JSON = ["Execution": ["Input": ["n": 0]]]
        #expect(try r.evaluate(in: PathScope(input: [:], context: context)))
    }
}

@Suite struct ChoiceRuleDecodingTests {
    @Test func decodesIntoTypedComparisons() throws {
        let r = try rule(#"{"Variable": "$.when", "TimestampLessThanEqualsPath": "$.deadline"}"#)
        guard case .comparison(let c) = r else {
            Issue.record("not a comparison: \(r)")
            return
        }
        #expect(c.variable.source == "$.when")
        #expect(c.operator == .timestampLessThanEquals)
        #expect(c.operand == .path(try JSONPath("$.deadline")))
        #expect(c.fieldName == "TimestampLessThanEqualsPath")
        #expect(
            try rule(#"{"Variable": "$.t", "TimestampEquals": "2016-03-14T01:59:00Z"}"#)
                == .comparison(
                    ChoiceComparison(
                        variable: try JSONPath("$.t"), operator: .timestampEquals,
                        operand: .timestamp(Timestamp(epochSeconds: 1_457_920_740)))))
    }

    @Test func branchCarriesNextAndAssign() throws {
        var sink = DiagnosticSink()
        let json = try JSON(
            parsing: #"{"Variable": "$.v", "NumericEquals": 42, "Assign": {"status": "CORRECT"}, "Next": "Final", "Comment": "right"}"#)
        let b = try #require(ChoiceBranch.decode(json, at: "/States/C/Choices/1", into: &sink))
        #expect(sink.diagnostics.isEmpty)
        #expect(b.next == "Final")
        #expect(b.assign == ["status": "CORRECT"])
        #expect(try b.rule.evaluate(in: PathScope(input: ["v": 42])))
    }

    @Test func topLevelRuleNeedsNext() throws {
        #expect(try problems(#"{"Variable": "$.v", "IsNull": true}"#) == ["/States/C/Choices/0: These fields are required: [Next]"])
    }

    @Test func nestedRulesMayNotCarryNextOrAssign() throws {
        #expect(
            try problems(#"{"And": [{"Variable": "$.v", "IsNull": true, "Next": "X"}], "Next": "Y"}"#)
                == ["/States/C/Choices/0/And/0/Next: Field 'Next' is not supported: only a top-level Choice Rule names the next state"])
        #expect(
            try problems(#"{"Not": {"Variable": "$.v", "IsNull": true, "Assign": {}}}"#, topLevel: false)
                == ["/States/C/Choices/0/Not/Assign: Field 'Assign' is not supported in a nested Choice Rule"])
    }

    @Test func operandsMustHaveTheOperatorsType() throws {
        #expect(
            try problems(#"{"Variable": "$.v", "NumericEquals": "1", "Next": "X"}"#)
                == ["/States/C/Choices/0/NumericEquals: The value for the field 'NumericEquals' must be a number, not string"])
        #expect(
            try problems(#"{"Variable": "$.v", "IsPresent": "yes", "Next": "X"}"#)
                == ["/States/C/Choices/0/IsPresent: The value for the field 'IsPresent' must be a boolean, not string"])
        #expect(
            try problems(#"{"Variable": "$.v", "TimestampEquals": "2016-03-14", "Next": "X"}"#)
                == [
                    "/States/C/Choices/0/TimestampEquals: The value for the field 'TimestampEquals' must be a valid ISO-8601 timestamp, such as 2016-03-14T01:59:00Z"
                ])
        #expect(try problems(#"{"Variable": "$.v", "StringEqualsPath": "v", "Next": "X"}"#).count == 1)
        #expect(
            try problems(#"{"Variable": "v", "StringEquals": "v", "Next": "X"}"#).first?.hasPrefix("/States/C/Choices/0/Variable: ") == true
        )
    }

    @Test func exactlyOneSelectorAndOneOperator() throws {
        #expect(
            try problems(#"{"Variable": "$.v", "Next": "X"}"#)
                == ["/States/C/Choices/0: A Choice Rule with a Variable must have a comparison operator, such as StringEquals"])
        #expect(
            try problems(#"{"Variable": "$.v", "IsNull": true, "IsString": true, "Next": "X"}"#)
                == ["/States/C/Choices/0: There should only be one of the following fields: [IsNull, IsString]"])
        #expect(
            try problems(#"{"Next": "X"}"#) == ["/States/C/Choices/0: A Choice Rule must have one of the fields [And, Or, Not, Variable]"])
        #expect(try problems(#"{"Not": {"Variable": "$.v", "IsNull": true}, "Variable": "$.v", "Next": "X"}"#).count == 1)
        #expect(
            try problems(#"{"And": [], "Next": "X"}"#)
                == ["/States/C/Choices/0/And: The value for the field 'And' must be a non-empty array of Choice Rules"])
        #expect(
            try problems(#"{"Variable": "$.v", "StringMatchesPath": "$.p", "Next": "X"}"#)
                == [
                    "/States/C/Choices/0/StringMatchesPath: Field 'StringMatchesPath' is not supported",
                    "/States/C/Choices/0: A Choice Rule with a Variable must have a comparison operator, such as StringEquals",
                ])
    }

    @Test func reportsEveryProblemInNestedRules() throws {
        let found = try problems(
            #"{"Or": [{"Variable": "$.a", "NumericEquals": true}, {"Variable": "$.b", "Bogus": 1, "IsNull": true}, 3], "Next": "X"}"#)
        #expect(
            found == [
                "/States/C/Choices/0/Or/0/NumericEquals: The value for the field 'NumericEquals' must be a number, not boolean",
                "/States/C/Choices/0/Or/1/Bogus: Field 'Bogus' is not supported",
                "/States/C/Choices/0/Or/2: A Choice Rule must be an object, not number",
            ])
    }

    @Test func conditionBelongsToJSONata() throws {
        #expect(
            try problems(#"{"Condition": "{% true %}", "Next": "X"}"#).first
                == "/States/C/Choices/0/Condition: Field 'Condition' is supported only when the QueryLanguage is JSONata")
    }
}
