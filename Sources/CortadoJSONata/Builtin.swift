/// A built-in function: its name, signature and body.
struct Builtin: Sendable {
    typealias Body = @Sendable (Evaluator, [Value?], Value?) throws(JSONataError) -> Value?
    var name: String
    var signature: Signature
    var body: Body
    /// Set for a regex literal, which is a matcher function.
    var regex: (pattern: String, flags: String)? = nil

    init(_ name: String, _ signature: String, _ body: @escaping Body) {
        self.name = name
        self.signature = Signature(signature)
        self.body = body
    }

    /// A regex literal: a function that, called with a string, gives its first match as
    /// `{match, index, groups, next}`, `next` being a function for the following match (undefined after the last).
    static func regexMatcher(pattern: String, flags: String) -> Builtin {
        var b = Builtin("regex", "<s:o>") { _, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue else { return nil }
            var matcher = Builtin("regex", "<s:o>") { _, _, _ throws(JSONataError) in nil }
            matcher.regex = (pattern, flags)
            let matches = try regexMatchesWithGroups(FunctionValue(.builtin(matcher)), in: s, limit: nil)
            return matchObject(matches, 0, in: s)
        }
        b.regex = (pattern, flags)
        return b
    }

    private static func matchObject(_ matches: [(Range<String.Index>, [String])], _ k: Int, in s: String) -> Value? {
        guard k < matches.count else { return nil }
        let (range, groups) = matches[k]
        var o = ObjectValue()
        o["match"] = .string(String(s[range]))
        o["index"] = .number(Double(s.unicodeScalars.distance(from: s.startIndex, to: range.lowerBound)))
        o["groups"] = .array(groups.map { .string($0) }, [])
        o["next"] = .function(
            FunctionValue(.builtin(Builtin("next", "<:o>") { _, _, _ throws(JSONataError) in matchObject(matches, k + 1, in: s) })))
        return .object(o)
    }

    /// `$string` of a value: strings as they are, numbers as JavaScript prints them, the rest as JSON.
    static func castString(_ v: Value) -> String {
        switch v {
        case .string(let s): s
        case .function: ""
        default: v.jsString
        }
    }
}

extension Value {
    var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    var numberValue: Double? { if case .number(let n) = self { n } else { nil } }
    var functionValue: FunctionValue? { if case .function(let f) = self { f } else { nil } }
}

/// A number as an `Int` that cannot trap: NaN is 0, and magnitudes are capped far beyond any string or array.
func clampedInt(_ d: Double) -> Int {
    guard !d.isNaN else { return 0 }
    return Int(max(-1e15, min(1e15, d)))
}

/// JavaScript's `Array.prototype.slice` bounds.
func jsSlice<T>(_ a: [T], _ start: Int, _ end: Int? = nil) -> [T] {
    let n = a.count
    var s = start < 0 ? max(n + start, 0) : min(start, n)
    var e = end.map { $0 < 0 ? max(n + $0, 0) : min($0, n) } ?? n
    if s > n { s = n }
    if e < s { e = s }
    return Array(a[s..<e])
}

func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

func string(_ s: some Sequence<Unicode.Scalar>) -> String {
    var out = ""
    out.unicodeScalars.append(contentsOf: s)
    return out
}

/// Where `needle` first occurs in `haystack`, in scalars.
func firstIndex(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int = 0) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    if needle.isEmpty { return start <= haystack.count ? start : nil }
    var i = start
    while i + needle.count <= haystack.count {
        if haystack[i] == needle[0], Array(haystack[i..<i + needle.count]) == needle { return i }
        i += 1
    }
    return nil
}
