extension JSON {
    /// Whether the compact JSON text of this value is longer than `limit` bytes; stops counting
    /// as soon as it is, so checking a payload against AWS's 256 KiB limit is cheap.
    ///
    /// The count is exact (escapes, digits and separators included), so a payload of exactly
    /// `limit` bytes fits and one byte more does not.
    public func encodedSizeExceeds(_ limit: Int) -> Bool {
        var budget = limit
        return !Self.fits(self, &budget)
    }

    /// The byte length of the compact JSON text when it is at most `limit`, else nil; counted as
    /// `encodedSizeExceeds` counts, without printing.
    public func encodedSize(notOver limit: Int) -> Int? {
        var budget = limit
        return Self.fits(self, &budget) ? limit - budget : nil
    }

    /// The byte length of the compact JSON text.
    public var encodedSize: Int { text.utf8.count }

    private static func fits(_ v: JSON, _ budget: inout Int) -> Bool {
        switch v {
        case .null: budget -= 4
        case .bool(let b): budget -= b ? 4 : 5
        case .int(let i): budget -= digitCount(i)
        case .double(let d): budget -= JSONPrinter.formatDouble(d).utf8.count
        case .string(let s): budget -= stringSize(s)
        case .array(let a):
            budget -= 2 + max(0, a.count - 1)
            for x in a where !fits(x, &budget) { return false }
        case .object(let o):
            // Braces, a colon per member and commas between them.
            budget -= 2 + o.count + max(0, o.count - 1)
            for k in 0..<o.count {
                budget -= stringSize(o.keys[k])
                if budget < 0 || !fits(o.values[k], &budget) { return false }
            }
        }
        return budget >= 0
    }

    /// Bytes of the printed integer, sign included.
    private static func digitCount(_ i: Int) -> Int {
        var n = i < 0 ? 2 : 1
        var m = i.magnitude
        while m >= 10 {
            m /= 10
            n += 1
        }
        return n
    }

    /// Bytes of the quoted, escaped string, as `JSONPrinter.writeString` prints it.
    private static func stringSize(_ s: String) -> Int {
        var n = 2
        for b in s.utf8 {
            if b >= 0x20 {
                n += (b == 0x22 || b == 0x5C) ? 2 : 1
            } else {
                switch b {
                case 0x0A, 0x0D, 0x09, 0x08, 0x0C: n += 2
                default: n += 6
                }
            }
        }
        return n
    }
}
