import CortadoJSON
import CortadoStore
import CortadoTables
import Foundation

/// DynamoDB Streams' API (`X-Amz-Target: DynamoDBStreams_20120810.<Action>`): one shard per stream,
/// records read from the table's stream space. Shard iterators are opaque: base64 of the stream ARN and
/// the sequence number to read after.
public final class DynamoDBStreamsService: Sendable {
    let tables: DynamoDBService

    public init(tables: DynamoDBService) { self.tables = tables }

    static let shardId = "shardId-00000001000000000000-00000001"

    static let actions: ActionTable<DynamoDBStreamsService> = [
        "ListStreams": { try await $0.listStreams($1) },
        "DescribeStream": { try await $0.describeStream($1) },
        "GetShardIterator": { try await $0.getShardIterator($1) },
        "GetRecords": { try await $0.getRecords($1) },
    ]

    public func handle(action: String, body: JSON) async -> Result<JSON, AWSError> {
        await runAction(action, body: body, on: self, in: Self.actions).mapError { e in
            var e = e
            e.type = DynamoDBService.wireType(e.type)
            return e
        }
    }

    func stream(_ arn: String) async throws -> DynamoDBService.Table {
        guard let table = try? await tables.table(DynamoDBService.tableName(arn)), table.streamArn == arn else {
            throw AWSError("ResourceNotFoundException", "Requested resource not found: Stream: \(arn) not found")
        }
        return table
    }

    func listStreams(_ r: Request) async throws -> JSON {
        let only = try r.string("TableName")
        var streams: [JSON] = []
        for record in try await tables.store.allResources(kind: DynamoDBService.kind) {
            guard let table = try? DynamoDBService.table(from: record.json), let arn = table.streamArn else { continue }
            if let only, only != table.schema.name { continue }
            streams.append([
                "StreamArn": .string(arn), "TableName": .string(table.schema.name),
                "StreamLabel": table.description["LatestStreamLabel"] ?? "",
            ])
        }
        return ["Streams": .array(streams)]
    }

    func describeStream(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("StreamArn", wire: "streamArn")
        let table = try await stream(arn)
        var shard: JSONObject = ["ShardId": .string(Self.shardId)]
        let first = try await tables.streamRecords(table: table.schema.name, after: 0, limit: 1).first
        shard["SequenceNumberRange"] = ["StartingSequenceNumber": .string(DynamoDBService.sequenceText(first?.0 ?? 1))]
        return [
            "StreamDescription": [
                "StreamArn": .string(arn), "StreamLabel": table.description["LatestStreamLabel"] ?? "", "StreamStatus": "ENABLED",
                "StreamViewType": .string(table.streamViewType ?? ""),
                "CreationRequestDateTime": table.description["CreationDateTime"] ?? 0, "TableName": .string(table.schema.name),
                "KeySchema": table.description["KeySchema"] ?? [], "Shards": [.object(shard)],
            ]
        ]
    }

    func getShardIterator(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("StreamArn", wire: "streamArn")
        _ = try await stream(arn)
        let shard = try r.requiredString("ShardId", wire: "shardId")
        guard shard == Self.shardId else {
            throw AWSError("ResourceNotFoundException", "Requested resource not found: Shard does not exist")
        }
        let type = try r.requiredString("ShardIteratorType", wire: "shardIteratorType")
        let after: Int64
        switch type {
        case "TRIM_HORIZON": after = 0
        case "LATEST": after = await tables.latestSequence(streamArn: arn) ?? 0
        case "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER":
            guard let text = try r.string("SequenceNumber"), let n = Int64(text) else {
                throw AWSError.validation("SequenceNumber must be given for \(type)")
            }
            after = type == "AT_SEQUENCE_NUMBER" ? n - 1 : n
        default:
            throw AWSError.constraint(
                "'\(type)'", at: "shardIteratorType",
                "Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]")
        }
        return ["ShardIterator": .string(Self.iterator(arn, after))]
    }

    func getRecords(_ r: Request) async throws -> JSON {
        let text = try r.requiredString("ShardIterator", wire: "shardIterator")
        guard let (arn, after) = Self.position(text) else { throw AWSError.validation("Invalid ShardIterator") }
        let table = try await stream(arn)
        let limit = try r.int("Limit") ?? 1000
        let records = try await tables.streamRecords(table: table.schema.name, after: after, limit: max(1, min(limit, 1000)))
        let next = records.last?.0 ?? after
        return [
            "Records": .array(records.map { Self.withoutSource($0.1) }), "NextShardIterator": .string(Self.iterator(arn, next)),
        ]
    }

    /// GetRecords' records have no `eventSourceARN` (a function's event does).
    static func withoutSource(_ record: JSON) -> JSON {
        guard case .object(var o) = record else { return record }
        o["eventSourceARN"] = nil
        return .object(o)
    }

    static func iterator(_ arn: String, _ after: Int64) -> String {
        Data("\(after)|\(arn)".utf8).base64EncodedString()
    }

    static func position(_ iterator: String) -> (String, Int64)? {
        guard let data = Data(base64Encoded: iterator), let text = String(data: data, encoding: .utf8),
            let bar = text.firstIndex(of: "|"), let after = Int64(text[..<bar])
        else { return nil }
        return (String(text[text.index(after: bar)...]), after)
    }
}
