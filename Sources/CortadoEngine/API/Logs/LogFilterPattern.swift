import CortadoJSON

/// A CloudWatch Logs filter pattern, parsed once and matched against many messages: terms and quoted
/// phrases (`ERROR "bad request" -Exiting`, `?ERROR ?WARN`), or a JSON condition
/// (`{ $.level = "error" && ($.latency > 500 || $.retry IS TRUE) }`). Space-delimited (`[a, b = 4*]`) and
/// regular-expression (`%...%`) patterns are not supported and are refused as invalid.
struct LogFilterPattern: Sendable {
    /// A pattern this type cannot read: AWS answers `Invalid filter pattern`.
    struct Invalid: Error, Equatable {
        var reason: String
    }

    private enum Kind: Sendable {
        case everything
        case terms(Terms)
        case json(Condition)
    }

    private let kind: Kind

    init(_ text: String) throws(Invalid) {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty {
            kind = .everything
        } else if trimmed.hasPrefix("{") {
            var parser = ConditionParser(trimmed)
            kind = .json(try parser.parsePattern())
        } else if trimmed.hasPrefix("[") || trimmed.hasPrefix("%") {
            throw Invalid(reason: "space-delimited and regular-expression patterns are not supported")
        } else {
            kind = .terms(try Terms(trimmed))
        }
    }

    func matches(_ message: String) -> Bool {
        switch kind {
        case .everything: return true
        case .terms(let terms): return terms.matches(message)
        case .json(let condition):
            guard let value = try? JSON(parsing: message), value.objectValue != nil || value.arrayValue != nil else { return false }
            return condition.matches(value)
        }
    }
}

// MARK: - Terms

extension LogFilterPattern {
    /// Terms all of which must appear, terms none of which may (`-term`), and terms one of which must
    /// (`?term`). A term matches anywhere in the message, case-sensitively (`ERROR` matches `ERRORCODE`).
    struct Terms: Sendable {
        var required: [String] = []
        var excluded: [String] = []
        var anyOf: [String] = []

        init(_ text: String) throws(Invalid) {
            var scalars = Array(text.unicodeScalars)[...]
            while let first = scalars.first {
                if first.properties.isWhitespace {
                    scalars.removeFirst()
                    continue
                }
                var sign: Unicode.Scalar?
                if first == "-" || first == "?" {
                    sign = first
                    scalars.removeFirst()
                    while let s = scalars.first, s.properties.isWhitespace { scalars.removeFirst() }
                }
                let term = try Self.term(&scalars)
                switch sign {
                case "-": excluded.append(term)
                case "?": anyOf.append(term)
                default: required.append(term)
                }
            }
        }

        /// A quoted phrase (`\"` and `\\` escaped) or a run of anything but spaces and quotes.
        static func term(_ scalars: inout ArraySlice<Unicode.Scalar>) throws(Invalid) -> String {
            var out = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars.removeFirst()
                while let s = scalars.popFirst() {
                    if s == "\"" { return String(out) }
                    if s == "\\", let next = scalars.popFirst() {
                        out.append(next)
                    } else {
                        out.append(s)
                    }
                }
                throw Invalid(reason: "unterminated quoted term")
            }
            while let s = scalars.first, !s.properties.isWhitespace, s != "\"" {
                out.append(s)
                scalars.removeFirst()
            }
            if out.isEmpty { throw Invalid(reason: "an empty term") }
            return String(out)
        }

        func matches(_ message: String) -> Bool {
            required.allSatisfy { message.contains($0) } && !excluded.contains { message.contains($0) }
                && (anyOf.isEmpty || anyOf.contains { message.contains($0) })
        }
    }
}

// MARK: - JSON conditions

extension LogFilterPattern {
    /// One step of a selector: `$.name` or `$[index]`.
    enum Step: Sendable, Equatable {
        case member(String)
        case index(Int)
    }

    /// A value a condition compares with: a number, or a string that may start or end with `*`.
    enum Operand: Sendable, Equatable {
        case number(Double, text: String)
        case string(String)
    }

    indirect enum Condition: Sendable {
        case and(Condition, Condition)
        case or(Condition, Condition)
        case compare([Step], String, Operand)
        case isTrue([Step])
        case isFalse([Step])
        case isNull([Step])
        case notExists([Step])

        func matches(_ root: JSON) -> Bool {
            switch self {
            case .and(let a, let b): return a.matches(root) && b.matches(root)
            case .or(let a, let b): return a.matches(root) || b.matches(root)
            case .isTrue(let path): return Self.select(path, in: root) == .bool(true)
            case .isFalse(let path): return Self.select(path, in: root) == .bool(false)
            case .isNull(let path): return Self.select(path, in: root) == .null
            case .notExists(let path): return Self.select(path, in: root) == nil
            case .compare(let path, let op, let operand):
                guard let value = Self.select(path, in: root) else { return false }
                return Self.compare(value, op, operand)
            }
        }

        static func select(_ path: [Step], in root: JSON) -> JSON? {
            var current = root
            for step in path {
                switch (step, current) {
                case (.member(let name), .object(let o)):
                    guard let next = o[name] else { return nil }
                    current = next
                case (.index(let i), .array(let a)):
                    guard i < a.count else { return nil }
                    current = a[i]
                default: return nil
                }
            }
            return current
        }

        /// Only strings and numbers compare (AWS: the selector must point at a value node).
        static func compare(_ value: JSON, _ op: String, _ operand: Operand) -> Bool {
            switch (value, operand) {
            case (.int, .number(let n, _)), (.double, .number(let n, _)):
                let v = value.doubleValue!
                switch op {
                case "=": return v == n
                case "!=": return v != n
                case "<": return v < n
                case "<=": return v <= n
                case ">": return v > n
                case ">=": return v >= n
                default: return false
                }
            case (.string(let s), .number(_, let text)):
                return op == "=" ? s == text : op == "!=" ? s != text : false
            case (.string(let s), .string(let pattern)):
                let equal = Self.wildcard(pattern, matches: s)
                return op == "=" ? equal : op == "!=" ? !equal : false
            case (.int, .string(let pattern)), (.double, .string(let pattern)):
                let equal = Self.wildcard(pattern, matches: value.text)
                return op == "=" ? equal : op == "!=" ? !equal : false
            default:
                return false
            }
        }

        /// `*` matches any text at the start or the end of a value; inside it is a literal star.
        static func wildcard(_ pattern: String, matches s: String) -> Bool {
            if pattern == "*" { return true }
            let leading = pattern.hasPrefix("*")
            let trailing = pattern.hasSuffix("*")
            let core = String(pattern.dropFirst(leading ? 1 : 0).dropLast(trailing ? 1 : 0))
            switch (leading, trailing) {
            case (true, true): return s.contains(core)
            case (true, false): return s.hasSuffix(core)
            case (false, true): return s.hasPrefix(core)
            case (false, false): return s == core
            }
        }
    }

    /// `{ a && (b || c) }`: `&&` binds tighter than `||`.
    struct ConditionParser {
        var s: ArraySlice<Unicode.Scalar>

        init(_ text: String) { s = Array(text.unicodeScalars)[...] }

        mutating func parsePattern() throws(Invalid) -> Condition {
            try expect("{")
            let condition = try parseOr()
            try expect("}")
            skipSpaces()
            if !s.isEmpty { throw Invalid(reason: "text after the closing brace") }
            return condition
        }

        mutating func parseOr() throws(Invalid) -> Condition {
            var left = try parseAnd()
            while take("||") { left = .or(left, try parseAnd()) }
            return left
        }

        mutating func parseAnd() throws(Invalid) -> Condition {
            var left = try parseTerm()
            while take("&&") { left = .and(left, try parseTerm()) }
            return left
        }

        mutating func parseTerm() throws(Invalid) -> Condition {
            if take("(") {
                let inner = try parseOr()
                try expect(")")
                return inner
            }
            let path = try parseSelector()
            if take("IS") {
                if take("TRUE") { return .isTrue(path) }
                if take("FALSE") { return .isFalse(path) }
                if take("NULL") { return .isNull(path) }
                throw Invalid(reason: "IS must be followed by TRUE, FALSE or NULL")
            }
            if take("NOT") {
                if take("EXISTS") { return .notExists(path) }
                throw Invalid(reason: "NOT must be followed by EXISTS")
            }
            for op in ["!=", "<=", ">=", "=", "<", ">"] where take(op) {
                let operand = try parseOperand()
                if op != "=", op != "!=", case .string = operand {
                    throw Invalid(reason: "\(op) needs a number")
                }
                return .compare(path, op, operand)
            }
            throw Invalid(reason: "a comparison needs an operator")
        }

        mutating func parseSelector() throws(Invalid) -> [Step] {
            skipSpaces()
            guard s.first == "$" else { throw Invalid(reason: "a selector starts with $") }
            s.removeFirst()
            var path: [Step] = []
            while let c = s.first {
                if c == "." {
                    s.removeFirst()
                    var name = String.UnicodeScalarView()
                    while let n = s.first, n.properties.isAlphabetic || ("0"..."9").contains(n) || n == "_" || n == "-" {
                        name.append(n)
                        s.removeFirst()
                    }
                    if name.isEmpty { throw Invalid(reason: "an empty property name") }
                    path.append(.member(String(name)))
                } else if c == "[" {
                    s.removeFirst()
                    var digits = ""
                    while let n = s.first, ("0"..."9").contains(n) {
                        digits.unicodeScalars.append(n)
                        s.removeFirst()
                    }
                    guard let index = Int(digits), s.first == "]" else { throw Invalid(reason: "an array index is [NUMBER]") }
                    s.removeFirst()
                    path.append(.index(index))
                } else {
                    break
                }
            }
            if path.isEmpty { throw Invalid(reason: "a selector names a property") }
            return path
        }

        mutating func parseOperand() throws(Invalid) -> Operand {
            skipSpaces()
            if s.first == "\"" {
                s.removeFirst()
                var out = String.UnicodeScalarView()
                while let c = s.popFirst() {
                    if c == "\"" { return .string(String(out)) }
                    if c == "\\", let next = s.popFirst() {
                        out.append(next)
                    } else {
                        out.append(c)
                    }
                }
                throw Invalid(reason: "unterminated string")
            }
            var out = String.UnicodeScalarView()
            while let c = s.first, !c.properties.isWhitespace, !"()&|}".unicodeScalars.contains(c) {
                out.append(c)
                s.removeFirst()
            }
            let text = String(out)
            if text.isEmpty { throw Invalid(reason: "a comparison needs a value") }
            if let number = Self.number(text) { return .number(number, text: text) }
            return .string(text)
        }

        /// AWS's number: an optional sign, digits with an optional fraction, an optional exponent.
        static func number(_ text: String) -> Double? {
            var rest = Substring(text)
            if rest.first == "+" || rest.first == "-" { rest.removeFirst() }
            guard let first = rest.first, first.isASCII, first.isNumber else { return nil }
            guard rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-") })
            else { return nil }
            return Double(text.hasPrefix("+") ? String(text.dropFirst()) : text)
        }

        mutating func skipSpaces() {
            while let c = s.first, c.properties.isWhitespace { s.removeFirst() }
        }

        /// Consumes `token` (after spaces) if it comes next.
        mutating func take(_ token: String) -> Bool {
            skipSpaces()
            let t = Array(token.unicodeScalars)
            guard s.count >= t.count, Array(s.prefix(t.count)) == t else { return false }
            s.removeFirst(t.count)
            return true
        }

        mutating func expect(_ token: String) throws(Invalid) {
            if !take(token) { throw Invalid(reason: "expected \(token)") }
        }
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}
