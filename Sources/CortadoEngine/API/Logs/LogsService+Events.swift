import CortadoJSON
import CortadoStore

/// Reads a group's events in key order (time, then number) a store page at a time, from a position up
/// to an exclusive bound on keys.
struct LogEventScan {
    let store: any ExecutionStore
    let kind: String
    let before: String?
    private(set) var cursor: String?
    private(set) var finished = false

    /// Starts after `cursor` (a page token of the group's event list).
    init(store: any ExecutionStore, group: String, cursor: String, before: String?) {
        self.store = store
        kind = LogKind.events(group)
        self.cursor = cursor
        self.before = before
    }

    /// Starts just after the position (`key`, `arn`); with `arn` empty, at the first event keyed `key`
    /// or later (a timestamp bound sorts before that timestamp's events).
    init(store: any ExecutionStore, group: String, after key: String, arn: String = "", before: String?) {
        self.init(
            store: store, group: group, cursor: PageToken.resources(kind: LogKind.events(group), after: key, arn: arn), before: before)
    }

    /// The next records, or none once the scan is over.
    mutating func next(_ count: Int = 500) async throws -> [ResourceRecord] {
        if finished { return [] }
        let page = try await store.listResources(kind: kind, limit: count, pageToken: cursor)
        var items = page.items
        if let before, let cut = items.firstIndex(where: { $0.name >= before }) {
            items.removeSubrange(cut...)
            finished = true
        }
        if page.nextToken == nil { finished = true }
        cursor = page.nextToken
        return items
    }
}

extension LogsService {
    /// Largest page of events GetLogEvents and FilterLogEvents return, as AWS counts it (message + 26).
    static let pageBytes = 1_048_576

    func streamLockKey(group: String, stream: String) -> String { group + "\u{1F}" + stream }

    /// Appends events (in time order) to a stream of an existing group and rewrites the stream's
    /// document, in one store write under the stream's lock. Creates the stream if `create`.
    func appendEvents(
        group: String, stream: String, events: [(timestamp: Int64, message: String)], create: Bool
    ) async throws -> LogStreamDocument {
        try await streamLocks.withLock(streamLockKey(group: group, stream: stream)) {
            _ = try await requireGroup(group)
            let arn = streamArn(group: group, stream: stream)
            var document: LogStreamDocument
            if let existing = try await self.stream(group: group, name: stream) {
                document = existing
            } else if create {
                document = LogStreamDocument(creationTime: clock.now())
            } else {
                throw AWSError.logStreamNotFound
            }
            guard !events.isEmpty else { return document }
            let now = clock.now()
            var records: [ResourceRecord] = []
            records.reserveCapacity(events.count + 1)
            for e in events {
                document.sequence += 1
                let event = StoredLogEvent(
                    stream: stream, sequence: document.sequence, timestamp: min(max(e.timestamp, 0), .max - 1), message: e.message,
                    ingestionTime: now)
                records.append(event.record(group: group))
                document.firstEventTimestamp = min(document.firstEventTimestamp ?? event.timestamp, event.timestamp)
                document.lastEventTimestamp = max(document.lastEventTimestamp ?? event.timestamp, event.timestamp)
            }
            document.lastIngestionTime = now
            records.append(document.record(group: group, name: stream, arn: arn))
            try await batcher.put(records)
            if changes.isWatched { changes.publish("logs:\(group)") }
            return document
        }
    }

    /// One stream's events with keys after the position (`after`, `arn`) and before `before`, in order:
    /// at most `limit`, and no more than `maxBytes` (at least one event).
    func readForward(
        group: String, stream: String, after: String, arn: String = "", before: String?, limit: Int, maxBytes: Int = LogsService.pageBytes
    ) async throws -> [StoredLogEvent] {
        var scan = LogEventScan(store: store, group: group, after: after, arn: arn, before: before)
        var events: [StoredLogEvent] = []
        var bytes = 0
        while !scan.finished {
            for record in try await scan.next() {
                guard let event = StoredLogEvent(record), event.stream == stream else { continue }
                if !events.isEmpty && bytes + event.size > maxBytes { return events }
                events.append(event)
                bytes += event.size
                if events.count == limit { return events }
            }
        }
        return events
    }

    /// The last `limit` events of a stream with keys after `after` and before `before`, in order, no
    /// more than a page's bytes. The store lists forwards only, so this reads windows of time backwards
    /// from `before`, each eight times longer, until it has enough or reaches `after`.
    func readBackward(
        group: String, stream: String, from earliest: Int64, after: String, before: String, limit: Int
    ) async throws -> [StoredLogEvent] {
        var collected: [StoredLogEvent] = []
        var upper = before
        var upperTime = LogEventKey.timestamp(ofKey: upper)
        var span: Int64 = 60_000
        while true {
            let start = max(earliest, upperTime > span ? upperTime - span : 0)
            let lower = max(LogEventKey.bound(start), after)
            collected =
                try await readForward(group: group, stream: stream, after: lower, before: upper, limit: .max, maxBytes: .max)
                + collected
            if collected.count >= limit || start <= earliest { break }
            upper = lower
            upperTime = start
            span = min(span * 8, 1 << 52)
        }
        var page: [StoredLogEvent] = []
        var bytes = 0
        for event in collected.reversed() {
            if page.count == limit || (!page.isEmpty && bytes + event.size > Self.pageBytes) { break }
            page.append(event)
            bytes += event.size
        }
        return page.reversed()
    }
}
