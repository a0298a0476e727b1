/// A scheduled rule's `ScheduleExpression`: `rate(5 minutes)` or `cron(0 12 * * ? *)`, in UTC.
public struct ScheduleExpression: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case rate(RateSchedule)
        case cron(CronSchedule)
    }

    /// The expression as the rule was put.
    public let source: String
    public let kind: Kind

    public var description: String { source }

    /// AWS's answer to PutRule for any expression it cannot read (a `ValidationException`).
    public static let invalidMessage = "Parameter ScheduleExpression is not valid."

    /// Parses `rate(value unit)` or `cron(minutes hours day-of-month month day-of-week year)`.
    ///
    /// - Throws: `EventsError` with `Parameter ScheduleExpression is not valid.` for anything else.
    public init(parsing text: String) throws(EventsError) {
        source = text
        if let body = Self.body(of: text, after: "rate("), let rate = RateSchedule(parsing: body) {
            kind = .rate(rate)
        } else if let body = Self.body(of: text, after: "cron("), let cron = CronSchedule(parsing: body) {
            kind = .cron(cron)
        } else {
            throw EventsError(Self.invalidMessage)
        }
    }

    static func body(of text: String, after prefix: String) -> Substring? {
        guard text.hasPrefix(prefix), text.hasSuffix(")"), text.count > prefix.count else { return nil }
        return text.dropFirst(prefix.count).dropLast()
    }

    /// The first fire time strictly after `ms` (milliseconds since the epoch), or nil when the schedule
    /// never fires again (a cron expression whose years are all past).
    ///
    /// - Parameter start: when a rate schedule began counting (the rule's creation or enabling); a rate
    ///   schedule fires at `start + k × period` for `k ≥ 1`. Cron schedules ignore it.
    public func next(after ms: Int64, start: Int64) -> Int64? {
        switch kind {
        case .rate(let rate): rate.next(after: ms, start: start)
        case .cron(let cron): cron.next(after: ms)
        }
    }
}
