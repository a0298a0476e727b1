import Testing

@testable import CortadoJSON

/// The printer and parser have fast paths (numbers without Strings, eight bytes of a string at a time,
/// containers built at their end); each must agree with the general way on every input.
@Suite struct JSONFastPathTests {
    /// A generator with a fixed seed, so that a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func printed(_ value: JSON) -> String {
        var out: [UInt8] = []
        JSONPrinter.write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func doublesPrintAsFormatDoubleDoes() {
        var random = SplitMix(state: 1)
        var values: [Double] = [
            0.001, 0.0009999, 0.999, 1, 9_999_999.999, 9_999_999.9999, 1e7, 1e7 - 0.001, 0.5, 0.05, 0.005, 12.34,
            1e-300, 5e-324, .greatestFiniteMagnitude, 1_700_000_000.123, 123_456.7,
        ]
        for _ in 0..<20_000 { values.append(Double(Int.random(in: 1..<10_000_000_000, using: &random)) / 1000) }
        for _ in 0..<5_000 { values.append(Double(Int.random(in: 1..<1_000_000, using: &random)) / 1_000_000) }
        for _ in 0..<5_000 { values.append(Double.random(in: 0..<1e8, using: &random)) }
        for _ in 0..<2_000 { values.append(Double(bitPattern: random.next())) }
        for value in values where value.isFinite {
            #expect(printed(.double(value)) == JSONPrinter.formatDouble(value), "\(value)")
            #expect(printed(.double(-value)) == JSONPrinter.formatDouble(-value), "\(-value)")
        }
        #expect(printed(.double(-0.0)) == "-0.0")
        #expect(printed(.double(2.5)) == "2.5")
        #expect(printed(.double(0.05)) == "0.05")
        #expect(printed(.double(3)) == "3.0")
    }

    @Test func integersPrintAsSwiftDoes() {
        var random = SplitMix(state: 2)
        var values = [Int.min, Int.max, Int.min + 1, 0, -1, 9, 10, -9, -10, 99, 100, 1_000_000]
        for _ in 0..<10_000 { values.append(Int(truncatingIfNeeded: random.next()) >> Int.random(in: 0..<64, using: &random)) }
        for value in values {
            #expect(printed(.int(value)) == String(value))
        }
    }

    @Test func decimalsParseAsStrtodDoes() throws {
        var random = SplitMix(state: 3)
        for _ in 0..<20_000 {
            let digits = String(Int.random(in: 1..<Int.max, using: &random)).prefix(Int.random(in: 1...19, using: &random))
            var text = String(digits)
            let point = Int.random(in: 0...text.count, using: &random)
            if point < text.count {
                text.insert(".", at: text.index(text.startIndex, offsetBy: point))
                if text.hasPrefix(".") { text = "0" + text }
            }
            if Bool.random(using: &random) { text += "e\(Int.random(in: -40...40, using: &random))" }
            if Bool.random(using: &random) { text = "-" + text }
            let parsed = try JSON(parsing: text)
            guard case .double(let d) = parsed else { continue }
            #expect(d.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
        #expect(try JSON(parsing: "-0.0") == .double(-0.0))
        #expect(try JSON(parsing: "-0.0").doubleValue?.sign == .minus)
        #expect(try JSON(parsing: "9007199254740993.0") == .double(9_007_199_254_740_993.0))
    }

    /// The printer's string escaping before it scanned a word at a time.
    func referenceEscaped(_ s: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for b in s.utf8 {
            switch b {
            case 0x22: out += Array(#"\""#.utf8)
            case 0x5C: out += Array(#"\\"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0x08: out += Array(#"\b"#.utf8)
            case 0x0C: out += Array(#"\f"#.utf8)
            case 0..<0x20: out += Array(#"\u00"#.utf8) + Array(String(b, radix: 16).leftPadded(to: 2).utf8)
            default: out.append(b)
            }
        }
        return out + [0x22]
    }

    @Test func stringsWithSpecialCharactersAnywherePrintAndParseBack() throws {
        var random = SplitMix(state: 4)
        let pieces = ["a", "bcdefgh", "\"", "\\", "\n", "\u{01}", "\u{1F}", "é", "☕", "🚀", " ", "\u{7F}", "/"]
        for _ in 0..<5_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0..<40, using: &random) { s += pieces.randomElement(using: &random)! }
            let text = printed(.string(s))
            #expect(Array(text.utf8) == referenceEscaped(s), "\(s.debugDescription)")
            #expect(try JSON(parsing: text) == .string(s))
            #expect(try JSON(parsing: "[\(text),{\(text):\(text)}]") == [.string(s), .object([s: .string(s)])])
        }
    }

    @Test func duplicateKeysInLargeObjectsKeepTheLastValueInTheFirstPosition() throws {
        let members = (0..<20).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let object = try #require(try JSON(parsing: "{\(members),\"k3\":\"x\",\"k19\":null,\"new\":1}").objectValue)
        #expect(object.count == 21)
        #expect(object.keys[3] == "k3")
        #expect(object["k3"] == "x")
        #expect(object["k19"] == .null)
        #expect(object.keys.last == "new")
        #expect(object["k12"] == 12)
    }

    @Test func nestedContainersKeepTheirOwnMembers() throws {
        let text = #"{"a":[1,{"b":[2,3],"c":{}},[]],"d":{"e":[{"f":1},{"f":2}]},"g":[[[]]]}"#
        let value = try JSON(parsing: text)
        #expect(value.text == text)
        #expect(value["a"]?.arrayValue?.count == 3)
        #expect(value["d"]?["e"]?.arrayValue?[1]["f"] == 2)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
