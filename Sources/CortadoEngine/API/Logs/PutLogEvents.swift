import CortadoJSON

extension LogsService {
    /// Largest batch PutLogEvents takes, counted as AWS does (each message in UTF-8 plus 26 bytes).
    static let batchBytes = 1_048_576
    static let day: Int64 = 86_400_000

    /// `PutLogEvents`: events more than 14 days old or 2 hours ahead of the clock are left out and
    /// reported in `rejectedLogEventsInfo`; the rest must be in time order and span at most 24 hours.
    /// The sequence token is ignored, as on AWS since 2023, and still returned.
    func putLogEvents(_ r: Request) async throws -> JSON {
        let group = try r.requiredParameter("logGroupName")
        try checkGroupName(group)
        let stream = try r.requiredParameter("logStreamName")
        try checkStreamName(stream)
        guard let items = try r.array("logEvents") else { throw AWSError.parameterMissing("logEvents") }
        if items.isEmpty {
            throw AWSError.parameterConstraint("'[]'", at: "logEvents", "Member must have length greater than or equal to 1")
        }
        if items.count > 10_000 {
            throw AWSError.invalidParameter(
                "1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000"
            )
        }
        if let token = try r.string("sequenceToken"), token.isEmpty {
            throw AWSError.parameterConstraint("''", at: "sequenceToken", "Member must have length greater than or equal to 1")
        }
        var events: [(timestamp: Int64, message: String)] = []
        events.reserveCapacity(items.count)
        var bytes = 0
        for (i, item) in items.enumerated() {
            let event = try Request(item)
            let member = "logEvents.\(i + 1).member"
            guard let timestamp = try event.timestamp("timestamp") else { throw AWSError.parameterMissing("\(member).timestamp") }
            guard let message = try event.string("message") else { throw AWSError.parameterMissing("\(member).message") }
            if message.isEmpty {
                throw AWSError.parameterConstraint("''", at: "\(member).message", "Member must have length greater than or equal to 1")
            }
            events.append((timestamp, message))
            bytes += message.utf8.count + 26
        }
        if bytes > Self.batchBytes {
            throw AWSError.invalidParameter("Upload too large: \(bytes) bytes exceeds limit of \(Self.batchBytes)")
        }
        for i in events.indices.dropFirst() where events[i].timestamp < events[i - 1].timestamp {
            throw AWSError.invalidParameter("Log events in a single PutLogEvents request must be in chronological order.")
        }

        let now = clock.now()
        let tooOld = events.partitioningIndex { $0.timestamp >= now - 14 * Self.day }
        let tooNew = events.partitioningIndex { $0.timestamp > now + Self.day / 12 }
        let accepted = Array(events[tooOld..<max(tooOld, tooNew)])
        if let first = accepted.first, let last = accepted.last, last.timestamp - first.timestamp > Self.day {
            throw AWSError.invalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.")
        }
        let document = try await appendEvents(group: group, stream: stream, events: accepted, create: false)

        var o: JSONObject = ["nextSequenceToken": .string(document.sequenceToken)]
        var rejected: JSONObject = [:]
        if tooOld > 0 { rejected["tooOldLogEventEndIndex"] = .int(tooOld) }
        if tooNew < events.count { rejected["tooNewLogEventStartIndex"] = .int(tooNew) }
        if !rejected.isEmpty { o["rejectedLogEventsInfo"] = .object(rejected) }
        return .object(o)
    }

    /// Appends events to a stream of an existing group, creating the stream if it is missing; for the
    /// event bus's log-group targets and (later) functions. Events are stored in time order whatever
    /// order they come in; AWS's age limits do not apply. `ResourceNotFoundException` if the group does
    /// not exist.
    public func append(group: String, stream: String, events: [(timestamp: Int64, message: String)]) async throws {
        try checkGroupName(group)
        try checkStreamName(stream)
        let ordered = events.enumerated().sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }
        _ = try await appendEvents(group: group, stream: stream, events: ordered.map(\.element), create: true)
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate false then true along the array.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
