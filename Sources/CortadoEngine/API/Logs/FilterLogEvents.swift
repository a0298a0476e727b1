import CortadoJSON
import CortadoStore

extension LogsService {
    /// Most events one FilterLogEvents call reads before it answers with what it found and a token, so
    /// a rare match in a large group does not hold one request for long (AWS also returns short pages).
    static let filterScanLimit = 50_000

    /// `FilterLogEvents`: the group's events interleaved in time order within [startTime, endTime], from
    /// the named streams or those with the prefix, that match `filterPattern`. `interleaved` is accepted
    /// and ignored (AWS has always interleaved since 2019); `searchedLogStreams` is empty, as on AWS.
    func filterLogEvents(_ r: Request) async throws -> JSON {
        let group = try groupName(r)
        var names: Set<String>?
        if let list = try r.array("logStreamNames") {
            if list.isEmpty || list.count > 100 {
                throw AWSError.parameterConstraint(
                    "'[]'", at: "logStreamNames",
                    "Member must have length \(list.isEmpty ? "greater than or equal to 1" : "less than or equal to 100")")
            }
            var set = Set<String>()
            for (i, item) in list.enumerated() {
                guard let name = item.stringValue else {
                    throw AWSError.serialization("Unexpected value for 'logStreamNames': expected a string, got \(item.typeName)")
                }
                try checkStreamName(name, member: "logStreamNames.\(i + 1).member")
                set.insert(name)
            }
            names = set
        }
        let prefix = try r.string("logStreamNamePrefix")
        if let prefix {
            try r.checkParameterLength(prefix, "logStreamNamePrefix", max: 512)
            try checkStreamName(prefix, member: "logStreamNamePrefix")
        }
        if names != nil, prefix != nil {
            throw AWSError.invalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.")
        }
        let startTime = try r.timestamp("startTime") ?? 0
        let endTime = try r.timestamp("endTime")
        let patternText = try r.string("filterPattern") ?? ""
        try r.checkParameterLength(patternText, "filterPattern", max: 1024, min: 0)
        let pattern: LogFilterPattern
        do {
            pattern = try LogFilterPattern(patternText)
        } catch {
            throw AWSError.invalidParameter("Invalid filter pattern")
        }
        let limit = try r.parameterLimit(1...10_000, default: 10_000)
        let token = try r.logsToken()
        _ = try r.bool("interleaved")
        _ = try r.bool("unmask")
        _ = try await requireGroup(group)

        let before = endTime.map { LogEventKey.bound(after: $0) }
        var scan =
            if let token {
                LogEventScan(store: store, group: group, cursor: token, before: before)
            } else {
                LogEventScan(store: store, group: group, after: LogEventKey.bound(startTime), before: before)
            }
        var events: [JSON] = []
        var bytes = 0
        var read = 0
        var resumeAfter: ResourceRecord?
        var more = false
        scanning: while !scan.finished {
            for record in try await scan.next(1000) {
                guard let event = StoredLogEvent(record) else { continue }
                let wanted =
                    (names?.contains(event.stream) ?? true) && (prefix.map { event.stream.hasPrefix($0) } ?? true)
                    && pattern.matches(event.message)
                if wanted {
                    if !events.isEmpty && bytes + event.size > Self.pageBytes {
                        more = true
                        break scanning
                    }
                    events.append([
                        "logStreamName": .string(event.stream), "timestamp": .int(Int(event.timestamp)),
                        "message": .string(event.message), "ingestionTime": .int(Int(event.ingestionTime)),
                        "eventId": .string(event.eventId),
                    ])
                    bytes += event.size
                }
                resumeAfter = record
                read += 1
                if events.count == limit || read >= Self.filterScanLimit {
                    more = true
                    break scanning
                }
            }
        }
        var o: JSONObject = ["events": .array(events), "searchedLogStreams": []]
        if more, let last = resumeAfter {
            o["nextToken"] = .string(PageToken.resources(kind: LogKind.events(group), after: last.name, arn: last.arn))
        }
        return .object(o)
    }
}
