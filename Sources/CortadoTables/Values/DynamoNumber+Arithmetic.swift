/// Exact decimal addition and subtraction, for `SET a = a + :n` and `ADD`.
extension DynamoNumber {
    public static func + (a: DynamoNumber, b: DynamoNumber) throws(TableError) -> DynamoNumber {
        if a.isZero { return b }
        if b.isZero { return a }
        // Both as integers at the smaller exponent, least significant digit first.
        let exponent = min(a.exponent, b.exponent)
        let x = a.aligned(to: exponent)
        let y = b.aligned(to: exponent)
        if a.isNegative == b.isNegative {
            return try DynamoNumber(digits: add(x, y).reversed(), exponent: exponent, negative: a.isNegative)
        }
        let order = compareMagnitude(a, b)
        if order == 0 { return .zero }
        let (larger, smaller, negative) = order > 0 ? (x, y, a.isNegative) : (y, x, b.isNegative)
        return try DynamoNumber(digits: subtract(larger, smaller).reversed(), exponent: exponent, negative: negative)
    }

    public static func - (a: DynamoNumber, b: DynamoNumber) throws(TableError) -> DynamoNumber {
        try a + b.negated
    }

    public var negated: DynamoNumber { DynamoNumber(unchecked: digits, exponent: exponent, negative: !isNegative) }

    /// The digits of the magnitude as an integer times `10^exponent`, least significant first.
    private func aligned(to exponent: Int) -> [UInt8] {
        [UInt8](repeating: 0, count: self.exponent - exponent) + digits.reversed()
    }

    private static func add(_ x: [UInt8], _ y: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var carry: UInt8 = 0
        for i in 0..<max(x.count, y.count) {
            let s = (i < x.count ? x[i] : 0) + (i < y.count ? y[i] : 0) + carry
            out.append(s % 10)
            carry = s / 10
        }
        if carry > 0 { out.append(carry) }
        return out
    }

    /// x - y for x >= y.
    private static func subtract(_ x: [UInt8], _ y: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var borrow: Int = 0
        for i in 0..<x.count {
            var d = Int(x[i]) - (i < y.count ? Int(y[i]) : 0) - borrow
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 10 }
            out.append(UInt8(d))
        }
        return out
    }
}
