import CortadoJSON
import Testing

@testable import CortadoJSONata

/// The shapes Step Functions users write: `$states` bound, `$now()`, deep recursion stopped cleanly.
struct StepFunctionsTests {
    @Test func statesBinding() throws {
        let states = json(
            #"{"input": {"order": {"items": [{"price": 2, "qty": 3}, {"price": 1.5, "qty": 2}]}}, "context": {"Execution": {"Id": "x"}}}"#)
        let e = try JSONataExpression(
            compiling: "{'total': $sum($states.input.order.items.(price * qty)), 'id': $states.context.Execution.Id}")
        #expect(try e.evaluate(nil, bindings: ["states": states]) == json(#"{"total": 9, "id": "x"}"#))
    }

    @Test func deepRecursionStopsWithU1001() throws {
        let e = try JSONataExpression(compiling: "($f := function($x) { $x > 0 ? $f($x - 1) : 0 }; $f(100000))")
        #expect(
            throws: JSONataError(
                code: "U1001",
                message: "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.")
        ) {
            try e.evaluate(nil)
        }
        let shallow = try JSONataExpression(compiling: "($f := function($x) { $x > 0 ? $f($x - 1) : 'done' }; $f(20))")
        #expect(try shallow.evaluate(nil) == "done")
    }
}

struct DateTests {
    @Test(arguments: [
        ("$fromMillis(1510067557121)", "\"2017-11-07T15:12:37.121Z\""),
        ("$fromMillis(0)", "\"1970-01-01T00:00:00.000Z\""),
        ("$toMillis('2017-11-07T15:07:54.972Z')", "1510067274972"),
        ("$toMillis('2017-11-07T16:07:54.972+01:00')", "1510067274972"),
        ("$toMillis('2000-02-29')", "951782400000"),
    ])
    func conversions(_ expression: String, _ expected: String) throws {
        #expect(try eval(expression) == json(expected), "\(expression)")
    }

    @Test func nowComesFromTheEnvironment() throws {
        let e = try JSONataExpression(compiling: "$now()")
        #expect(try e.evaluate(nil, environment: .init(now: 1_510_067_557_121)) == "2017-11-07T15:12:37.121Z")
        #expect(errorCode("$toMillis('yesterday')") == "D3110")
    }
}

struct HostFunctionTests {
    /// Step Functions' `$partition(array, size)`, as a host would add it.
    static let partition = JSONataFunction(signature: "<an:a>") { args throws(JSONataError) in
        guard let items = args[0]?.arrayValue, let size = args[1]?.intValue else { return nil }
        guard size > 0 else { throw JSONataError(code: "States.QueryEvaluationError", message: "size must be positive") }
        return .array(stride(from: 0, to: items.count, by: size).map { .array(Array(items[$0..<min($0 + size, items.count)])) })
    }

    @Test func hostFunctionsJoinTheLibrary() throws {
        var environment = JSONataEnvironment()
        environment.functions["partition"] = Self.partition
        let e = try JSONataExpression(compiling: "$partition([1, 2, 3, 4, 5], 2)")
        #expect(try e.evaluate(nil, environment: environment) == json("[[1, 2], [3, 4], [5]]"))
        let bad = try JSONataExpression(compiling: "$partition('x', 'y')")
        #expect(throws: JSONataError.self) { try bad.evaluate(nil, environment: environment) }
        let wrapped = try JSONataExpression(compiling: "$partition(7, 1)")
        #expect(try wrapped.evaluate(nil, environment: environment) == json("[[7]]"))
    }
}
