import CortadoJSON

/// Where a state puts its result in its input: `null` discards the result, `$` replaces the input,
/// `$.a.b` merges it in, creating objects on the way.
public enum ResultPath: Sendable, Hashable {
    case discard
    case path(ReferencePath)

    public func apply(_ result: JSON, to input: JSON) throws(StatesError) -> JSON {
        switch self {
        case .discard: return input
        case .path(let p): return try p.set(result, in: input)
        }
    }
}

/// A definite path of member names and indices rooted at `$`, as `ResultPath` takes.
public struct ReferencePath: Sendable, Hashable, CustomStringConvertible {
    public let source: String
    public let segments: [JSONPath.Segment]

    public static let identity = ReferencePath(source: "$", segments: [])

    init(source: String, segments: [JSONPath.Segment]) {
        self.source = source
        self.segments = segments
    }

    public init?(_ source: String) {
        guard let p = try? JSONPath(source), p.root == .input, p.isDefinite else { return nil }
        self.source = source
        self.segments = p.segments
    }

    public var description: String { source }

    func set(_ value: JSON, in root: JSON) throws(StatesError) -> JSON {
        if segments.isEmpty { return value }
        var root = root
        guard try Self.set(value, in: &root, segments[...]) else {
            throw StatesError(
                .resultPathMatchFailure,
                "Unable to apply ResultPath '\(source)' to input '\(root.text)'")
        }
        return root
    }

    private static func set(_ value: JSON, in node: inout JSON, _ rest: ArraySlice<JSONPath.Segment>) throws(StatesError) -> Bool {
        guard let first = rest.first else {
            node = value
            return true
        }
        switch first {
        case .member(let m):
            guard case .object(var o) = node else { return false }
            node = .null  // release the reference so `o` is uniquely owned
            var child = o[m] ?? .object(JSONObject())
            if rest.count > 1, o[m] != nil {
                switch child {
                case .object, .array: break
                default: child = .object(JSONObject())
                }
            }
            let ok = try set(value, in: &child, rest.dropFirst())
            o[m] = child
            node = .object(o)
            return ok
        case .index(let i):
            guard case .array(var a) = node, i >= 0, i < a.count else { return false }
            node = .null
            var child = a[i]
            let ok = try set(value, in: &child, rest.dropFirst())
            a[i] = child
            node = .array(a)
            return ok
        default:
            return false
        }
    }
}
