import CortadoJSON

extension ConformanceComparison {
    /// Payload fields AWS sends as JSON text and the corpus stores as JSON values.
    static let payloadFields: Set<String> = ["input", "output", "parameters"]

    /// The first difference between the recorded history and the engine's, or nil when they match
    /// or nothing was recorded.
    func historyDifference(_ run: ConformanceRun) -> ConformanceDifference? {
        guard let expected = corpusCase.expectedHistory else { return nil }
        var actual = run.history.map(Self.comparableEvent)
        if corpusCase.historyNormalizations.contains("parallel_events_sorted") {
            actual = ParallelEventsSorting.apply(actual)
        }

        var e = 0
        var a = 0
        while e < expected.count, a < actual.count {
            if expected[e]["id"] == ParallelEventsSorting.sortedID {
                let expectedRun = Self.sortedRun(expected, from: e)
                let actualRun = Self.sortedRun(actual, from: a)
                if let d = sortedRunDifference(expected: expectedRun, actual: actualRun, startingAt: e) { return d }
                e += expectedRun.count
                a += actualRun.count
                continue
            }
            if let d = eventDifference(expected: expected[e], actual: actual[a], path: "history[\(e)]") { return d }
            e += 1
            a += 1
        }
        if e < expected.count || a < actual.count {
            let next =
                e < expected.count
                ? "first missing: \(Self.summary(expected[e]))" : "first extra: \(Self.summary(actual[a]))"
            return ConformanceDifference(
                path: "history",
                message: "expected \(expected.count) events, got \(actual.count) (after normalization); \(next)")
        }
        return nil
    }

    /// The consecutive events from `start` whose id is `[0]`.
    private static func sortedRun(_ events: [JSON], from start: Int) -> ArraySlice<JSON> {
        var end = start
        while end < events.count, events[end]["id"] == ParallelEventsSorting.sortedID { end += 1 }
        return events[start..<end]
    }

    /// Sorted runs are compared as multisets: each expected event takes the first unused actual
    /// event it matches.
    private func sortedRunDifference(expected: ArraySlice<JSON>, actual: ArraySlice<JSON>, startingAt e: Int) -> ConformanceDifference? {
        let path = "history[\(e)..<\(e + expected.count)] (parallel, unordered)"
        guard expected.count == actual.count else {
            return ConformanceDifference(
                path: path, message: "expected \(expected.count) branch events, got \(actual.count)")
        }
        var unused = Array(actual)
        for event in expected {
            if let i = unused.firstIndex(where: { eventDifference(expected: event, actual: $0, path: "") == nil }) {
                unused.remove(at: i)
                continue
            }
            // Explain with the closest candidate: the first unused event of the same type.
            if let candidate = unused.first(where: { $0["type"] == event["type"] }),
                let d = eventDifference(expected: event, actual: candidate, path: path)
            {
                return d
            }
            return ConformanceDifference(path: path, message: "no event matches \(ConformanceDifference.clip(Self.summary(event)))")
        }
        return nil
    }

    /// Compares `type`, `id`, `previousEventId` and every `*EventDetails` object.
    func eventDifference(expected: JSON, actual: JSON, path: String) -> ConformanceDifference? {
        let type = expected["type"]?.stringValue ?? "?"
        let location = "\(path) (\(type))"
        for field in ["type", "id", "previousEventId"] {
            let ev = expected[field] ?? .null
            let av = actual[field] ?? .null
            if ev != av { return .mismatch("\(location).\(field)", expected: ev, actual: av) }
        }
        let detailKeys = Set((expected.objectValue?.keys ?? []) + (actual.objectValue?.keys ?? []))
            .filter { $0.hasSuffix("EventDetails") }
            .sorted()
        for key in detailKeys {
            switch (expected[key], actual[key]) {
            case (let ed?, let ad?):
                if let d = jsonDifference(expected: ed, actual: ad, path: "\(location).\(key)", key: key) { return d }
            case (let ed?, nil):
                return .about(location, "missing \(key), expected", ed)
            case (nil, let ad?):
                return .about(location, "unexpected \(key) =", ad)
            case (nil, nil):
                break
            }
        }
        return nil
    }

    /// An engine event reduced to what the recording kept: `id`, `previousEventId`, `type` and the
    /// details objects, with payload text parsed, `roleArn` and `{truncated: false}`
    /// `inputDetails`/`outputDetails` dropped. `timestamp` and any other field are ignored.
    static func comparableEvent(_ event: JSON) -> JSON {
        guard case .object(let o) = event else { return event }
        var result = JSONObject()
        for (key, value) in o {
            switch key {
            case "id", "previousEventId", "type":
                result[key] = value
            case _ where key.hasSuffix("EventDetails"):
                result[key] = comparableDetails(value)
            default:
                break
            }
        }
        return .object(result)
    }

    private static let untruncated: JSON = ["truncated": false]

    private static func comparableDetails(_ details: JSON) -> JSON {
        guard case .object(let o) = details else { return details }
        var result = JSONObject()
        for (key, value) in o {
            switch key {
            case "roleArn":
                continue
            case "inputDetails" where value == untruncated, "outputDetails" where value == untruncated:
                continue
            case _ where payloadFields.contains(key):
                result[key] = parsedPayload(value)
            case "assignedVariables":
                if case .object(let variables) = value {
                    var parsed = JSONObject()
                    for (name, text) in variables { parsed[name] = parsedPayload(text) }
                    result[key] = .object(parsed)
                } else {
                    result[key] = value
                }
            default:
                result[key] = value
            }
        }
        return .object(result)
    }

    /// JSON text parsed to its value; anything else (or text that does not parse) unchanged.
    private static func parsedPayload(_ value: JSON) -> JSON {
        guard case .string(let text) = value, let parsed = try? JSON(parsing: text) else { return value }
        return parsed
    }

    static func summary(_ event: JSON) -> String {
        let type = event["type"]?.stringValue ?? "?"
        let name = event.objectValue?.first { $0.key.hasSuffix("EventDetails") }?.value["name"]?.stringValue
        let id = event["id"]?.text ?? "?"
        return name.map { "#\(id) \(type) '\($0)'" } ?? "#\(id) \(type)"
    }
}
