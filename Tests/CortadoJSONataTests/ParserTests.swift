import CortadoJSON
import Testing

@testable import CortadoJSONata

struct ParserTests {
    @Test(arguments: [
        ("\"abc", "S0101"),
        ("'abc", "S0101"),
        ("\"\\q\"", "S0103"),
        ("\"\\u12\"", "S0104"),
        ("`abc", "S0105"),
        ("/* abc", "S0106"),
        ("1 2", "S0201"),
        ("a )", "S0201"),
        ("[1, 2", "S0203"),
        ("(1; 2", "S0203"),
        ("{\"a\" 1}", "S0202"),
        (")", "S0211"),
        ("1 +", "S0207"),
        ("function(a){1}", "S0208"),
        ("a := 1", "S0212"),
        ("a.1", "S0213"),
        ("a@b", "S0214"),
        ("//", "S0301"),
        ("/abc", "S0302"),
    ])
    func syntaxErrors(_ expression: String, _ code: String) {
        #expect(throws: JSONataError.self) { try JSONataExpression(compiling: expression) }
        #expect(errorCode(expression) == code, "\(expression)")
    }

    @Test func topLevelBlocksNeedParentheses() {
        #expect(errorCode("$x := 5; $x") == "S0201")
    }

    @Test func syntaxErrorMessagesQuoteTheToken() throws {
        #expect(failure("1 2") == JSONataError(code: "S0201", message: "Syntax error: \"2\"", position: 2))
        #expect(failure("{\"a\" 1}")?.message == "Expected \":\", got \"1\"")
    }

    @Test(arguments: [
        "Account.Order[0].Product.(Price * Quantity)",
        "Phone[type='mobile'].number",
        "$sum(Account.Order.Product.(Price * Quantity))",
        "Account.Order.Product{`Product Name`: Price}",
        "[1..5]",
        "($x := 5; $y := 6; $x * $y)",
        "function($x, $y){ $x + $y }(1, 2)",
        "λ($x){$x}",
        "\"a\" ~> $uppercase",
        "Account.Order.Product^(>Price, <Quantity)",
        "Account.Order@$o.Product#$i",
        "$contains(\"abc\", /B/i)",
        "| Account.Order.Product | {'Price': Price * 1.2}, ['SKU'] |",
        "**.Postcode",
        "%.OrderID",
        "a ? b : c",
        "a ?: b",
        "a ?? b",
        "$add := function($a, $b) <nn:n> { $a + $b }",
        "/* a comment */ 1",
        "a and b or c in d",
        "-(1 + 2)",
        "x[]",
    ])
    func parsesTheWholeGrammar(_ expression: String) throws {
        _ = try JSONataExpression(compiling: expression)
    }

    @Test func regexOnlyWhereAnOperandStarts() throws {
        #expect(try eval("10 / 2") == 5)
        #expect(try eval("(10) / (2)") == 5)
        #expect(try eval("a / b", json(#"{"a": 9, "b": 3}"#)) == 3)
    }
}

struct RobustnessTests {
    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(errorCode(deep) == "U1001")
        #expect(errorCode(String(repeating: "-", count: 5000) + "1") == "U1001")
    }

    @Test func oddSignaturesDoNotCrash() throws {
        #expect(try eval("function($x) <?> { 1 }()") == 1)
    }

    @Test func infinityConcatenates() throws {
        #expect(try eval("'a' & $sum([1e308, 1e308])") == "aInfinity")
    }
}
