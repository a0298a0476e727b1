import CortadoJSON

/// Compares an engine's run with a case's recording, following the corpus README ("Comparing an
/// engine's result with `expected`").
///
/// The recording went through LocalStack's snapshot tool; the engine's values are compared
/// tolerantly instead of being pushed through the same pipeline:
/// * every `<...>` token in an expected string matches any text (`WildMatch`), and a string that
///   is a single token matches any value;
/// * the engine's strings first get the case's regex replacements and the account/partition/region
///   ones (`SnapshotNormalizer`); ISO date-times inside them may stand for the literal `date`;
/// * an expected `timestamp`/`datetime` under a key containing "timestamp", and the literal value of
///   a non-reference `jsonpath` replacement, match anything;
/// * an expected object or array matches a string holding its JSON text (the snapshot tool parsed
///   JSON text into objects); object key order never matters and `1 == 1.0`.
struct ConformanceComparison {
    let corpusCase: CorpusCase
    private let normalizer: SnapshotNormalizer
    /// Values a `jsonpath` replacement with `reference: false` wrote over whatever was there.
    private let literalReplacements: Set<String>

    init(_ c: CorpusCase) {
        corpusCase = c
        normalizer = SnapshotNormalizer(c)
        var literals = Set<String>()
        for r in c.snapshotReplacements {
            if case .jsonPath(_, let replacement, false) = r { literals.insert(replacement) }
        }
        literalReplacements = literals
    }

    // MARK: Final result

    /// The first difference in status, output (SUCCEEDED) or error and cause; nil when they match.
    func finalDifference(_ run: ConformanceRun) -> ConformanceDifference? {
        let expected = corpusCase.expected
        guard run.status == expected.status else {
            var message = "expected status \(expected.status), got \(run.status)"
            if let error = run.error { message += " (error \(error): \(ConformanceDifference.clip(run.cause ?? "", limit: 160)))" }
            return ConformanceDifference(path: "status", message: message)
        }
        if expected.status == "SUCCEEDED" {
            if expected.outputMasked || expected.outputNotRecorded { return nil }
            guard let output = run.output else {
                return .mismatch("output", expected: expected.output.text, actual: "no output")
            }
            if expected.outputIsRawText, case .string(let text) = expected.output {
                let actualText = output.stringValue ?? output.text
                return stringsMatch(text, actualText)
                    ? nil : .mismatch("output", expected: text, actual: actualText)
            }
            return jsonDifference(expected: expected.output, actual: output, path: "output")
        }
        if let d = optionalStringDifference(expected.error.map(JSON.string), run.error, path: "error") { return d }
        if expected.causeIsJSON, let cause = expected.cause {
            let expectedCause = cause.stringValue.flatMap { try? JSON(parsing: $0) } ?? cause
            guard let actual = run.cause else {
                return .mismatch("cause", expected: expectedCause.text, actual: "no cause")
            }
            let actualCause = (try? JSON(parsing: actual)) ?? .string(actual)
            return jsonDifference(expected: expectedCause, actual: actualCause, path: "cause")
        }
        return optionalStringDifference(expected.cause, run.cause, path: "cause")
    }

    private func optionalStringDifference(_ expected: JSON?, _ actual: String?, path: String) -> ConformanceDifference? {
        switch (expected, actual) {
        case (nil, nil): return nil
        case (nil, let a?): return .mismatch(path, expected: "none", actual: a)
        case (let e?, nil): return .mismatch(path, expected: e.stringValue ?? e.text, actual: "none")
        case (let e?, let a?): return jsonDifference(expected: e, actual: .string(a), path: path)
        }
    }

    // MARK: Values

    /// Whether the engine's string `actual` matches the recorded `expected`.
    func stringsMatch(_ expected: String, _ actual: String) -> Bool {
        if expected == actual { return true }
        let normalized = normalizer.normalize(actual)
        if WildMatch.wildEqual(expected, normalized) { return true }
        let dated = SnapshotNormalizer.replacingDateTimes(normalized)
        return dated != normalized && WildMatch.wildEqual(expected, dated)
    }

    /// The first difference between a recorded JSON value and the engine's, or nil.
    func jsonDifference(expected: JSON, actual: JSON, path: String, key: String? = nil) -> ConformanceDifference? {
        switch expected {
        case .string(let e):
            if literalReplacements.contains(e) { return nil }
            // LocalStack's key_value transformer replaces a member's whole value, whatever its type,
            // with the member's name (`"x-amzn-RequestId": "x-amzn-RequestId"`, `"Date": "date"`).
            if let key, e.lowercased() == key.lowercased() { return nil }
            // The Content-Length AWS echoes from an integration's HTTP response varies with the
            // digits of the times in that response, on AWS itself: any length matches.
            if key == "Content-Length", case .string(let a) = actual, Int(a) != nil, Int(e) != nil { return nil }
            if e == "timestamp" || e == "datetime" || e == "date",
                let key, key.lowercased().contains("timestamp")
            {
                return nil
            }
            if case .string(let a) = actual {
                return stringsMatch(e, a) ? nil : .mismatch(path, expected: expected, actual: actual)
            }
            if WildMatch.isWholePlaceholder(e) { return nil }
            return .mismatch(path, expected: expected, actual: actual)

        case .object(let e):
            guard let a = Self.container(actual)?.objectValue else {
                return .mismatch(path, expected: expected, actual: actual)
            }
            var used = Set<String>()
            for (k, ev) in e {
                var actualKey: String? = a[k] != nil ? k : nil
                if actualKey == nil, WildMatch.hasPlaceholder(k) {
                    actualKey = a.keys.first { !used.contains($0) && e[$0] == nil && stringsMatch(k, $0) }
                }
                guard let ak = actualKey, let av = a[ak] else {
                    return .about(path, "missing key '\(k)', expected", ev)
                }
                used.insert(ak)
                if let d = jsonDifference(expected: ev, actual: av, path: "\(path).\(k)", key: k) { return d }
            }
            if let extra = a.keys.first(where: { !used.contains($0) }) {
                return .about(path, "unexpected key '\(extra)' =", a[extra]!)
            }
            return nil

        case .array(let e):
            guard let a = Self.container(actual)?.arrayValue else {
                return .mismatch(path, expected: expected, actual: actual)
            }
            for (i, ev) in e.enumerated() {
                guard i < a.count else {
                    return ConformanceDifference(path: path, message: "expected \(e.count) elements, got \(a.count)")
                }
                if let d = jsonDifference(expected: ev, actual: a[i], path: "\(path)[\(i)]", key: key) { return d }
            }
            if a.count != e.count {
                return ConformanceDifference(path: path, message: "expected \(e.count) elements, got \(a.count)")
            }
            return nil

        case .null, .bool, .int, .double:
            return expected == actual ? nil : .mismatch(path, expected: expected, actual: actual)
        }
    }

    /// An object or array as is, or parsed from JSON text holding one.
    private static func container(_ value: JSON) -> JSON? {
        switch value {
        case .object, .array: return value
        case .string(let s):
            guard let first = s.first(where: { !$0.isWhitespace }), first == "{" || first == "[" else { return nil }
            guard let parsed = try? JSON(parsing: s) else { return nil }
            switch parsed {
            case .object, .array: return parsed
            default: return nil
            }
        default: return nil
        }
    }
}
