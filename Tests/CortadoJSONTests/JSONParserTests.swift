import CortadoJSON
import Testing

/// The parse error for `text`, or nil when it parses.
private func parseError(_ text: String) -> JSONParseError? {
    do {
        _ = try JSON(parsing: text)
        return nil
    } catch {
        return error
    }
}

/// `.int` and `.double` compare equal to each other, so tests that care which one was built look inside.
private func intPayload(_ v: JSON) -> Int? { if case .int(let i) = v { i } else { nil } }
private func doublePayload(_ v: JSON) -> Double? { if case .double(let d) = v { d } else { nil } }

@Suite struct JSONParserTests {
    @Test func literalsOfEveryKind() throws {
        #expect(try JSON(parsing: "null").isNull)
        #expect(try JSON(parsing: "true").boolValue == true)
        #expect(try JSON(parsing: "false").boolValue == false)
        #expect(try JSON(parsing: #""caf\u00e9""#).stringValue == "café")
        #expect(try JSON(parsing: "[]").arrayValue == [])
        #expect(try JSON(parsing: "{}").objectValue?.isEmpty == true)
        #expect(try JSON(parsing: " \n\t\r[ 1 , \"a\" , null ] \n") == [1, "a", nil])
        #expect(try JSON(parsing: #"{"a":{"b":[true,{"c":null}]}}"#) == ["a": ["b": [true, ["c": nil]]]])
    }

    @Test func integralLiteralsStayIntegers() throws {
        #expect(intPayload(try JSON(parsing: "0")) == 0)
        #expect(intPayload(try JSON(parsing: "-17")) == -17)
        #expect(intPayload(try JSON(parsing: "9223372036854775807")) == Int.max)
        #expect(intPayload(try JSON(parsing: "-9223372036854775808")) == Int.min)
        // One past Int.max no longer fits 64 bits: it becomes a double.
        #expect(doublePayload(try JSON(parsing: "9223372036854775808")) == 9_223_372_036_854_775_808.0)
    }

    @Test func fractionsAndExponentsAreDoubles() throws {
        #expect(doublePayload(try JSON(parsing: "1.0")) == 1.0)
        #expect(doublePayload(try JSON(parsing: "-0.25")) == -0.25)
        #expect(doublePayload(try JSON(parsing: "1e3")) == 1000.0)
        #expect(doublePayload(try JSON(parsing: "2E-2")) == 0.02)
        #expect(doublePayload(try JSON(parsing: "1.5e+2")) == 150.0)
    }

    @Test func escapes() throws {
        let v = try JSON(parsing: #""q\" b\\ s\/ \b\f\n\r\t \u0041\u00e9\u4e2d""#)
        #expect(v.stringValue == "q\" b\\ s/ \u{08}\u{0C}\n\r\t Aé中")
    }

    @Test func surrogatePairsJoinIntoOneScalar() throws {
        let v = try JSON(parsing: #""\ud83d\ude00!""#)
        #expect(v.stringValue == "😀!")
        #expect(v.stringValue?.unicodeScalars.count == 2)
        // Upper-case hex digits work the same.
        #expect(try JSON(parsing: #""\uD83D\uDE00""#).stringValue == "😀")
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try JSON(parsing: #""\ud83d""#).stringValue == "\u{FFFD}")
        #expect(try JSON(parsing: #""\ude00x""#).stringValue == "\u{FFFD}x")
        #expect(try JSON(parsing: #""\ud83d\u0041""#).stringValue == "\u{FFFD}A")
    }

    @Test func rawUTF8PassesThrough() throws {
        #expect(try JSON(parsing: #"{"ключ":"😀 é"}"#) == ["ключ": "😀 é"])
        #expect(try JSON(parsing: Array(#"{"a":[1,2]}"#.utf8)) == ["a": [1, 2]])
    }

    @Test func duplicateKeysKeepTheLastValueInTheFirstPosition() throws {
        let v = try JSON(parsing: #"{"a":1,"b":2,"a":3}"#)
        #expect(v["a"] == 3)
        #expect(v.objectValue?.keys == ["a", "b"])
        #expect(v.text == #"{"a":3,"b":2}"#)
    }

    @Test func nestingUpToAThousandLevelsParses() throws {
        let deep = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        var v = try JSON(parsing: deep)
        var depth = 0
        while case .array(let a) = v {
            depth += 1
            v = a.first ?? .null
        }
        #expect(depth == 1000)
    }

    @Test func nestingPastAThousandLevelsIsRefused() {
        let tooDeep = String(repeating: "[", count: 1001) + String(repeating: "]", count: 1001)
        let e = parseError(tooDeep)
        #expect(e?.message == "JSON nested deeper than 1000 levels")
        #expect(e?.offset == 1000)
        let objects = String(repeating: #"{"a":"#, count: 1001) + "1" + String(repeating: "}", count: 1001)
        #expect(parseError(objects)?.message == "JSON nested deeper than 1000 levels")
    }

    @Test func missingValueReportsLineAndColumn() {
        let e = parseError(#"{"a":}"#)
        #expect(e?.message == "Unexpected character '}', expected a value")
        #expect(e?.offset == 5)
        #expect(e?.line == 1)
        #expect(e?.column == 6)
        #expect(e?.description == "Unexpected character '}', expected a value at line 1, column 6")
    }

    @Test func errorsOnLaterLinesCountLinesAndCharacters() {
        let e = parseError("{\n  \"a\": tru\n}")
        #expect(e?.message == "Invalid literal, expected 'true'")
        #expect(e?.line == 2)
        #expect(e?.column == 8)
        // Columns count characters, not bytes: 'é' is two bytes but one column.
        let u = parseError(#"{"é": x}"#)
        #expect(u?.offset == 7)
        #expect(u?.column == 7)
    }

    @Test func trailingGarbageIsAnError() {
        let e = parseError("{} x")
        #expect(e?.message == "Unexpected character 'x' after the JSON value")
        #expect(e?.column == 4)
        #expect(parseError("1 2")?.message == "Unexpected character '2' after the JSON value")
        #expect(parseError("[1]]")?.message == "Unexpected character ']' after the JSON value")
    }

    @Test func leadingZerosAreAnError() {
        let e = parseError("01")
        #expect(e?.message == "Leading zeros are not allowed in a number")
        #expect(e?.column == 1)
        #expect(parseError(#"{"n": -007}"#)?.message == "Leading zeros are not allowed in a number")
        #expect(parseError(#"{"n": -007}"#)?.column == 7)
        #expect(parseError("0") == nil)
        #expect(parseError("-0.5") == nil)
    }

    @Test(arguments: [
        ("", "Unexpected end of input, expected a value"),
        ("[1,]", "Unexpected character ']', expected a value"),
        ("[1 2]", "Expected ',' or ']' in an array"),
        (#"{"a" 1}"#, "Expected ':' after an object key"),
        (#"{"a":1 "b":2}"#, "Expected ',' or '}' in an object"),
        ("{a:1}", "Expected a string key in an object"),
        ("{\"a\":1", "Unexpected end of input in an object"),
        ("[1", "Unexpected end of input in an array"),
        (#""abc"#, "Unterminated string"),
        (#""a\x""#, "Invalid escape '\\x' in a string"),
        (#""\u12G4""#, "Invalid hex digit in a \\u escape"),
        ("\"a\u{01}b\"", "Unescaped control character in a string"),
        ("1.", "Expected a digit after '.' in a number"),
        ("1e", "Expected a digit in a number's exponent"),
        ("-", "Invalid number"),
        ("+1", "Unexpected character '+', expected a value"),
        ("nul", "Unexpected end of input in a literal"),
        ("NaN", "Unexpected character 'N', expected a value"),
        ("'a'", "Unexpected character ''', expected a value"),
    ])
    func malformedInput(text: String, message: String) {
        #expect(parseError(text)?.message == message)
    }
}
