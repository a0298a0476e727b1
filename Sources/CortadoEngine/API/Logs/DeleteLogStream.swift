import CortadoJSON

extension LogsService {
    /// `DeleteLogStream`: the stream and its events. The events are found between the stream's first
    /// and last timestamps in the group's time-ordered list.
    func deleteLogStream(_ r: Request) async throws -> JSON {
        let group = try r.requiredParameter("logGroupName")
        try checkGroupName(group)
        let name = try r.requiredParameter("logStreamName")
        try checkStreamName(name)
        _ = try await requireGroup(group)
        try await streamLocks.withLock(streamLockKey(group: group, stream: name)) {
            let stream = try await requireStream(group: group, name: name)
            if let first = stream.firstEventTimestamp, let last = stream.lastEventTimestamp {
                var scan = LogEventScan(
                    store: store, group: group, after: LogEventKey.bound(first), before: LogEventKey.bound(after: last))
                var arns: [String] = []
                while !scan.finished {
                    for record in try await scan.next(1000) where StoredLogEvent(record)?.stream == name {
                        arns.append(record.arn)
                    }
                }
                // Events first: a stream created again under this name numbers its events from 1.
                _ = try await store.deleteResources(kind: LogKind.events(group), arns: arns)
            }
            _ = try await store.deleteResource(kind: LogKind.streams(group), arn: streamArn(group: group, stream: name))
        }
        return [:]
    }
}
