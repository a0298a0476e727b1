import CortadoJSON
import Foundation
import Testing

/// One recorded AWS execution from the conformance corpus (`Fixtures/sfn/cases/<category>/<name>.json`).
///
/// The fields the harness and the engine runner need are typed; everything else (resources,
/// interactions, provenance, ...) stays reachable through `raw`.
struct CorpusCase: Sendable {
    struct StateMachine: Sendable {
        /// `STANDARD` or `EXPRESS`.
        var type: String
        var name: String
        var roleArn: String
        /// `StartSyncExecution` for synchronous express runs, else nil.
        var startedWith: String?
    }

    /// What AWS produced: the primary conformance check.
    struct Expected: Sendable {
        /// `SUCCEEDED`, `FAILED`, `TIMED_OUT` or `ABORTED`.
        var status: String
        /// The output as a JSON value (`.null` unless SUCCEEDED); a string when `outputIsRawText`.
        var output: JSON
        var error: String?
        /// Usually a string; kept as JSON because `cause_is_json` cases may carry it parsed.
        var cause: JSON?
        var causeIsJSON: Bool
        var outputIsRawText: Bool
        var outputMasked: Bool
        var outputNotRecorded: Bool
    }

    /// A transformer the LocalStack test registered on its snapshot, in registration order.
    enum SnapshotReplacement: Sendable {
        /// `pattern` (a Python regex, usually a literal run-specific value) → `replacement`.
        case regex(pattern: String, replacement: String)
        /// The value at `path` was replaced: by a numbered `<replacement:N>` when `reference`, else by
        /// the literal `replacement`.
        case jsonPath(path: String, replacement: String, reference: Bool)
        /// `utility`, `key_value`, `custom`, `parallel_events_sorted`: kept as recorded.
        case other(kind: String, JSON)
    }

    var name: String
    var category: String
    /// The ASL definition exactly as the test submitted it.
    var definition: JSON
    var input: JSON
    var stateMachine: StateMachine
    var executionName: String
    var expected: Expected
    /// Recorded history events (`id`, `previousEventId`, `type`, `*EventDetails`, payloads as JSON
    /// values), or nil when only a final response was recorded.
    var expectedHistory: [JSON]?
    var needs: [String]
    var features: [String]
    var snapshotReplacements: [SnapshotReplacement]
    var historyNormalizations: [String]
    /// The whole case file.
    var raw: JSON

    /// The definition as compact JSON text, as it would be sent to CreateStateMachine.
    var definitionText: String { definition.text }

    /// The execution input as compact JSON text, as it would be sent to StartExecution.
    var inputText: String { input.text }

    /// Pure ASL: calls no service at all.
    var isPure: Bool { needs == ["none"] }

    /// Whether the definition selects JSONata anywhere (top level or in any state, however nested).
    var usesJSONata: Bool { Self.selectsJSONata(definition) }

    private static func selectsJSONata(_ value: JSON) -> Bool {
        switch value {
        case .object(let o):
            if o["QueryLanguage"] == .string("JSONata") { return true }
            return o.contains { selectsJSONata($0.value) }
        case .array(let a):
            return a.contains(where: selectsJSONata)
        default:
            return false
        }
    }
}

struct CorpusError: Error, CustomStringConvertible {
    var description: String
}

extension CorpusCase {
    /// Builds a case from the parsed case file.
    init(file json: JSON) throws {
        func string(_ value: JSON?, _ field: String) throws -> String {
            guard let s = value?.stringValue else { throw CorpusError(description: "case field '\(field)' is not a string") }
            return s
        }
        func optionalString(_ value: JSON?) -> String? { value?.stringValue }
        func flag(_ value: JSON?) -> Bool { value?.boolValue ?? false }

        name = try string(json["name"], "name")
        category = try string(json["category"], "category")
        guard let definition = json["definition"], definition.objectValue != nil else {
            throw CorpusError(description: "\(name): 'definition' is not an object")
        }
        self.definition = definition
        input = json["input"] ?? .object(JSONObject())

        let machine = json["state_machine"]
        stateMachine = StateMachine(
            type: optionalString(machine?["type"]) ?? "STANDARD",
            name: optionalString(machine?["name"]) ?? name,
            roleArn: optionalString(machine?["role_arn"]) ?? "",
            startedWith: optionalString(machine?["started_with"])
        )
        executionName = optionalString(json["execution_name"]) ?? name

        guard let e = json["expected"] else { throw CorpusError(description: "\(name): no 'expected'") }
        let cause = e["cause"]
        expected = Expected(
            status: try string(e["status"], "expected.status"),
            output: e["output"] ?? .null,
            error: optionalString(e["error"]),
            cause: cause?.isNull == false ? cause : nil,
            causeIsJSON: flag(e["cause_is_json"]),
            outputIsRawText: flag(e["output_is_raw_text"]),
            outputMasked: flag(e["output_masked"]),
            outputNotRecorded: flag(e["output_not_recorded"])
        )

        expectedHistory = json["expected_history"]?.arrayValue
        needs = (json["needs"]?.arrayValue ?? []).compactMap(\.stringValue)
        features = (json["features"]?.arrayValue ?? []).compactMap(\.stringValue)
        historyNormalizations = (json["history_normalizations"]?.arrayValue ?? []).compactMap(\.stringValue)
        snapshotReplacements = (json["snapshot_replacements"]?.arrayValue ?? []).map { entry in
            let kind = entry["kind"]?.stringValue ?? ""
            switch kind {
            case "regex":
                return .regex(
                    pattern: entry["pattern"]?.stringValue ?? "",
                    replacement: entry["replacement"]?.stringValue ?? ""
                )
            case "jsonpath":
                return .jsonPath(
                    path: entry["path"]?.stringValue ?? "",
                    replacement: entry["replacement"]?.stringValue ?? "",
                    reference: entry["reference"]?.boolValue ?? true
                )
            default:
                return .other(kind: kind, entry)
            }
        }
        raw = json
    }
}

extension CorpusCase: CustomTestStringConvertible {
    var testDescription: String { "\(category)/\(name)" }
}

/// The fixture corpus bundled with the test target.
enum Corpus {
    /// `Fixtures/sfn` inside the test bundle.
    static func directory() throws -> URL {
        guard let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw CorpusError(description: "no Fixtures folder in the test bundle")
        }
        return fixtures.appendingPathComponent("sfn", isDirectory: true)
    }

    /// Every bundled case, sorted by category and name.
    static func allCases() throws -> [CorpusCase] {
        let root = try directory().appendingPathComponent("cases", isDirectory: true)
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "json" } ?? []
        guard !files.isEmpty else { throw CorpusError(description: "no case files under \(root.path)") }
        let cases = try files.map { url in
            let text = try String(contentsOf: url, encoding: .utf8)
            do {
                return try CorpusCase(file: try JSON(parsing: text))
            } catch {
                throw CorpusError(description: "\(url.lastPathComponent): \(error)")
            }
        }
        return cases.sorted { ($0.category, $0.name) < ($1.category, $1.name) }
    }

    /// One bundled case, by category and name.
    static func load(category: String, name: String) throws -> CorpusCase {
        let url = try directory().appendingPathComponent("cases/\(category)/\(name).json")
        return try CorpusCase(file: try JSON(parsing: try String(contentsOf: url, encoding: .utf8)))
    }

    /// The cases the conformance floor covers: pure ASL, in either query language.
    static func conformanceCases() throws -> [CorpusCase] {
        try allCases().filter(\.isPure)
    }

    /// The categories issue 7 (JSONata and variables) is held to, whole, plus every JSONata case elsewhere.
    static let jsonataCategories: Set<String> = [
        "assign", "evaluate_jsonata", "outputdecl", "query_language", "states_variables", "arguments",
    ]

    /// `known-differences.json`: case name → why Cortado is known to differ from AWS there.
    static func knownDifferences() throws -> [String: String] {
        let url = try directory().appendingPathComponent("known-differences.json")
        let json = try JSON(parsing: try String(contentsOf: url, encoding: .utf8))
        guard let object = json.objectValue else {
            throw CorpusError(description: "known-differences.json is not an object")
        }
        var result: [String: String] = [:]
        for (name, reason) in object { result[name] = reason.stringValue ?? reason.text }
        return result
    }
}

extension CorpusCase {
    /// A case issue 7 is held to: its category is one of `Corpus.jsonataCategories`, or it uses JSONata.
    func isJSONataConformanceCase() -> Bool { usesJSONata || Corpus.jsonataCategories.contains(category) }
}
