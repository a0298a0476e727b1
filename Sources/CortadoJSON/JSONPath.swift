/// A JSONPath as Amazon States Language uses it (Jayway JsonPath semantics).
///
/// Three roots: `$` the state's input, `$$` the context object and `$name` a workflow variable.
/// A path is *definite* when it names at most one value (only member names and indices); a
/// definite path that finds nothing is an error, an indefinite one (wildcards, slices, unions,
/// deep scans, filters) yields an array, empty when nothing matched.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public enum Root: Sendable, Hashable {
        case input
        case context
        case variable(String)
    }

    public indirect enum Segment: Sendable, Hashable {
        case member(String)
        case index(Int)
        case wildcard
        case slice(start: Int?, end: Int?, step: Int?)
        case members([String])
        case indices([Int])
        case deepScan(Segment)
        case filter(JSONPathFilter)
    }

    /// The path exactly as written in the definition.
    public let source: String
    public let root: Root
    public let segments: [Segment]

    public var description: String { source }

    /// True when the path names at most one value. As in Jayway, a union of names as the last step
    /// (`$.a['b','c']`) is definite: it names one object merged from those members.
    public let isDefinite: Bool

    static func definite(_ segments: [Segment]) -> Bool {
        segments.indices.allSatisfy { k in
            switch segments[k] {
            case .member, .index: true
            case .members: k == segments.count - 1
            default: false
            }
        }
    }

    public init(_ source: String) throws(JSONPathError) {
        self.source = source
        var p = JSONPathParser(source)
        (root, segments) = try p.parsePath()
        isDefinite = Self.definite(segments)
    }

    init(source: String, root: Root, segments: [Segment]) {
        self.source = source
        self.root = root
        self.segments = segments
        self.isDefinite = Self.definite(segments)
    }

    /// The bracket form Jayway prints in its messages, e.g. `$['detail']['items'][0]`.
    public var normalized: String { Self.render(segments.prefix(segments.count)) }

    static func render(_ segments: ArraySlice<Segment>) -> String {
        var out = "$"
        for s in segments { out += render(s) }
        return out
    }

    static func render(_ s: Segment) -> String {
        switch s {
        case .member(let m): return "['\(m)']"
        case .index(let i): return "[\(i)]"
        case .wildcard: return "[*]"
        case .slice(let a, let b, let c):
            var t = "[\(a.map(String.init) ?? ""):\(b.map(String.init) ?? "")"
            if let c { t += ":\(c)" }
            return t + "]"
        case .members(let ms): return "[" + ms.map { "'\($0)'" }.joined(separator: ",") + "]"
        case .indices(let xs): return "[" + xs.map(String.init).joined(separator: ",") + "]"
        case .deepScan(let inner): return ".." + render(inner)
        case .filter(let f): return "[?(\(f.source))]"
        }
    }
}

/// A malformed JSONPath, or a path that found nothing where a value was required.
public struct JSONPathError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case syntax
        /// A definite path whose last step found nothing (`No results for path: $['a']`).
        case noResults
        /// A definite path that stopped before its last step (`Missing property in path $['a']`).
        case missingProperty
    }
    public var kind: Kind
    public var message: String
    public var description: String { message }

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }
}

extension JSONPath {
    /// Evaluates the path against its root value.
    ///
    /// - Returns: the one value of a definite path, or an array of every match of an indefinite one.
    /// - Throws: `JSONPathError` with Jayway's message when a definite path finds nothing.
    public func evaluate(_ rootValue: JSON) throws(JSONPathError) -> JSON {
        if isDefinite {
            var current = rootValue
            for (k, segment) in segments.enumerated() {
                var next: JSON?
                switch segment {
                case .member(let m):
                    if case .object(let o) = current { next = o[m] }
                case .index(let i):
                    if case .array(let a) = current {
                        let j = i < 0 ? a.count + i : i
                        if j >= 0 && j < a.count { next = a[j] }
                    }
                case .members(let ms):
                    if case .object(let o) = current { next = Self.merge(ms, of: o) }
                default: break
                }
                guard let found = next else {
                    let rendered = Self.render(segments[0...k])
                    if k == segments.count - 1 {
                        throw JSONPathError(kind: .noResults, message: "No results for path: \(rendered)")
                    }
                    throw JSONPathError(kind: .missingProperty, message: "Missing property in path \(rendered)")
                }
                current = found
            }
            return current
        }
        var results: [JSON] = []
        collect(rootValue, segments[...], root: rootValue, into: &results)
        return .array(results)
    }

    /// The value at a definite path, or nil when it is absent (never throws for missing values).
    public func value(in rootValue: JSON) -> JSON? {
        try? evaluate(rootValue)
    }

    /// Jayway's multi-property leaf: one object with the named members that exist, in the order named.
    static func merge(_ names: [String], of o: JSONObject) -> JSON {
        var merged = JSONObject(minimumCapacity: names.count)
        for m in names { if let v = o[m] { merged[m] = v } }
        return .object(merged)
    }

    /// `root` is the document the path started from: filters read it as `$`.
    private func collect(_ value: JSON, _ rest: ArraySlice<Segment>, root: JSON, into results: inout [JSON]) {
        guard let segment = rest.first else {
            results.append(value)
            return
        }
        let tail = rest.dropFirst()
        switch segment {
        case .member(let m):
            if case .object(let o) = value, let v = o[m] { collect(v, tail, root: root, into: &results) }
        case .members(let ms):
            if case .object(let o) = value {
                if tail.isEmpty {
                    results.append(Self.merge(ms, of: o))
                } else {
                    for m in ms { if let v = o[m] { collect(v, tail, root: root, into: &results) } }
                }
            }
        case .index(let i):
            if case .array(let a) = value {
                let j = i < 0 ? a.count + i : i
                if j >= 0 && j < a.count { collect(a[j], tail, root: root, into: &results) }
            }
        case .indices(let xs):
            if case .array(let a) = value {
                for i in xs {
                    let j = i < 0 ? a.count + i : i
                    if j >= 0 && j < a.count { collect(a[j], tail, root: root, into: &results) }
                }
            }
        case .wildcard:
            switch value {
            case .array(let a): for v in a { collect(v, tail, root: root, into: &results) }
            case .object(let o): for v in o.values { collect(v, tail, root: root, into: &results) }
            default: break
            }
        case .slice(let start, let end, let step):
            if case .array(let a) = value {
                for j in Self.sliceIndices(count: a.count, start: start, end: end, step: step) {
                    collect(a[j], tail, root: root, into: &results)
                }
            }
        case .filter(let f):
            switch value {
            case .array(let a):
                for v in a where f.matches(v, root: root) { collect(v, tail, root: root, into: &results) }
            case .object:
                if f.matches(value, root: root) { collect(value, tail, root: root, into: &results) }
            default: break
            }
        case .deepScan(let inner):
            // Apply `inner` at this node and at every descendant, in document order.
            var matches: [JSON] = []
            deepScan(value, inner, root: root, into: &matches)
            for m in matches { collect(m, tail, root: root, into: &results) }
        }
    }

    private func deepScan(_ value: JSON, _ inner: Segment, root: JSON, into results: inout [JSON]) {
        switch inner {
        case .filter(let f):
            // Jayway tests the filter on each container the scan reaches (an object passes on itself),
            // so an object inside an array is found once, not also as an element of that array.
            if f.matches(value, root: root) { collect(value, [inner][...], root: root, into: &results) }
        case .members(let ms):
            // Jayway merges a union only from objects that have every named member.
            if case .object(let o) = value, ms.allSatisfy({ o[$0] != nil }) {
                collect(value, [inner][...], root: root, into: &results)
            }
        default:
            collect(value, [inner][...], root: root, into: &results)
        }
        switch value {
        case .array(let a): for v in a { deepScan(v, inner, root: root, into: &results) }
        case .object(let o): for v in o.values { deepScan(v, inner, root: root, into: &results) }
        default: break
        }
    }

    static func sliceIndices(count: Int, start: Int?, end: Int?, step: Int?) -> [Int] {
        let step = step ?? 1
        guard step > 0 else { return [] }
        func clamp(_ v: Int) -> Int { v < 0 ? max(0, count + v) : min(v, count) }
        let s = start.map(clamp) ?? 0
        let e = end.map(clamp) ?? count
        guard s < e else { return [] }
        return Array(stride(from: s, to: e, by: step))
    }
}
