import CortadoJSON
import Foundation
import Testing

/// Issue 7's proof: the recorded JSONata and variables cases (the categories `assign`, `evaluate_jsonata`,
/// `outputdecl`, `query_language`, `states_variables`, `arguments`, and every case elsewhere whose definition
/// selects JSONata) through the in-process runner that `cortado run` uses, and all of them again through the
/// server's Step Functions API, each at 97% on status, output, error and cause.
@Suite struct JSONataConformanceTests {
    static let floor = 0.97

    static func cases() throws -> [CorpusCase] {
        let known = try Corpus.knownDifferences()
        return try Corpus.allCases().filter {
            $0.isJSONataConformanceCase() && known[$0.name]?.hasPrefix("superseded:") != true
        }
    }

    @Test func throughTheRunner() async throws {
        let cases = try Self.cases().filter(\.isPure)
        #expect(cases.count >= 60)
        let report = await ConformanceReport.run(cases) { try await runWithEngine($0) }
        try Self.check(report, "JSONata and variables through the runner (\(cases.count) pure cases)")
    }

    @Test func throughTheServer() async throws {
        let cases = try Self.cases().filter { $0.isPure || $0.runsOnServer }
        #expect(cases.count >= 90)
        let report = await ConformanceReport.run(cases, width: 2) { try await runWithServer($0) }
        try Self.check(report, "JSONata and variables through the server (\(cases.count) cases)")
    }

    static func check(_ report: ConformanceReport, _ title: String) throws {
        let known = try Corpus.knownDifferences()
        let unexpected = report.outcomes.filter { !$0.passed && known[$0.name] == nil }
        var text = title + "\n" + report.summary
        if !unexpected.isEmpty {
            text += "\n\nFailing cases not in known-differences.json (\(unexpected.count)):\n"
            text += ConformanceReport(outcomes: unexpected).failures
        }
        print(text)
        #expect(report.finalRate >= floor, "final results match \(ConformanceReport.percent(report.finalRate))")
        #expect(unexpected.isEmpty, "failing cases not in known-differences.json: \(unexpected.map(\.name).joined(separator: ", "))")
    }
}
