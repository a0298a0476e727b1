import CortadoJSON

extension Builtin {
    /// Regex matching, object sifting, Base64, bases and `$eval`.
    static let more: [Builtin] = [
        Builtin("match", "<s-f<s:o>n?:a<o>>") { _, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue, let f = a[1]?.functionValue else { return nil }
            let limit = a[2]?.numberValue.map(clampedInt)
            if let limit, limit < 0 {
                throw .init(code: "D3040", message: "Third argument of match function must evaluate to a positive number")
            }
            var out: [Value] = []
            for (range, groups) in try regexMatchesWithGroups(f, in: s, limit: limit) {
                var o = ObjectValue()
                o["match"] = .string(String(s[range]))
                o["index"] = .number(Double(s.unicodeScalars.distance(from: s.startIndex, to: range.lowerBound)))
                o["groups"] = .array(groups.map { .string($0) }, [])
                out.append(.object(o))
            }
            return .sequence(out)
        },
        Builtin("sift", "<o-f?:o>") { e, a, _ throws(JSONataError) in
            guard case .object(let o)? = a[0], let f = a[1]?.functionValue else { return nil }
            var out = ObjectValue()
            for (k, v) in o.pairs where truthy(try e.callback(f, [v, .string(k), a[0]])) { out[k] = v }
            return out.count == 0 ? nil : .object(out)
        },
        Builtin("base64encode", "<s-:s>") { _, a, _ throws(JSONataError) in
            a[0]?.stringValue.map { .string(Base64.encode(Array($0.utf8))) }
        },
        Builtin("base64decode", "<s-:s>") { _, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue else { return nil }
            guard let bytes = Base64.decode(s) else {
                throw .init(code: "D3137", message: "The string \(Value.quote(s)) is not valid Base64")
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        },
        Builtin("formatBase", "<n-n?:s>") { _, a, _ throws(JSONataError) in
            guard let n = a[0]?.numberValue else { return nil }
            let radix = clampedInt(a[1]?.numberValue ?? 10)
            guard (2...36).contains(radix) else {
                throw .init(
                    code: "D3100", message: "The radix of the formatBase function must be between 2 and 36.  It was given \(radix)")
            }
            let r = n.rounded(.toNearestOrEven)
            guard r.magnitude < 9e15 else { return .string(Value.formatNumber(r)) }
            return .string(String(Int(r), radix: radix))
        },
        Builtin("eval", "<sx?:x>") { e, a, input throws(JSONataError) in
            guard let s = a[0]?.stringValue else { return nil }
            let node: Node
            do throws(JSONataError) {
                node = try Parser.parse(s)
            } catch {
                throw .init(code: "D3120", message: "Syntax error in expression passed to function eval: \(error.message)")
            }
            return try e.evaluate(node, a.count > 1 ? a[1] ?? input : input, Frame(parent: Builtin.libraryFrame))
        },
    ]

    static func regexMatchesWithGroups(
        _ f: FunctionValue, in s: String, limit: Int?
    ) throws(JSONataError) -> [(Range<String.Index>, [String])] {
        guard case .builtin(let b) = f.kind, let (pattern, flags) = b.regex else {
            throw .init(code: "T0410", message: "Argument 2 of function \"match\" does not match function signature")
        }
        var regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(pattern)
        } catch {
            throw .init(code: "D1004", message: "Invalid regular expression: \(pattern)")
        }
        if flags.contains("i") { regex = regex.ignoresCase() }
        if flags.contains("m") { regex = regex.anchorsMatchLineEndings() }
        var out: [(Range<String.Index>, [String])] = []
        for m in s.matches(of: regex) {
            if let limit, out.count >= limit { break }
            if m.range.isEmpty { throw .init(code: "D1004", message: "Regular expression matches zero length string") }
            var groups: [String] = []
            for i in 1..<m.output.count { groups.append(m.output[i].substring.map(String.init) ?? "") }
            out.append((m.range, groups))
        }
        return out
    }
}
