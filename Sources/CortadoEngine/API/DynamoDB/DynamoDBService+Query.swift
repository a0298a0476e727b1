import CortadoJSON
import CortadoStore
import CortadoTables

extension DynamoDBService {
    /// DynamoDB stops a page after 1 MB of items read, before the filter.
    static let pageBytes = 1 << 20

    /// What Query and Scan share: the index read, the filter, the projection and `Select`.
    struct Read {
        var table: Table
        var index: IndexSchema?
        var filter: ConditionExpression?
        var projection: ProjectionExpression?
        var select: String
        var limit: Int?
        var after: ItemPosition?
        var space: String { index.map { table.schema.space(of: $0) } ?? table.schema.space }
    }

    func read(_ r: Request, table: Table, keyCondition: String?) throws -> (Read, KeyCondition?) {
        var index: IndexSchema? = nil
        if let name = try r.string("IndexName") {
            guard let found = table.schema.index(named: name) else {
                throw AWSError.validation("The table does not have the specified index: \(name)")
            }
            index = found
            if found.isGlobal, try r.bool("ConsistentRead") == true {
                throw AWSError.validation("Consistent reads are not supported on global secondary indexes")
            }
        }
        var attributes = try Self.expressionAttributes(r)
        let keys = index?.keys ?? table.schema.keys
        let key = try keyCondition.map { text in
            try KeyCondition.parse(text, partitionKey: keys.partition.name, sortKey: keys.sort?.name, attributes: &attributes)
        }
        let filter = try r.string("FilterExpression").map { text in
            try ConditionExpression.parse(text, kind: .filter, attributes: &attributes)
        }
        if keyCondition != nil, let filter, let name = keys.names.first(where: { filter.topLevelNames.contains($0) }) {
            throw AWSError.validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: \(name)")
        }
        let projection = try Self.projection(r, &attributes)
        try Self.checkExpressionsUsed(r, attributes, expressions: ["KeyConditionExpression", "FilterExpression", "ProjectionExpression"])
        if let key {
            for (element, value) in [(keys.partition, key.partitionValue)] where !element.type.matches(value) {
                throw AWSError.validation("One or more parameter values were invalid: Condition parameter type does not match schema type")
            }
        }

        let selects = ["ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"]
        var select =
            try r.string("Select")
            ?? (projection != nil ? "SPECIFIC_ATTRIBUTES" : (index != nil ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES"))
        guard selects.contains(select) else {
            throw AWSError.constraint(
                "'\(select)'", at: "select", "Member must satisfy enum value set: [\(selects.joined(separator: ", "))]")
        }
        if projection != nil, select != "SPECIFIC_ATTRIBUTES" {
            throw AWSError.validation("Cannot specify the ProjectionExpression when choosing to get \(select)")
        }
        if select == "ALL_PROJECTED_ATTRIBUTES", index == nil {
            throw AWSError.validation(
                "One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES is supported only for index queries or scans"
            )
        }
        if select == "ALL_ATTRIBUTES", let index, index.isGlobal, index.projection != .all {
            throw AWSError.validation(
                "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index \(index.name) because its projection type is not ALL"
            )
        }
        if select == "ALL_PROJECTED_ATTRIBUTES" { select = "ALL_ATTRIBUTES" }

        let limit = try r.int("Limit")
        if let limit, limit < 1 {
            throw AWSError.constraint("'\(limit)'", at: "limit", "Member must have value greater than or equal to 1")
        }
        var after: ItemPosition? = nil
        if let start = try r.object("ExclusiveStartKey") {
            let key = try ItemWire.decode(.object(start))
            let position = try table.schema.startPosition(key, index: index)
            after = ItemPosition(partition: position.partition, sort: position.sort)
        }
        return (Read(table: table, index: index, filter: filter, projection: projection, select: select, limit: limit, after: after), key)
    }

    func query(_ r: Request) async throws -> JSON {
        let table = try await requestTable(r)
        guard let text = try r.string("KeyConditionExpression") else {
            throw AWSError.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
        }
        let (read, key) = try read(r, table: table, keyCondition: text)
        guard let key else { throw AWSError.validation("Query key condition not supported") }
        let range = SortRange(key.sort)
        let query = ItemQuery(
            space: read.space, partition: KeyCodec.component(key.partitionValue),
            lower: range.lower.map { ItemBound($0.bytes, inclusive: $0.inclusive) },
            upper: range.upper.map { ItemBound($0.bytes, inclusive: $0.inclusive) }, after: read.after,
            reverse: !(try r.bool("ScanIndexForward") ?? true), limit: 0)
        return try await run(read, query, r, segment: nil)
    }

    func scan(_ r: Request) async throws -> JSON {
        let table = try await requestTable(r)
        let segment = try r.int("Segment")
        let total = try r.int("TotalSegments")
        if (segment == nil) != (total == nil) {
            throw AWSError.validation(
                "The TotalSegments parameter is required but was not present in the request when Segment parameter is present")
        }
        if let total, !(1...1_000_000).contains(total) {
            throw AWSError.constraint(
                "'\(total)'", at: "totalSegments",
                total < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 1000000")
        }
        if let segment, let total, segment < 0 || segment >= total {
            throw AWSError.validation(
                "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: \(segment) is not less than TotalSegments: \(total)"
            )
        }
        let (read, _) = try read(r, table: table, keyCondition: nil)
        let query = ItemQuery(space: read.space, partition: nil, after: read.after, limit: 0)
        return try await run(read, query, r, segment: segment.map { ($0, total!) })
    }

    /// Reads items in order until `Limit` items or 1 MB were read, filters and projects them.
    func run(_ read: Read, _ base: ItemQuery, _ r: Request, segment: (Int, Int)?) async throws -> JSON {
        var query = base
        var found: [JSON] = []
        var scanned = 0
        var matched = 0
        var bytes = 0
        var lastKey: Item? = nil
        var exhausted = false
        while !exhausted {
            let want = min(read.limit.map { $0 - scanned } ?? 1000, 1000)
            query.limit = want
            let page = try await items.items(query)
            if page.count < want { exhausted = true }
            guard let last = page.last else { break }
            query.after = last.position
            for entry in page {
                if let (index, total) = segment, Self.segment(of: entry.partition, total: total) != index { continue }
                let stored = try Self.decode(entry.value)
                let item = read.index.map { read.table.schema.project(stored, through: $0) } ?? stored
                scanned += 1
                bytes += itemSize(item)
                if try read.filter?.evaluate(item) ?? true {
                    matched += 1
                    if read.select != "COUNT" { found.append(ItemWire.encode(read.projection?.project(item) ?? item)) }
                }
                if scanned == read.limit || bytes >= Self.pageBytes {
                    lastKey = read.table.schema.lastEvaluatedKey(stored, index: read.index)
                    exhausted = true
                    break
                }
            }
        }
        var answer: JSONObject = ["Count": .int(matched)]
        if read.select != "COUNT" { answer["Items"] = .array(found) }
        answer["ScannedCount"] = .int(scanned)
        if let lastKey { answer["LastEvaluatedKey"] = ItemWire.encode(lastKey) }
        addCapacity(&answer, r, read.table, units: Self.readUnits(bytes, consistent: (try? r.bool("ConsistentRead")) == true))
        return .object(answer)
    }

    /// The segment of a parallel Scan an item falls in: a hash of its partition key.
    static func segment(of partition: [UInt8], total: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in partition {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(total))
    }
}
