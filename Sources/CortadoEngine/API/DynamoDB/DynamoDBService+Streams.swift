import CortadoJSON
import CortadoStore
import CortadoTables
import Foundation

extension DynamoDBService {
    /// Appends the change's stream record, in the same transaction as the change, when the table has a
    /// stream. A put that changes nothing makes no record, as on AWS.
    func recordStream(_ table: Table, old: Item?, new: Item?, in batch: TableWriteBatch) async throws {
        guard let view = table.streamViewType, let arn = table.streamArn, old != new else { return }
        let space = table.schema.streamSpace
        let sequence = try await batch.nextSequence(space: space)
        let keyItem = table.schema.keyItem(of: new ?? old ?? [:])
        var change: JSONObject = [
            "ApproximateCreationDateTime": .int(Int(clock.now() / 1000)), "Keys": ItemWire.encode(keyItem),
        ]
        if let new, view == "NEW_IMAGE" || view == "NEW_AND_OLD_IMAGES" { change["NewImage"] = ItemWire.encode(new) }
        if let old, view == "OLD_IMAGE" || view == "NEW_AND_OLD_IMAGES" { change["OldImage"] = ItemWire.encode(old) }
        change["SequenceNumber"] = .string(Self.sequenceText(sequence))
        change["SizeBytes"] = .int(itemSize(keyItem) + (new.map(itemSize) ?? 0) + (old.map(itemSize) ?? 0))
        change["StreamViewType"] = .string(view)
        let record: JSONObject = [
            "eventID": .string(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")),
            "eventName": .string(old == nil ? "INSERT" : (new == nil ? "REMOVE" : "MODIFY")),
            "eventVersion": "1.1", "eventSource": "aws:dynamodb", "awsRegion": .string(configuration.region),
            "dynamodb": .object(change), "eventSourceARN": .string(arn),
        ]
        batch.put(space: space, partition: [], sort: TableWriteBatch.sortBytes(of: sequence), value: Array(JSON.object(record).text.utf8))
        let name = table.schema.name
        batch.onCommit { [weak self] in
            guard let self else { return }
            for listener in self.streamListeners.withLock({ $0 }) { listener(name) }
        }
    }

    /// Sequence numbers as DynamoDB writes them: 21 digits, zero-padded.
    static func sequenceText(_ n: Int64) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 21 - digits.count)) + digits
    }

    /// Calls `listener` with a table's name after each commit that appended to its stream.
    public func onStreamRecords(_ listener: @escaping @Sendable (String) -> Void) {
        streamListeners.withLock { $0.append(listener) }
    }

    /// Stream records of a table after a sequence number, oldest first.
    public func streamRecords(table name: String, after sequence: Int64, limit: Int) async throws -> [(Int64, JSON)] {
        let space = "s/" + name
        let entries = try await items.items(
            ItemQuery(
                space: space, partition: nil, after: ItemPosition(partition: [], sort: TableWriteBatch.sortBytes(of: sequence)),
                limit: limit))
        return try entries.map { e in
            (TableWriteBatch.sequence(of: e.sort), try e.value.withUnsafeBytes { try JSON(parsing: $0) })
        }
    }
}
