import CortadoJSON
import CortadoStore
import CortadoTables

extension DynamoDBService {
    static let maxItemSize = 400 * 1024

    // MARK: - PutItem

    func putItem(_ r: Request) async throws -> JSON {
        guard let itemJSON = r.present("Item") else { throw AWSError.missing("item") }
        let table = try await requestTable(r)
        let put = try putRequest(r, item: itemJSON, table: table)
        return try await writer.perform { batch in
            let old = try await self.current(table, put.key, in: batch)
            try self.check(put.condition, old, returnOnFailure: put.returnOnFailure)
            try await self.stage(table, key: put.key, old: old, new: put.item, in: batch)
            var answer: JSONObject = [:]
            if put.returnValues == "ALL_OLD", let old { answer["Attributes"] = ItemWire.encode(old) }
            self.addCapacity(&answer, r, table, units: Self.writeUnits(put.item))
            return .object(answer)
        }
    }

    struct Put: Sendable {
        var key: StoredKey
        var item: Item
        var condition: ConditionExpression?
        var returnValues: String
        var returnOnFailure: Bool
    }

    /// A PutItem's checked parts (also a transaction's or a batch's Put).
    func putRequest(_ r: Request, item itemJSON: JSON, table: Table, allowedReturns: [String] = ["NONE", "ALL_OLD"]) throws -> Put {
        let item = try ItemWire.decode(itemJSON)
        let key = try table.schema.storedKey(ofItem: item)
        _ = try table.schema.indexEntries(of: item)
        if itemSize(item) > Self.maxItemSize { throw AWSError.validation("Item size has exceeded the maximum allowed size") }
        var attributes = try Self.expressionAttributes(r)
        let condition = try r.string("ConditionExpression").map { text in
            try ConditionExpression.parse(text, kind: .condition, attributes: &attributes)
        }
        try Self.checkExpressionsUsed(r, attributes, expressions: ["ConditionExpression"])
        let returns = try Self.returnValues(r, allowed: allowedReturns)
        return Put(key: key, item: item, condition: condition, returnValues: returns, returnOnFailure: try Self.returnOnFailure(r))
    }

    // MARK: - GetItem

    func getItem(_ r: Request) async throws -> JSON {
        guard let keyJSON = r.present("Key") else { throw AWSError.missing("key") }
        let table = try await requestTable(r)
        let key = try table.schema.storedKey(ofKey: try ItemWire.decode(keyJSON))
        var attributes = try Self.expressionAttributes(r)
        let projection = try Self.projection(r, &attributes)
        try Self.checkExpressionsUsed(r, attributes, expressions: ["ProjectionExpression"])
        var answer: JSONObject = [:]
        if let bytes = try await items.item(space: table.schema.space, partition: key.partition, sort: key.sort) {
            let item = try Self.decode(bytes)
            answer["Item"] = ItemWire.encode(projection?.project(item) ?? item)
            addCapacity(&answer, r, table, units: Self.readUnits(itemSize(item), consistent: try r.bool("ConsistentRead") ?? false))
        } else {
            addCapacity(&answer, r, table, units: Self.readUnits(0, consistent: try r.bool("ConsistentRead") ?? false))
        }
        return .object(answer)
    }

    // MARK: - UpdateItem

    struct Update: Sendable {
        var key: StoredKey
        var keyItem: Item
        var update: UpdateExpression?
        var condition: ConditionExpression?
        var returnValues: String
        var returnOnFailure: Bool
    }

    func updateRequest(_ r: Request, table: Table, allowedReturns: [String]) throws -> Update {
        guard let keyJSON = r.present("Key") else { throw AWSError.missing("key") }
        let keyItem = try ItemWire.decode(keyJSON)
        let key = try table.schema.storedKey(ofKey: keyItem)
        var attributes = try Self.expressionAttributes(r)
        let update = try r.string("UpdateExpression").map { text in try UpdateExpression.parse(text, attributes: &attributes) }
        let condition = try r.string("ConditionExpression").map { text in
            try ConditionExpression.parse(text, kind: .condition, attributes: &attributes)
        }
        try Self.checkExpressionsUsed(r, attributes, expressions: ["UpdateExpression", "ConditionExpression"])
        if let update {
            for name in table.schema.keys.names where update.topLevelNames.contains(name) {
                throw AWSError.validation(
                    "One or more parameter values were invalid: Cannot update attribute \(name). This attribute is part of the key")
            }
        }
        return Update(
            key: key, keyItem: keyItem, update: update, condition: condition,
            returnValues: try Self.returnValues(r, allowed: allowedReturns),
            returnOnFailure: try Self.returnOnFailure(r))
    }

    func updateItem(_ r: Request) async throws -> JSON {
        let table = try await requestTable(r)
        let u = try updateRequest(r, table: table, allowedReturns: ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"])
        return try await writer.perform { batch in
            let old = try await self.current(table, u.key, in: batch)
            try self.check(u.condition, old, returnOnFailure: u.returnOnFailure)
            let new = try self.applyUpdate(u, to: old)
            _ = try table.schema.indexEntries(of: new)
            try await self.stage(table, key: u.key, old: old, new: new, in: batch)
            var answer: JSONObject = [:]
            switch u.returnValues {
            case "ALL_OLD": if let old { answer["Attributes"] = ItemWire.encode(old) }
            case "ALL_NEW": answer["Attributes"] = ItemWire.encode(new)
            case "UPDATED_OLD", "UPDATED_NEW":
                // Only what the update touched, nested paths cut down to their updated parts.
                let touched = ProjectionExpression(paths: u.update?.paths ?? []).project(u.returnValues == "UPDATED_OLD" ? old ?? [:] : new)
                if !touched.isEmpty { answer["Attributes"] = ItemWire.encode(touched) }
            default: break
            }
            self.addCapacity(&answer, r, table, units: Self.writeUnits(new))
            return .object(answer)
        }
    }

    /// The item after an update: the key first (an update of a missing item creates it), then the
    /// expression; over 400 KB is refused.
    func applyUpdate(_ u: Update, to old: Item?) throws -> Item {
        var new = old ?? u.keyItem
        if let update = u.update { new = try update.apply(to: new) }
        if itemSize(new) > Self.maxItemSize { throw AWSError.validation("Item size to update has exceeded the maximum allowed size") }
        return new
    }

    // MARK: - DeleteItem

    struct Delete: Sendable {
        var key: StoredKey
        var condition: ConditionExpression?
        var returnValues: String
        var returnOnFailure: Bool
    }

    func deleteRequest(_ r: Request, table: Table) throws -> Delete {
        guard let keyJSON = r.present("Key") else { throw AWSError.missing("key") }
        let key = try table.schema.storedKey(ofKey: try ItemWire.decode(keyJSON))
        var attributes = try Self.expressionAttributes(r)
        let condition = try r.string("ConditionExpression").map { text in
            try ConditionExpression.parse(text, kind: .condition, attributes: &attributes)
        }
        try Self.checkExpressionsUsed(r, attributes, expressions: ["ConditionExpression"])
        return Delete(
            key: key, condition: condition, returnValues: try Self.returnValues(r, allowed: ["NONE", "ALL_OLD"]),
            returnOnFailure: try Self.returnOnFailure(r))
    }

    func deleteItem(_ r: Request) async throws -> JSON {
        let table = try await requestTable(r)
        let d = try deleteRequest(r, table: table)
        return try await writer.perform { batch in
            let old = try await self.current(table, d.key, in: batch)
            try self.check(d.condition, old, returnOnFailure: d.returnOnFailure)
            if old != nil { try await self.stage(table, key: d.key, old: old, new: nil, in: batch) }
            var answer: JSONObject = [:]
            if d.returnValues == "ALL_OLD", let old { answer["Attributes"] = ItemWire.encode(old) }
            self.addCapacity(&answer, r, table, units: Self.writeUnits(old ?? [:]))
            return .object(answer)
        }
    }

    // MARK: - Shared checks

    /// Throws `ConditionalCheckFailedException` (with the item when asked) unless the condition holds.
    func check(_ condition: ConditionExpression?, _ item: Item?, returnOnFailure: Bool) throws {
        guard let condition else { return }
        if try condition.evaluate(item) { return }
        var e = AWSError.conditionalCheckFailed
        if returnOnFailure, let item { e.fields["Item"] = ItemWire.encode(item) }
        throw e
    }

    static func expressionAttributes(_ r: Request) throws -> ExpressionAttributes {
        var names: [String: String]? = nil
        if let o = try r.object("ExpressionAttributeNames") {
            if o.isEmpty { throw AWSError.validation("ExpressionAttributeNames must not be empty") }
            var n: [String: String] = [:]
            for (k, v) in o {
                guard let s = v.stringValue else {
                    throw AWSError.serialization("Unexpected value for 'ExpressionAttributeNames.\(k)': expected a string")
                }
                n[k] = s
            }
            names = n
        }
        var values: [String: AttributeValue]? = nil
        if let o = try r.object("ExpressionAttributeValues") {
            if o.isEmpty { throw AWSError.validation("ExpressionAttributeValues must not be empty") }
            var v: [String: AttributeValue] = [:]
            for (k, json) in o {
                do {
                    v[k] = try AttributeValue(wire: json)
                } catch {
                    throw AWSError.validation("ExpressionAttributeValues contains invalid value: \(error.message) for key \(k)")
                }
            }
            values = v
        }
        let attributes = ExpressionAttributes(names: names, values: values)
        try attributes.validate()
        return attributes
    }

    /// Names and values given without any expression, or left unused by the expressions, are refused.
    static func checkExpressionsUsed(_ r: Request, _ attributes: ExpressionAttributes, expressions: [String]) throws {
        let present = expressions.filter { r.present($0) != nil }
        if present.isEmpty {
            let list = expressions.map { "\($0) is null" }.joined(separator: " and ")
            if r.present("ExpressionAttributeNames") != nil {
                throw AWSError.validation("ExpressionAttributeNames can only be specified when using expressions: \(list)")
            }
            if r.present("ExpressionAttributeValues") != nil {
                throw AWSError.validation("ExpressionAttributeValues can only be specified when using expressions: \(list)")
            }
            return
        }
        try attributes.checkAllUsed()
    }

    static func projection(_ r: Request, _ attributes: inout ExpressionAttributes) throws -> ProjectionExpression? {
        try r.string("ProjectionExpression").map { text in try ProjectionExpression.parse(text, attributes: &attributes) }
    }

    static func returnValues(_ r: Request, allowed: [String]) throws -> String {
        let value = try r.string("ReturnValues") ?? "NONE"
        let all = ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"]
        guard all.contains(value) else {
            throw AWSError.constraint(
                "'\(value)'", at: "returnValues", "Member must satisfy enum value set: [\(all.joined(separator: ", "))]")
        }
        guard allowed.contains(value) else { throw AWSError.validation("ReturnValues can only be ALL_OLD or NONE") }
        return value
    }

    static func returnOnFailure(_ r: Request) throws -> Bool {
        try r.string("ReturnValuesOnConditionCheckFailure") == "ALL_OLD"
    }

    // MARK: - Capacity

    static func writeUnits(_ item: Item) -> Double { Double(max(1, (itemSize(item) + 1023) / 1024)) }

    static func readUnits(_ size: Int, consistent: Bool) -> Double {
        let blocks = Double(max(1, (size + 4095) / 4096))
        return consistent ? blocks : blocks / 2
    }

    func addCapacity(_ answer: inout JSONObject, _ r: Request, _ table: Table, units: Double) {
        guard let mode = try? r.string("ReturnConsumedCapacity"), mode == "TOTAL" || mode == "INDEXES" else { return }
        var capacity: JSONObject = ["TableName": .string(table.schema.name), "CapacityUnits": .double(units)]
        if mode == "INDEXES" { capacity["Table"] = ["CapacityUnits": .double(units)] }
        answer["ConsumedCapacity"] = .object(capacity)
    }
}
