/// A decimal digit pattern such as `0001`, `#,##0` or `０１` (fullwidth): mandatory digits of one digit family, optional `#`,
/// and grouping separators (any other character) at fixed or regular positions.
struct DigitPattern {
    var zero: UInt32
    var mandatory: Int
    var width: Int
    /// Separators by position from the right (digits after them).
    var separators: [(position: Int, text: Character)] = []
    var regular: (every: Int, text: Character)? = nil

    /// nil when the token has no digit at all (not a decimal pattern).
    init?(_ token: String) throws(JSONataError) {
        var zero: UInt32? = nil
        var mandatory = 0
        var width = 0
        var positions: [(Int, Character)] = []
        var sawDigit = false
        for c in token.reversed() {
            if c == "#" {
                width += 1
                sawDigit = true
            } else if let z = Self.familyZero(c) {
                if let zero, zero != z {
                    throw .init(code: "D3131", message: "In a decimal digit pattern, all digits must be from the same decimal group")
                }
                zero = z
                mandatory += 1
                width += 1
                sawDigit = true
            } else if sawDigit, !c.isLetter {
                positions.append((width, c))
            } else {
                return nil
            }
        }
        guard let zero else { return nil }
        self.zero = zero
        self.mandatory = mandatory
        self.width = width
        separators = positions
        if let first = positions.first, positions.allSatisfy({ $0.1 == first.1 }) {
            let g = positions.map(\.0).min()!
            let ps = positions.map(\.0)
            if g > 0, ps.allSatisfy({ $0 % g == 0 }), stride(from: g, to: width, by: g).allSatisfy({ ps.contains($0) }) {
                regular = (g, first.1)
            }
        }
    }

    /// The zero of the Unicode decimal digit family `c` belongs to.
    static func familyZero(_ c: Character) -> UInt32? {
        guard c.unicodeScalars.count == 1, let s = c.unicodeScalars.first, s.properties.numericType == .decimal,
            let v = s.properties.numericValue
        else { return nil }
        return s.value - UInt32(v)
    }

    func format(_ n: UInt) -> String {
        var digits = String(n).unicodeScalars.map { $0.value - 48 }
        while digits.count < mandatory { digits.insert(0, at: 0) }
        var out = ""
        for (i, d) in digits.enumerated() {
            let fromRight = digits.count - i
            if i > 0 {
                if let regular {
                    if fromRight % regular.every == 0 { out.append(regular.text) }
                } else if let s = separators.first(where: { $0.position == fromRight }) {
                    out.append(s.text)
                }
            }
            out.unicodeScalars.append(Unicode.Scalar(zero + d)!)
        }
        return out
    }

    func parse(_ text: String) -> Int? {
        let separatorTexts = Set(separators.map(\.text))
        var value = 0
        var any = false
        for c in text {
            if let s = c.unicodeScalars.first, c.unicodeScalars.count == 1, s.value >= zero, s.value <= zero + 9 {
                let (v, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                value = v + Int(s.value - zero)
                any = true
            } else if !separatorTexts.contains(c) {
                return nil
            }
        }
        return any ? value : nil
    }
}
