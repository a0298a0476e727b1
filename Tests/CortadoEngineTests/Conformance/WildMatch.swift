import Foundation

/// Matching of recorded strings that contain snapshot placeholders (`<region>`, `<uuid:3>`, ...).
///
/// The recordings replaced run-specific values by `<...>` tokens; every token stands for any text
/// (possibly empty). The expected string is split on `<[^>]+>` tokens and matched, anchored, as the
/// escaped literal parts joined by `.*?` — the corpus extractor's `wild_equal`.
enum WildMatch {
    private static let token = try! NSRegularExpression(pattern: "<[^>]+>")

    /// Whether `expected` contains at least one placeholder token.
    static func hasPlaceholder(_ expected: String) -> Bool {
        expected.contains("<") && token.firstMatch(in: expected, range: NSRange(expected.startIndex..., in: expected)) != nil
    }

    /// Whether `expected` is exactly one placeholder token (`"<uuid:1>"`), which may then stand for
    /// any value, not only a string.
    static func isWholePlaceholder(_ expected: String) -> Bool {
        guard expected.hasPrefix("<"), expected.hasSuffix(">") else { return false }
        let range = NSRange(expected.startIndex..., in: expected)
        guard let m = token.firstMatch(in: expected, range: range) else { return false }
        return m.range == range
    }

    /// `expected == actual`, where each `<...>` token in `expected` matches any text.
    static func wildEqual(_ expected: String, _ actual: String) -> Bool {
        if expected == actual { return true }
        guard expected.contains("<") else { return false }
        let whole = NSRange(expected.startIndex..., in: expected)
        let matches = token.matches(in: expected, range: whole)
        guard !matches.isEmpty else { return false }
        var pattern = "^"
        var cursor = expected.startIndex
        for m in matches {
            let r = Range(m.range, in: expected)!
            pattern += NSRegularExpression.escapedPattern(for: String(expected[cursor..<r.lowerBound]))
            pattern += ".*?"
            cursor = r.upperBound
        }
        pattern += NSRegularExpression.escapedPattern(for: String(expected[cursor...])) + "$"
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else {
            return false
        }
        return regex.firstMatch(in: actual, options: [.anchored], range: NSRange(actual.startIndex..., in: actual)) != nil
    }
}
