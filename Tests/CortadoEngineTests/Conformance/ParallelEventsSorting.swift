import CortadoJSON

/// LocalStack's `SfnNoneRecursiveParallelTransformer`, the `parallel_events_sorted` history
/// normalization: branch order inside a Parallel state is not deterministic, so the events between
/// `ParallelStateStarted` and the state's end were sorted and renumbered `id` `[0]`,
/// `previousEventId` `0`.
///
/// Reproduced step for step, quirks included, because the recordings carry them: the sorted events
/// replace the slice up to the *current* end event, so when `ParallelStateSucceeded` is followed by
/// `ParallelStateExited` the second replacement drops the `ParallelStateSucceeded` event; the list
/// shrinks under a Python `enumerate`, so the event after such a drop is skipped; and a nested
/// Parallel restarts the sublist. The order inside a sorted run is not reproduced exactly (LocalStack
/// sorted on Python's JSON text); the comparison matches those runs as multisets.
enum ParallelEventsSorting {
    static let sortedID: JSON = [0]

    private static let endTypes: Set<String> = [
        "ParallelStateSucceeded", "ParallelStateAborted", "ParallelStateExited", "ParallelStateFailed",
    ]

    /// The events after the transformer.
    static func apply(_ input: [JSON]) -> [JSON] {
        var events = input
        var startIndex: Int? = nil
        var sublist: [JSON] = []
        var inSublist = false
        var i = 0
        while i < events.count {
            let type = events[i]["type"]?.stringValue
            if type == nil {
                inSublist = false
            } else if let type, endTypes.contains(type) {
                // Python: events[start_idx:i] = sorted(sublist); a None start is 0, and a start past
                // the end of the slice inserts there.
                let lower = min(startIndex ?? 0, events.count)
                let upper = max(lower, min(i, events.count))
                events.replaceSubrange(lower..<upper, with: sublist.sorted { canonicalText($0) < canonicalText($1) })
                inSublist = false
            } else if type == "ParallelStateStarted" {
                inSublist = true
                sublist = []
                startIndex = i + 1
            } else if inSublist, case .object(var event) = events[i] {
                event["id"] = sortedID
                event["previousEventId"] = 0
                events[i] = .object(event)
                sublist.append(.object(event))
            }
            i += 1
        }
        return events
    }

    /// JSON text with object keys sorted, so that equal values sort equally.
    static func canonicalText(_ value: JSON) -> String {
        switch value {
        case .object(let o):
            let members = o.keys.sorted().map { JSON.string($0).text + ":" + canonicalText(o[$0]!) }
            return "{" + members.joined(separator: ",") + "}"
        case .array(let a):
            return "[" + a.map(canonicalText).joined(separator: ",") + "]"
        default:
            return value.text
        }
    }
}
