import CortadoJSON
import CortadoStore

extension LogsService {
    static let streamOrders = ["LogStreamName", "LastEventTime"]

    /// `DescribeLogStreams`: by name from the store (at `logStreamNamePrefix`), or, for `descending` or
    /// `orderBy: LastEventTime`, every stream of the group read and sorted (a group's streams are few
    /// next to its events).
    func describeLogStreams(_ r: Request) async throws -> JSON {
        let group = try groupName(r)
        let prefix = try r.string("logStreamNamePrefix")
        if let prefix {
            try r.checkParameterLength(prefix, "logStreamNamePrefix", max: 512)
            try checkStreamName(prefix, member: "logStreamNamePrefix")
        }
        let orderBy = try r.string("orderBy") ?? "LogStreamName"
        guard Self.streamOrders.contains(orderBy) else {
            throw AWSError.parameterConstraint(
                "'\(orderBy)'", at: "orderBy", "Member must satisfy enum value set: [\(Self.streamOrders.joined(separator: ", "))]")
        }
        if orderBy == "LastEventTime", prefix != nil {
            throw AWSError.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.")
        }
        let descending = try r.bool("descending") ?? false
        let limit = try r.parameterLimit(1...50, default: 50)
        let token = try r.logsToken()
        _ = try await requireGroup(group)

        let kind = LogKind.streams(group)
        let page: Page<ResourceRecord>
        if orderBy == "LogStreamName" && !descending {
            page = try await collect(
                kind: kind, from: token ?? prefix.map { PageToken.resources(kind: kind, after: $0) }, limit: limit,
                keep: { _ in true }, past: { record in prefix.map { !record.name.hasPrefix($0) } ?? false })
        } else {
            page = try await sortedStreams(
                group: group, prefix: prefix, byTime: orderBy == "LastEventTime", descending: descending,
                limit: limit, token: token)
        }
        var o: JSONObject = [
            "logStreams": .array(page.items.map { LogStreamDocument($0).described(name: $0.name, arn: $0.arn) })
        ]
        if let next = page.nextToken { o["nextToken"] = .string(next) }
        return .object(o)
    }

    /// Every stream of the group (with the prefix) sorted by last event time or name, then paged; the
    /// token carries the last stream's sort key.
    func sortedStreams(
        group: String, prefix: String?, byTime: Bool, descending: Bool, limit: Int, token: String?
    ) async throws -> Page<ResourceRecord> {
        let kind = LogKind.streams(group)
        var all: [(key: String, record: ResourceRecord)] = []
        var cursor = prefix.map { PageToken.resources(kind: kind, after: $0) }
        reading: while true {
            let page = try await store.listResources(kind: kind, limit: 1000, pageToken: cursor)
            for record in page.items {
                if let prefix, !record.name.hasPrefix(prefix) { break reading }
                let time = LogStreamDocument(record).lastEventTimestamp ?? 0
                all.append((byTime ? LogEventKey.digits(time, 19) : "", record))
            }
            guard let next = page.nextToken else { break }
            cursor = next
        }
        func precedes(_ a: (key: String, name: String), _ b: (key: String, name: String)) -> Bool {
            descending ? (a.key, a.name) > (b.key, b.name) : (a.key, a.name) < (b.key, b.name)
        }
        all.sort { precedes(($0.key, $0.record.name), ($1.key, $1.record.name)) }
        let list = "log-streams:\(byTime ? "LastEventTime" : "LogStreamName"):\(descending):\(group)"
        if let token {
            let after = try PageToken.key(token, list: list, count: 2)
            all.removeAll { !precedes((after[0], after[1]), ($0.key, $0.record.name)) }
        }
        let items = all.prefix(limit)
        let next = all.count > limit ? items.last.map { PageToken.make(list, [$0.key, $0.record.name]) } : nil
        return Page(items: items.map(\.record), nextToken: next)
    }
}
