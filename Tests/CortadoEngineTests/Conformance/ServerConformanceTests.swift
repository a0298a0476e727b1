import CortadoJSON
import Foundation
import Testing

/// The recorded cases that need callbacks, activities or nested executions, run through the Step
/// Functions API of the durable engine, at the core's floor: 97% on status, output, error and cause.
/// Failing cases must be listed in `known-differences.json` with a reason.
@Suite struct ServerConformanceTests {
    @Test func serverConformanceFloor() async throws {
        let known = try Corpus.knownDifferences()
        // Recordings AWS's behaviour has since changed from (a newer recording of the same thing
        // disagrees) are not held against the floor; they stay listed with the reason.
        let all = try Corpus.allCases().filter(\.runsOnServer)
        let superseded = all.filter { known[$0.name]?.hasPrefix("superseded:") == true }
        let cases = all.filter { known[$0.name]?.hasPrefix("superseded:") != true }
        #expect(cases.count >= 10)
        let report = await ConformanceReport.run(cases, width: 2) { try await runWithServer($0) }
        let unexpected = report.outcomes.filter { !$0.passed && known[$0.name] == nil }
        var text = "Server conformance (\(cases.count) cases; \(superseded.count) superseded recordings left out)\n" + report.summary
        if !unexpected.isEmpty {
            text += "\n\nFailing cases not in known-differences.json (\(unexpected.count)):\n"
            text += ConformanceReport(outcomes: unexpected).failures
        }
        print(text)
        #expect(report.finalRate >= ConformanceFloorTests.finalFloor, "final results match \(ConformanceReport.percent(report.finalRate))")
        #expect(unexpected.isEmpty, "failing cases not in known-differences.json: \(unexpected.map(\.name).joined(separator: ", "))")
    }
}
