import CortadoJSON
import Testing

@Suite struct JSONPrinterTests {
    @Test func compactTextHasNoSpaces() throws {
        let v = try JSON(parsing: #"{ "a" : [ 1, 2, { "b" : null } ], "c" : true, "d" : "x y" }"#)
        #expect(v.text == #"{"a":[1,2,{"b":null}],"c":true,"d":"x y"}"#)
        #expect(JSON.array([]).text == "[]")
        #expect(JSON.object(JSONObject()).text == "{}")
        #expect(JSON.null.text == "null")
        #expect(JSON.bool(false).text == "false")
    }

    @Test func keyOrderIsKeptAsWritten() throws {
        let text = #"{"zeta":1,"alpha":2,"mid":{"y":1,"b":2,"x":3}}"#
        #expect(try JSON(parsing: text).text == text)
    }

    @Test func replacingAMemberKeepsItsPlaceAndAddingOneAppends() throws {
        guard case .object(var o) = try JSON(parsing: #"{"b":1,"a":2}"#) else {
            Issue.record("not an object")
            return
        }
        o["b"] = "new"
        o["c"] = 3
        #expect(JSON.object(o).text == #"{"b":"new","a":2,"c":3}"#)
        o["b"] = nil
        #expect(JSON.object(o).text == #"{"a":2,"c":3}"#)
    }

    @Test func largeObjectsKeepOrderAndLookups() {
        // Past twelve members the object keeps a hash index; order and lookups must not change.
        var o = JSONObject()
        for i in (0..<30).reversed() { o["k\(i)"] = .int(i) }
        o["k29"] = "first"
        o.removeValue(forKey: "k0")
        #expect(o.keys.first == "k29")
        #expect(o.keys.last == "k1")
        #expect(o.count == 29)
        #expect(o["k29"] == "first")
        #expect(o["k15"] == 15)
        #expect(o["k0"] == nil)
    }

    @Test func onlyQuoteBackslashAndControlCharactersAreEscaped() {
        let s = JSON.string("q\" b\\ s/ é 中 😀 <>&' \u{7F}")
        #expect(s.text == #""q\" b\\ s/ é 中 😀 <>&' "# + "\u{7F}\"")
    }

    @Test func controlCharactersUseShortEscapesWhereJSONHasThem() {
        #expect(JSON.string("\n\r\t\u{08}\u{0C}").text == #""\n\r\t\b\f""#)
        #expect(JSON.string("\u{00}\u{01}\u{1F}").text == #""\u0000\u0001\u001f""#)
    }

    @Test func keysAreEscapedLikeValues() {
        let v: JSON = ["a\"b\n": 1]
        #expect(v.text == #"{"a\"b\n":1}"#)
    }

    @Test func escapedTextParsesBackToTheSameString() throws {
        let original = "\u{00}\u{1F}\"\\/\n😀é\u{7F}"
        #expect(try JSON(parsing: JSON.string(original).text).stringValue == original)
    }

    @Test(arguments: [
        (1.0, "1.0"),
        (1e7, "1.0E7"),
        (0.001, "0.001"),
        (1.5e-5, "1.5E-5"),
        (9_999_999.0, "9999999.0"),
        (0.0001, "1.0E-4"),
        (123.456, "123.456"),
        (-2.5, "-2.5"),
        (100.0, "100.0"),
        (1.2345e20, "1.2345E20"),
        (12_345_678.9, "1.23456789E7"),
        (0.1 + 0.2, "0.30000000000000004"),
        (-1e-10, "-1.0E-10"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1e300, "1.0E300"),
    ])
    func doublesPrintAsJavaDoes(value: Double, expected: String) {
        #expect(JSON.double(value).text == expected)
    }

    @Test func integersStayIntegers() throws {
        #expect(JSON.int(10_000_000).text == "10000000")
        #expect(JSON.int(-42).text == "-42")
        #expect(JSON.int(Int.min).text == "-9223372036854775808")
        #expect(try JSON(parsing: "[10000000,1.0,1e2,7]").text == "[10000000,1.0,100.0,7]")
    }

    @Test func prettyTextIndentsTwoSpaces() throws {
        let v = try JSON(parsing: #"{"a":[1,2],"b":{},"c":[]}"#)
        #expect(v.prettyText() == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": []\n}")
        #expect(JSON.int(3).prettyText() == "3")
    }
}

@Suite struct JSONEqualityTests {
    @Test func integersEqualTheSameDouble() throws {
        #expect(JSON.int(1) == JSON.double(1.0))
        #expect(try JSON(parsing: "[1, 2.0]") == JSON(parsing: "[1.0, 2]"))
        #expect(JSON.int(1) != JSON.double(1.5))
        #expect(Set<JSON>([.int(1), .double(1.0)]).count == 1)
    }

    @Test func objectKeyOrderIsIgnored() throws {
        let a = try JSON(parsing: #"{"a":1,"b":{"x":[1,2],"y":null}}"#)
        let b = try JSON(parsing: #"{"b":{"y":null,"x":[1,2]},"a":1.0}"#)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
    }

    @Test func differentValuesDiffer() throws {
        #expect(try JSON(parsing: "[1,2]") != JSON(parsing: "[2,1]"))
        #expect(try JSON(parsing: #"{"a":1}"#) != JSON(parsing: #"{"a":1,"b":2}"#))
        #expect(try JSON(parsing: #"{"a":1,"b":2}"#) != JSON(parsing: #"{"a":1}"#))
        #expect(try JSON(parsing: #"{"a":1}"#) != JSON(parsing: #"{"b":1}"#))
        #expect(JSON.string("1") != JSON.int(1))
        #expect(JSON.null != JSON.bool(false))
        #expect(JSON.bool(true) != JSON.int(1))
        #expect(JSON.array([]) != JSON.object(JSONObject()))
    }

    @Test func accessors() throws {
        let v = try JSON(parsing: #"{"i":3,"d":3.0,"h":3.5,"s":"x"}"#)
        #expect(v["i"]?.intValue == 3)
        #expect(v["d"]?.intValue == 3)
        #expect(v["h"]?.intValue == nil)
        #expect(v["h"]?.doubleValue == 3.5)
        #expect(v["s"]?.typeName == "string")
        #expect(v.typeName == "object")
        #expect(v["missing"] == nil)
        #expect(JSON.int(1).typeName == "number")
        #expect(JSON.bool(true).typeName == "boolean")
    }
}

@Suite struct JSONSizeTests {
    /// Values whose size estimate must equal the printed text's byte count exactly.
    static let values: [JSON] = [
        .null, true, false, 0, 7, 12, 99_999, 100_000, 123_456_789, -1, -1234, .int(.max), .int(.min),
        1.5, 0.001, 1e7, 1.5e-5, 12_345.678_9, -0.0,
        "", "abc", "é😀", "q\"\\", "\n\t", "\u{01}\u{1F}",
        [], [1, 2, 3], ["a", ["b", nil]],
        ["a": 1], ["a": 1, "bb": [true, false], "c\n": ["d": "e\u{00}"]],
    ]

    @Test(arguments: values)
    func exceedsExactlyAtTheTextLength(value: JSON) {
        let size = value.text.utf8.count
        #expect(value.encodedSize == size)
        #expect(!value.encodedSizeExceeds(size), "\(value.text) is \(size) bytes")
        #expect(value.encodedSizeExceeds(size - 1), "\(value.text) is \(size) bytes")
    }

    @Test func aPayloadOfExactly256KiBFitsTheLimit() {
        // ["xxx…"]: 4 bytes of brackets and quotes.
        let fits = JSON.array([.string(String(repeating: "x", count: 262_144 - 4))])
        // (Results go through locals so that a failure does not print a quarter-megabyte value.)
        let fitsSize = fits.text.utf8.count
        let fitsExceeds = fits.encodedSizeExceeds(262_144)
        #expect(fitsSize == 262_144)
        #expect(!fitsExceeds)
        let over = JSON.array([.string(String(repeating: "x", count: 262_144 - 3))])
        let overExceeds = over.encodedSizeExceeds(262_144)
        #expect(overExceeds)
    }

    @Test func escapesCountTowardsTheLimit() {
        // 50,000 control characters print as 300,000 bytes of \u0001 escapes.
        let v = JSON.string(String(repeating: "\u{01}", count: 50_000))
        let size = v.text.utf8.count
        let exceeds = v.encodedSizeExceeds(262_144)
        #expect(size == 300_002)
        #expect(exceeds)
    }

    @Test func manySmallIntegersFitWhenTheirTextDoes() {
        // 40,000 two-digit numbers: 40,000 × 2 digits + 39,999 commas + 2 brackets = 120,001 bytes.
        let v = JSON.array(Array(repeating: .int(42), count: 40_000))
        let size = v.text.utf8.count
        let atSize = v.encodedSizeExceeds(120_001)
        let underSize = v.encodedSizeExceeds(120_000)
        #expect(size == 120_001)
        #expect(!atSize)
        #expect(underSize)
    }
}
