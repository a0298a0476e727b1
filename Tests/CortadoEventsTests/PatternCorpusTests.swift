import CortadoEvents
import CortadoJSON
import CortadoTesting
import Foundation
import Testing

/// One pattern case of the corpus (Fixtures/README.md): a pattern's text, an event, and what AWS
/// (patterns.jsonl) or event-ruler (ruler_cases.jsonl) answered.
struct PatternCase: CustomStringConvertible {
    var file: String
    var name: String
    var patternText: String
    var event: JSON?
    /// The event as the case spells it (raw text if kept), for the text path.
    var eventText: String?
    var matches: Bool?
    /// The reason AWS gives after "Event pattern is not valid. Reason: ", in full for AWS's cases,
    /// its first line for event-ruler's.
    var error: String?
    var errorCode: String?

    var description: String { "\(file):\(name)" }

    static func load(_ file: String) throws -> [PatternCase] {
        let url = Bundle.module.url(forResource: "Fixtures/\(file)", withExtension: nil)!
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let value = try JSON(parsing: String(line))
            // The pattern's text as it was sent: the raw text if kept, else the fixture's own spelling
            // of it (Python's json.dumps, which is how the recordings sent it).
            let patternText = value["pattern_raw"]?.stringValue ?? RawJSON.member(String(line), "pattern") ?? ""
            var event: JSON? = value["event"]
            var eventText = RawJSON.member(String(line), "event")
            if let raw = value["event_raw"]?.stringValue {
                event = try? JSON(parsing: raw)
                eventText = raw
            }
            var error = value["error"]?.stringValue
            if let raw = value["error_raw"]?.stringValue, file == "patterns.jsonl" {
                error = String(raw.dropFirst(raw.hasPrefix(prefix) ? prefix.count : 0))
            }
            return PatternCase(
                file: file, name: value["name"]?.stringValue ?? "?", patternText: patternText, event: event,
                eventText: eventText, matches: value["matches"]?.boolValue ?? (value["valid"]?.boolValue == true ? nil : nil), error: error,
                errorCode: value["error_code"]?.stringValue)
        }
    }

    static let prefix = "Event pattern is not valid. Reason: "

    /// What Cortado answers for the case, in the case's terms; nil if it agrees.
    func disagreement() -> String? {
        if errorCode == "ValidationException" { return nil }  // an invalid event: the service's check (EventsServiceTests)
        let pattern: EventPattern
        do {
            pattern = try EventPattern(parsing: patternText)
        } catch {
            guard let expected = self.error else { return "rejected: \(error.message)" }
            var got = file == "patterns.jsonl" ? error.message : String(error.message.prefix { $0 != "\n" })
            // The recordings hide the partition and region behind LocalStack's snapshot placeholders.
            if expected.contains("<partition>") {
                got = got.replacingOccurrences(of: "arn:aws:events:us-east-1:", with: "arn:<partition>:events:<region>:")
            }
            return got == expected ? nil : "message\n  got:      \(got.debugDescription)\n  expected: \(expected.debugDescription)"
        }
        if let error { return "accepted, AWS rejects: \(error)" }
        guard let matches, let event else { return nil }
        let machine = RuleMachine([("r", pattern)])
        let compiled = !machine.matches(event, using: machine.makeScratch()).isEmpty
        let reference = ReferenceMatcher.matches(pattern, event)
        if compiled != reference { return "compiled matcher says \(compiled), reference \(reference)" }
        if let eventText {
            let text = (try? machine.matches(text: eventText, using: machine.makeScratch())).map { !$0.isEmpty }
            if text != compiled { return "text path says \(text.map(String.init) ?? "not JSON"), parsed \(compiled)" }
        }
        return compiled == matches ? nil : "matched \(compiled), expected \(matches)"
    }
}

@Suite struct PatternCorpusTests {
    static func known() throws -> [String: String] {
        let url = Bundle.module.url(forResource: "Fixtures/known-differences.json", withExtension: nil)!
        let value = try JSON(parsing: String(contentsOf: url, encoding: .utf8))
        var out: [String: String] = [:]
        for (key, reason) in value["patterns"]?.objectValue ?? [:] { out[key] = reason.stringValue ?? "" }
        return out
    }

    func run(_ file: String, floor: Double) throws {
        let cases = try PatternCase.load(file)
        let known = try Self.known()
        var failures: [String] = []
        var passed = 0
        for c in cases {
            if let why = c.disagreement() {
                if known[c.description] == nil { failures.append("\(c): \(why)") }
            } else {
                passed += 1
                if known[c.description] != nil { print("listed as a known difference but passes: \(c)") }
            }
        }
        print("\(file): \(passed)/\(cases.count) agree")
        #expect(Double(passed) >= floor * Double(cases.count))
        #expect(failures.isEmpty, "\(failures.count) unlisted:\n\(failures.joined(separator: "\n"))")
    }

    @Test func patternsRecordedOnAWS() throws { try run("patterns.jsonl", floor: 0.99) }
    @Test func casesLabelledByEventRuler() throws { try run("ruler_cases.jsonl", floor: 0.97) }
}
