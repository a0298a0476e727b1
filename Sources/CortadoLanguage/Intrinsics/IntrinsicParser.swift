import CortadoJSON

/// A recursive-descent parser for intrinsic calls.
///
/// Grammar: `call := 'States.' name '(' [arg (',' arg)*] ')'`, where an argument is a quoted
/// string (`\'`, `\{`, `\}` and `\\` are its escapes), a JSON number, `true`, `false`, `null`,
/// a path, or a nested call. Whitespace may surround arguments. Offsets in messages count
/// characters (Unicode scalars) from 0.
struct IntrinsicParser {
    private let scalars: [Unicode.Scalar]
    private var i = 0
    private var depth = 0
    /// The first escape AWS would reject at run time (see `IntrinsicFunction.deferredError`).
    private var deferredError: String?

    /// Only guards the recursion against hostile input; AWS's documented limit is lower.
    private static let maxDepth = 64

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
    }

    mutating func parseWhole() throws(IntrinsicSyntaxError) -> IntrinsicFunction {
        let call = try parseCall()
        skipSpace()
        if let c = peek { throw error("unexpected '\(c)' after the end of the call") }
        return IntrinsicFunction(
            name: call.name, arguments: call.arguments, source: call.source, deferredError: deferredError)
    }

    // MARK: - Calls and arguments

    private mutating func parseCall() throws(IntrinsicSyntaxError) -> IntrinsicFunction {
        let start = i
        guard hasPrefix("States.") else { throw error("expected an intrinsic function name starting with 'States.'") }
        i += "States.".count
        while let c = peek, Self.isNameCharacter(c) { i += 1 }
        let nameText = text(start..<i)
        guard let name = IntrinsicFunction.Name(rawValue: nameText) else {
            throw error("unknown intrinsic function '\(nameText)'", at: start)
        }
        guard peek == "(" else { throw error("expected '(' after '\(nameText)'") }
        i += 1
        depth += 1
        guard depth <= Self.maxDepth else { throw error("intrinsic calls are nested too deeply", at: start) }

        var arguments: [IntrinsicFunction.Argument] = []
        skipSpace()
        if peek == ")" {
            i += 1
        } else {
            arguments: while true {
                skipSpace()
                arguments.append(try parseArgument())
                skipSpace()
                switch peek {
                case ",": i += 1
                case ")":
                    i += 1
                    break arguments
                case nil: throw error("missing ')' to close '\(nameText)('")
                case let c?: throw error("expected ',' or ')' but found '\(c)'")
                }
            }
        }
        depth -= 1

        let (least, most) = name.arity
        if arguments.count < least || most.map({ arguments.count > $0 }) == true {
            let expected: String
            switch most {
            case least?: expected = least == 1 ? "1 argument" : "\(least) arguments"
            case nil: expected = "at least \(least) argument" + (least == 1 ? "" : "s")
            case let most?: expected = "\(least) to \(most) arguments"
            }
            let given = arguments.count == 1 ? "1 was given" : "\(arguments.count) were given"
            throw error("\(nameText) takes \(expected) but \(given)", at: start)
        }
        return IntrinsicFunction(name: name, arguments: arguments, source: text(start..<i), deferredError: nil)
    }

    private mutating func parseArgument() throws(IntrinsicSyntaxError) -> IntrinsicFunction.Argument {
        guard let c = peek else { throw error("expected an argument but the text ended") }
        switch c {
        case "'": return try parseString()
        case "$": return .path(try parsePath())
        case "-", "0"..."9": return .number(try parseNumber())
        case "S" where hasPrefix("States."): return .call(try parseCall())
        default:
            let start = i
            while let d = peek, Self.isNameCharacter(d) { i += 1 }
            switch text(start..<i) {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default:
                throw error(
                    "unexpected '\(c)'; an argument must be a 'quoted string', a number, true, false, null, a path or an intrinsic call",
                    at: start)
            }
        }
    }

    private mutating func parseString() throws(IntrinsicSyntaxError) -> IntrinsicFunction.Argument {
        let start = i
        i += 1
        var value = String.UnicodeScalarView()
        var piece = String.UnicodeScalarView()
        var pieces: [String] = []
        while true {
            guard let c = peek else { throw error("string literal is not closed with '", at: start) }
            if c == "'" {
                i += 1
                break
            }
            if c == "\\" {
                guard i + 1 < scalars.count else { throw error("string literal is not closed with '", at: start) }
                let escaped = scalars[i + 1]
                switch escaped {
                case "'", "{", "}", "\\":
                    break
                default:
                    // AWS documents this as a run-time error, so the definition still loads.
                    if deferredError == nil {
                        deferredError =
                            "Invalid escape sequence '\\\(escaped)' in the intrinsic function string literal; only \\', \\{, \\} and \\\\ are allowed"
                    }
                }
                value.append(escaped)
                piece.append(escaped)
                i += 2
                continue
            }
            if c == "{", i + 1 < scalars.count, scalars[i + 1] == "}" {
                pieces.append(String(piece))
                piece = String.UnicodeScalarView()
                value.append(contentsOf: "{}".unicodeScalars)
                i += 2
                continue
            }
            value.append(c)
            piece.append(c)
            i += 1
        }
        pieces.append(String(piece))
        return .string(String(value), pieces: pieces)
    }

    /// A path runs to the first `,`, `)` or space outside brackets and quotes, so filters such
    /// as `$.a[?(@.b == 'x, y')]` stay whole.
    private mutating func parsePath() throws(IntrinsicSyntaxError) -> JSONPath {
        let start = i
        var brackets = 0
        var parens = 0
        var quote: Unicode.Scalar?
        scan: while let c = peek {
            if let q = quote {
                if c == "\\" { i += 1 } else if c == q { quote = nil }
            } else {
                switch c {
                case "'" where brackets > 0, "\"" where brackets > 0: quote = c
                case "[": brackets += 1
                case "]": brackets -= 1
                case "(" where brackets > 0: parens += 1
                case ")" where parens > 0: parens -= 1
                case ",", ")", " ", "\t", "\n", "\r": if brackets <= 0 { break scan }
                default: break
                }
            }
            i += 1
        }
        let source = text(start..<min(i, scalars.count))
        do throws(JSONPathError) {
            return try JSONPath(source)
        } catch {
            throw self.error("invalid path '\(source)': \(error.message)", at: start)
        }
    }

    private mutating func parseNumber() throws(IntrinsicSyntaxError) -> JSON {
        let start = i
        while let c = peek, c == "-" || c == "+" || c == "." || c == "e" || c == "E" || (c >= "0" && c <= "9") {
            i += 1
        }
        let token = text(start..<i)
        guard let value = try? JSON(parsing: token), value.isNumber else {
            throw error("invalid number '\(token)'", at: start)
        }
        return value
    }

    // MARK: - Scanning

    private var peek: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

    private func hasPrefix(_ prefix: String) -> Bool {
        var k = i
        for p in prefix.unicodeScalars {
            guard k < scalars.count, scalars[k] == p else { return false }
            k += 1
        }
        return true
    }

    private mutating func skipSpace() {
        while let c = peek, c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1 }
    }

    private func text(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[range])
        return String(s)
    }

    private func error(_ message: String, at offset: Int? = nil) -> IntrinsicSyntaxError {
        IntrinsicSyntaxError("\(message) (at offset \(offset ?? i))")
    }
}
