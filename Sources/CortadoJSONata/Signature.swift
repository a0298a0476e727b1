/// A function signature such as `<s-nn?:s>`: parameter types, `?` optional, `+` one or more, `-` the context by default.
struct Signature: Sendable {
    struct Param: Sendable {
        var types: Set<Character>
        var subtype: Character? = nil
        var optional = false
        var oneOrMore = false
        var context = false

        var isArray: Bool { types.contains("a") }

        func accepts(_ symbol: Character) -> Bool {
            if symbol == "m" { return true }
            var accepted = types
            if types.contains("a") || types.contains("x") { accepted.formUnion(["a", "s", "n", "b", "l", "f", "o"]) }
            if types.contains("j") { accepted.formUnion(["a", "s", "n", "b", "l", "o"]) }
            if types.contains("u") { accepted.formUnion(["s", "n", "b", "l"]) }
            return accepted.contains(symbol)
        }
    }

    var params: [Param] = []

    init(_ text: String) {
        // The parameters run to the `:` (return type) or `>` at the top level.
        var chars: [Character] = []
        var level = 0
        for c in text.dropFirst() {
            if level == 0, c == ":" || c == ">" { break }
            if c == "<" { level += 1 }
            if c == ">" { level -= 1 }
            chars.append(c)
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "?" where !params.isEmpty: params[params.count - 1].optional = true
            case "+" where !params.isEmpty: params[params.count - 1].oneOrMore = true
            case "-" where !params.isEmpty: params[params.count - 1].context = true
            case "?", "+", "-": break
            case "(":
                var types = Set<Character>()
                i += 1
                while i < chars.count, chars[i] != ")" {
                    types.insert(chars[i])
                    i += 1
                }
                params.append(Param(types: types))
            case "<":
                // A subtype: `a<n>`; a function's own signature `f<s:o>` is skipped.
                var depth = 1
                var inner: [Character] = []
                i += 1
                while i < chars.count, depth > 0 {
                    if chars[i] == "<" { depth += 1 }
                    if chars[i] == ">" { depth -= 1 }
                    if depth > 0 { inner.append(chars[i]) }
                    i += 1
                }
                i -= 1
                if !params.isEmpty, params[params.count - 1].types == ["a"], inner.count == 1 {
                    params[params.count - 1].subtype = inner[0]
                }
            default:
                params.append(Param(types: [c]))
            }
            i += 1
        }
    }

    /// Matches the arguments to the parameters as JSONata's signature regex does, filling in the context.
    func validate(_ args: [Value?], context: Value?, name: String, position: Int?) throws(JSONataError) -> [Value?] {
        let symbols = args.map { $0?.symbol ?? "m" }
        guard let assignment = match(0, 0, symbols) else {
            // Report the first argument that the parameters cannot take.
            var a = 0
            var p = 0
            while p < params.count, a < symbols.count {
                if params[p].accepts(symbols[a]) {
                    a += 1
                    if !params[p].oneOrMore { p += 1 }
                } else if params[p].optional || params[p].context || params[p].oneOrMore {
                    p += 1
                } else {
                    break
                }
            }
            throw .init(
                code: "T0410", message: "Argument \(a + 1) of function \(Parser.quoted(name)) does not match function signature",
                position: position)
        }
        var result: [Value?] = []
        for (index, (param, taken)) in zip(params, assignment).enumerated() {
            if taken.isEmpty {
                if param.context {
                    if let context, !param.accepts(context.symbol) {
                        throw .init(
                            code: "T0411",
                            message: "Context value is not a compatible type with argument \(index + 1) of function \(Parser.quoted(name))",
                            position: position)
                    }
                    result.append(try checkArray(param, context, index, name, position))
                } else {
                    result.append(nil)
                }
                continue
            }
            if param.oneOrMore {
                for t in taken { result.append(try checkArray(param, args[t], t, name, position)) }
            } else {
                result.append(try checkArray(param, args[taken[0]], taken[0], name, position))
            }
        }
        return result
    }

    private func checkArray(_ param: Param, _ value: Value?, _ index: Int, _ name: String, _ position: Int?) throws(JSONataError) -> Value?
    {
        guard let value, param.isArray, param.types.count == 1 else { return value }
        let items = value.items
        if let subtype = param.subtype, !items.allSatisfy({ $0.symbol == subtype }) {
            let names: [Character: String] = [
                "a": "arrays", "b": "booleans", "f": "functions", "n": "numbers", "o": "objects", "s": "strings",
            ]
            throw .init(
                code: "T0412",
                message:
                    "Argument \(index + 1) of function \(Parser.quoted(name)) must be an array of \(names[subtype] ?? String(subtype))",
                position: position)
        }
        if case .array = value { return value }
        return .array(items, [])
    }

    /// Greedy matching with backtracking: which arguments each parameter takes.
    private func match(_ p: Int, _ a: Int, _ symbols: [Character]) -> [[Int]]? {
        if p == params.count { return a == symbols.count ? [] : nil }
        let param = params[p]
        if param.oneOrMore {
            var end = a
            while end < symbols.count, param.accepts(symbols[end]) { end += 1 }
            while end > a {
                if let rest = match(p + 1, end, symbols) { return [Array(a..<end)] + rest }
                end -= 1
            }
        } else if a < symbols.count, param.accepts(symbols[a]), let rest = match(p + 1, a + 1, symbols) {
            return [[a]] + rest
        }
        if param.optional || param.context, let rest = match(p + 1, a, symbols) { return [[]] + rest }
        return nil
    }
}
