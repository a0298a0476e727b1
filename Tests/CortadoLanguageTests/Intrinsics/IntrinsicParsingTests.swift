import CortadoJSON
import CortadoLanguage
import Testing

@Suite struct IntrinsicParsingTests {
    @Test(arguments: ["States.Format('x')", "States.UUID()", "States.Array(1, 2)", "States.Nope("])
    func recognisesCalls(_ text: String) {
        #expect(IntrinsicFunction.looksLikeCall(text))
    }

    @Test(arguments: [
        "$.States", "States.Format", "States.('x')", "states.Format('x')", " States.UUID()", "States.Foo.Bar()",
        "States.MathAdd ($.a, 1)",
    ])
    func rejectsNonCalls(_ text: String) {
        #expect(!IntrinsicFunction.looksLikeCall(text))
    }

    @Test func parsesEveryKindOfArgument() throws {
        let f = try IntrinsicFunction(
            parsing: "States.Array('a\\'b', -1.5e2, 7, true, false, null, $, $.x[0], $$.Execution.Id, $v.k, States.UUID())")
        #expect(f.name == .array)
        #expect(f.arguments.count == 11)
        #expect(f.arguments[0] == .string("a'b", pieces: ["a'b"]))
        #expect(f.arguments[1] == .number(.double(-150)))
        #expect(f.arguments[2] == .number(.int(7)))
        #expect(f.arguments[3] == .bool(true))
        #expect(f.arguments[5] == .null)
        #expect(f.arguments[8] == .path(try JSONPath("$$.Execution.Id")))
        #expect(f.arguments[9] == .path(try JSONPath("$v.k")))
        guard case .call(let inner) = f.arguments[10] else {
            Issue.record("expected a nested call")
            return
        }
        #expect(inner.name == .uuid)
        #expect(f.description == f.source)
    }

    @Test func keepsFiltersWithCommasAndParenthesesWhole() throws {
        let f = try IntrinsicFunction(parsing: "States.ArrayLength($.items[?(@.tag == 'a, b)')])")
        let input: JSON = ["items": [["tag": "a, b)"], ["tag": "c"]]]
        #expect(try f.evaluate(in: PathScope(input: input)) == 1)
    }

    @Test func allowsSpacesAroundArguments() throws {
        let f = try IntrinsicFunction(parsing: "States.MathAdd(  1 ,2  )")
        #expect(try f.evaluate(in: PathScope(input: [:])) == 3)
    }

    @Test(arguments: [
        ("States.Foo(1)", "unknown intrinsic function 'States.Foo' (at offset 0)"),
        ("States.Format('a'", "missing ')' to close 'States.Format(' (at offset 17)"),
        ("States.Format('a) ", "string literal is not closed with ' (at offset 14)"),
        ("States.Format('a' $.x)", "expected ',' or ')' but found '$' (at offset 18)"),
        ("States.UUID() x", "unexpected 'x' after the end of the call (at offset 14)"),
        (
            "States.Array(1,)",
            "unexpected ')'; an argument must be a 'quoted string', a number, true, false, null, a path or an intrinsic call (at offset 15)"
        ),
        (
            "States.Array(yes)",
            "unexpected 'y'; an argument must be a 'quoted string', a number, true, false, null, a path or an intrinsic call (at offset 13)"
        ),
        ("States.Array(1.2.3)", "invalid number '1.2.3' (at offset 13)"),
        ("States.UUID(1)", "States.UUID takes 0 arguments but 1 was given (at offset 0)"),
        ("States.ArrayGetItem($.a)", "States.ArrayGetItem takes 2 arguments but 1 was given (at offset 0)"),
        ("States.MathRandom(1, 2, 3, 4)", "States.MathRandom takes 2 to 3 arguments but 4 were given (at offset 0)"),
        ("States.Format()", "States.Format takes at least 1 argument but 0 were given (at offset 0)"),
        ("States.Array(States.Nope())", "unknown intrinsic function 'States.Nope' (at offset 13)"),
        ("States.Array(States.UUID)", "expected '(' after 'States.UUID' (at offset 24)"),
    ])
    func reportsSyntaxErrors(_ text: String, _ message: String) {
        #expect(throws: IntrinsicSyntaxError(message)) { try IntrinsicFunction(parsing: text) }
    }

    @Test func reportsBadPaths() {
        #expect(throws: IntrinsicSyntaxError.self) { try IntrinsicFunction(parsing: "States.Array($.a[)") }
    }

    @Test func escapesInStringLiterals() throws {
        let f = try IntrinsicFunction(parsing: #"States.Format('\{\} {} \\ \'', 1)"#)
        #expect(try f.evaluate(in: PathScope(input: [:])) == #"{} 1 \ '"#)
    }

    /// AWS documents an unknown escape as a run-time error, so the definition still loads.
    @Test func unknownEscapeFailsWhenEvaluated() throws {
        let f = try IntrinsicFunction(parsing: #"States.Format('a\nb')"#)
        #expect(throws: StatesError.self) { try f.evaluate(in: PathScope(input: [:])) }
    }
}
