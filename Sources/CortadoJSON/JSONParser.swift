/// A JSON text that could not be parsed, with the byte offset, line and column of the problem.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var line: Int
    public var column: Int

    public var description: String { "\(message) at line \(line), column \(column)" }
}

extension JSON {
    /// Parses JSON text (RFC 8259). Duplicate keys keep the last value, as Jackson does.
    public init(parsing text: String) throws(JSONParseError) {
        var text = text
        var result: Result<JSON, JSONParseError> = .success(.null)
        text.withUTF8 { buffer in
            var parser = JSONParser(buffer)
            result = parser.parseResult()
        }
        self = try result.get()
    }

    /// Parses JSON from UTF-8 bytes.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONParseError) {
        var result: Result<JSON, JSONParseError> = .success(.null)
        let array = Array(bytes)
        array.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer)
            result = parser.parseResult()
        }
        self = try result.get()
    }
}

struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var depth = 0
    static let maxDepth = 1000
    /// The members of the objects and arrays being parsed, innermost last: each container is built at its
    /// end with exactly its size, instead of growing its own arrays member by member.
    var keyStack: [String] = []
    var valueStack: [JSON] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func parseResult() -> Result<JSON, JSONParseError> {
        do throws(JSONParseError) { return .success(try parseDocument()) } catch { return .failure(error) }
    }

    mutating func parseDocument() throws(JSONParseError) -> JSON {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if i < bytes.count { throw error("Unexpected character '\(describe(bytes[i]))' after the JSON value") }
        return value
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let at = min(offset ?? i, bytes.count)
        var line = 1
        var column = 1
        for k in 0..<at {
            if bytes[k] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[k] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONParseError(message: message, offset: at, line: line, column: column)
    }

    func describe(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? String(UnicodeScalar(b)) : "\\u{\(String(b, radix: 16))}"
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws(JSONParseError) -> JSON {
        guard i < bytes.count else { throw error("Unexpected end of input, expected a value") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("Unexpected character '\(describe(bytes[i]))', expected a value")
        }
    }

    mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw error("Unexpected end of input in a literal") }
        let p = word.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] {
            throw error("Invalid literal, expected '\(word)'")
        }
        i += n
    }

    mutating func parseObject() throws(JSONParseError) -> JSON {
        depth += 1
        if depth > Self.maxDepth { throw error("JSON nested deeper than \(Self.maxDepth) levels") }
        defer { depth -= 1 }
        i += 1
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            return .object(JSONObject())
        }
        let keyBase = keyStack.count
        let valueBase = valueStack.count
        defer {
            keyStack.removeSubrange(keyBase...)
            valueStack.removeSubrange(valueBase...)
        }
        // Past a dozen members, duplicate keys are found by hash, as JSONObject does.
        var seen: [String: Int]?
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw error(i < bytes.count ? "Expected a string key in an object" : "Unexpected end of input in an object")
            }
            let key = try parseString()
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("Expected ':' after an object key") }
            i += 1
            skipWhitespace()
            let value = try parseValue()
            if let at = memberPosition(of: key, from: keyBase, seen: &seen) {
                valueStack[valueBase + at] = value
            } else {
                seen?[key] = keyStack.count - keyBase
                keyStack.append(key)
                valueStack.append(value)
            }
            skipWhitespace()
            guard i < bytes.count else { throw error("Unexpected end of input in an object") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "}") {
                i += 1
                return .object(JSONObject(distinctKeys: Array(keyStack[keyBase...]), values: Array(valueStack[valueBase...])))
            }
            throw error("Expected ',' or '}' in an object")
        }
    }

    /// Where `key` already is among the members of the object being parsed (those from `base` on).
    func memberPosition(of key: String, from base: Int, seen: inout [String: Int]?) -> Int? {
        if let seen { return seen[key] }
        let count = keyStack.count - base
        if count <= JSONObject.indexThreshold {
            for k in base..<keyStack.count where keyStack[k] == key { return k - base }
            return nil
        }
        var index = [String: Int](minimumCapacity: count * 2)
        for k in base..<keyStack.count { index[keyStack[k]] = k - base }
        seen = index
        return index[key]
    }

    mutating func parseArray() throws(JSONParseError) -> JSON {
        depth += 1
        if depth > Self.maxDepth { throw error("JSON nested deeper than \(Self.maxDepth) levels") }
        defer { depth -= 1 }
        i += 1
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            return .array([])
        }
        let base = valueStack.count
        defer { valueStack.removeSubrange(base...) }
        while true {
            skipWhitespace()
            let value = try parseValue()
            valueStack.append(value)
            skipWhitespace()
            guard i < bytes.count else { throw error("Unexpected end of input in an array") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                return .array(Array(valueStack[base...]))
            }
            throw error("Expected ',' or ']' in an array")
        }
    }

    mutating func parseString() throws(JSONParseError) -> String {
        let start = i
        i += 1
        // Fast path: no escapes.
        var k = i
        while k + 8 <= bytes.count, !JSONByteScan.needsAttention(bytes, at: k) { k += 8 }
        while k < bytes.count {
            let b = bytes[k]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<k]), as: UTF8.self)
                i = k + 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("Unescaped control character in a string", at: k) }
            k += 1
        }
        guard k < bytes.count else { throw error("Unterminated string", at: start) }
        var out: [UInt8] = Array(bytes[i..<k])
        i = k
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { throw error("Unescaped control character in a string") }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                i += 1
                continue
            }
            i += 1
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try parseHex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            appendScalar(0xFFFD, to: &out)
                            scalar = low
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD
                }
                appendScalar(scalar, to: &out)
            default:
                throw error("Invalid escape '\\\(describe(e))' in a string", at: i - 2)
            }
        }
        throw error("Unterminated string", at: start)
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("Incomplete \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("Invalid hex digit in a \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        for b in UTF8.encode(scalar)! { out.append(b) }
    }

    mutating func parseNumber() throws(JSONParseError) -> JSON {
        let start = i
        var negative = false
        if bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < bytes.count, isDigit(bytes[i]) else { throw error("Invalid number", at: start) }
        var integral = true
        // All the digits, integer and fraction, as one integer; `overflow` once it no longer fits.
        var value: UInt64 = 0
        var overflow = false
        var fractionDigits = 0
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, isDigit(bytes[i]) { throw error("Leading zeros are not allowed in a number", at: start) }
        } else {
            while i < bytes.count, isDigit(bytes[i]) {
                accumulate(bytes[i], into: &value, overflow: &overflow)
                i += 1
            }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("Expected a digit after '.' in a number") }
            while i < bytes.count, isDigit(bytes[i]) {
                accumulate(bytes[i], into: &value, overflow: &overflow)
                fractionDigits += 1
                i += 1
            }
        }
        var exponent = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            integral = false
            i += 1
            var negativeExponent = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                negativeExponent = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("Expected a digit in a number's exponent") }
            while i < bytes.count, isDigit(bytes[i]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] - UInt8(ascii: "0")) }
                i += 1
            }
            if negativeExponent { exponent = -exponent }
        }
        if integral, !overflow {
            if negative {
                if value <= UInt64(Int.max) + 1 { return .int(value == UInt64(Int.max) + 1 ? Int.min : -Int(value)) }
            } else if value <= UInt64(Int.max) {
                return .int(Int(value))
            }
        }
        // Clinger's fast path: digits that fit a double's 53 bits and a power of ten that is exact give the
        // correctly rounded value with one operation, as strtod would.
        let scale = exponent - fractionDigits
        if !overflow, value <= 1 << 53, scale >= -22, scale <= 22 {
            let magnitude = scale < 0 ? Double(value) / Self.powersOfTen[-scale] : Double(value) * Self.powersOfTen[scale]
            return .double(negative ? -magnitude : magnitude)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let d = Double(text) else { throw error("Invalid number", at: start) }
        return .double(d)
    }

    static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }

    @inline(__always) func accumulate(_ digit: UInt8, into value: inout UInt64, overflow: inout Bool) {
        let (m, o1) = value.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
        if o1 || o2 { overflow = true }
        value = a
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
