/// The linear congruential generator of `java.util.Random`, bit for bit, so that a seeded
/// `States.MathRandom` gives the numbers a JVM gives for the same seed.
struct JavaRandom {
    private static let multiplier: Int64 = 0x5_DEEC_E66D
    private static let mask: Int64 = (1 << 48) - 1
    private var seed: Int64

    init(seed: Int64) { self.seed = (seed ^ Self.multiplier) & Self.mask }

    mutating func next(bits: Int) -> Int32 {
        seed = (seed &* Self.multiplier &+ 0xB) & Self.mask
        return Int32(truncatingIfNeeded: seed >> (48 - bits))
    }

    /// `Random.nextInt(int bound)`: uniform in `0..<bound`; `bound` must be positive.
    mutating func nextInt(bound: Int32) -> Int32 {
        precondition(bound > 0)
        var r = next(bits: 31)
        let m = bound &- 1
        if bound & m == 0 {
            return Int32(truncatingIfNeeded: (Int64(bound) &* Int64(r)) >> 31)
        }
        var u = r
        while true {
            r = u % bound
            // Java rejects draws from the incomplete last block via int overflow.
            if u &- r &+ m >= 0 { return r }
            u = next(bits: 31)
        }
    }
}
