/// A Jayway filter predicate, `[?(@.price < 10 && @.tag == 'a')]`.
public struct JSONPathFilter: Sendable, Hashable {
    public let source: String
    let expression: Expression

    indirect enum Expression: Sendable, Hashable {
        case and(Expression, Expression)
        case or(Expression, Expression)
        case not(Expression)
        case exists(Operand)
        case compare(Operand, Operator, Operand)
    }

    enum Operator: String, Sendable, Hashable {
        case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=", regex = "=~"
    }

    enum Operand: Sendable, Hashable {
        case current([JSONPath.Segment])
        case root([JSONPath.Segment])
        case literal(JSON)
        case regex(String)
    }

    init(_ text: String, path: String) throws(JSONPathError) {
        source = text
        var p = FilterParser(text: Array(text), path: path)
        expression = try p.parseOr()
        p.skip()
        guard p.i >= p.text.count else { throw p.fail("unexpected text in filter") }
    }

    /// Whether `item` (`@`) passes the filter; `root` is the document the path started from (`$`).
    func matches(_ item: JSON, root: JSON) -> Bool { eval(expression, item, root) }

    private func eval(_ e: Expression, _ item: JSON, _ root: JSON) -> Bool {
        switch e {
        case .and(let a, let b): return eval(a, item, root) && eval(b, item, root)
        case .or(let a, let b): return eval(a, item, root) || eval(b, item, root)
        case .not(let a): return !eval(a, item, root)
        case .exists(let o): return resolve(o, item, root) != nil
        case .compare(let l, let op, let r):
            if op == .regex, case .regex(let pattern) = r {
                guard let s = resolve(l, item, root)?.stringValue else { return false }
                return SimpleRegex(pattern)?.matches(s) ?? false
            }
            guard let a = resolve(l, item, root), let b = resolve(r, item, root) else { return op == .ne }
            switch op {
            case .eq: return a == b
            case .ne: return a != b
            case .lt, .le, .gt, .ge:
                let c: Int
                if let x = a.doubleValue, let y = b.doubleValue {
                    c = x < y ? -1 : (x > y ? 1 : 0)
                } else if let x = a.stringValue, let y = b.stringValue {
                    c = x < y ? -1 : (x > y ? 1 : 0)
                } else {
                    return false
                }
                switch op {
                case .lt: return c < 0
                case .le: return c <= 0
                case .gt: return c > 0
                default: return c >= 0
                }
            case .regex: return false
            }
        }
    }

    private func resolve(_ o: Operand, _ item: JSON, _ root: JSON) -> JSON? {
        let segs: [JSONPath.Segment]
        let start: JSON
        switch o {
        case .literal(let v): return v
        case .regex(let r): return .string(r)
        case .current(let s): (segs, start) = (s, item)
        case .root(let s): (segs, start) = (s, root)
        }
        let p = JSONPath(source: "@", root: .input, segments: segs)
        if p.isDefinite { return p.value(in: start) }
        guard case .array(let a) = try? p.evaluate(start), !a.isEmpty else { return nil }
        return .array(a)
    }
}

private struct FilterParser {
    let text: [Character]
    let path: String
    var i = 0

    init(text: [Character], path: String) {
        self.text = text
        self.path = path
    }

    func fail(_ why: String) -> JSONPathError {
        JSONPathError(kind: .syntax, message: "Invalid JSONPath '\(path)': \(why)")
    }

    mutating func skip() { while i < text.count, text[i] == " " { i += 1 } }

    mutating func take(_ s: String) -> Bool {
        skip()
        let cs = Array(s)
        guard i + cs.count <= text.count, Array(text[i..<(i + cs.count)]) == cs else { return false }
        i += cs.count
        return true
    }

    mutating func parseOr() throws(JSONPathError) -> JSONPathFilter.Expression {
        var left = try parseAnd()
        while take("||") { left = .or(left, try parseAnd()) }
        return left
    }

    mutating func parseAnd() throws(JSONPathError) -> JSONPathFilter.Expression {
        var left = try parseUnary()
        while take("&&") { left = .and(left, try parseUnary()) }
        return left
    }

    mutating func parseUnary() throws(JSONPathError) -> JSONPathFilter.Expression {
        skip()
        if i < text.count, text[i] == "!", i + 1 < text.count, text[i + 1] != "=" {
            i += 1
            return .not(try parseUnary())
        }
        if take("(") {
            let e = try parseOr()
            guard take(")") else { throw fail("expected ')' in filter") }
            return e
        }
        let left = try parseOperand()
        skip()
        for op in ["==", "!=", "<=", ">=", "=~", "<", ">"] where take(op) {
            let right = try parseOperand()
            return .compare(left, JSONPathFilter.Operator(rawValue: op)!, right)
        }
        return .exists(left)
    }

    mutating func parseOperand() throws(JSONPathError) -> JSONPathFilter.Operand {
        skip()
        guard i < text.count else { throw fail("expected an operand in filter") }
        let c = text[i]
        if c == "@" || c == "$" {
            i += 1
            var sub = JSONPathParser(String(text[i...]))
            let segs = try sub.parseSegments(stopAt: { " =!<>&|)".contains($0) })
            i += sub.i
            return c == "@" ? .current(segs) : .root(segs)
        }
        if c == "'" || c == "\"" {
            i += 1
            var s = ""
            while i < text.count, text[i] != c {
                if text[i] == "\\", i + 1 < text.count { i += 1 }
                s.append(text[i])
                i += 1
            }
            guard i < text.count else { throw fail("unterminated string in filter") }
            i += 1
            return .literal(.string(s))
        }
        if c == "/" {
            i += 1
            var s = ""
            while i < text.count, text[i] != "/" {
                s.append(text[i])
                i += 1
            }
            i += 1
            while i < text.count, text[i].isLetter { i += 1 }  // flags
            return .regex(s)
        }
        let start = i
        while i < text.count, !" )&|=!<>".contains(text[i]) { i += 1 }
        let word = String(text[start..<i])
        switch word {
        case "true": return .literal(.bool(true))
        case "false": return .literal(.bool(false))
        case "null": return .literal(.null)
        default:
            if let v = try? JSON(parsing: word), v.isNumber { return .literal(v) }
            throw fail("unexpected '\(word)' in filter")
        }
    }
}

/// A minimal regular-expression matcher for filter `=~` (literal characters, `.`, `*`, `+`, `?`, `^`, `$`).
///
/// Like Jayway, which calls Java's `Matcher.matches()`, the pattern must match the whole string:
/// `/Rees/` does not match `"Nigel Rees"`, `/.*Rees/` does.
struct SimpleRegex {
    let pattern: [Character]
    init?(_ p: String) { pattern = Array(p) }

    func matches(_ s: String) -> Bool {
        var p = pattern[...]
        if p.first == "^" { p = p.dropFirst() }
        return match(p, Array(s)[...])
    }

    private func match(_ p: ArraySlice<Character>, _ t: ArraySlice<Character>) -> Bool {
        guard let c = p.first else { return t.isEmpty }
        if c == "$" && p.count == 1 { return t.isEmpty }
        let rest = p.dropFirst()
        if let q = rest.first, q == "*" || q == "+" || q == "?" {
            let after = rest.dropFirst()
            var k = t.startIndex
            let minimum = q == "+" ? 1 : 0
            let maximum = q == "?" ? 1 : Int.max
            var n = 0
            var candidates: [ArraySlice<Character>] = []
            if n >= minimum { candidates.append(t[k...]) }
            while k < t.endIndex, n < maximum, c == "." || t[k] == c {
                k += 1
                n += 1
                if n >= minimum { candidates.append(t[k...]) }
            }
            return candidates.reversed().contains { match(after, $0) }
        }
        guard let f = t.first, c == "." || f == c else { return false }
        return match(rest, t.dropFirst())
    }
}
