/// A non-negative number as its shortest decimal digits (those JavaScript prints), so that rounding happens on the
/// digits a reader sees: `34.555` rounds half to even as the decimal `34.555`, not as its binary neighbour.
struct DecimalDigits {
    /// Significant digits, no leading zeros (empty for zero).
    var digits: [Int]
    /// Where the point goes: `digits` times `10^(point - digits.count)`.
    var point: Int

    init(_ value: Double) {
        var text = value.magnitude.description
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let dot = text.firstIndex(of: ".").map { text.distance(from: text.startIndex, to: $0) } ?? text.count
        digits = text.compactMap { $0.wholeNumberValue }
        point = dot + exponent
        while digits.first == 0 {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == 0 { digits.removeLast() }
        if digits.isEmpty { point = 0 }
    }

    var isZero: Bool { digits.isEmpty }

    /// Rounds half to even, keeping `fractionDigits` digits after the point.
    mutating func round(fractionDigits: Int) { round(keeping: point + fractionDigits) }

    mutating func round(significant: Int) { round(keeping: significant) }

    private mutating func round(keeping keep: Int) {
        guard keep < digits.count else { return }
        guard keep >= 0 else {
            digits = []
            return
        }
        let next = digits[keep]
        let rest = digits[(keep + 1)...].contains { $0 != 0 }
        let previousOdd = keep > 0 && digits[keep - 1] % 2 == 1
        let up = next > 5 || (next == 5 && (rest || previousOdd))
        digits.removeSubrange(keep...)
        if up {
            var i = keep - 1
            while i >= 0, digits[i] == 9 {
                digits[i] = 0
                i -= 1
            }
            if i >= 0 {
                digits[i] += 1
            } else {
                digits.insert(1, at: 0)
                point += 1
            }
        }
        while digits.last == 0 { digits.removeLast() }
        if digits.isEmpty { point = 0 }
    }

    var integerDigits: [Int] {
        guard point > 0 else { return [] }
        return (0..<point).map { $0 < digits.count ? digits[$0] : 0 }
    }

    func fractionDigits(_ limit: Int) -> [Int] {
        var out: [Int] = []
        var i = point
        while out.count < limit, i < digits.count {
            out.append(i >= 0 ? digits[i] : 0)
            i += 1
        }
        return out
    }
}
