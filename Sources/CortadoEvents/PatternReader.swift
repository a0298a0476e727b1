/// A streaming JSON reader over an event pattern's text that fails the way the parser behind EventBridge
/// (Jackson, driven by event-ruler) fails: the same messages, and the same notion of *where* it is.
///
/// AWS's error for a bad pattern ends in Jackson's location, ` at [Source: (String)"…"; line: L,
/// column: C]`, taken wherever reading stopped. Jackson reads lazily, and the columns follow from that:
/// after a field name it has already consumed the first character of the value (a string's opening
/// quote, a bracket) or the whole value (a number, `true`); a string's characters are consumed only
/// when its text is asked for. This reader keeps those rules, which is why it is written by hand
/// rather than on a JSON library (docs/architecture/events.md).
struct PatternReader {
    enum Token: Equatable {
        case startObject, endObject, startArray, endArray, fieldName
        case string, int, float, `true`, `false`, null
    }

    /// Where a container began, for Jackson's "Unexpected close marker" message.
    private struct Context {
        var isObject: Bool
        var entries = 0
        var line: Int
        var column: Int
    }

    private let bytes: [UInt8]
    private let source: String
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var contexts: [Context] = []
    private var rootValues = 0
    /// The value token already read behind a field name, returned by the next `next()`.
    private var pending: (token: Token, line: Int, column: Int)?
    /// A string token whose characters are not consumed yet.
    private var stringPending = false
    private var currentText = ""
    private(set) var currentName = ""
    private(set) var current: Token?

    init(_ text: String) {
        source = text
        bytes = Array(text.utf8)
    }

    // MARK: - Errors

    /// Jackson's ` at [Source: …]` suffix for the reader's current position.
    var location: String { locationText(line: line, column: column(of: position)) }

    /// A message with the current location appended, as event-ruler's `barf` builds it.
    func failure(_ message: String) -> EventsError {
        EventsError(message + "\n at " + location)
    }

    private func locationText(line: Int, column: Int) -> String {
        "[Source: (String)\"\(snippet)\"; line: \(line), column: \(column)]"
    }

    /// The source as Jackson quotes it: at most 500 characters.
    private var snippet: String {
        let limit = 500
        guard source.count > limit else { return source }
        return String(source.prefix(limit)) + "\"[truncated \(source.count - limit) chars]"
    }

    /// Jackson counts columns in characters from the start of the line, 1-based.
    private func column(of index: Int) -> Int {
        let from = min(lineStart, bytes.count)
        let to = min(max(index, from), bytes.count)
        return String(decoding: bytes[from..<to], as: UTF8.self).utf16.count + 1
    }

    private func unexpected(_ byte: UInt8, at index: Int, _ why: String) -> EventsError {
        let scalar = Unicode.Scalar(byte)
        let shown = byte < 0x20 ? "(CTRL-CHAR, code \(byte))" : "'\(Character(scalar))' (code \(byte))"
        return EventsError(
            "Unexpected character (\(shown)): \(why)\n at " + locationText(line: line, column: column(of: index)))
    }

    private func endOfInput(_ why: String) -> EventsError {
        EventsError("Unexpected end-of-input\(why)\n at " + location)
    }

    // MARK: - Tokens

    /// The next token, or nil at the end of the input.
    mutating func next() throws(EventsError) -> Token? {
        if current == .fieldName, let value = pending {
            pending = nil
            if value.token == .startObject || value.token == .startArray {
                contexts.append(Context(isObject: value.token == .startObject, line: value.line, column: value.column))
            }
            current = value.token
            return value.token
        }
        if stringPending { try finishString() }
        guard var byte = skipWhitespace() else {
            if let open = contexts.last {
                let kind = open.isObject ? "Object" : "Array"
                throw endOfInput(
                    ": expected close marker for \(kind) (start marker at \(locationText(line: open.line, column: open.column)))")
            }
            current = nil
            return nil
        }
        if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
            return try close(byte)
        }
        if !contexts.isEmpty {
            contexts[contexts.count - 1].entries += 1
            if contexts[contexts.count - 1].entries > 1 {
                let kind = contexts[contexts.count - 1].isObject ? "Object" : "Array"
                guard byte == UInt8(ascii: ",") else {
                    throw unexpected(byte, at: position - 1, "was expecting comma to separate \(kind) entries")
                }
                guard let after = skipWhitespace() else { throw endOfInput(" within/between \(kind) entries") }
                byte = after
            }
        } else {
            rootValues += 1
        }
        let inObject = contexts.last?.isObject ?? false
        if inObject {
            guard byte == UInt8(ascii: "\"") else {
                throw unexpected(byte, at: position - 1, "was expecting double-quote to start field name")
            }
            currentName = try readString()
            guard let colon = skipWhitespace() else { throw endOfInput(" within/between Object entries") }
            guard colon == UInt8(ascii: ":") else {
                throw unexpected(colon, at: position - 1, "was expecting a colon to separate field name and value")
            }
            guard let first = skipWhitespace() else { throw endOfInput(" within/between Object entries") }
            let valueLine = line
            let valueColumn = column(of: position - 1)
            let token = try value(startingWith: first, nested: false)
            pending = (token, valueLine, valueColumn)
            current = .fieldName
            return .fieldName
        }
        let token = try value(startingWith: byte, nested: true)
        current = token
        return token
    }

    /// The text of the current string or number token (consuming a pending string), or the literal.
    mutating func text() throws(EventsError) -> String {
        if stringPending { try finishString() }
        switch current {
        case .fieldName: return currentName
        case .true: return "true"
        case .false: return "false"
        case .null: return "null"
        case .startObject: return "{"
        case .endObject: return "}"
        case .startArray: return "["
        case .endArray: return "]"
        default: return currentText
        }
    }

    private mutating func close(_ byte: UInt8) throws(EventsError) -> Token {
        let wantObject = byte == UInt8(ascii: "}")
        guard let open = contexts.last else {
            throw unexpected(byte, at: position - 1, "expected a value")
        }
        if open.isObject != wantObject {
            let expected = open.isObject ? "}" : "]"
            let kind = open.isObject ? "Object" : "Array"
            throw EventsError(
                "Unexpected close marker '\(Character(Unicode.Scalar(byte)))': expected '\(expected)' (for \(kind) starting at "
                    + locationText(line: open.line, column: open.column) + ")\n at " + location)
        }
        contexts.removeLast()
        current = wantObject ? .endObject : .endArray
        return current!
    }

    /// Reads a value whose first byte was consumed. A container opened directly (not behind a field
    /// name) gets its context now; behind a field name, when the caller moves onto it.
    private mutating func value(startingWith byte: UInt8, nested: Bool) throws(EventsError) -> Token {
        let startColumn = column(of: position - 1)
        switch byte {
        case UInt8(ascii: "\""):
            stringPending = true
            return .string
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let isObject = byte == UInt8(ascii: "{")
            if nested { contexts.append(Context(isObject: isObject, line: line, column: startColumn)) }
            return isObject ? .startObject : .startArray
        case UInt8(ascii: "t"): try literal("true"); return .true
        case UInt8(ascii: "f"): try literal("false"); return .false
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number(first: byte)
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            throw unexpected(byte, at: position - 1, "expected a value")
        default:
            throw unrecognized(from: position - 1)
        }
    }

    private mutating func literal(_ word: String) throws(EventsError) {
        let start = position - 1
        for expected in word.utf8.dropFirst() {
            guard position < bytes.count, bytes[position] == expected else { throw unrecognized(from: start) }
            position += 1
        }
        if position < bytes.count, isTokenByte(bytes[position]) { throw unrecognized(from: start) }
    }

    /// Jackson's "Unrecognized token": the run of word characters from `start`.
    private mutating func unrecognized(from start: Int) -> EventsError {
        var end = start
        while end < bytes.count, isTokenByte(bytes[end]) || end == start { end += 1 }
        position = end
        let word = String(decoding: bytes[start..<end], as: UTF8.self)
        return EventsError(
            "Unrecognized token '\(word)': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at "
                + location)
    }

    private func isTokenByte(_ b: UInt8) -> Bool {
        !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ",") || b == UInt8(ascii: ":")
            || b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
            || b == UInt8(ascii: "\""))
    }

    private mutating func number(first: UInt8) throws(EventsError) -> Token {
        let start = position - 1
        var isFloat = false
        func digits(_ reader: inout PatternReader) -> Int {
            var n = 0
            while reader.position < reader.bytes.count, reader.bytes[reader.position] >= 0x30, reader.bytes[reader.position] <= 0x39 {
                reader.position += 1
                n += 1
            }
            return n
        }
        if first == UInt8(ascii: "-") {
            guard position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 else {
                let b = position < bytes.count ? bytes[position] : 0x20
                throw unexpected(b, at: position, "expected digit (0-9) to follow minus sign, for valid numeric value")
            }
        }
        let intDigits = (first == UInt8(ascii: "-") ? 0 : 1) + digits(&self)
        let firstDigit = bytes[first == UInt8(ascii: "-") ? start + 1 : start]
        if firstDigit == UInt8(ascii: "0"), intDigits > 1 || (first == UInt8(ascii: "-") && position - start > 2) {
            throw EventsError("Invalid numeric value: Leading zeroes not allowed\n at " + location)
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isFloat = true
            position += 1
            if digits(&self) == 0 {
                let b = position < bytes.count ? bytes[position] : 0x20
                throw unexpected(b, at: position, "Decimal point not followed by a digit")
            }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isFloat = true
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            if digits(&self) == 0 {
                let b = position < bytes.count ? bytes[position] : 0x20
                throw unexpected(b, at: position, "Exponent indicator not followed by a digit")
            }
        }
        currentText = String(decoding: bytes[start..<position], as: UTF8.self)
        return isFloat ? .float : .int
    }

    /// Consumes the characters of a pending string into `currentText`.
    private mutating func finishString() throws(EventsError) {
        stringPending = false
        currentText = try readString()
    }

    /// Reads a string's characters after its opening quote, through the closing quote.
    private mutating func readString() throws(EventsError) -> String {
        var out: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw endOfInput(": was expecting closing quote for a string value")
            }
            let b = bytes[position]
            position += 1
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") {
                guard position < bytes.count else {
                    throw endOfInput(" in character escape sequence")
                }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar: UInt32 = 0
                    for _ in 0..<4 {
                        guard position < bytes.count else { throw endOfInput(" in character escape sequence") }
                        let h = bytes[position]
                        position += 1
                        guard let v = hexValue(h) else {
                            throw unexpected(h, at: position - 1, "expected a hex-digit for character escape sequence")
                        }
                        scalar = scalar << 4 | v
                    }
                    appendScalar(scalar, to: &out)
                default:
                    throw EventsError(
                        "Unrecognized character escape '\(Character(Unicode.Scalar(e)))' (code \(e))\n at " + location)
                }
                continue
            }
            if b < 0x20 {
                throw EventsError(
                    "Illegal unquoted character ((CTRL-CHAR, code \(b))): has to be escaped using backslash to be included in string value\n at "
                        + location)
            }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x41...0x46: UInt32(b - 0x41 + 10)
        case 0x61...0x66: UInt32(b - 0x61 + 10)
        default: nil
        }
    }

    /// Appends a `\u` escape, joining surrogate pairs the way a later escape completes them.
    private func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD)!
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// Skips whitespace and returns the next byte, consumed; nil at the end.
    private mutating func skipWhitespace() -> UInt8? {
        while position < bytes.count {
            let b = bytes[position]
            position += 1
            switch b {
            case 0x20, 0x09, 0x0D: continue
            case 0x0A:
                line += 1
                lineStart = position
            default: return b
            }
        }
        return nil
    }
}
