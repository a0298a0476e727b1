import CortadoJSON
import CortadoStore
import CortadoTables
import Foundation
import Synchronization

/// DynamoDB's API (`X-Amz-Target: DynamoDB_20120810.<Action>`, AWS JSON 1.0): tables as store
/// documents, items in the `ItemStore` (docs/architecture/tables.md). Transport-free like the other
/// services; the expression language and the key encoding are `CortadoTables`'.
public final class DynamoDBService: Sendable {
    public let store: any ExecutionStore
    public let items: any ItemStore
    public let clock: any EngineClock
    public let configuration: EngineConfiguration
    let writer: TableWriter
    /// Tables by name, as last read or written; the store is the truth, this saves a read per request.
    let tables = Mutex<[String: Table]>([:])
    /// Creating, updating and deleting one table run one at a time.
    let tableLocks = KeyedLock()
    /// Wakes the stream pollers when records were committed.
    let streamListeners = Mutex<[@Sendable (String) -> Void]>([])

    static let kind = "dynamodb-table"

    public init(store: any ExecutionStore, items: any ItemStore, clock: any EngineClock, configuration: EngineConfiguration) {
        self.store = store
        self.items = items
        self.clock = clock
        self.configuration = configuration
        writer = TableWriter(store: items)
    }

    static let actions: ActionTable<DynamoDBService> = [
        "CreateTable": { try await $0.createTable($1) },
        "DescribeTable": { try await $0.describeTable($1) },
        "ListTables": { try await $0.listTables($1) },
        "DeleteTable": { try await $0.deleteTable($1) },
        "UpdateTable": { try await $0.updateTable($1) },
        "DescribeTimeToLive": { try await $0.describeTimeToLive($1) },
        "UpdateTimeToLive": { try await $0.updateTimeToLive($1) },
        "PutItem": { try await $0.putItem($1) },
        "GetItem": { try await $0.getItem($1) },
        "UpdateItem": { try await $0.updateItem($1) },
        "DeleteItem": { try await $0.deleteItem($1) },
        "Query": { try await $0.query($1) },
        "Scan": { try await $0.scan($1) },
        "BatchGetItem": { try await $0.batchGetItem($1) },
        "BatchWriteItem": { try await $0.batchWriteItem($1) },
        "TransactWriteItems": { try await $0.transactWriteItems($1) },
        "TransactGetItems": { try await $0.transactGetItems($1) },
    ]

    public static var actionNames: [String] { actions.keys.sorted() }

    /// Runs one action. Every error comes back as an `AWSError` with the plain exception name as its
    /// type; `wireError` qualifies it as DynamoDB's `__type` does.
    public func handle(action: String, body: JSON) async -> Result<JSON, AWSError> {
        await call(action, body).mapError { e in
            var e = e
            e.type = Self.wireType(e.type)
            return e
        }
    }

    /// DynamoDB's `__type`: the exception qualified by its namespace.
    static func wireType(_ name: String) -> String {
        switch name {
        case "ValidationException": "com.amazon.coral.validate#ValidationException"
        case "SerializationException": "com.amazon.coral.service#SerializationException"
        case "UnknownOperationException": "com.amazon.coral.service#UnknownOperationException"
        case "InternalFailure": "com.amazon.coral.service#InternalFailure"
        default: name.contains("#") ? name : "com.amazonaws.dynamodb.v20120810#" + name
        }
    }

    /// The same call for in-process callers (the Step Functions integrations): the plain exception name.
    public func call(_ action: String, _ body: JSON) async -> Result<JSON, AWSError> {
        let translated: JSON
        do {
            translated = try Self.translatingLegacy(body)
        } catch let e as AWSError {
            return .failure(e)
        } catch {
            return .failure(.internalFailure("\(error)"))
        }
        return await runAction(action, body: translated, on: self, in: Self.actions)
    }

    // MARK: - Tables

    /// A table as the service uses it: its schema and its description document.
    struct Table: Sendable {
        var schema: TableSchema
        var description: JSONObject
        var streamViewType: String?
        var streamArn: String?
    }

    func tableArn(_ name: String) -> String {
        "arn:aws:dynamodb:\(configuration.region):\(configuration.account):table/\(name)"
    }

    /// The table a request names (by name or ARN), or `ResourceNotFoundException`.
    func table(_ nameOrArn: String) async throws -> Table {
        let name = Self.tableName(nameOrArn)
        if let cached = tables.withLock({ $0[name] }) { return cached }
        guard let record = try await store.resource(kind: Self.kind, arn: tableArn(name)) else {
            throw AWSError.resourceNotFound
        }
        let table = try Self.table(from: record.json)
        tables.withLock { $0[name] = table }
        return table
    }

    static func tableName(_ nameOrArn: String) -> String {
        if nameOrArn.hasPrefix("arn:"), let range = nameOrArn.range(of: ":table/") {
            return String(nameOrArn[range.upperBound...].prefix { $0 != "/" })
        }
        return nameOrArn
    }

    /// The table a request's `TableName` names, checked as AWS checks the member.
    func requestTable(_ r: Request, member: String = "TableName", wire: String = "tableName", naming: Bool = false) async throws -> Table {
        let name = try r.requiredString(member, wire: wire)
        try Self.checkTableName(name, at: wire)
        do {
            return try await table(name)
        } catch let e as AWSError where e == .resourceNotFound && naming {
            // The table actions name the table; the item actions do not.
            throw AWSError("ResourceNotFoundException", "Requested resource not found: Table: \(Self.tableName(name)) not found")
        }
    }

    static func checkTableName(_ name: String, at member: String) throws(AWSError) {
        let plain = tableName(name)
        if plain.count < 3 || plain.count > 255 {
            throw AWSError.constraint(
                "'\(name)'", at: member,
                plain.count < 3 ? "Member must have length greater than or equal to 3" : "Member must have length less than or equal to 255"
            )
        }
        let allowed = plain.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
        if !allowed && !name.hasPrefix("arn:") {
            throw AWSError.constraint("'\(name)'", at: member, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
        }
    }

    static func table(from text: String) throws -> Table {
        let json = try JSON(parsing: text)
        guard case .object(let description) = json else { throw AWSError.internalFailure("a stored table is not an object") }
        return try table(from: description)
    }

    // MARK: - Items as stored

    static func encode(_ item: Item) -> [UInt8] { Array(ItemWire.encode(item).text.utf8) }

    static func decode(_ bytes: [UInt8]) throws -> Item {
        let json = try bytes.withUnsafeBytes { try JSON(parsing: $0) }
        return try ItemWire.decode(json)
    }

    /// The stored item with this key, as the writes before this one left it.
    func current(_ table: Table, _ key: StoredKey, in batch: TableWriteBatch) async throws -> Item? {
        guard let bytes = try await batch.value(space: table.schema.space, partition: key.partition, sort: key.sort) else {
            return nil
        }
        return try Self.decode(bytes)
    }

    /// Stages an item's new version (or its removal), its index entries and its stream record.
    func stage(_ table: Table, key: StoredKey, old: Item?, new: Item?, in batch: TableWriteBatch) async throws {
        let schema = table.schema
        if let old {
            for entry in try schema.indexEntries(of: old) {
                batch.delete(space: entry.space, partition: entry.key.partition, sort: entry.key.sort)
            }
        }
        if let new {
            let bytes = Self.encode(new)
            batch.put(space: schema.space, partition: key.partition, sort: key.sort, value: bytes)
            for entry in try schema.indexEntries(of: new) {
                batch.put(space: entry.space, partition: entry.key.partition, sort: entry.key.sort, value: bytes)
            }
        } else if old != nil {
            batch.delete(space: schema.space, partition: key.partition, sort: key.sort)
        }
        try await recordStream(table, old: old, new: new, in: batch)
    }
}

extension Request {
    /// A required string member; the message names the member as AWS's validator does (`tableName`).
    func requiredString(_ key: String, wire: String) throws(AWSError) -> String {
        guard let s = try string(key) else { throw .missing(wire) }
        return s
    }
}

extension AWSError {
    static let resourceNotFound = AWSError("ResourceNotFoundException", "Requested resource not found")
    static let conditionalCheckFailed = AWSError("ConditionalCheckFailedException", "The conditional request failed")

    /// A `CortadoTables` error as the API reports it.
    init(_ e: TableError) {
        self.init(e.name, e.message)
    }
}
