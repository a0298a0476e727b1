import Synchronization

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

/// A deterministic random source (SplitMix64), for tests and replayable runs.
public final class SeededRandomSource: RandomSource {
    private let state: Mutex<UInt64>

    public init(seed: UInt64) { state = Mutex(seed) }

    private func next() -> UInt64 {
        state.withLock { s in
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private struct Generator: RandomNumberGenerator {
        let source: SeededRandomSource
        mutating func next() -> UInt64 { source.next() }
    }

    public func uuid() -> String { UUIDFormat.v4(from: Generator(source: self)) }

    public func int(in range: Range<Int>) -> Int {
        var g = Generator(source: self)
        return Int.random(in: range, using: &g)
    }
}
