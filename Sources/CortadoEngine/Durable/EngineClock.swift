import Foundation

/// The engine's time: epoch milliseconds now, and sleeping until a moment of that time.
public protocol EngineClock: Sendable {
    func now() -> Int64
    /// Sleeps until `time` (epoch milliseconds on this clock) or the task is cancelled.
    func sleep(until time: Int64) async throws
}

/// The wall clock, optionally running `scale` times faster from the moment it is made: with scale 60 a
/// one-minute Wait takes a second. Timestamps advance at the same speed, so histories stay consistent.
///
/// A scaled clock runs ahead of the wall clock; after a restart it must not run behind where it had got
/// to, or stored timers fire late and new events are stamped before old ones. `resumingAfter` is the
/// newest time the previous run is known to have reached (`ClockMark` keeps it in the data directory).
public struct ScaledWallClock: EngineClock {
    public let scale: Double
    let origin: Int64
    let base: Int64

    public init(scale: Double = 1, resumingAfter mark: Int64? = nil) {
        precondition(scale > 0, "the time scale must be positive")
        self.scale = scale
        self.origin = Self.wallNow()
        self.base = max(origin, mark ?? origin)
    }

    static func wallNow() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    public func now() -> Int64 {
        let wall = Self.wallNow()
        if scale == 1 { return wall }
        return base + Int64((Double(wall - origin) * scale).rounded(.down))
    }

    public func sleep(until time: Int64) async throws {
        let delta = Double(time - now()) / scale
        if delta <= 0 { return }
        try await Task.sleep(nanoseconds: UInt64(delta * 1_000_000))
    }
}

/// Where a scaled clock had got to, kept in a file of the data directory so that the next run resumes
/// after it. Written every `interval` of wall time; a run killed in between loses at most that much
/// scaled time, which `resumePoint` adds back as a margin (the clock may jump ahead, never back).
public struct ClockMark: Sendable {
    public let url: URL
    public let interval: Duration

    public init(url: URL, interval: Duration = .milliseconds(100)) {
        self.url = url
        self.interval = interval
    }

    /// The time a new run at `scale` should resume after, or nil if no earlier run left a mark.
    public func resumePoint(scale: Double) -> Int64? {
        guard let text = try? String(contentsOf: url, encoding: .utf8),
            let saved = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return nil }
        let margin = Double(interval.components.seconds) * 1000 + Double(interval.components.attoseconds) / 1e15
        return saved + Int64((2 * margin * max(scale, 1)).rounded(.up))
    }

    /// Writes the clock's time every `interval` until cancelled.
    public func keep(_ clock: any EngineClock) async {
        while !Task.isCancelled {
            try? String(clock.now()).write(to: url, atomically: true, encoding: .utf8)
            try? await Task.sleep(for: interval)
        }
    }
}
