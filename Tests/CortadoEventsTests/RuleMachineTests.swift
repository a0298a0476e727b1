import CortadoEvents
import CortadoJSON
import Testing

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
            let reference = ReferenceMatcher.matchingRules(rules, event)
            if compiled != reference {
                disagreements += 1
                if disagreements < 5 { Issue.record("event \(event.text): compiled \(compiled), reference \(reference)") }
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
            let reference = ReferenceMatcher.matchingRules(rules, e)
            #expect(compiled == reference, "event \(e.text)")
            if compiled != reference { return }
            matched += compiled.count
        }
        print("generated: 200 rules × 1,000 events, \(matched) matches")
        #expect(matched > 500)
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
