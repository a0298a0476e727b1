import Foundation

/// Puts the engine's strings through the replacements LocalStack's snapshot tool applied to the
/// recording, so that literal parts of expected strings line up.
///
/// Order: the case's own `regex` replacements (run-specific names: state machine, execution, role
/// ARN, request ids), then the global ones — account id → `111111111111`, `arn:aws:` →
/// `arn:<partition>:`, region → `<region>`. The engine may use any account and region.
struct SnapshotNormalizer {
    private var rules: [(regex: NSRegularExpression, template: String)] = []

    init(_ c: CorpusCase) {
        for replacement in c.snapshotReplacements {
            guard case .regex(let pattern, let with) = replacement, !pattern.isEmpty else { continue }
            // LocalStack's patterns are Python regexes; the few that ICU rejects are used literally.
            let regex =
                (try? NSRegularExpression(pattern: pattern))
                ?? (try! NSRegularExpression(pattern: NSRegularExpression.escapedPattern(for: pattern)))
            rules.append((regex, NSRegularExpression.escapedTemplate(for: with)))
        }
        rules += Self.globalRules
    }

    private static let regionName =
        #"\b[a-z]{2}(-gov|-iso[a-z]?)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d\b"#

    /// Rules applied to every case (after the case's own).
    private static var globalRules: [(regex: NSRegularExpression, template: String)] {
        [
            // The account id field of any ARN.
            (try! NSRegularExpression(pattern: #"(arn:[^:\s"]+:[^:\s"]*:[^:\s"]*:)\d{12}(?=:)"#), "$1111111111111"),
            (try! NSRegularExpression(pattern: #"arn:aws(-[a-z]+)*:"#), "arn:<partition>:"),
            (try! NSRegularExpression(pattern: regionName), "<region>"),
        ]
    }

    /// The engine's string as the snapshot tool would have stored it.
    func normalize(_ s: String) -> String {
        var result = s
        for rule in rules {
            result = rule.regex.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result), withTemplate: rule.template)
        }
        return result
    }

    private static let dateTime = try! NSRegularExpression(
        pattern: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})"#)

    /// ISO-8601 date-times inside `s` replaced by `date`, as the snapshot tool does.
    static func replacingDateTimes(_ s: String) -> String {
        guard s.contains("T") else { return s }
        return dateTime.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "date")
    }
}
