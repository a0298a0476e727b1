/// A Pratt parser over `Lexer`'s tokens, producing `Node`s with JSONata's syntax errors.
struct Parser {
    private var lexer: Lexer
    private var current: Token
    private var depth = 0
    /// Nesting deeper than this would exhaust the stack; JSONata has no such limit, but no real expression nears it.
    static let maxNesting = 300

    static let bindingPowers: [String: Int] = [
        ".": 75, "[": 80, "]": 0, "{": 70, "}": 0, "(": 80, ")": 0, ",": 0, "@": 80, "#": 80, ";": 0, ":": 0, "?": 20,
        "+": 50, "-": 50, "*": 60, "/": 60, "%": 60, "|": 0, "=": 40, "<": 40, ">": 40, "^": 40, "**": 60, "..": 20,
        ":=": 10, "!=": 40, "<=": 40, ">=": 40, "~>": 40, "?:": 40, "??": 40, "and": 30, "or": 25, "in": 40, "&": 50,
        "!": 0, "~": 0,
    ]

    static func parse(_ text: String) throws(JSONataError) -> Node {
        var parser = try Parser(text)
        let node = try parser.expression(0)
        guard parser.current.kind == .end else {
            throw .init(code: "S0201", message: "Syntax error: \(quoted(parser.current.text))", position: parser.current.position)
        }
        return node
    }

    private init(_ text: String) throws(JSONataError) {
        lexer = Lexer(text)
        current = try lexer.next(prefix: true)
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// The token after `current`; a `/` starts a regex only where an operand is expected.
    private mutating func advance() throws(JSONataError) {
        let prefix: Bool
        switch current.kind {
        case .op: prefix = ![")", "]", "}", "*", "**", "%"].contains(current.text)
        default: prefix = false
        }
        current = try lexer.next(prefix: prefix)
    }

    private mutating func expect(_ op: String) throws(JSONataError) {
        guard current.kind == .op, current.text == op else {
            if current.kind == .end {
                throw .init(
                    code: "S0203", message: "Expected \(Self.quoted(op)) before end of expression", position: current.position)
            }
            throw .init(
                code: "S0202", message: "Expected \(Self.quoted(op)), got \(Self.quoted(current.text))", position: current.position)
        }
        try advance()
    }

    private func isOp(_ op: String) -> Bool { current.kind == .op && current.text == op }

    private var leftBindingPower: Int {
        current.kind == .op ? Self.bindingPowers[current.text] ?? 0 : 0
    }

    mutating func expression(_ rbp: Int) throws(JSONataError) -> Node {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxNesting {
            throw .init(code: "U1001", message: "The expression is nested too deeply", position: current.position)
        }
        let token = current
        try advance()
        var left = try nud(token)
        while rbp < leftBindingPower {
            let op = current
            try advance()
            left = try led(op, left)
        }
        return left
    }

    private mutating func nud(_ t: Token) throws(JSONataError) -> Node {
        switch t.kind {
        case .end: throw .init(code: "S0207", message: "Unexpected end of expression", position: t.position)
        case .string: return .string(t.text)
        case .number: return .number(t.number)
        case .value: return t.text == "null" ? .null : .bool(t.text == "true")
        case .regex: return .regex(pattern: t.text, flags: t.flags)
        case .name: return .name(t.text)
        case .variable: return .variable(t.text)
        case .op: break
        }
        switch t.text {
        case "and", "or", "in": return .name(t.text)
        case "*": return .wildcard
        case "**": return .descendants
        case "%": return .parent
        case "-":
            let operand = try expression(70)
            if case .number(let n) = operand { return .number(-n) }
            return .negate(operand, position: t.position)
        case "(":
            var items: [Node] = []
            while !isOp(")") {
                items.append(try expression(0))
                guard isOp(";") else { break }
                try advance()
            }
            try expect(")")
            return .block(items)
        case "[":
            var items: [Node] = []
            if !isOp("]") {
                while true {
                    items.append(try expression(0))
                    guard isOp(",") else { break }
                    try advance()
                }
            }
            try expect("]")
            return .array(items)
        case "{":
            return .object(try pairs(), position: t.position)
        case "|":
            let pattern = try expression(0)
            try expect("|")
            let update = try expression(0)
            var delete: Node? = nil
            if isOp(",") {
                try advance()
                delete = try expression(0)
            }
            try expect("|")
            return .transform(pattern: pattern, update: update, delete: delete, position: t.position)
        default:
            throw .init(
                code: "S0211", message: "The symbol \(Self.quoted(t.text)) cannot be used as a unary operator", position: t.position)
        }
    }

    /// `key: value` pairs up to the closing `}`.
    private mutating func pairs() throws(JSONataError) -> [(Node, Node)] {
        var result: [(Node, Node)] = []
        if !isOp("}") {
            while true {
                let key = try expression(0)
                try expect(":")
                let value = try expression(0)
                result.append((key, value))
                guard isOp(",") else { break }
                try advance()
            }
        }
        try expect("}")
        return result
    }

    private mutating func led(_ t: Token, _ left: Node) throws(JSONataError) -> Node {
        let bp = Self.bindingPowers[t.text] ?? 0
        switch t.text {
        case ".":
            let right = try expression(bp)
            return try Self.join(left, right, position: t.position)
        case "[":
            if isOp("]") {
                try advance()
                var path = try Self.asPath(left)
                if case .path(let steps, _) = path { path = .path(steps, keepArray: true) }
                return path
            }
            let predicate = try expression(0)
            try expect("]")
            return Self.addPredicate(left, predicate)
        case "{":
            return .group(left, try pairs(), position: t.position)
        case "(":
            if case .name(let n) = left, n == "function" || n == "λ" {
                return try lambda(t)
            }
            var args: [Node?] = []
            if !isOp(")") {
                while true {
                    if isOp("?") {
                        try advance()
                        args.append(nil)
                    } else {
                        args.append(try expression(0))
                    }
                    guard isOp(",") else { break }
                    try advance()
                }
            }
            try expect(")")
            return .call(left, args, position: t.position)
        case "?":
            let then = try expression(0)
            var otherwise: Node? = nil
            if isOp(":") {
                try advance()
                otherwise = try expression(0)
            }
            return .condition(left, then, otherwise)
        case "?:": return .elvis(left, try expression(bp))
        case "??": return .coalesce(left, try expression(bp))
        case ":=":
            guard case .variable(let name) = left else {
                throw .init(code: "S0212", message: "The left side of := must be a variable name (start with $)", position: t.position)
            }
            return .bind(name, try expression(bp - 1))
        case "~>":
            return .apply(left, try expression(bp), position: t.position)
        case "^":
            try expect("(")
            var terms: [SortTerm] = []
            while true {
                var descending = false
                if isOp("<") {
                    try advance()
                } else if isOp(">") {
                    descending = true
                    try advance()
                }
                terms.append(SortTerm(descending: descending, expression: try expression(0)))
                guard isOp(",") else { break }
                try advance()
            }
            try expect(")")
            return try Self.join(left, .sort(terms, position: t.position), position: t.position)
        case "@", "#":
            let right = try expression(bp)
            guard case .variable(let name) = right else {
                throw .init(
                    code: "S0214", message: "The right side of \(Self.quoted(t.text)) must be a variable name (start with $)",
                    position: t.position)
            }
            var path = try Self.asPath(left)
            guard case .path(var steps, let keep) = path else { return path }
            if t.text == "@" {
                steps[steps.count - 1].focus = name
            } else {
                steps[steps.count - 1].index = name
            }
            path = .path(steps, keepArray: keep)
            return path
        case "and", "or", "in", "+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "&", "..":
            return .binary(t.text, left, try expression(bp), position: t.position)
        default:
            throw .init(code: "S0201", message: "Syntax error: \(Self.quoted(t.text))", position: t.position)
        }
    }

    private mutating func lambda(_ t: Token) throws(JSONataError) -> Node {
        var params: [String] = []
        if !isOp(")") {
            while true {
                guard current.kind == .variable else {
                    throw .init(
                        code: "S0208",
                        message: "Parameter \(Self.quoted(current.text)) of function definition must be a variable name (start with $)",
                        position: current.position)
                }
                params.append(current.text)
                try advance()
                guard isOp(",") else { break }
                try advance()
            }
        }
        try expect(")")
        var signature: Signature? = nil
        if isOp("<") {
            // The signature is read raw: `<n-s?:s>`.
            var text = ""
            var depth = 1
            try advance()
            while depth > 0 {
                if current.kind == .end {
                    throw .init(code: "S0203", message: "Expected \">\" before end of expression", position: current.position)
                }
                if isOp("<") { depth += 1 }
                if isOp(">") { depth -= 1 }
                if depth > 0 { text += current.kind == .variable ? "$" + current.text : current.text }
                try advance()
            }
            signature = Signature("<" + text + ">")
        }
        try expect("{")
        let body = try expression(0)
        try expect("}")
        return .lambda(params: params, signature: signature, body: body)
    }

    static func asPath(_ node: Node) throws(JSONataError) -> Node {
        if case .path = node { return node }
        return .path([Step(expression: node)], keepArray: false)
    }

    static func join(_ left: Node, _ right: Node, position: Int) throws(JSONataError) -> Node {
        var steps: [Step]
        var keep = false
        if case .path(let s, let k) = left {
            steps = s
            keep = k
        } else {
            steps = [Step(expression: left)]
        }
        func checked(_ step: Step) throws(JSONataError) -> Step {
            switch step.expression {
            case .number(let n):
                throw .init(
                    code: "S0213",
                    message: "The literal value \(Value.number(n).jsString) cannot be used as a step within a path expression",
                    position: position)
            case .bool(let b):
                throw .init(
                    code: "S0213", message: "The literal value \(b) cannot be used as a step within a path expression", position: position)
            case .null:
                throw .init(
                    code: "S0213", message: "The literal value null cannot be used as a step within a path expression", position: position)
            case .string(let s):
                var step = step
                step.expression = .name(s)
                return step
            default: return step
            }
        }
        if case .path(let more, let k) = right {
            for s in more { steps.append(try checked(s)) }
            keep = keep || k
        } else {
            steps.append(try checked(Step(expression: right)))
        }
        return .path(steps, keepArray: keep)
    }

    static func addPredicate(_ node: Node, _ predicate: Node) -> Node {
        switch node {
        case .path(var steps, let keep):
            steps[steps.count - 1].predicates.append(predicate)
            return .path(steps, keepArray: keep)
        case .name, .wildcard, .descendants, .variable:
            return .path([Step(expression: node, predicates: [predicate])], keepArray: false)
        default:
            return .filter(node, predicate)
        }
    }
}
