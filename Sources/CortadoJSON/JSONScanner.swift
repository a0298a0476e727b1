/// Reads JSON text a token at a time, for callers that want a few values out of a document without
/// building the rest (the event matcher reads only the paths its rules name).
///
/// It accepts and rejects exactly the texts `JSON(parsing:)` does: skipped values are checked as
/// strictly as parsed ones (no allocation), strings and numbers are decoded by the parser's own code,
/// and nesting is limited to the same depth. Its errors' messages and offsets are its own: a caller
/// that reports them parses the text for the parser's. Duplicate keys are the caller's concern (the
/// parser keeps the last value). Valid only inside the closure that lent the bytes.
package struct JSONScanner {
    var parser: JSONParser

    package init(_ bytes: UnsafeBufferPointer<UInt8>) { parser = JSONParser(bytes) }

    package var bytes: UnsafeBufferPointer<UInt8> { parser.bytes }
    /// The offset of the next byte to read.
    package var offset: Int { parser.i }

    /// What the next value is, after blanks; the scanner stays before it.
    package enum Kind { case object, array, string, number, literal }

    package mutating func peekValue() throws(JSONParseError) -> Kind {
        parser.skipWhitespace()
        guard parser.i < parser.bytes.count else { throw parser.error("Unexpected end of input, expected a value") }
        switch parser.bytes[parser.i] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): return .literal
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw parser.error("Unexpected character '\(parser.describe(parser.bytes[parser.i]))', expected a value")
        }
    }

    /// Enters the object the scanner is before; false if it is empty (and then already left).
    package mutating func beginObject() throws(JSONParseError) -> Bool {
        try enter()
        parser.skipWhitespace()
        if parser.i < parser.bytes.count, parser.bytes[parser.i] == UInt8(ascii: "}") {
            parser.i += 1
            parser.depth -= 1
            return false
        }
        return true
    }

    /// The next member's key, as the byte range of its text when it has no escapes (no copy), else
    /// decoded; the scanner is left before the member's value.
    package mutating func key() throws(JSONParseError) -> Key {
        parser.skipWhitespace()
        guard parser.i < parser.bytes.count, parser.bytes[parser.i] == UInt8(ascii: "\"") else {
            throw parser.error(
                parser.i < parser.bytes.count ? "Expected a string key in an object" : "Unexpected end of input in an object")
        }
        let start = parser.i
        var escaped = false
        let end = Self.skipString(parser.bytes.baseAddress!, parser.bytes.count, start, escaped: &escaped)
        guard end >= 0 else { throw parser.error("Not a JSON string", at: start) }
        parser.i = end
        let key: Key
        if escaped {
            parser.i = start
            key = .decoded(try parser.parseString())
        } else {
            key = .raw(UnsafeBufferPointer(rebasing: parser.bytes[(start + 1)..<(parser.i - 1)]))
        }
        parser.skipWhitespace()
        guard parser.i < parser.bytes.count, parser.bytes[parser.i] == UInt8(ascii: ":") else {
            throw parser.error("Expected ':' after an object key")
        }
        parser.i += 1
        return key
    }

    package enum Key {
        case raw(UnsafeBufferPointer<UInt8>)
        case decoded(String)
    }

    /// After a member's value: true if another member follows, false at the object's end (then left).
    package mutating func nextMember() throws(JSONParseError) -> Bool {
        try separatorOrEnd(close: UInt8(ascii: "}"), in: "an object")
    }

    /// Enters the array the scanner is before; false if it is empty (and then already left).
    package mutating func beginArray() throws(JSONParseError) -> Bool {
        try enter()
        parser.skipWhitespace()
        if parser.i < parser.bytes.count, parser.bytes[parser.i] == UInt8(ascii: "]") {
            parser.i += 1
            parser.depth -= 1
            return false
        }
        return true
    }

    /// After an element: true if another follows, false at the array's end (then left).
    package mutating func nextElement() throws(JSONParseError) -> Bool {
        try separatorOrEnd(close: UInt8(ascii: "]"), in: "an array")
    }

    /// Consumes a `,` (true) or the container's `close` (false, and the container is left).
    private mutating func separatorOrEnd(close: UInt8, in container: String) throws(JSONParseError) -> Bool {
        parser.skipWhitespace()
        guard parser.i < parser.bytes.count else { throw parser.error("Unexpected end of input in \(container)") }
        switch parser.bytes[parser.i] {
        case UInt8(ascii: ","):
            parser.i += 1
            return true
        case close:
            parser.i += 1
            parser.depth -= 1
            return false
        default:
            throw parser.error("Expected ',' or '\(Character(Unicode.Scalar(close)))' in \(container)")
        }
    }

    /// The string, number or literal the scanner is before, as the parser reads it.
    package mutating func scalar() throws(JSONParseError) -> JSON {
        parser.skipWhitespace()
        return try parser.parseValue()
    }

    /// Whether nothing but blanks is left.
    package mutating func finish() throws(JSONParseError) {
        parser.skipWhitespace()
        if parser.i < parser.bytes.count {
            throw parser.error("Unexpected character '\(parser.describe(parser.bytes[parser.i]))' after the JSON value")
        }
    }

    private mutating func enter() throws(JSONParseError) {
        parser.depth += 1
        if parser.depth > JSONParser.maxDepth { throw parser.error("JSON nested deeper than \(JSONParser.maxDepth) levels") }
        parser.i += 1
    }

    /// Passes over the next value, checking it as the parser would, without building it.
    package mutating func skipValue() throws(JSONParseError) {
        let n = parser.bytes.count
        guard let p = parser.bytes.baseAddress else { throw parser.error("Unexpected end of input, expected a value") }
        var i = parser.i
        while i < n, Self.isBlank(p[i]) { i += 1 }
        let end = i < n ? Self.skip(p, n, i, depth: parser.depth) : -1
        guard end >= 0 else { throw parser.error("Not a JSON value", at: i) }
        parser.i = end
    }

    // The skipping below reports failure as -1 rather than by throwing: the caller only needs to know
    // that the text is not JSON (the parser says why), and error plumbing per token cost more than the
    // checks themselves.

    @inline(__always)
    private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    @inline(__always)
    private static func blanks(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
        var i = i
        while i < n, isBlank(p[i]) { i += 1 }
        return i
    }

    /// The offset just past the value at `i` (not a blank), or -1 if it is not one the parser reads.
    private static func skip(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, depth: Int) -> Int {
        switch p[i] {
        case UInt8(ascii: "\""): return skipString(p, n, i)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return skipNumber(p, n, i)
        case UInt8(ascii: "{"): return skipContainer(p, n, i, depth: depth + 1, object: true)
        case UInt8(ascii: "["): return skipContainer(p, n, i, depth: depth + 1, object: false)
        case UInt8(ascii: "t"): return literal(p, n, i, "true")
        case UInt8(ascii: "f"): return literal(p, n, i, "false")
        case UInt8(ascii: "n"): return literal(p, n, i, "null")
        default: return -1
        }
    }

    /// The offset past the object or array opening at `start`: members or elements separated by commas,
    /// no trailing comma, nesting no deeper than the parser allows.
    private static func skipContainer(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int, depth: Int, object: Bool) -> Int {
        if depth > JSONParser.maxDepth { return -1 }
        let close = object ? UInt8(ascii: "}") : UInt8(ascii: "]")
        var i = blanks(p, n, start + 1)
        if i < n, p[i] == close { return i + 1 }
        while true {
            if object {
                guard i < n, p[i] == UInt8(ascii: "\"") else { return -1 }
                i = skipString(p, n, i)
                if i < 0 { return -1 }
                i = blanks(p, n, i)
                guard i < n, p[i] == UInt8(ascii: ":") else { return -1 }
                i = blanks(p, n, i + 1)
            }
            guard i < n else { return -1 }
            // Scalars here, containers by recursion.
            switch p[i] {
            case UInt8(ascii: "\""): i = skipString(p, n, i)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): i = skipNumber(p, n, i)
            default: i = skip(p, n, i, depth: depth)
            }
            if i < 0 { return -1 }
            i = blanks(p, n, i)
            guard i < n else { return -1 }
            if p[i] == close { return i + 1 }
            guard p[i] == UInt8(ascii: ",") else { return -1 }
            i = blanks(p, n, i + 1)
        }
    }

    @inline(__always)
    private static func literal(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ word: StaticString) -> Int {
        let count = word.utf8CodeUnitCount
        guard i + count <= n else { return -1 }
        for k in 0..<count where p[i + k] != word.utf8Start[k] { return -1 }
        return i + count
    }

    /// The offset just past the string whose opening quote is at `start`, or -1.
    @inline(__always)
    private static func skipString(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) -> Int {
        var escaped = false
        return skipString(p, n, start, escaped: &escaped)
    }

    /// The same, setting `escaped` if the string has escapes.
    @inline(__always)
    private static func skipString(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int, escaped: inout Bool) -> Int {
        var k = start + 1
        while true {
            // Eight bytes at a time to the first that needs a look.
            if k + 8 <= n {
                let skip = JSONByteScan.firstAttention(p + k)
                k += skip
                if skip == 8 { continue }
            }
            guard k < n else { return -1 }
            let b = p[k]
            if b == UInt8(ascii: "\"") { return k + 1 }
            if b == UInt8(ascii: "\\") {
                escaped = true
                k = escape(p, n, k)
                if k < 0 { return -1 }
            } else if b < 0x20 {
                return -1
            } else {
                k += 1
            }
        }
    }

    /// The offset past the escape at `k` (a backslash), if it is one the parser reads, else -1.
    private static func escape(_ p: UnsafePointer<UInt8>, _ n: Int, _ k: Int) -> Int {
        guard k + 1 < n else { return -1 }
        switch p[k + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
            UInt8(ascii: "r"), UInt8(ascii: "t"):
            return k + 2
        case UInt8(ascii: "u"):
            guard k + 6 <= n else { return -1 }
            for d in (k + 2)..<(k + 6) {
                switch p[d] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
                    continue
                default: return -1
                }
            }
            return k + 6
        default:
            return -1
        }
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    /// The offset past the number at `start`, with the parser's grammar (no leading zeros, digits after
    /// '.' and 'e'), or -1.
    @inline(__always)
    private static func skipNumber(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) -> Int {
        var i = start
        if p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n, isDigit(p[i]) else { return -1 }
        if p[i] == UInt8(ascii: "0") {
            i += 1
            if i < n, isDigit(p[i]) { return -1 }
        } else {
            i = digits(p, n, i + 1)
        }
        if i < n, p[i] == UInt8(ascii: ".") {
            guard i + 1 < n, isDigit(p[i + 1]) else { return -1 }
            i = digits(p, n, i + 2)
        }
        if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < n, isDigit(p[i]) else { return -1 }
            i = digits(p, n, i + 1)
        }
        return i
    }

    /// Passes over a run of digits, eight at a time while eight bytes are left.
    @inline(__always)
    private static func digits(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) -> Int {
        var i = start
        while i + 8 <= n {
            let count = JSONByteScan.leadingDigits(p + i)
            i += count
            if count < 8 { return i }
        }
        while i < n, isDigit(p[i]) { i += 1 }
        return i
    }
}
