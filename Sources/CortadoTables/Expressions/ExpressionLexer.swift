/// One token of an expression, with its place in the source (UTF-8 offsets) for AWS's `near:` text.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        /// A bare attribute name, keyword or function name.
        case identifier
        /// `#name`
        case namePlaceholder
        /// `:value`
        case valuePlaceholder
        /// Digits, as in `[2]`.
        case number
        /// `( ) [ ] , . = <> < <= > >= + -`
        case symbol
        /// A character no token starts with (also a lone `#` or `:`).
        case invalid
        case end
    }

    var kind: Kind
    var text: String
    var start: Int
    var end: Int
}

/// Splits an expression into tokens. Never fails: an unexpected character becomes an `.invalid` token,
/// and the parser reports it as a syntax error where it stands.
enum ExpressionLexer {
    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    static func tokens(_ source: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        func text(_ start: Int, _ end: Int) -> String { String(decoding: source[start..<end], as: UTF8.self) }
        while i < source.count {
            let c = source[i]
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                i += 1
                continue
            }
            let start = i
            var kind: Token.Kind
            if isDigit(c) {
                while i < source.count && isDigit(source[i]) { i += 1 }
                kind = .number
            } else if isWordByte(c) {
                while i < source.count && isWordByte(source[i]) { i += 1 }
                kind = .identifier
            } else if c == UInt8(ascii: "#") || c == UInt8(ascii: ":") {
                i += 1
                while i < source.count && isWordByte(source[i]) { i += 1 }
                kind = i - start == 1 ? .invalid : (c == UInt8(ascii: "#") ? .namePlaceholder : .valuePlaceholder)
            } else if c == UInt8(ascii: "<") {
                i += 1
                if i < source.count && (source[i] == UInt8(ascii: ">") || source[i] == UInt8(ascii: "=")) { i += 1 }
                kind = .symbol
            } else if c == UInt8(ascii: ">") {
                i += 1
                if i < source.count && source[i] == UInt8(ascii: "=") { i += 1 }
                kind = .symbol
            } else if Array("()[],.=+-".utf8).contains(c) {
                i += 1
                kind = .symbol
            } else {
                // One whole UTF-8 character.
                i += 1
                while i < source.count && source[i] & 0xC0 == 0x80 { i += 1 }
                kind = .invalid
            }
            tokens.append(Token(kind: kind, text: text(start, i), start: start, end: i))
        }
        tokens.append(Token(kind: .end, text: "<EOF>", start: source.count, end: source.count))
        return tokens
    }
}
