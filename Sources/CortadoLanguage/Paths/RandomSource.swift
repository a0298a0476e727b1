/// Where `States.UUID` and `States.MathRandom` get their randomness; passed in so tests replay.
public protocol RandomSource: Sendable {
    /// A random version-4 UUID in lower-case canonical form.
    func uuid() -> String
    /// A random integer in `range`.
    func int(in range: Range<Int>) -> Int
}

/// The system's random number generator.
public struct SystemRandomSource: RandomSource {
    public init() {}
    public func uuid() -> String { UUIDFormat.v4(from: SystemRandomNumberGenerator()) }
    public func int(in range: Range<Int>) -> Int { Int.random(in: range) }
}

enum UUIDFormat {
    static func v4(from generator: some RandomNumberGenerator) -> String {
        var g = generator
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &g) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { b -> String in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-"
            + String(c[20..<32])
    }
}
