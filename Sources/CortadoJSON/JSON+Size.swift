extension JSON {
    /// Whether the compact JSON text of this value is longer than `limit` bytes; stops counting
    /// as soon as it is, so checking a payload against AWS's 256 KiB limit is cheap.
    public func encodedSizeExceeds(_ limit: Int) -> Bool {
        var budget = limit
        return !Self.fits(self, &budget)
    }

    /// The byte length of the compact JSON text.
    public var encodedSize: Int { text.utf8.count }

    private static func fits(_ v: JSON, _ budget: inout Int) -> Bool {
        switch v {
        case .null: budget -= 4
        case .bool(let b): budget -= b ? 4 : 5
        case .int(let i): budget -= i < 0 ? 20 : (i < 10 ? 1 : (i < 100_000 ? 5 : 19))
        case .double: budget -= 24
        case .string(let s): budget -= s.utf8.count + 2
        case .array(let a):
            budget -= 2 + a.count
            for x in a where !fits(x, &budget) { return false }
        case .object(let o):
            budget -= 2 + o.count * 2
            for k in 0..<o.count {
                budget -= o.keys[k].utf8.count + 2
                if !fits(o.values[k], &budget) { return false }
            }
        }
        return budget >= 0
    }
}
