extension Builtin {
    /// The function library bound in every evaluation.
    static let library: [Builtin] =
        strings + numbers + aggregates + arrays + objects + booleans + higherOrder + dates + formatting + more + urls

    /// The library bound once for every evaluation; never written (evaluations bind in frames below it).
    nonisolated(unsafe) static let libraryFrame: Frame = {
        let frame = Frame(parent: nil)
        for builtin in library { frame.bindings[builtin.name] = .function(FunctionValue(.builtin(builtin))) }
        return frame
    }()

    private static func finite(_ n: Double) throws(JSONataError) -> Double {
        guard n.isFinite else { throw .init(code: "D3001", message: "Attempting to invoke string function on Infinity or NaN") }
        return n
    }

    static let strings: [Builtin] = [
        Builtin("string", "<x-b?:s>") { _, a, _ throws(JSONataError) in
            guard let v = a[0] else { return nil }
            if case .number(let n) = v { _ = try finite(n) }
            if case .bool(true) = a[1], v.stringValue == nil { return .string(v.stringify(pretty: true)) }
            return .string(castString(v))
        },
        Builtin("length", "<s-:n>") { _, a, _ throws(JSONataError) in
            a[0]?.stringValue.map { .number(Double($0.unicodeScalars.count)) }
        },
        Builtin("substring", "<s-nn?:s>") { _, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue, let startValue = a[1]?.numberValue else { return nil }
            let chars = scalars(s)
            var start = clampedInt(startValue)
            if chars.count + start < 0 { start = 0 }
            if let length = a[2]?.numberValue {
                let l = clampedInt(length)
                if l <= 0 { return .string("") }
                let end = start >= 0 ? start + l : chars.count + start + l
                return .string(string(jsSlice(chars, start, end)))
            }
            return .string(string(jsSlice(chars, start)))
        },
        Builtin("substringBefore", "<s-s:s>") { _, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue, let c = a[1]?.stringValue else { return a[0] }
            let h = scalars(s)
            guard let i = firstIndex(of: scalars(c), in: h) else { return .string(s) }
            return .string(string(h[..<i]))
        },
        Builtin("substringAfter", "<s-s:s>") { _, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue, let c = a[1]?.stringValue else { return a[0] }
            let h = scalars(s)
            let n = scalars(c)
            guard let i = firstIndex(of: n, in: h) else { return .string(s) }
            return .string(string(h[(i + n.count)...]))
        },
        Builtin("uppercase", "<s-:s>") { _, a, _ throws(JSONataError) in a[0]?.stringValue.map { .string($0.uppercased()) } },
        Builtin("lowercase", "<s-:s>") { _, a, _ throws(JSONataError) in a[0]?.stringValue.map { .string($0.lowercased()) } },
        Builtin("trim", "<s-:s>") { _, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue else { return nil }
            var out = ""
            var space = false
            for c in s.unicodeScalars {
                if c == " " || c == "\t" || c == "\n" || c == "\r" {
                    space = true
                } else {
                    if space, !out.isEmpty { out += " " }
                    space = false
                    out.unicodeScalars.append(c)
                }
            }
            return .string(out)
        },
        Builtin("pad", "<s-ns?:s>") { _, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue, let w = a[1]?.numberValue else { return nil }
            let fill = scalars(a[2]?.stringValue ?? " ")
            let width = clampedInt(w)
            let have = s.unicodeScalars.count
            let need = abs(width) - have
            guard need > 0, !fill.isEmpty else { return .string(s) }
            // A width no string could reach would only exhaust memory.
            guard need <= 10_000_000 else { throw .init(code: "D1001", message: "Number out of range: \(Value.formatNumber(w))") }
            var padding: [Unicode.Scalar] = []
            while padding.count < need { padding.append(fill[padding.count % fill.count]) }
            return .string(width > 0 ? s + string(padding) : string(padding) + s)
        },
        Builtin("contains", "<s-(sf):b>") { _, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue else { return nil }
            switch a[1] {
            case .string(let p)?: return .bool(firstIndex(of: scalars(p), in: scalars(s)) != nil)
            case .function(let f)?:
                return .bool(!(try regexMatches(f, in: s, limit: 1).isEmpty))
            default: return nil
            }
        },
        Builtin("split", "<s-(sf)n?:a<s>>") { _, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue else { return nil }
            var limit: Int? = nil
            if let l = a[2]?.numberValue {
                guard l >= 0 else {
                    throw .init(code: "D3020", message: "Third argument of split function must evaluate to a positive number")
                }
                limit = clampedInt(l)
            }
            var parts: [String] = []
            let h = scalars(s)
            switch a[1] {
            case .string(let sep)?:
                let n = scalars(sep)
                if n.isEmpty {
                    parts = h.map { string([$0]) }
                } else {
                    var start = 0
                    while let i = firstIndex(of: n, in: h, from: start) {
                        parts.append(string(h[start..<i]))
                        start = i + n.count
                    }
                    parts.append(string(h[start...]))
                }
            case .function(let f)?:
                var start = s.startIndex
                for m in try regexMatches(f, in: s, limit: nil) {
                    parts.append(String(s[start..<m.lowerBound]))
                    start = m.upperBound
                }
                parts.append(String(s[start...]))
            default: return nil
            }
            if let limit { parts = Array(parts.prefix(limit)) }
            return .array(parts.map { .string($0) }, [])
        },
        Builtin("join", "<a<s>s?:s>") { _, a, _ throws(JSONataError) in
            guard let items = a[0]?.items else { return nil }
            return .string(items.compactMap(\.stringValue).joined(separator: a[1]?.stringValue ?? ""))
        },
        Builtin("replace", "<s-(sf)(sf)n?:s>") { e, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue else { return nil }
            var limit = Int.max
            if let l = a[3]?.numberValue {
                guard l >= 0 else {
                    throw .init(code: "D3011", message: "Fourth argument of replace function must evaluate to a positive number")
                }
                limit = clampedInt(l)
            }
            switch a[1] {
            case .string(let p)?:
                guard case .string(let replacement)? = a[2] else {
                    throw .init(code: "T0410", message: "Argument 3 of function \"replace\" does not match function signature")
                }
                guard !p.isEmpty else {
                    throw .init(code: "D3010", message: "Second argument of replace function cannot be an empty string")
                }
                let h = scalars(s)
                let n = scalars(p)
                var out: [Unicode.Scalar] = []
                var start = 0
                var count = 0
                while count < limit, let i = firstIndex(of: n, in: h, from: start) {
                    out += h[start..<i]
                    out += replacement.unicodeScalars
                    start = i + n.count
                    count += 1
                }
                out += h[start...]
                return .string(string(out))
            case .function(let f)?:
                var out = ""
                var start = s.startIndex
                for (range, groups) in try regexMatchesWithGroups(f, in: s, limit: limit) {
                    out += s[start..<range.lowerBound]
                    switch a[2] {
                    case .string(let template)?:
                        out += substitute(template, match: String(s[range]), groups: groups)
                    case .function(let g)?:
                        var m = ObjectValue()
                        m["match"] = .string(String(s[range]))
                        m["index"] = .number(Double(s.unicodeScalars.distance(from: s.startIndex, to: range.lowerBound)))
                        m["groups"] = .array(groups.map { .string($0) }, [])
                        guard case .string(let r)? = try e.callback(g, [.object(m)]) else {
                            throw .init(code: "D3012", message: "Attempted to replace a matched string with a non-string value")
                        }
                        out += r
                    default: return nil
                    }
                    start = range.upperBound
                }
                out += s[start...]
                return .string(out)
            default: return nil
            }
        },
    ]

    /// A replacement template: `$0` is the match, `$1`... the groups (the longest group number that exists), `$$` a `$`.
    static func substitute(_ template: String, match: String, groups: [String]) -> String {
        let t = Array(template)
        var out = ""
        var i = 0
        while i < t.count {
            guard t[i] == "$", i + 1 < t.count else {
                out.append(t[i])
                i += 1
                continue
            }
            if t[i + 1] == "$" {
                out += "$"
                i += 2
                continue
            }
            var j = i + 1
            while j < t.count, t[j].isASCII, t[j].isNumber { j += 1 }
            guard j > i + 1 else {
                out.append(t[i])
                i += 1
                continue
            }
            // Take the longest prefix of the digits that names a group.
            var end = j
            while end > i + 1, let n = Int(String(t[(i + 1)..<end])), n > groups.count { end -= 1 }
            if end == i + 1 {
                // No such group: the digits are consumed and replaced by nothing.
                i = j
                continue
            }
            let n = Int(String(t[(i + 1)..<end]))!
            out += n == 0 ? match : groups[n - 1]
            i = end
        }
        return out
    }

    /// The ranges a regex literal matches in `s`.
    static func regexMatches(_ f: FunctionValue, in s: String, limit: Int?) throws(JSONataError) -> [Range<String.Index>] {
        guard case .builtin(let b) = f.kind, let (pattern, flags) = b.regex else {
            throw .init(code: "T0410", message: "Argument 2 of function \"contains\" does not match function signature")
        }
        let compiled: Regex<AnyRegexOutput>
        do {
            compiled = try Regex(pattern)
        } catch {
            throw .init(code: "D1004", message: "Invalid regular expression: \(pattern)")
        }
        var regex = compiled
        if flags.contains("i") { regex = regex.ignoresCase() }
        if flags.contains("m") { regex = regex.anchorsMatchLineEndings() }
        var out: [Range<String.Index>] = []
        for m in s.matches(of: regex) {
            if m.range.isEmpty {
                throw .init(code: "D1004", message: "Regular expression matches zero length string")
            }
            out.append(m.range)
            if let limit, out.count >= limit { break }
        }
        return out
    }

    static let numbers: [Builtin] = [
        Builtin("number", "<(nsb)-:n>") { _, a, _ throws(JSONataError) in
            switch a[0] {
            case nil: return nil
            case .number?: return a[0]
            case .bool(let b)?: return .number(b ? 1 : 0)
            case .string(let s)?:
                if let n = parseNumber(s) { return .number(n) }
                throw .init(code: "D3030", message: "Unable to cast value to a number: \(Value.quote(s))")
            case let v?: throw .init(code: "D3030", message: "Unable to cast value to a number: \(v.jsString)")
            }
        },
        Builtin("abs", "<n-:n>") { _, a, _ throws(JSONataError) in a[0]?.numberValue.map { .number(abs($0)) } },
        Builtin("floor", "<n-:n>") { _, a, _ throws(JSONataError) in a[0]?.numberValue.map { .number($0.rounded(.down)) } },
        Builtin("ceil", "<n-:n>") { _, a, _ throws(JSONataError) in a[0]?.numberValue.map { .number($0.rounded(.up)) } },
        Builtin("round", "<n-n?:n>") { _, a, _ throws(JSONataError) in
            guard let n = a[0]?.numberValue else { return nil }
            let precision = max(-300, min(300, clampedInt(a[1]?.numberValue ?? 0)))
            var scale = 1.0
            for _ in 0..<abs(precision) { scale *= 10 }
            let scaled = precision >= 0 ? n * scale : n / scale
            // JSONata rounds halves to even; other fractions to the nearest.
            var r = scaled.rounded(.toNearestOrEven)
            if abs(scaled - scaled.rounded(.towardZero)) != 0.5 { r = scaled.rounded() }
            let result = precision >= 0 ? r / scale : r * scale
            return .number(result == 0 ? 0 : result)
        },
        Builtin("power", "<n-n:n>") { _, a, _ throws(JSONataError) in
            guard let b = a[0]?.numberValue, let x = a[1]?.numberValue else { return nil }
            let r = pow(b, x)
            guard r.isFinite else {
                throw .init(
                    code: "D3061",
                    message:
                        "The power function has resulted in a value that cannot be represented as a JSON number: base=\(Value.formatNumber(b)), exponent=\(Value.formatNumber(x))"
                )
            }
            return .number(r)
        },
        Builtin("sqrt", "<n-:n>") { _, a, _ throws(JSONataError) in
            guard let n = a[0]?.numberValue else { return nil }
            guard n >= 0 else {
                throw .init(code: "D3060", message: "The sqrt function cannot be applied to a negative number: \(Value.formatNumber(n))")
            }
            return .number(n.squareRoot())
        },
        Builtin("random", "<:n>") { e, _, _ throws(JSONataError) in .number(e.environment.random()) },
        Builtin("millis", "<:n>") { e, _, _ throws(JSONataError) in .number(Double(e.environment.now)) },
        Builtin("uuid", "<:s>") { e, _, _ throws(JSONataError) in .string(e.environment.uuid()) },
    ]

    /// JSON number syntax, as `$number` accepts it (plus `0x`, `0o`, `0b` integers).
    static func parseNumber(_ s: String) -> Double? {
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where s.hasPrefix(prefix) {
            return Int(s.dropFirst(2), radix: radix).map(Double.init)
        }
        var chars = Array(s.unicodeScalars)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < chars.count, ("0"..."9").contains(chars[i]) { i += 1 }
            return i - start
        }
        if i < chars.count, chars[i] == "-" { i += 1 }
        if i < chars.count, chars[i] == "0" { i += 1 } else if digits() == 0 { return nil }
        if i < chars.count, chars[i] == "." {
            i += 1
            if digits() == 0 { return nil }
        }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            i += 1
            if i < chars.count, chars[i] == "+" || chars[i] == "-" { i += 1 }
            if digits() == 0 { return nil }
        }
        guard i == chars.count else { return nil }
        chars = []
        return Double(s).flatMap { $0.isFinite ? $0 : nil }
    }

    static let aggregates: [Builtin] = [
        Builtin("sum", "<a<n>:n>") { _, a, _ throws(JSONataError) in
            a[0].map { .number($0.items.compactMap(\.numberValue).reduce(0, +)) }
        },
        Builtin("max", "<a<n>:n>") { _, a, _ throws(JSONataError) in
            a[0]?.items.compactMap(\.numberValue).max().map { .number($0) }
        },
        Builtin("min", "<a<n>:n>") { _, a, _ throws(JSONataError) in
            a[0]?.items.compactMap(\.numberValue).min().map { .number($0) }
        },
        Builtin("average", "<a<n>:n>") { _, a, _ throws(JSONataError) in
            guard let items = a[0]?.items, !items.isEmpty else { return nil }
            return .number(items.compactMap(\.numberValue).reduce(0, +) / Double(items.count))
        },
        Builtin("count", "<a:n>") { _, a, _ throws(JSONataError) in .number(Double(a[0]?.items.count ?? 0)) },
    ]

    static let arrays: [Builtin] = [
        Builtin("append", "<xx:a>") { _, a, _ throws(JSONataError) in
            guard let x = a[0] else { return a[1] }
            guard let y = a[1] else { return x }
            return .array(x.items + y.items, [])
        },
        Builtin("reverse", "<a:a>") { _, a, _ throws(JSONataError) in a[0].map { .array($0.items.reversed(), []) } },
        Builtin("distinct", "<x:x>") { _, a, _ throws(JSONataError) in
            guard let v = a[0] else { return nil }
            guard case .array(let items, _) = v else { return v }
            var out: [Value] = []
            for i in items where !out.contains(where: { deepEqual($0, i) }) { out.append(i) }
            return .array(out, [])
        },
        Builtin("sort", "<af?:a>") { e, a, _ throws(JSONataError) in
            guard let items = a[0]?.items else { return nil }
            if items.count <= 1 { return .array(items, []) }
            if case .function(let f)? = a[1] {
                let sorted = try mergeSort(items) { x, y throws(JSONataError) in
                    // The comparator says whether x should come after y.
                    truthy(try e.callback(f, [y, x]))
                }
                return .array(sorted, [])
            }
            if items.allSatisfy({ $0.isNumber }) {
                return .array(try mergeSort(items) { x, y throws(JSONataError) in x.numberValue! < y.numberValue! }, [])
            }
            if items.allSatisfy({ $0.stringValue != nil }) {
                return .array(try mergeSort(items) { x, y throws(JSONataError) in x.stringValue! < y.stringValue! }, [])
            }
            throw .init(
                code: "D3070",
                message:
                    "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function"
            )
        },
        Builtin("zip", "<a+>") { _, a, _ throws(JSONataError) in
            let arrays = a.map { $0?.items ?? [] }
            let n = arrays.map(\.count).min() ?? 0
            return .array((0..<n).map { i in .array(arrays.map { $0[i] }, []) }, [])
        },
        Builtin("shuffle", "<a:a>") { e, a, _ throws(JSONataError) in
            guard var items = a[0]?.items else { return nil }
            for i in stride(from: items.count - 1, to: 0, by: -1) {
                let j = min(Int(e.environment.random() * Double(i + 1)), i)
                items.swapAt(i, j)
            }
            return .array(items, [])
        },
    ]

    static let objects: [Builtin] = [
        Builtin("keys", "<x-:a<s>>") { _, a, _ throws(JSONataError) in
            guard let v = a[0] else { return nil }
            var keys: [String] = []
            for item in v.items {
                if case .object(let o) = item { for k in o.keys where !keys.contains(k) { keys.append(k) } }
            }
            return keys.isEmpty ? nil : .sequence(keys.map { .string($0) })
        },
        Builtin("lookup", "<x-s:x>") { e, a, _ throws(JSONataError) in
            guard let v = a[0], let k = a[1]?.stringValue else { return nil }
            return e.lookup(v, k)
        },
        Builtin("merge", "<a<o>:o>") { _, a, _ throws(JSONataError) in
            guard let items = a[0]?.items else { return nil }
            var out = ObjectValue()
            for case .object(let o) in items { for (k, v) in o.pairs { out[k] = v } }
            return .object(out)
        },
        Builtin("spread", "<x-:a<o>>") { _, a, _ throws(JSONataError) in
            guard let v = a[0] else { return nil }
            var out: [Value] = []
            for item in v.items {
                guard case .object(let o) = item else {
                    out.append(item)
                    continue
                }
                for (k, w) in o.pairs {
                    var single = ObjectValue()
                    single[k] = w
                    out.append(.object(single))
                }
            }
            return .sequence(out)
        },
        Builtin("each", "<o-f:a>") { e, a, _ throws(JSONataError) in
            guard case .object(let o)? = a[0], let f = a[1]?.functionValue else { return nil }
            var out: [Value] = []
            for (k, v) in o.pairs {
                if let r = try e.callback(f, [v, .string(k), a[0]]) { out.append(r) }
            }
            return .sequence(out)
        },
        Builtin("type", "<x:s>") { _, a, _ throws(JSONataError) in a[0].map { .string($0.typeName) } },
        Builtin("error", "<s?:x>") { _, a, _ throws(JSONataError) in
            throw .init(code: "D3137", message: a[0]?.stringValue ?? "$error() function evaluated")
        },
        Builtin("assert", "<bs?:x>") { _, a, _ throws(JSONataError) in
            guard case .bool(true)? = a[0] else {
                throw .init(code: "D3141", message: a[1]?.stringValue ?? "$assert() statement failed")
            }
            return nil
        },
    ]

    static let booleans: [Builtin] = [
        Builtin("boolean", "<x-:b>") { _, a, _ throws(JSONataError) in a[0].map { .bool(truthy($0)) } },
        Builtin("not", "<x-:b>") { _, a, _ throws(JSONataError) in a[0].map { .bool(!truthy($0)) } },
        Builtin("exists", "<x:b>") { _, a, _ throws(JSONataError) in .bool(a[0] != nil) },
    ]

    static let higherOrder: [Builtin] = [
        Builtin("map", "<af>") { e, a, _ throws(JSONataError) in
            guard let items = a[0]?.items, let f = a[1]?.functionValue else { return nil }
            var out: [Value] = []
            out.reserveCapacity(items.count)
            let arity = f.arity
            for (i, item) in items.enumerated() {
                if let r = try e.callback(f, arity: arity, item, i, a[0]) { out.append(r) }
            }
            return .sequence(out)
        },
        Builtin("filter", "<af>") { e, a, _ throws(JSONataError) in
            guard let items = a[0]?.items, let f = a[1]?.functionValue else { return nil }
            var out: [Value] = []
            let arity = f.arity
            for (i, item) in items.enumerated() where truthy(try e.callback(f, arity: arity, item, i, a[0])) {
                out.append(item)
            }
            return .sequence(out)
        },
        Builtin("single", "<af?>") { e, a, _ throws(JSONataError) in
            guard let items = a[0]?.items else { return nil }
            var found: Value? = nil
            for (i, item) in items.enumerated() {
                let matches =
                    try a[1]?.functionValue.map { (f) throws(JSONataError) in
                        truthy(try e.callback(f, [item, .number(Double(i)), a[0]]))
                    } ?? true
                guard matches else { continue }
                if found != nil {
                    throw .init(
                        code: "D3138", message: "The $single() function expected exactly 1 matching result.  Instead it matched more.")
                }
                found = item
            }
            guard let found else {
                throw .init(code: "D3139", message: "The $single() function expected exactly 1 matching result.  Instead it matched 0.")
            }
            return found
        },
        Builtin("reduce", "<afj?:j>") { e, a, _ throws(JSONataError) in
            guard let items = a[0]?.items, let f = a[1]?.functionValue else { return nil }
            guard f.arity >= 2 else {
                throw .init(code: "D3050", message: "The second argument of reduce function must be a function with at least two arguments")
            }
            var index = 0
            var accumulator = a[2]
            if accumulator == nil, !items.isEmpty {
                accumulator = items[0]
                index = 1
            }
            while index < items.count {
                accumulator = try e.callback(f, [accumulator, items[index], .number(Double(index)), a[0]])
                index += 1
            }
            return accumulator
        },
    ]
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    if exponent == exponent.rounded(), abs(exponent) < 1024 {
        var result = 1.0
        var b = base
        var e = Int(abs(exponent))
        while e > 0 {
            if e & 1 == 1 { result *= b }
            b *= b
            e >>= 1
        }
        return exponent < 0 ? 1 / result : result
    }
    if base < 0 { return .nan }
    return exp2(exponent * log2(base))
}

/// `2^x` and `log2` by series, to avoid Foundation for the non-integral powers.
private func log2(_ x: Double) -> Double {
    guard x > 0 else { return -.infinity }
    let e = Double(x.exponent)
    let m = x.significand  // in [1, 2)
    // ln(m) by atanh series.
    let y = (m - 1) / (m + 1)
    var term = y
    var sum = 0.0
    var k = 1.0
    for _ in 0..<40 {
        sum += term / k
        term *= y * y
        k += 2
    }
    return e + 2 * sum / 0.6931471805599453
}

private func exp2(_ x: Double) -> Double {
    let whole = x.rounded(.down)
    let frac = (x - whole) * 0.6931471805599453
    var term = 1.0
    var sum = 1.0
    for n in 1..<30 {
        term *= frac / Double(n)
        sum += term
    }
    return Double(sign: .plus, exponent: clampedInt(whole), significand: sum)
}
