import CortadoEvents
import CortadoJSON
import Foundation
import Testing

/// Every case of `Fixtures/transformers.jsonl` (what AWS delivered for an InputPath or InputTransformer,
/// or how PutTargets refused it) run through `TargetInput`; a case may fail only if
/// `known-differences.json` lists it under `transformers`, with the reason.
@Suite struct TransformerCorpusTests {
    /// The placeholders LocalStack's snapshot put in place of the values that vary between runs.
    static let targetID = "<target-id>"
    static let context = TransformContext(
        ruleARN: "arn:<partition>:events:<region>:111111111111:rule/<bus-name>/<rule-name>",
        ruleName: "<rule-name>",
        ingestionTime: 1_720_699_200_000)

    struct Outcome {
        var passed: Bool
        var detail: String
    }

    static func knownDifferences() throws -> [String: String] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/known-differences.json", withExtension: nil))
        let json = try JSON(parsing: try String(contentsOf: url, encoding: .utf8))
        var out: [String: String] = [:]
        for (name, reason) in json["transformers"]?.objectValue ?? [:] { out[name] = reason.stringValue ?? "" }
        return out
    }

    @Test func everyRecordedCase() throws {
        let cases = try CorpusFixtures.lines("transformers.jsonl")
        let known = try Self.knownDifferences()
        var passed = 0
        var unexpected: [String] = []
        for c in cases {
            let name = try #require(c["name"]?.stringValue)
            let outcome = Self.run(c)
            if outcome.passed {
                passed += 1
                if known[name] != nil { unexpected.append("\(name): listed as a known difference but passes") }
            } else if known[name] == nil {
                unexpected.append("\(name): \(outcome.detail)")
            }
        }
        print("transformer corpus: \(passed)/\(cases.count) cases match AWS")
        #expect(cases.count == 32)
        #expect(unexpected.isEmpty, "\(unexpected.joined(separator: "\n"))")
    }

    static func run(_ c: JSON) -> Outcome {
        let target = c["target"]?.objectValue ?? [:]
        let expected = c["expected"] ?? .null
        let transformer = target["InputTransformer"].map { t in
            (
                inputPathsMap: (t["InputPathsMap"]?.objectValue).map { o in
                    Dictionary(uniqueKeysWithValues: o.map { ($0.key, $0.value.stringValue ?? "") })
                } ?? [:],
                inputTemplate: t["InputTemplate"]?.stringValue ?? ""
            )
        }
        let input: TargetInput
        do throws(EventsError) {
            input = try TargetInput(
                input: target["Input"]?.stringValue, inputPath: target["InputPath"]?.stringValue,
                inputTransformer: transformer, targetID: targetID)
        } catch {
            let want = expected["error"]?.stringValue
            return Outcome(passed: want == error.message, detail: "PutTargets refused it: \(error.message)")
        }
        if let error = expected["error"]?.stringValue {
            return Outcome(passed: false, detail: "accepted; AWS answered \(error)")
        }
        let body = input.body(for: c["event"] ?? .null, context: context)
        if expected["delivered"] == .bool(false) {
            return Outcome(passed: body == nil, detail: "delivered \(body ?? "") where AWS dropped the event")
        }
        guard let body else { return Outcome(passed: false, detail: "dropped where AWS delivered") }
        let ingestion = context.ingestionTimeText
        if let text = expected["body_text"]?.stringValue {
            let masked = body.replacingOccurrences(of: ingestion, with: "date")
            return Outcome(passed: masked == text, detail: "delivered \(masked), AWS \(text)")
        }
        guard let want = expected["body_json"], let got = try? JSON(parsing: body) else {
            return Outcome(passed: false, detail: "delivered \(body), which is not JSON")
        }
        let masked = mask(got)
        return Outcome(passed: masked == want, detail: "delivered \(masked.text), AWS \(want.text)")
    }

    /// The snapshot's own masking: ISO timestamps became `date`, and `$.originalEvent.time` became
    /// `<ingestion-time>` (a jsonpath transformer in LocalStack's test).
    static func mask(_ body: JSON) -> JSON {
        func walk(_ v: JSON) -> JSON {
            switch v {
            case .string(let s) where s == context.ingestionTimeText: return .string("date")
            case .array(let a): return .array(a.map(walk))
            case .object(let o):
                var out = JSONObject()
                for (k, value) in o { out[k] = walk(value) }
                return .object(out)
            default: return v
            }
        }
        guard case .object(var o) = walk(body) else { return walk(body) }
        if case .object(var original)? = o["originalEvent"], original["time"] != nil {
            original["time"] = "<ingestion-time>"
            o["originalEvent"] = .object(original)
        }
        return .object(o)
    }
}
