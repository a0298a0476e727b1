import CortadoJSON
import Foundation

/// The outcome of running corpus cases on an engine: per case, the first final-result and history
/// differences.
struct ConformanceReport: Sendable {
    struct Outcome: Sendable {
        var name: String
        var category: String
        /// Nil when status, output / error, cause match.
        var finalDifference: String?
        /// Nil when the history matches; always nil when `hasHistory` is false.
        var historyDifference: String?
        /// Whether the case recorded a history to compare.
        var hasHistory: Bool

        var passed: Bool { finalDifference == nil && historyDifference == nil }
    }

    var outcomes: [Outcome]

    /// Runs every case (a few at a time) and compares each result with its recording. A runner that
    /// throws fails that case.
    static func run(_ cases: [CorpusCase], width: Int = 4, runner: @escaping CaseRunner) async -> ConformanceReport {
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(cases.count)
        await withTaskGroup(of: Outcome.self) { group in
            var next = 0
            func submit() {
                let c = cases[next]
                next += 1
                group.addTask { await outcome(of: c, runner: runner) }
            }
            while next < min(width, cases.count) { submit() }
            for await outcome in group {
                outcomes.append(outcome)
                if next < cases.count { submit() }
            }
        }
        outcomes.sort { ($0.category, $0.name) < ($1.category, $1.name) }
        return ConformanceReport(outcomes: outcomes)
    }

    static func outcome(of c: CorpusCase, runner: CaseRunner) async -> Outcome {
        let hasHistory = c.expectedHistory != nil
        let run: ConformanceRun
        do {
            run = try await runner(c)
        } catch {
            let message = "runner threw: \(error)"
            return Outcome(
                name: c.name, category: c.category, finalDifference: message,
                historyDifference: hasHistory ? message : nil, hasHistory: hasHistory)
        }
        let comparison = ConformanceComparison(c)
        return Outcome(
            name: c.name, category: c.category,
            finalDifference: comparison.finalDifference(run)?.description,
            historyDifference: comparison.historyDifference(run)?.description,
            hasHistory: hasHistory)
    }

    var finalPassed: Int { outcomes.count { $0.finalDifference == nil } }
    var withHistory: Int { outcomes.count { $0.hasHistory } }
    var historyPassed: Int { outcomes.count { $0.hasHistory && $0.historyDifference == nil } }

    /// Share of cases whose final result matches (1 when there are none).
    var finalRate: Double { outcomes.isEmpty ? 1 : Double(finalPassed) / Double(outcomes.count) }
    /// Share of cases with a recorded history whose whole history matches.
    var historyRate: Double { withHistory == 0 ? 1 : Double(historyPassed) / Double(withHistory) }

    /// `category: final N/M, history K/L` lines, then the totals.
    var summary: String {
        var lines: [String] = []
        let categories = Dictionary(grouping: outcomes, by: \.category)
        for category in categories.keys.sorted() {
            let group = categories[category]!
            let final = group.count { $0.finalDifference == nil }
            let histories = group.count { $0.hasHistory }
            let history = group.count { $0.hasHistory && $0.historyDifference == nil }
            lines.append("\(category): final \(final)/\(group.count), history \(history)/\(histories)")
        }
        lines.append(
            "total: final \(finalPassed)/\(outcomes.count) (\(Self.percent(finalRate))), "
                + "history \(historyPassed)/\(withHistory) (\(Self.percent(historyRate)))")
        return lines.joined(separator: "\n")
    }

    /// One block per failing case with its first differences.
    var failures: String {
        outcomes.filter { !$0.passed }.map { o in
            var text = "✗ \(o.category)/\(o.name)"
            if let d = o.finalDifference { text += "\n    final:   \(d)" }
            if let d = o.historyDifference { text += "\n    history: \(d)" }
            return text
        }.joined(separator: "\n")
    }

    static func percent(_ rate: Double) -> String {
        String(format: "%.1f%%", rate * 100)
    }
}
