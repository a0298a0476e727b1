/// What EventBridge knows about a delivery besides the event: the values of the predefined
/// placeholders `<aws.events.rule-arn>`, `<aws.events.rule-name>` and
/// `<aws.events.event.ingestion-time>`.
///
/// The bus passes the ingestion time in; the pure module reads no clock.
public struct TransformContext: Sendable, Hashable {
    /// The ARN of the rule whose target is being delivered to.
    public var ruleARN: String
    /// The rule's name.
    public var ruleName: String
    /// When the bus accepted the event, in milliseconds since the epoch.
    public var ingestionTime: Int64

    public init(ruleARN: String, ruleName: String, ingestionTime: Int64) {
        self.ruleARN = ruleARN
        self.ruleName = ruleName
        self.ingestionTime = ingestionTime
    }

    /// `<aws.events.event.ingestion-time>`: ISO 8601 in UTC to the second, the form of an event's `time`.
    public var ingestionTimeText: String { eventTime(milliseconds: ingestionTime) }
}

/// An event's `time` (and `<aws.events.event.ingestion-time>`): ISO 8601 in UTC to the second,
/// `2015-11-11T21:29:54Z`, as EventBridge writes it.
public func eventTime(milliseconds: Int64) -> String { UTCDateTime(milliseconds: milliseconds).iso8601 }
