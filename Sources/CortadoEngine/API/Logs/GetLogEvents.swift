import CortadoJSON

extension LogsService {
    /// `GetLogEvents`: one stream's events in time order within [startTime, endTime). Without a token,
    /// the earliest (`startFromHead`) or the latest `limit` events; a token (`f/…/s` forwards, `b/…/s`
    /// backwards) continues from where a page ended, and comes back unchanged when there is nothing more.
    func getLogEvents(_ r: Request) async throws -> JSON {
        let group = try groupName(r)
        let stream = try r.requiredParameter("logStreamName")
        try checkStreamName(stream)
        let startTime = try r.timestamp("startTime") ?? 0
        let endTime = try r.timestamp("endTime")
        let limit = try r.parameterLimit(1...10_000, default: 10_000)
        let startFromHead = try r.bool("startFromHead") ?? false
        _ = try r.bool("unmask")
        let token = try r.logsToken().map { text throws(AWSError) in try StreamPosition(token: text, stream: stream) }
        _ = try await requireGroup(group)
        let document = try await requireStream(group: group, name: stream)

        var events: [StoredLogEvent] = []
        if let first = document.firstEventTimestamp, let last = document.lastEventTimestamp {
            let earliest = max(startTime, first)
            let low = LogEventKey.bound(earliest)
            let end = LogEventKey.bound(after: last)
            let high = endTime.map { min(LogEventKey.bound($0), end) } ?? end
            if token?.forward ?? startFromHead {
                if let token, token.key > low {
                    let arn = LogEventKey.eventArn(stream: stream, sequence: LogEventKey.sequence(ofKey: token.key))
                    events = try await readForward(group: group, stream: stream, after: token.key, arn: arn, before: high, limit: limit)
                } else {
                    events = try await readForward(group: group, stream: stream, after: low, before: high, limit: limit)
                }
            } else {
                let before = token.map { min($0.key, high) } ?? high
                if before > low {
                    events = try await readBackward(
                        group: group, stream: stream, from: earliest, after: low, before: before, limit: limit)
                }
            }
        }

        let forward: String
        let backward: String
        if let first = events.first, let last = events.last {
            forward = StreamPosition(forward: true, eventId: last.eventId).token
            backward = StreamPosition(forward: false, eventId: first.eventId).token
        } else {
            // Nothing more this way: the same position, so a token comes back as it was sent.
            let id = token?.eventId ?? LogEventKey.position(at: startTime) + LogEventKey.streamDigits(stream)
            forward = StreamPosition(forward: true, eventId: id).token
            backward = StreamPosition(forward: false, eventId: id).token
        }
        let page: [JSON] = events.map {
            ["timestamp": .int(Int($0.timestamp)), "message": .string($0.message), "ingestionTime": .int(Int($0.ingestionTime))]
        }
        return ["events": .array(page), "nextForwardToken": .string(forward), "nextBackwardToken": .string(backward)]
    }
}

/// A GetLogEvents token: a direction and an event id (`f/<id>/s`, `b/<id>/s`, as AWS writes them). The
/// id is an event's key and its stream's digits, so a token of another stream is refused.
struct StreamPosition {
    var forward: Bool
    var eventId: String

    var key: String { String(eventId.prefix(38)) }
    var token: String { (forward ? "f/" : "b/") + eventId + "/s" }

    init(forward: Bool, eventId: String) {
        self.forward = forward
        self.eventId = eventId
    }

    init(token: String, stream: String) throws(AWSError) {
        let parts = token.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "f" || parts[0] == "b", parts[2] == "s", parts[1].utf8.count == 56,
            LogEventKey.isKey(parts[1].prefix(38)), parts[1].suffix(18) == LogEventKey.streamDigits(stream)
        else { throw .invalidNextToken }
        forward = parts[0] == "f"
        eventId = String(parts[1])
    }
}
