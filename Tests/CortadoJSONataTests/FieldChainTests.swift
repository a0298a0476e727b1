import CortadoJSON
import Testing

@testable import CortadoJSONata

/// Plain chains of field names take a shortcut on the JSON; they must give what the evaluator gives.
struct FieldChainTests {
    static let states: [String: JSON] = [
        "states": json(#"{"input": {"a": {"b": 3.0, "c": [1, {"d": 2}], "e": {"f": 1.5, "g": 2.0}, "h": null}}}"#)
    ]

    @Test(
        arguments: [
            ("$states.input.a.b", "3"),
            ("$states.input.a.e", #"{"f": 1.5, "g": 2}"#),
            ("$states.input.a.c", #"[1, {"d": 2}]"#),
            ("$states.input.a.c.d", "2"),
            ("$states.input.a.h", "null"),
            ("$states.input.a.b.x", nil),
            ("$states.input.zz", nil),
            ("$nothing.a", nil),
            ("$states.input.a.b = 3", "true"),
            ("$count($states.input.a.c)", "2"),
            ("$states.input.a.c[1].d", "2"),
            ("($o := {'l': [1, [2, 3]]}; $o.l)", "[1, [2, 3]]"),
            ("($o := {'l': [1, [2, 3]]}; $o.l[1])", "[2, 3]"),
            ("{'l': [[1]]}.l", "[[1]]"),
            ("$map($states.input.a.c, function($v) { $type($v) })", #"["number", "object"]"#),
        ] as [(String, String?)])
    func chainsAgreeWithTheEvaluator(_ expression: String, _ expected: String?) throws {
        let e = try JSONataExpression(compiling: expression)
        #expect(try e.evaluate(nil, bindings: Self.states) == expected.map(json), "\(expression)")
    }

    @Test func theShortcutIsTakenOnlyForFieldChains() throws {
        #expect(try JSONataExpression(compiling: "$states.input.a.b").fieldChain != nil)
        #expect(try JSONataExpression(compiling: "Account.Order").fieldChain != nil)
        #expect(try JSONataExpression(compiling: "$states.input.a[0]").fieldChain == nil)
        #expect(try JSONataExpression(compiling: "$.a").fieldChain == nil)
        #expect(try eval("Account.`Account Name`", invoice) == "Firefly")
        #expect(try eval("Account.Order.OrderID", invoice) == json(#"["order103", "order104"]"#))
    }
}
