/// What an evaluation may not find for itself: randomness, ids, the time, and its limits.
public struct JSONataEnvironment: Sendable {
    /// A number in `0..<1` for `$random()`.
    public var random: @Sendable () -> Double
    /// A fresh UUID string for `$uuid()`.
    public var uuid: @Sendable () -> String
    /// The evaluation's "now", epoch milliseconds, for `$now()` and `$millis()`.
    public var now: Int64
    /// The deepest nesting of evaluation (recursion) before `U1001`.
    public var maxDepth: Int
    /// The largest array the range operator may build before `D2014`.
    public var maxRangeSize: Int
    /// The number of evaluation steps allowed before `U1001`; nil for no budget.
    public var maxSteps: Int?
    /// The longest string (UTF-8 bytes) an evaluation may build before it fails (`RangeError`, as JavaScript's
    /// `Invalid string length`).
    public var maxStringLength = 512 * 1024 * 1024
    /// Functions added to (or replacing) the library, by name without the `$`, bound for each evaluation.
    public var functions: [String: JSONataFunction] = [:]
    /// Host functions bound once (`JSONataLibrary`); `functions` go over them.
    public var library: JSONataLibrary?

    public init(
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        uuid: @escaping @Sendable () -> String = { "00000000-0000-4000-8000-000000000000" },
        now: Int64 = 0, maxDepth: Int = 500, maxRangeSize: Int = 10_000_000, maxSteps: Int? = nil
    ) {
        self.random = random
        self.uuid = uuid
        self.now = now
        self.maxDepth = maxDepth
        self.maxRangeSize = maxRangeSize
        self.maxSteps = maxSteps
    }
}
