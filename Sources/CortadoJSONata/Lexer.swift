/// Splits an expression into tokens on demand; the parser says when a `/` may start a regex.
struct Lexer {
    private let chars: [Unicode.Scalar]
    private(set) var position = 0

    init(_ text: String) { chars = Array(text.unicodeScalars) }

    static let doubleOperators: Set<String> = ["..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"]
    static let singleOperators: Set<Unicode.Scalar> = [
        ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|", "=", "<", ">", "^",
        "&", "!", "~",
    ]

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < chars.count ? chars[position + offset] : nil
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0B}"
    }

    mutating func next(prefix: Bool) throws(JSONataError) -> Token {
        // Whitespace and comments.
        while let c = peek() {
            if Self.isSpace(c) {
                position += 1
            } else if c == "/", peek(1) == "*" {
                let start = position
                position += 2
                while !(peek() == "*" && peek(1) == "/") {
                    guard peek() != nil else { throw .init(code: "S0106", message: "Comment has no closing tag", position: start) }
                    position += 1
                }
                position += 2
            } else {
                break
            }
        }
        guard let c = peek() else { return Token(kind: .end, text: "(end)", position: position) }
        let start = position
        if prefix, c == "/" {
            return try regex()
        }
        if let d = peek(1) {
            let pair = String(Character(c)) + String(Character(d))
            if Self.doubleOperators.contains(pair) {
                position += 2
                return Token(kind: .op, text: pair, position: start)
            }
        }
        if Self.singleOperators.contains(c) {
            position += 1
            return Token(kind: .op, text: String(Character(c)), position: start)
        }
        if c == "\"" || c == "'" {
            return try string(quote: c)
        }
        if c == "`" {
            position += 1
            var name = ""
            while let d = peek(), d != "`" {
                name.unicodeScalars.append(d)
                position += 1
            }
            guard peek() == "`" else {
                throw .init(code: "S0105", message: "Quoted property name must be terminated with a backquote (`)", position: start)
            }
            position += 1
            return Token(kind: .name, text: name, position: start)
        }
        if ("0"..."9").contains(c) {
            return try number()
        }
        // Names and variables run to the next operator or space.
        var name = ""
        while let d = peek(), !Self.isSpace(d), !Self.singleOperators.contains(d) || (d == "$" && name.isEmpty) {
            name.unicodeScalars.append(d)
            position += 1
        }
        if name.hasPrefix("$") {
            return Token(kind: .variable, text: String(name.dropFirst()), position: start)
        }
        switch name {
        case "and", "or", "in": return Token(kind: .op, text: name, position: start)
        case "true", "false", "null": return Token(kind: .value, text: name, position: start)
        default: return Token(kind: .name, text: name, position: start)
        }
    }

    private mutating func number() throws(JSONataError) -> Token {
        let start = position
        var text = ""
        func digits(_ lexer: inout Lexer, _ text: inout String) {
            while let d = lexer.peek(), ("0"..."9").contains(d) {
                text.unicodeScalars.append(d)
                lexer.position += 1
            }
        }
        if peek() == "0" {
            text = "0"
            position += 1
        } else {
            digits(&self, &text)
        }
        if peek() == ".", let d = peek(1), ("0"..."9").contains(d) {
            text += "."
            position += 1
            digits(&self, &text)
        }
        if peek() == "e" || peek() == "E" {
            var exponent = "e"
            var offset = 1
            if peek(1) == "+" || peek(1) == "-" {
                exponent.unicodeScalars.append(peek(1)!)
                offset = 2
            }
            if let d = peek(offset), ("0"..."9").contains(d) {
                position += offset
                text += exponent
                digits(&self, &text)
            }
        }
        guard let value = Double(text), value.isFinite else {
            throw .init(code: "S0102", message: "Number out of range: \(text)", position: start)
        }
        return Token(kind: .number, text: text, number: value, position: start)
    }

    private mutating func string(quote: Unicode.Scalar) throws(JSONataError) -> Token {
        let start = position
        position += 1
        var value = ""
        while let c = peek() {
            position += 1
            if c == quote {
                return Token(kind: .string, text: value, position: start)
            }
            guard c == "\\" else {
                value.unicodeScalars.append(c)
                continue
            }
            guard let e = peek() else { break }
            position += 1
            switch e {
            case "\"", "\\", "/": value.unicodeScalars.append(e)
            case "b": value += "\u{08}"
            case "f": value += "\u{0C}"
            case "n": value += "\n"
            case "r": value += "\r"
            case "t": value += "\t"
            case "u":
                var code: UInt32 = 0
                for _ in 0..<4 {
                    guard let h = peek(), let v = Self.hexValue(h) else {
                        throw .init(code: "S0104", message: "The escape sequence \\u must be followed by 4 hex digits", position: position)
                    }
                    code = code * 16 + v
                    position += 1
                }
                // A surrogate pair arrives as two escapes.
                if (0xD800..<0xDC00).contains(code), peek() == "\\", peek(1) == "u" {
                    var low: UInt32 = 0
                    var ok = true
                    for i in 2..<6 {
                        guard let h = peek(i), let v = Self.hexValue(h) else {
                            ok = false
                            break
                        }
                        low = low * 16 + v
                    }
                    if ok, (0xDC00..<0xE000).contains(low) {
                        position += 6
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                }
                value.unicodeScalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default:
                throw .init(code: "S0103", message: "Unsupported escape sequence: \\\(Character(e))", position: position)
            }
        }
        throw .init(code: "S0101", message: "String literal must be terminated by a matching quote", position: start)
    }

    private static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": c.value - 48
        case "a"..."f": c.value - 87
        case "A"..."F": c.value - 55
        default: nil
        }
    }

    private mutating func regex() throws(JSONataError) -> Token {
        let start = position
        position += 1
        var pattern = ""
        var depth = 0
        while let c = peek() {
            if c == "/", depth == 0 {
                if pattern.isEmpty {
                    throw .init(code: "S0301", message: "Empty regular expressions are not allowed", position: start)
                }
                position += 1
                var flags = ""
                while let f = peek(), f == "i" || f == "m" || f == "g" {
                    flags.unicodeScalars.append(f)
                    position += 1
                }
                return Token(kind: .regex, text: pattern, flags: flags, position: start)
            }
            if c == "\\" {
                pattern.unicodeScalars.append(c)
                position += 1
                if let e = peek() {
                    pattern.unicodeScalars.append(e)
                    position += 1
                }
                continue
            }
            if c == "(" || c == "[" || c == "{" { depth += 1 }
            if c == ")" || c == "]" || c == "}" { depth -= 1 }
            pattern.unicodeScalars.append(c)
            position += 1
        }
        throw .init(code: "S0302", message: "No terminating / in regular expression", position: start)
    }
}
