import Foundation

/// The engine's time: epoch milliseconds now, and sleeping until a moment of that time.
public protocol EngineClock: Sendable {
    func now() -> Int64
    /// Sleeps until `time` (epoch milliseconds on this clock) or the task is cancelled.
    func sleep(until time: Int64) async throws
}

/// The wall clock, optionally running `scale` times faster from the moment it is made: with scale 60 a
/// one-minute Wait takes a second. Timestamps advance at the same speed, so histories stay consistent.
public struct ScaledWallClock: EngineClock {
    public let scale: Double
    let origin: Int64

    public init(scale: Double = 1) {
        precondition(scale > 0, "the time scale must be positive")
        self.scale = scale
        self.origin = Self.wallNow()
    }

    static func wallNow() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    public func now() -> Int64 {
        let wall = Self.wallNow()
        if scale == 1 { return wall }
        return origin + Int64((Double(wall - origin) * scale).rounded(.down))
    }

    public func sleep(until time: Int64) async throws {
        let delta = Double(time - now()) / scale
        if delta <= 0 { return }
        try await Task.sleep(nanoseconds: UInt64(delta * 1_000_000))
    }
}
