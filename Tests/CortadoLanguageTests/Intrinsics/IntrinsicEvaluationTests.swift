import CortadoJSON
import CortadoLanguage
import Testing

/// Evaluates one call against `input`, with replayable randomness.
private func eval(_ text: String, _ input: JSON = [:], variables: [String: JSON] = [:]) throws -> JSON {
    try IntrinsicFunction(parsing: text).evaluate(in: PathScope(input: input, variables: variables, random: FixedRandom()))
}

/// The `States.Runtime` cause a call fails with.
private func failure(_ text: String, _ input: JSON = [:]) throws -> String? {
    let f = try IntrinsicFunction(parsing: text)
    do throws(StatesError) {
        _ = try f.evaluate(in: PathScope(input: input, random: FixedRandom()))
        return nil
    } catch {
        #expect(error.name == .runtime)
        return error.cause
    }
}

@Suite struct IntrinsicEvaluationTests {
    // MARK: Format

    @Test func formatPrintsValuesAsAWSDoes() throws {
        let input: JSON = ["o": ["a": ["x", 1.5, true], "b": nil], "d": 1e21, "s": "t"]
        #expect(try eval("States.Format('{}|{}|{}|{}|{}', $.o, $.d, $.s, 3, null)", input) == "{a=[x, 1.5, true], b=null}|1.0E21|t|3|null")
    }

    @Test func formatTemplateFromAPathHasNoEscapes() throws {
        #expect(try eval("States.Format($.t, 'Arnav')", ["t": "Hello, my name is {}."]) == "Hello, my name is Arnav.")
    }

    @Test func formatCountsPlaceholders() throws {
        #expect(
            try failure("States.Format('{} and {}', 1)")
                == "Invalid arguments in States.Format: the format string has 2 placeholders '{}' but 1 value was given")
        #expect(
            try failure("States.Format('none', 1, 2)")
                == "Invalid arguments in States.Format: the format string has 0 placeholders '{}' but 2 values were given")
        #expect(
            try failure("States.Format($.t)", ["t": 5])
                == "Invalid arguments in States.Format: the first argument must be a string, but it was the number 5")
    }

    // MARK: JSON

    @Test func stringToJsonAndBack() throws {
        #expect(try eval("States.StringToJson($.s)", ["s": #"{"a": [1, 2.5]}"#]) == ["a": [1, 2.5]])
        #expect(try eval("States.StringToJson('  ')") == nil)
        #expect(try eval("States.JsonToString($.o)", ["o": ["a": [1, "x"]]]) == #"{"a":[1,"x"]}"#)
        let cause = try failure("States.StringToJson('{nope')")
        #expect(cause?.hasPrefix(#"Invalid arguments in States.StringToJson: the string "{nope" is not valid JSON"#) == true)
    }

    @Test func jsonMergeIsShallowAndRejectsDeep() throws {
        let input: JSON = ["a": ["x": ["p": 1], "y": 2], "b": ["x": ["q": 1], "z": 3]]
        #expect(try eval("States.JsonMerge($.a, $.b, false)", input) == ["x": ["q": 1], "y": 2, "z": 3])
        #expect(
            try failure("States.JsonMerge($.a, $.b, true)", input)
                == "Invalid arguments in States.JsonMerge: deep merging is not supported; the third argument must be false")
        #expect(
            try failure("States.JsonMerge($.a, 1, false)", input)
                == "Invalid arguments in States.JsonMerge: the second argument must be a JSON object, but it was the number 1")
    }

    // MARK: Arrays

    @Test func arrayFunctions() throws {
        let input: JSON = ["a": [1, 2, 2, 3, 3, 4], "o": [["k": 1], ["k": 1.0]]]
        #expect(try eval("States.Array('a', 1, $.a[0])", input) == ["a", 1, 1])
        #expect(try eval("States.ArrayPartition($.a, 4)", input) == [[1, 2, 2, 3], [3, 4]])
        #expect(try eval("States.ArrayContains($.a, 3)", input) == true)
        #expect(try eval("States.ArrayContains($.o, $.o[1])", input) == true)
        #expect(try eval("States.ArrayGetItem($.a, 5)", input) == 4)
        #expect(try eval("States.ArrayLength($.a)", input) == 6)
        #expect(try eval("States.ArrayUnique($.a)", input) == [1, 2, 3, 4])
        #expect(try eval("States.ArrayUnique($.o)", input) == [["k": 1]])
    }

    @Test func arrayRangeIncludesTheEnd() throws {
        #expect(try eval("States.ArrayRange(1, 9, 2)") == [1, 3, 5, 7, 9])
        #expect(try eval("States.ArrayRange(1, 10, 2)") == [1, 3, 5, 7, 9])
        #expect(try eval("States.ArrayRange(0, 3, 1)") == [0, 1, 2, 3])
        #expect(try eval("States.ArrayRange(5, 1, -2)") == [5, 3, 1])
        #expect(try eval("States.ArrayRange(1, 5, -1)") == [])
        #expect(try eval("States.ArrayRange(0, 999, 1)").arrayValue?.count == 1000)
    }

    @Test func arrayArgumentChecks() throws {
        #expect(
            try failure("States.ArrayRange(0, 1000, 1)")
                == "Invalid arguments in States.ArrayRange: the range would have more than 1000 items")
        for extreme in ["0, 9223372036854775807, 1", "-9223372036854775808, 9223372036854775807, 1", "0, -9223372036854775808, -1"] {
            #expect(
                try failure("States.ArrayRange(\(extreme))")
                    == "Invalid arguments in States.ArrayRange: the range would have more than 1000 items")
        }
        #expect(
            try failure("States.ArrayRange(0, 5, 0)") == "Invalid arguments in States.ArrayRange: the step (third argument) must not be 0")
        #expect(
            try failure("States.ArrayPartition($.a, 0)", ["a": [1]])
                == "Invalid arguments in States.ArrayPartition: the chunk size must be a positive integer, but it was 0")
        #expect(
            try failure("States.ArrayGetItem($.a, 3)", ["a": [1, 2, 3]])
                == "Invalid arguments in States.ArrayGetItem: the index 3 is out of bounds of an array of 3 items")
        #expect(
            try failure("States.ArrayGetItem($.a, -1)", ["a": [1]])
                == "Invalid arguments in States.ArrayGetItem: the index must be a non-negative integer, but it was -1")
        #expect(
            try failure("States.ArrayLength($.a)", ["a": "abc"])
                == #"Invalid arguments in States.ArrayLength: the first argument must be an array, but it was the string "abc""#)
        #expect(
            try failure("States.ArrayGetItem($.a, 'x')", ["a": [1]])
                == #"Invalid arguments in States.ArrayGetItem: the second argument must be an integer, but it was the string "x""#)
    }

    // MARK: Encoding and hashing

    @Test func base64() throws {
        #expect(try eval("States.Base64Encode('héllo 😀')") == "aMOpbGxvIPCfmIA=")
        #expect(try eval("States.Base64Decode('aMOpbGxvIPCfmIA=')") == "héllo 😀")
        #expect(try eval("States.Base64Decode('YQ')") == "a")
        #expect(
            try failure("States.Base64Decode('YQ=')") == #"Invalid arguments in States.Base64Decode: the string "YQ=" is not valid Base64"#)
        #expect(try failure("States.Base64Decode('a b=')") != nil)
        let long = String(repeating: "x", count: 10_001)
        #expect(
            try failure("States.Base64Encode($.s)", ["s": .string(long)])
                == "Invalid arguments in States.Base64Encode: the input string must not be longer than 10000 characters")
        #expect(try eval("States.Base64Encode($.s)", ["s": .string(String(long.dropFirst()))]).stringValue?.count == 13_336)
    }

    @Test(arguments: [
        ("MD5", "", "d41d8cd98f00b204e9800998ecf8427e"),
        ("MD5", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "8215ef0796a20bcaaae116d3876c664a"),
        ("SHA-1", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("SHA-1", "héllo 😀", "628b3695e32b5f3b3789dcd4fe8100e5dba231da"),
        ("SHA-256", "Hash this string", "1cac63f39fd68d8c531f27b807610fb3d50f0fc3f186995767fb6316e7200a3e"),
        (
            "SHA-256", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        ("SHA-384", "abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
        (
            "SHA-512", "",
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        ),
        (
            "SHA-512", String(repeating: "a", count: 200),
            "4b11459c33f52a22ee8236782714c150a3b2c60994e9acee17fe68947a3e6789f31e7668394592da7bef827cddca88c4e6f86e4df7ed1ae6cba71f3e98faee9f"
        ),
    ])
    func hash(_ algorithm: String, _ text: String, _ digest: String) throws {
        #expect(try eval("States.Hash($.s, $.a)", ["s": .string(text), "a": .string(algorithm)]) == .string(digest))
    }

    @Test func hashRejectsUnknownAlgorithms() throws {
        #expect(
            try failure("States.Hash('x', 'SHA-3')")
                == #"Invalid arguments in States.Hash: the hashing algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but it was "SHA-3""#
        )
    }

    // MARK: Math

    /// AWS rounds each argument half up (Java's `Math.round`), as the recordings show.
    @Test func mathAddRoundsHalfUp() throws {
        #expect(try eval("States.MathAdd(1.49, 1.5)") == 3)
        #expect(try eval("States.MathAdd(-2.5, 0)") == -2)
        #expect(try eval("States.MathAdd($.a, -1)", ["a": 10]) == 9)
        #expect(
            try failure("States.MathAdd('1', 2)")
                == #"Invalid arguments in States.MathAdd: the first argument must be an integer, but it was the string "1""#)
    }

    /// A seeded call gives what `new java.util.Random(seed).nextInt(end - start) + start` gives.
    @Test(arguments: [
        ("States.MathRandom(0, 999, 3)", 239),
        ("States.MathRandom(0, 10, 42)", 0),
        ("States.MathRandom(0, 1073741824, 42)", 781_215_565),
        ("States.MathRandom(5, 1005, -7)", 667),
        ("States.MathRandom(0, 2147483647, 123456789012)", 29_712_462),
        ("States.MathRandom(1, 7, 0)", 1),
    ])
    func mathRandomWithSeedMatchesJava(_ text: String, _ expected: Int) throws {
        #expect(try eval(text) == .int(expected))
    }

    @Test func mathRandomWithoutSeedUsesTheRandomSource() throws {
        #expect(try eval("States.MathRandom(3, 8)") == 3)
        #expect(
            try failure("States.MathRandom(5, 5)") == "Invalid arguments in States.MathRandom: the start (5) must be less than the end (5)")
    }

    // MARK: Strings and ids

    @Test func stringSplitTreatsEachCharacterAsADelimiter() throws {
        #expect(try eval("States.StringSplit('a,b;;c', ',;')") == ["a", "b", "c"])
        #expect(try eval("States.StringSplit(',,,', ',')") == [])
        #expect(try eval("States.StringSplit('abc', '')") == ["abc"])
        #expect(
            try failure("States.StringSplit($.a, ',')", ["a": 1])
                == "Invalid arguments in States.StringSplit: the first argument must be a string, but it was the number 1")
    }

    @Test func uuidComesFromTheRandomSource() throws {
        #expect(try eval("States.UUID()") == .string(FixedRandom().fixedUUID))
    }

    @Test func nestedCalls() throws {
        let input: JSON = ["arn": "arn:aws:imagebuilder:us-east-1:123:image-recipe/name.v1/1.0.2"]
        let text = """
            States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.arn, '/'), 2), '.'), 0), \
            States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.arn, '/'), 2), '.'), 1))
            """
        #expect(try eval(text, input) == "1.0")
    }

    // MARK: Paths

    @Test func pathsReadInputContextAndVariables() throws {
        #expect(try eval("States.Array($.a, $x)", ["a": 1], variables: ["x": "v"]) == [1, "v"])
        #expect(
            try failure("States.ArrayLength($.missing)", ["a": 1])
                == #"The JSONPath '$.missing' in the arguments of the intrinsic function States.ArrayLength could not be found in the input '{"a":1}'"#
        )
        let f = try IntrinsicFunction(parsing: "States.Array($nope)")
        #expect(throws: StatesError(.runtime, "The variable '$nope' used in the intrinsic function States.Array is not defined")) {
            try f.evaluate(in: PathScope(input: [:]))
        }
    }
}
