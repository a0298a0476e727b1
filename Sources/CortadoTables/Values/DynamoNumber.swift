/// A DynamoDB number: an exact decimal of up to 38 significant digits, with a magnitude between 1E-130 and
/// 9.9999999999999999999999999999999999999E+125 (or zero).
///
/// Stored as sign, significant digits and a power of ten, so that equal numbers have one representation
/// (`1.50`, `1.5` and `15E-1` are the same value) and arithmetic is exact.
public struct DynamoNumber: Sendable, Hashable {
    /// The significant digits (0...9), most significant first, with no leading or trailing zeros; empty for zero.
    let digits: [UInt8]
    /// The value is `digits × 10^exponent`.
    let exponent: Int
    let isNegative: Bool

    static let maxDigits = 38
    static let maxScientificExponent = 125
    static let minScientificExponent = -130

    public static let zero = DynamoNumber(unchecked: [], exponent: 0, negative: false)

    init(unchecked digits: [UInt8], exponent: Int, negative: Bool) {
        self.digits = digits
        self.exponent = exponent
        self.isNegative = negative && !digits.isEmpty
    }

    /// Normalises `digits × 10^exponent` (stripping zeros) and checks DynamoDB's limits.
    init(digits raw: [UInt8], exponent: Int, negative: Bool) throws(TableError) {
        var start = 0
        while start < raw.count && raw[start] == 0 { start += 1 }
        var end = raw.count
        var exponent = exponent
        while end > start && raw[end - 1] == 0 {
            end -= 1
            exponent += 1
        }
        if start == end {
            self = .zero
            return
        }
        let digits = Array(raw[start..<end])
        if digits.count > Self.maxDigits {
            throw .validation("Attempting to store more than 38 significant digits in a Number")
        }
        let scientific = exponent + digits.count - 1
        if scientific > Self.maxScientificExponent {
            throw .validation("Number overflow. Attempting to store a number with magnitude larger than supported range")
        }
        if scientific < Self.minScientificExponent {
            throw .validation("Number underflow. Attempting to store a number with magnitude smaller than supported range")
        }
        self.init(unchecked: digits, exponent: exponent, negative: negative)
    }

    /// Parses a number as DynamoDB accepts it: an optional sign, digits with an optional decimal point, an
    /// optional exponent (`-1.5e3`).
    public init(parsing text: String) throws(TableError) {
        let bytes = Array(text.utf8)
        let invalid = TableError.validation("A value provided cannot be converted into a number")
        var i = 0
        var negative = false
        if i < bytes.count && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: [UInt8] = []
        var fractionDigits = 0
        var sawPoint = false
        var sawDigit = false
        while i < bytes.count {
            let c = bytes[i]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                mantissa.append(c - UInt8(ascii: "0"))
                if sawPoint { fractionDigits += 1 }
                sawDigit = true
            } else if c == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { throw invalid }
        var exponent = 0
        if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            var negativeExponent = false
            if i < bytes.count && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
                negativeExponent = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var sawExponentDigit = false
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                // Clamped: anything this large overflows or underflows anyway.
                exponent = min(exponent * 10 + Int(bytes[i] - UInt8(ascii: "0")), 1_000_000)
                sawExponentDigit = true
                i += 1
            }
            guard sawExponentDigit else { throw invalid }
            if negativeExponent { exponent = -exponent }
        }
        guard i == bytes.count else { throw invalid }
        try self.init(digits: mantissa, exponent: exponent - fractionDigits, negative: negative)
    }

    /// An integer (always within DynamoDB's range).
    public init(_ value: Int) {
        let magnitude = value.magnitude
        var digits = Array(String(magnitude).utf8).map { $0 - UInt8(ascii: "0") }
        var exponent = 0
        while let last = digits.last, last == 0 {
            digits.removeLast()
            exponent += 1
        }
        self.init(unchecked: digits, exponent: exponent, negative: value < 0)
    }

    public var isZero: Bool { digits.isEmpty }

    /// The number as DynamoDB returns it: plain decimal notation, no exponent, no leading or trailing zeros
    /// (`1.50` is `1.5`, `1e3` is `1000`, `-0` is `0`).
    public var text: String {
        if digits.isEmpty { return "0" }
        var out: [UInt8] = isNegative ? [UInt8(ascii: "-")] : []
        let chars = digits.map { $0 + UInt8(ascii: "0") }
        if exponent >= 0 {
            out += chars
            out += [UInt8](repeating: UInt8(ascii: "0"), count: exponent)
        } else {
            let point = chars.count + exponent
            if point > 0 {
                out += chars[..<point]
                out.append(UInt8(ascii: "."))
                out += chars[point...]
            } else {
                out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
                out += [UInt8](repeating: UInt8(ascii: "0"), count: -point)
                out += chars
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The number of significant digits (zero has none).
    public var significantDigits: Int { digits.count }

    /// The power of ten of the leading digit (`1234` has 3, `0.01` has -2).
    var scientificExponent: Int { exponent + digits.count - 1 }

    /// The value as an integer, when it is one and fits.
    public var intValue: Int? {
        guard exponent >= 0, digits.count + exponent <= 18 else { return digits.isEmpty ? 0 : nil }
        var n = 0
        for d in digits { n = n * 10 + Int(d) }
        for _ in 0..<exponent { n *= 10 }
        return isNegative ? -n : n
    }
}

extension DynamoNumber: CustomStringConvertible {
    public var description: String { text }
}

extension DynamoNumber: Comparable {
    public static func < (lhs: DynamoNumber, rhs: DynamoNumber) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let magnitudeLess = compareMagnitude(lhs, rhs)
        if lhs.isNegative { return magnitudeLess > 0 }
        return magnitudeLess < 0
    }

    /// -1, 0 or 1 as |a| is less than, equal to or greater than |b|.
    static func compareMagnitude(_ a: DynamoNumber, _ b: DynamoNumber) -> Int {
        if a.digits.isEmpty || b.digits.isEmpty {
            return a.digits.isEmpty ? (b.digits.isEmpty ? 0 : -1) : 1
        }
        if a.scientificExponent != b.scientificExponent { return a.scientificExponent < b.scientificExponent ? -1 : 1 }
        for (x, y) in zip(a.digits, b.digits) where x != y { return x < y ? -1 : 1 }
        return a.digits.count == b.digits.count ? 0 : (a.digits.count < b.digits.count ? -1 : 1)
    }
}
