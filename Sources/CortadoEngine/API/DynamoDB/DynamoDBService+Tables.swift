import CortadoJSON
import CortadoStore
import CortadoTables
import Foundation

extension DynamoDBService {
    /// `CreateTable`: checks the keys, attribute definitions, indexes and billing as AWS does, and stores
    /// the description. The table is usable at once; its status reads `CREATING` in this answer only.
    func createTable(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("TableName", wire: "tableName")
        try Self.checkTableName(name, at: "tableName")
        guard let keySchema = try r.array("KeySchema") else { throw AWSError.missing("keySchema") }
        guard let definitions = try r.array("AttributeDefinitions") else { throw AWSError.missing("attributeDefinitions") }
        let types = try Self.attributeTypes(definitions)
        let keys = try Self.keySchema(keySchema, types: types, member: "keySchema")
        var used = Set(keys.names)

        let billing = try r.string("BillingMode") ?? "PROVISIONED"
        guard ["PROVISIONED", "PAY_PER_REQUEST"].contains(billing) else {
            throw AWSError.constraint(
                "'\(billing)'", at: "billingMode", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]")
        }
        let throughput = try r.object("ProvisionedThroughput")
        if billing == "PROVISIONED", throughput == nil {
            throw AWSError.validation(
                "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"
            )
        }
        if billing == "PAY_PER_REQUEST", throughput != nil {
            throw AWSError.validation(
                "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"
            )
        }

        let now = Double(clock.now()) / 1000
        let arn = tableArn(name)
        var description: JSONObject = [:]
        description["AttributeDefinitions"] = .array(definitions)
        description["TableName"] = .string(name)
        description["KeySchema"] = .array(keySchema)
        description["TableStatus"] = "ACTIVE"
        description["CreationDateTime"] = .double(now)
        description["ProvisionedThroughput"] = Self.throughputDescription(throughput)
        description["TableSizeBytes"] = 0
        description["ItemCount"] = 0
        description["TableArn"] = .string(arn)
        description["TableId"] = .string(UUID().uuidString.lowercased())
        if billing == "PAY_PER_REQUEST" {
            description["BillingModeSummary"] = ["BillingMode": "PAY_PER_REQUEST", "LastUpdateToPayPerRequestDateTime": .double(now)]
        }

        if let locals = try r.array("LocalSecondaryIndexes") {
            guard keys.sort != nil else {
                throw AWSError.validation(
                    "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"
                )
            }
            var described: [JSON] = []
            for index in locals {
                let parsed = try Self.index(index, types: types, global: false, table: keys)
                used.formUnion(parsed.keys.names)
                var o = index.objectValue ?? [:]
                o["IndexSizeBytes"] = 0
                o["ItemCount"] = 0
                o["IndexArn"] = .string(arn + "/index/" + parsed.name)
                described.append(.object(o))
            }
            description["LocalSecondaryIndexes"] = .array(described)
        }
        if let globals = try r.array("GlobalSecondaryIndexes") {
            var described: [JSON] = []
            for index in globals {
                let parsed = try Self.index(index, types: types, global: true, table: keys)
                used.formUnion(parsed.keys.names)
                described.append(.object(Self.globalIndexDescription(index, arn: arn, name: parsed.name, billing: billing)))
            }
            description["GlobalSecondaryIndexes"] = .array(described)
        }
        let names = (description["LocalSecondaryIndexes"]?.arrayValue ?? []) + (description["GlobalSecondaryIndexes"]?.arrayValue ?? [])
        let indexNames = names.compactMap { $0["IndexName"]?.stringValue }
        if Set(indexNames).count != indexNames.count {
            throw AWSError.validation(
                "One or more parameter values were invalid: Duplicate index name: \(indexNames.first { n in indexNames.filter { $0 == n }.count > 1 } ?? "")"
            )
        }
        if used != Set(types.keys) {
            throw AWSError.validation(
                "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"
            )
        }
        if let stream = try r.object("StreamSpecification") {
            try Self.applyStream(stream, to: &description, arn: arn, now: clock.now())
        }
        if try r.bool("DeletionProtectionEnabled") == true { description["DeletionProtectionEnabled"] = true }
        if let tags = try r.array("Tags") { description["Tags"] = .array(tags) }

        let table = try Self.table(from: description)
        try await tableLocks.withLock(name) {
            // A table deleted and made again starts empty.
            for space in table.schema.spaces { try await items.commitItems([.deleteSpace(space)]) }
            do {
                try await store.createResource(
                    ResourceRecord(
                        kind: Self.kind, arn: arn, name: name, json: JSON.object(description).text, creationDate: clock.now()))
            } catch let e as StoreError where e.code == .resourceAlreadyExists {
                throw AWSError("ResourceInUseException", "Table already exists: \(name)")
            }
        }
        tables.withLock { $0[name] = table }
        var answer = Self.visible(description)
        answer["TableStatus"] = "CREATING"
        return ["TableDescription": .object(answer)]
    }

    func describeTable(_ r: Request) async throws -> JSON {
        let table = try await requestTable(r, naming: true)
        return ["Table": .object(Self.visible(table.description))]
    }

    func listTables(_ r: Request) async throws -> JSON {
        let limit = try r.int("Limit") ?? 100
        guard (1...100).contains(limit) else {
            throw AWSError.constraint(
                "'\(limit)'", at: "limit",
                limit < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 100")
        }
        let start = try r.string("ExclusiveStartTableName")
        let token = start.map { PageToken.resources(kind: Self.kind, after: $0, arn: tableArn($0)) }
        let names = try await store.listResources(kind: Self.kind, limit: limit + 1, pageToken: token).items.map(\.name)
        var answer: JSONObject = ["TableNames": .array(names.prefix(limit).map { .string($0) })]
        if names.count > limit { answer["LastEvaluatedTableName"] = .string(names[limit - 1]) }
        return .object(answer)
    }

    func deleteTable(_ r: Request) async throws -> JSON {
        let table = try await requestTable(r, naming: true)
        let name = table.schema.name
        if table.description["DeletionProtectionEnabled"] == .bool(true) {
            throw AWSError(
                "ValidationException",
                "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
        }
        try await tableLocks.withLock(name) {
            guard try await store.deleteResource(kind: Self.kind, arn: tableArn(name)) else { throw AWSError.resourceNotFound }
            tables.withLock { $0[name] = nil }
            // Items go after the table: a crash between leaves items no table names, which a new table of
            // the name clears before it is stored.
            _ = try await writer.perform { batch in
                for space in table.schema.spaces { batch.deleteSpace(space) }
                return .null
            }
        }
        var answer = Self.visible(table.description)
        answer["TableStatus"] = "DELETING"
        return ["TableDescription": .object(answer)]
    }

    /// `UpdateTable`: billing, throughput, streams, deletion protection, and global secondary indexes
    /// created (filled from the table's items before the answer) or deleted.
    func updateTable(_ r: Request) async throws -> JSON {
        let found = try await requestTable(r, naming: true)
        let name = found.schema.name
        let arn = tableArn(name)
        return try await tableLocks.withLock(name) {
            var description = found.description
            var definitions = description["AttributeDefinitions"]?.arrayValue ?? []
            if let more = try r.array("AttributeDefinitions") {
                for d in more where !definitions.contains(where: { $0["AttributeName"] == d["AttributeName"] }) { definitions.append(d) }
            }
            let types = try Self.attributeTypes(definitions)
            if let billing = try r.string("BillingMode") {
                if billing == "PAY_PER_REQUEST" {
                    description["BillingModeSummary"] = [
                        "BillingMode": "PAY_PER_REQUEST", "LastUpdateToPayPerRequestDateTime": .double(Double(clock.now()) / 1000),
                    ]
                    description["ProvisionedThroughput"] = Self.throughputDescription(nil)
                } else {
                    description["BillingModeSummary"] = nil
                }
            }
            if let throughput = try r.object("ProvisionedThroughput") {
                description["ProvisionedThroughput"] = Self.throughputDescription(throughput)
            }
            if let stream = try r.object("StreamSpecification") {
                try Self.applyStream(stream, to: &description, arn: arn, now: clock.now())
            }
            if let protection = try r.bool("DeletionProtectionEnabled") { description["DeletionProtectionEnabled"] = .bool(protection) }
            var created: [IndexSchema] = []
            var deleted: [IndexSchema] = []
            for update in try r.array("GlobalSecondaryIndexUpdates") ?? [] {
                var globals = description["GlobalSecondaryIndexes"]?.arrayValue ?? []
                if let create = update["Create"] {
                    let index = try Self.index(create, types: types, global: true, table: found.schema.keys)
                    if found.schema.index(named: index.name) != nil {
                        throw AWSError.validation("One or more parameter values were invalid: Index already exists: \(index.name)")
                    }
                    let billing = description["BillingModeSummary"]?["BillingMode"]?.stringValue ?? "PROVISIONED"
                    globals.append(.object(Self.globalIndexDescription(create, arn: arn, name: index.name, billing: billing)))
                    created.append(index)
                } else if let delete = update["Delete"], let indexName = delete["IndexName"]?.stringValue {
                    guard let index = found.schema.index(named: indexName), index.isGlobal else {
                        throw AWSError(
                            "ResourceNotFoundException", "Requested resource not found: Index: \(indexName) not found for table: \(name)")
                    }
                    globals.removeAll { $0["IndexName"]?.stringValue == indexName }
                    deleted.append(index)
                } else if update["Update"] != nil {
                    continue
                }
                description["GlobalSecondaryIndexes"] = globals.isEmpty ? nil : .array(globals)
            }
            // Only definitions some key uses stay, as AWS keeps them.
            description["AttributeDefinitions"] = .array(definitions)
            var usedNames = Set(found.schema.keys.names)
            for index in (try Self.table(from: description)).schema.indexes { usedNames.formUnion(index.keys.names) }
            description["AttributeDefinitions"] = .array(definitions.filter { usedNames.contains($0["AttributeName"]?.stringValue ?? "") })
            let table = try Self.table(from: description)
            for index in deleted {
                _ = try await writer.perform { batch in
                    batch.deleteSpace(found.schema.space(of: index)); return .null
                }
            }
            // Writes from here on keep the new indexes; the backfill then writes entries for the items as
            // they are when it reaches them, so it never puts back an older version.
            tables.withLock { $0[name] = table }
            for index in created { try await backfill(table, index) }
            try await save(table)
            return ["TableDescription": .object(Self.visible(description))]
        }
    }

    /// Writes a new index's entries for every item in the table, from a clean index space. Items whose
    /// index key attribute has the wrong type are left out of the index (AWS reports them as violations).
    func backfill(_ table: Table, _ index: IndexSchema) async throws {
        let space = table.schema.space(of: index)
        _ = try await writer.perform { batch in
            batch.deleteSpace(space)
            return .null
        }
        var after: ItemPosition? = nil
        while true {
            let page = try await items.items(ItemQuery(space: table.schema.space, partition: nil, after: after, limit: 500))
            guard let last = page.last else { return }
            _ = try await writer.perform { batch in
                for entry in page {
                    guard let bytes = try await batch.value(space: entry.space, partition: entry.partition, sort: entry.sort) else {
                        continue
                    }
                    let item = try Self.decode(bytes)
                    guard let entries = try? table.schema.indexEntries(of: item) else { continue }
                    for e in entries where e.space == space {
                        batch.put(space: e.space, partition: e.key.partition, sort: e.key.sort, value: bytes)
                    }
                }
                return .null
            }
            after = last.position
        }
    }

    func describeTimeToLive(_ r: Request) async throws -> JSON {
        let table = try await requestTable(r)
        return ["TimeToLiveDescription": table.description["TimeToLiveDescription"] ?? ["TimeToLiveStatus": "DISABLED"]]
    }

    /// `UpdateTimeToLive` is recorded and described; Cortado does not expire items (known-differences.md).
    func updateTimeToLive(_ r: Request) async throws -> JSON {
        let found = try await requestTable(r)
        guard let spec = try r.object("TimeToLiveSpecification") else { throw AWSError.missing("timeToLiveSpecification") }
        let enabled = spec["Enabled"]?.boolValue ?? false
        let attribute = spec["AttributeName"]?.stringValue ?? ""
        var description = found.description
        description["TimeToLiveDescription"] =
            enabled ? ["TimeToLiveStatus": "ENABLED", "AttributeName": .string(attribute)] : ["TimeToLiveStatus": "DISABLED"]
        try await tableLocks.withLock(found.schema.name) { try await save(try Self.table(from: description)) }
        return ["TimeToLiveSpecification": ["Enabled": .bool(enabled), "AttributeName": .string(attribute)]]
    }

    // MARK: - Descriptions

    /// Stores a changed table's description (its creation time kept) and makes it the one requests see.
    func save(_ table: Table) async throws {
        let name = table.schema.name
        let created = Int64(((table.description["CreationDateTime"]?.doubleValue ?? 0) * 1000).rounded())
        try await store.putResource(
            ResourceRecord(
                kind: Self.kind, arn: tableArn(name), name: name, json: JSON.object(table.description).text, creationDate: created))
        tables.withLock { $0[name] = table }
    }

    /// The description as DescribeTable shows it (without what only Cortado keeps).
    static func visible(_ description: JSONObject) -> JSONObject {
        var d = description
        d["Tags"] = nil
        d["TimeToLiveDescription"] = nil
        return d
    }

    static func throughputDescription(_ throughput: JSONObject?) -> JSON {
        [
            "NumberOfDecreasesToday": 0, "ReadCapacityUnits": throughput?["ReadCapacityUnits"] ?? 0,
            "WriteCapacityUnits": throughput?["WriteCapacityUnits"] ?? 0,
        ]
    }

    static func globalIndexDescription(_ index: JSON, arn: String, name: String, billing: String) -> JSONObject {
        var o = index.objectValue ?? [:]
        o["IndexStatus"] = "ACTIVE"
        o["ProvisionedThroughput"] = throughputDescription(o["ProvisionedThroughput"]?.objectValue)
        o["IndexSizeBytes"] = 0
        o["ItemCount"] = 0
        o["IndexArn"] = .string(arn + "/index/" + name)
        return o
    }

    static func applyStream(_ stream: JSONObject, to description: inout JSONObject, arn: String, now: Int64) throws {
        let enabled = stream["StreamEnabled"]?.boolValue ?? false
        if enabled {
            guard let view = stream["StreamViewType"]?.stringValue,
                ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"].contains(view)
            else {
                throw AWSError.validation(
                    "One or more parameter values were invalid: You must specify a StreamViewType when enabling a stream")
            }
            let label = streamLabel(now)
            description["StreamSpecification"] = ["StreamEnabled": true, "StreamViewType": .string(view)]
            description["LatestStreamLabel"] = .string(label)
            description["LatestStreamArn"] = .string(arn + "/stream/" + label)
        } else {
            description["StreamSpecification"] = nil
        }
    }

    /// A stream label as AWS writes it: the creation time, `2024-01-02T03:04:05.678`.
    static func streamLabel(_ millis: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(millis) / 1000)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS"
        return f.string(from: date)
    }

    // MARK: - Schemas

    static func attributeTypes(_ definitions: [JSON]) throws -> [String: KeyType] {
        var types: [String: KeyType] = [:]
        for d in definitions {
            guard let name = d["AttributeName"]?.stringValue, let typeText = d["AttributeType"]?.stringValue else {
                throw AWSError.missing("attributeDefinitions.member.attributeName")
            }
            guard let type = KeyType(rawValue: typeText) else {
                throw AWSError.constraint(
                    "'\(typeText)'", at: "attributeDefinitions.1.member.attributeType", "Member must satisfy enum value set: [B, N, S]")
            }
            if types[name] != nil {
                throw AWSError.validation("Cannot have two attributes with the same name. Attribute name: \(name)")
            }
            types[name] = type
        }
        return types
    }

    static func keySchema(_ elements: [JSON], types: [String: KeyType], member: String) throws -> KeySchema {
        guard (1...2).contains(elements.count) else {
            throw AWSError.constraint(
                "'\(elements.count)'", at: member,
                elements.isEmpty ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 2")
        }
        func element(_ json: JSON) throws -> (KeyElement, String) {
            guard let name = json["AttributeName"]?.stringValue, let role = json["KeyType"]?.stringValue else {
                throw AWSError.missing("\(member).member.attributeName")
            }
            guard let type = types[name] else {
                throw AWSError.validation(
                    "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [\(name)], AttributeDefinitions: [\(types.keys.sorted().joined(separator: ", "))]"
                )
            }
            return (KeyElement(name: name, type: type), role)
        }
        let (first, firstRole) = try element(elements[0])
        guard firstRole == "HASH" else {
            throw AWSError.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
        }
        var sort: KeyElement? = nil
        if elements.count == 2 {
            let (second, secondRole) = try element(elements[1])
            guard secondRole == "RANGE" else {
                throw AWSError.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")
            }
            if second.name == first.name {
                throw AWSError.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name")
            }
            sort = second
        }
        return KeySchema(partition: first, sort: sort)
    }

    static func index(_ json: JSON, types: [String: KeyType], global: Bool, table: KeySchema) throws -> IndexSchema {
        guard let name = json["IndexName"]?.stringValue else { throw AWSError.missing("globalSecondaryIndexes.member.indexName") }
        let keys = try keySchema(
            json["KeySchema"]?.arrayValue ?? [], types: types,
            member: "\(global ? "globalSecondaryIndexes" : "localSecondaryIndexes").member.keySchema")
        if !global, keys.partition != table.partition {
            throw AWSError.validation(
                "One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: \(name). index hash key: \(keys.partition.name), table hash key: \(table.partition.name)"
            )
        }
        guard let projection = json["Projection"]?.objectValue else {
            throw AWSError.validation("One or more parameter values were invalid: Projection is required for index: \(name)")
        }
        let type = projection["ProjectionType"]?.stringValue ?? "ALL"
        let parsed: IndexSchema.Projection
        switch type {
        case "ALL": parsed = .all
        case "KEYS_ONLY": parsed = .keysOnly
        case "INCLUDE": parsed = .include((projection["NonKeyAttributes"]?.arrayValue ?? []).compactMap(\.stringValue))
        default:
            throw AWSError.constraint(
                "'\(type)'", at: "projection.projectionType", "Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]")
        }
        return IndexSchema(name: name, keys: keys, projection: parsed, isGlobal: global)
    }

    /// The schema a stored or new description declares.
    static func table(from description: JSONObject) throws -> Table {
        let types = try attributeTypes(description["AttributeDefinitions"]?.arrayValue ?? [])
        let keys = try keySchema(description["KeySchema"]?.arrayValue ?? [], types: types, member: "keySchema")
        var indexes: [IndexSchema] = []
        for json in description["LocalSecondaryIndexes"]?.arrayValue ?? [] {
            indexes.append(try index(json, types: types, global: false, table: keys))
        }
        for json in description["GlobalSecondaryIndexes"]?.arrayValue ?? [] {
            indexes.append(try index(json, types: types, global: true, table: keys))
        }
        let name = description["TableName"]?.stringValue ?? ""
        return Table(
            schema: TableSchema(name: name, keys: keys, indexes: indexes), description: description,
            streamViewType: description["StreamSpecification"]?["StreamViewType"]?.stringValue,
            streamArn: description["LatestStreamArn"]?.stringValue)
    }
}
