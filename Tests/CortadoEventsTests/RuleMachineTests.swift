import CortadoJSON
import Testing

@testable import CortadoEvents

/// The compiled matcher against the brute-force reference: many rules in one machine, many events.
@Suite struct RuleMachineTests {
    /// Every valid corpus pattern in one machine, every corpus event through it.
    @Test func allCorpusPatternsInOneMachineAgreeWithTheReference() throws {
        let cases = try PatternCase.load("patterns.jsonl") + PatternCase.load("ruler_cases.jsonl")
        var rules: [(Int, EventPattern)] = []
        for (i, c) in cases.enumerated() {
            if let pattern = try? EventPattern(parsing: c.patternText) { rules.append((i, pattern)) }
        }
        let events = cases.compactMap(\.event).filter { $0.objectValue != nil }
        let machine = RuleMachine(rules)
        let scratch = machine.makeScratch()
        var disagreements = 0
        for event in events {
            let compiled = machine.matches(event, using: scratch)
            let text = try machine.matches(text: event.text, using: scratch)
            let reference = ReferenceMatcher.matchingRules(rules, event)
            if compiled != reference || text != reference {
                disagreements += 1
                if disagreements < 5 { Issue.record("event \(event.text): compiled \(compiled), text \(text), reference \(reference)") }
            }
        }
        print("\(rules.count) rules × \(events.count) events: \(disagreements) disagreements")
        #expect(rules.count > 700)
        #expect(disagreements == 0)
    }

    /// Generated rules of every operator over a small vocabulary, and events with nested arrays, so
    /// that many rules share fields and values.
    @Test func generatedRulesAgreeWithTheReference() throws {
        var random = SplitMix(seed: 42)
        let keys = ["a", "b", "c.d", "c.e"]
        let words = ["x", "xy", "xyz", "XY", "yz", "10.0.0.1", "", "z*"]
        func value() -> String {
            switch random.next(9) {
            case 0: "\"\(words[random.next(words.count)])\""
            case 1: "\(random.next(5))"
            case 2: "{\"prefix\": \"\(["x", "", "y"][random.next(3)])\"}"
            case 3: "{\"suffix\": \"\(["z", "y", ""][random.next(3)])\"}"
            case 4: "{\"equals-ignore-case\": \"xy\"}"
            case 5: "{\"anything-but\": [\"x\", \"xy\"]}"
            case 6: "{\"numeric\": [\">\", \(random.next(3)), \"<=\", \(random.next(3) + 2)]}"
            case 7: "{\"exists\": \(random.next(2) == 0)}"
            default: "{\"wildcard\": \"x*z\"}"
            }
        }
        func pattern() -> String {
            var fields: [String] = []
            for key in keys where random.next(2) == 0 {
                let parts = key.split(separator: ".")
                let values = (0...random.next(2)).map { _ in value() }.joined(separator: ", ")
                fields.append(
                    parts.count == 1
                        ? "\"\(key)\": [\(values)]" : "\"\(parts[0])\": {\"\(parts[1])\": [\(values)]}")
            }
            if fields.isEmpty { fields = ["\"a\": [\"x\"]"] }
            return "{" + fields.joined(separator: ", ") + "}"
        }
        func leaf() -> JSON {
            switch random.next(4) {
            case 0: .string(words[random.next(words.count)])
            case 1: .int(random.next(5))
            case 2: .null
            default: .array((0..<random.next(3)).map { _ in .string(words[random.next(words.count)]) })
            }
        }
        func event() -> JSON {
            var object = JSONObject()
            if random.next(4) != 0 { object.append("a", leaf()) }
            if random.next(4) != 0 { object.append("b", leaf()) }
            if random.next(3) != 0 {
                let element: () -> JSON = {
                    var inner = JSONObject()
                    if random.next(3) != 0 { inner.append("d", leaf()) }
                    if random.next(3) != 0 { inner.append("e", leaf()) }
                    return .object(inner)
                }
                object.append("c", random.next(2) == 0 ? element() : .array((0..<random.next(3) + 1).map { _ in element() }))
            }
            return .object(object)
        }
        var rules: [(Int, EventPattern)] = []
        for i in 0..<200 { rules.append((i, try EventPattern(parsing: pattern()))) }
        let machine = RuleMachine(rules)
        let scratch = machine.makeScratch()
        var matched = 0
        for _ in 0..<1_000 {
            let e = event()
            let compiled = machine.matches(e, using: scratch)
            let text = try machine.matches(text: e.text, using: scratch)
            let reference = ReferenceMatcher.matchingRules(rules, e)
            #expect(compiled == reference, "event \(e.text)")
            #expect(text == reference, "text of event \(e.text)")
            if compiled != reference || text != reference { return }
            matched += compiled.count
        }
        print("generated: 200 rules × 1,000 events, \(matched) matches")
        #expect(matched > 500)
    }
}

/// The text path (`matches(text:using:)`) against parsing the text and matching the value: the same
/// rules for every text the parser accepts, and an error for every text it refuses.
@Suite struct RuleMachineTextTests {
    /// Every corpus pattern in one machine; every corpus event as the case spells it (raw text
    /// included), and each with bytes changed, so that refused texts and odd spellings come up.
    @Test func theTextPathAgreesWithTheParsedPathOnEveryCorpusEvent() throws {
        let cases = try PatternCase.load("patterns.jsonl") + PatternCase.load("ruler_cases.jsonl")
        var rules: [(Int, EventPattern)] = []
        for (i, c) in cases.enumerated() {
            if let pattern = try? EventPattern(parsing: c.patternText) { rules.append((i, pattern)) }
        }
        let machine = RuleMachine(rules)
        let scratch = machine.makeScratch()
        var random = SplitMix(seed: 7)
        let alphabet = Array("{}[],:\"0-e.a \\".utf8)
        var texts = 0
        var refused = 0
        for text in cases.compactMap(\.eventText) {
            var variants = [text]
            let bytes = Array(text.utf8)
            for _ in 0..<8 where !bytes.isEmpty {
                var changed = bytes
                let at = random.next(changed.count)
                switch random.next(3) {
                case 0: changed.remove(at: at)
                case 1: changed.insert(alphabet[random.next(alphabet.count)], at: at)
                default: changed[at] = alphabet[random.next(alphabet.count)]
                }
                variants.append(String(decoding: changed, as: UTF8.self))
            }
            for (n, variant) in variants.enumerated() {
                texts += 1
                let parsed = try? JSON(parsing: variant)
                let walked = try? machine.matches(text: variant, using: scratch)
                if let parsed {
                    #expect(walked == machine.matches(parsed, using: scratch), "\(variant)")
                    // The changed texts are not all events the reference reads as event-ruler would (it
                    // flattens a root key "" away), so only the corpus' own texts are held to it.
                    if n == 0 { #expect(walked == ReferenceMatcher.matchingRules(rules, parsed), "\(variant)") }
                } else {
                    refused += 1
                    #expect(walked == nil, "the parser refuses \(variant)")
                }
            }
        }
        print("text path: \(texts) texts, \(refused) refused by the parser")
        #expect(texts > 700 && refused > 100)
    }

    func check(_ patterns: [String], _ texts: [String]) throws {
        let rules = try patterns.enumerated().map { ($0.offset, try EventPattern(parsing: $0.element)) }
        let machine = RuleMachine(rules)
        for text in texts {
            let parsed = try? JSON(parsing: text)
            let walked = try? machine.matches(text: text, using: machine.makeScratch())
            if let parsed {
                let reference = ReferenceMatcher.matchingRules(rules, parsed)
                #expect(walked == reference, "\(text)")
                #expect(machine.matches(parsed, using: machine.makeScratch()) == reference, "\(text)")
            } else {
                #expect(walked == nil, "the parser refuses \(text)")
            }
        }
    }

    /// Repeated keys (the parser keeps the last value), escaped keys, dotted keys, and keys Swift
    /// holds equal to ASCII ones (U+212A KELVIN SIGN is `K`) or to other spellings (é, e + U+0301).
    @Test func keysAsTheParserReadsThem() throws {
        try check(
            [#"{"a": ["x"]}"#, #"{"a": {"b": ["y"]}}"#, #"{"K": ["k"]}"#, #"{"é": ["e"]}"#, #"{"a": [{"exists": false}], "c": ["z"]}"#],
            [
                #"{"a": "x"}"#, #"{"a": "y", "a": "x"}"#, #"{"a": "x", "a": "y"}"#, #"{"\u0061": "x"}"#,
                #"{"a": "x", "\u0061": "y"}"#, #"{"a.b": "y"}"#, #"{"a": {"b": "n", "b": "y"}}"#, #"{"a": {"b": "y"}, "a": 1}"#,
                #"{"\u212A": "k"}"#, #"{"e\u0301": "e"}"#, #"{"K": "k", "\u212A": "j"}"#, #"{"a": [{"b": "y"}, {"b": "n"}]}"#,
                #"{"c": "z", "a": null}"#, #"{"c": "z", "z": {"a": "x"}}"#, #"{"c": "z", "a": {}}"#, #"{"c": "z", "a": []}"#,
            ])
    }

    @Test func valuesAsTheParserReadsThem() throws {
        try check(
            [
                #"{"n": [{"numeric": [">", 1e2]}]}"#, #"{"n": [100]}"#, #"{"s": ["tab\there"]}"#, #"{"s": [{"prefix": "é"}]}"#,
                #"{"s": [{"anything-but": "x"}]}"#, #"{"s": [{"cidr": "10.0.0.0/8"}]}"#, #"{"s": [{"equals-ignore-case": "ÉCOLE"}]}"#,
            ],
            [
                #"{"n": 100}"#, #"{"n": 1.0e2}"#, #"{"n": 100.5}"#, #"{"n": 1e400}"#, #"{"n": -0}"#, #"{"n": [[101], 1]}"#,
                #"{"s": "tab\there"}"#, #"{"s": "tab\u0009here"}"#, #"{"s": "\u00e9t\u00e9"}"#, #"{"s": "école"}"#,
                #"{"s": "10.1.2.3"}"#, #"{"s": "\ud800"}"#, #"{"s": "x"}"#, #"{"s": true}"#, #"{"s": ["x", null]}"#,
            ])
    }

    @Test func textsTheParserRefusesAreRefused() throws {
        let deep = String(repeating: "[", count: 1_001) + String(repeating: "]", count: 1_001)
        try check(
            [#"{"a": ["x"]}"#],
            [
                "", " ", #"{"a": "x""#, #"{"a": "x"} x"#, #"{"a": "x",}"#, #"{"z": [1, 2,], "a": "x"}"#, #"{"z": 01, "a": "x"}"#,
                #"{"z": "\q", "a": "x"}"#, #"{"z": 1., "a": "x"}"#, #"{"z": -, "a": "x"}"#, #"{"z": tru, "a": "x"}"#,
                #"{"z": "\u12", "a": "x"}"#, "{\"z\": \"\u{1}\", \"a\": \"x\"}", #"{"z": {"y" 1}, "a": "x"}"#, #"{"a": "x" "b": 1}"#,
                #"{"z": \#(deep), "a": "x"}"#, #"{"a": "x", "z": [1e5, {"q": [true, false, null, "\/"]}]}"#, #"["a", "x"]"#, #""x""#,
            ])
    }
}

@Suite struct IPAddressParsingTests {
    /// The matcher's allocation-free reading of a leaf as an address against `IPRange.parse`.
    @Test func theFastParseAgreesWithParse() {
        var random = SplitMix(seed: 11)
        let alphabet = Array("0123456789....::af ".utf8)
        var texts = [
            "1.2.3.4", "01.002.0003.255", "256.1.1.1", "1.2.3", "1.2.3.4.5", "0000000001.1.1.1", "00000000001.1.1.1", "::1", "1::", "",
        ]
        for _ in 0..<20_000 {
            texts.append(String(decoding: (0..<random.next(16)).map { _ in alphabet[random.next(alphabet.count)] }, as: UTF8.self))
        }
        for text in texts {
            let fast: [UInt8]? = Array(text.utf8).withUnsafeBufferPointer { bytes in
                switch IPRange.parse(bytes: bytes) {
                case .v4(let v)?: return [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
                case .other(let a)?: return a
                case nil: return nil
                }
            }
            #expect(fast == IPRange.parse(text), "\(text)")
        }
    }
}

/// A small deterministic random source for generated cases.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
