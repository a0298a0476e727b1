/// One `Retry` rule of a Task, Parallel or Map state.
public struct Retrier: Sendable, Hashable {
    public enum JitterStrategy: String, Sendable, Hashable {
        case full = "FULL"
        case none = "NONE"
    }
    public var errorEquals: [ErrorName]
    public var intervalSeconds: Int = 1
    public var maxAttempts: Int = 3
    public var backoffRate: Double = 2.0
    public var maxDelaySeconds: Int?
    public var jitterStrategy: JitterStrategy = .none

    public func matches(_ error: ErrorName) -> Bool { errorEquals.contains { error.isMatched(by: $0) } }

    /// The delay before retry number `attempt` (0-based), before jitter, capped by MaxDelaySeconds.
    public func delay(forAttempt attempt: Int) -> Double {
        var d = Double(intervalSeconds) * pow(backoffRate, Double(attempt))
        if let cap = maxDelaySeconds { d = min(d, Double(cap)) }
        return d
    }
}

/// One `Catch` rule.
public struct Catcher: Sendable, Hashable {
    public var errorEquals: [ErrorName]
    public var next: String
    public var resultPath: ResultPath = .path(.identity)
    public var assign: PayloadTemplate?
    /// JSONata: `Output` (absent, `$states.errorOutput`) and `Assign`, with `$states.errorOutput` bound.
    public var output: JSONataTemplate?
    public var jsonataAssign: JSONataTemplate?

    public func matches(_ error: ErrorName) -> Bool { errorEquals.contains { error.isMatched(by: $0) } }
}

private func pow(_ a: Double, _ b: Double) -> Double {
    var r = 1.0
    var n = Int(b)
    while n > 0 {
        r *= a
        n -= 1
    }
    return r
}
