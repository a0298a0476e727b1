import CortadoJSON

/// The JSONPath subset EventBridge evaluates on an event: `$`, member names (dot or bracket form, dashes,
/// underscores and slashes included), array indices and `*`.
///
/// The user guide lists exactly these; filters, deep scans, slices and unions are refused when the
/// target is put rather than evaluated in some way AWS may not.
enum EventPath {
    static func parse(_ text: String) -> JSONPath? {
        guard let path = try? JSONPath(text), path.root == .input else { return nil }
        for segment in path.segments {
            switch segment {
            case .member, .index, .wildcard: continue
            default: return nil
            }
        }
        return path
    }

    /// The value a path names in the event; nil when it names nothing (a missing member, an index out
    /// of range, or a wildcard that matched no value).
    static func value(of path: JSONPath, in event: JSON) -> JSON? {
        if path.isDefinite { return path.value(in: event) }
        guard case .array(let matches)? = try? path.evaluate(event), !matches.isEmpty else { return nil }
        return .array(matches)
    }
}
