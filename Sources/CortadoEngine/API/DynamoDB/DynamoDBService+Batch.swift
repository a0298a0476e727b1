import CortadoJSON
import CortadoStore
import CortadoTables

extension DynamoDBService {
    // MARK: - BatchWriteItem

    /// `BatchWriteItem`: up to 25 puts and deletes over any tables, applied together (AWS applies them
    /// one by one and may leave some unprocessed; Cortado never does, so `UnprocessedItems` is empty).
    func batchWriteItem(_ r: Request) async throws -> JSON {
        guard let requestItems = try r.object("RequestItems") else { throw AWSError.missing("requestItems") }
        let total = requestItems.reduce(0) { $0 + ($1.value.arrayValue?.count ?? 0) }
        if requestItems.isEmpty || total > 25 || requestItems.contains(where: { $0.value.arrayValue?.isEmpty ?? true }) {
            throw AWSError.constraint(
                "'{...}'", at: "requestItems",
                requestItems.isEmpty
                    ? "Member must have length greater than or equal to 1"
                    : "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]"
            )
        }
        enum Change { case put(Put), delete(StoredKey) }
        var changes: [(Table, Change)] = []
        var seen = Set<String>()
        for (name, list) in requestItems {
            try Self.checkTableName(name, at: "requestItems")
            let table = try await table(name)
            for request in list.arrayValue ?? [] {
                let put = request["PutRequest"]
                let delete = request["DeleteRequest"]
                guard (put == nil) != (delete == nil) else {
                    throw AWSError.validation(
                        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
                }
                let change: Change
                let key: StoredKey
                if let put {
                    guard let item = put["Item"] else { throw AWSError.missing("requestItems.\(name).member.putRequest.item") }
                    let p = try putRequest(try Request(.object([:])), item: item, table: table)
                    change = .put(p)
                    key = p.key
                } else {
                    guard let keyJSON = delete?["Key"] else { throw AWSError.missing("requestItems.\(name).member.deleteRequest.key") }
                    key = try table.schema.storedKey(ofKey: try ItemWire.decode(keyJSON))
                    change = .delete(key)
                }
                let id = name + "\u{0}" + String(decoding: key.partition + [0xFF] + key.sort, as: UTF8.self)
                if !seen.insert(id).inserted { throw AWSError.validation("Provided list of item keys contains duplicates") }
                changes.append((table, change))
            }
        }
        let checked = changes
        return try await writer.perform { batch in
            for (table, change) in checked {
                switch change {
                case .put(let p):
                    let old = try await self.current(table, p.key, in: batch)
                    try await self.stage(table, key: p.key, old: old, new: p.item, in: batch)
                case .delete(let key):
                    if let old = try await self.current(table, key, in: batch) {
                        try await self.stage(table, key: key, old: old, new: nil, in: batch)
                    }
                }
            }
            return ["UnprocessedItems": [:]]
        }
    }

    // MARK: - BatchGetItem

    func batchGetItem(_ r: Request) async throws -> JSON {
        guard let requestItems = try r.object("RequestItems") else { throw AWSError.missing("requestItems") }
        let total = requestItems.reduce(0) { $0 + ($1.value["Keys"]?.arrayValue?.count ?? 0) }
        if total > 100 { throw AWSError.validation("Too many items requested for the BatchGetItem call") }
        var responses: JSONObject = [:]
        for (name, spec) in requestItems {
            try Self.checkTableName(name, at: "requestItems")
            let table = try await table(name)
            let sub = try Request(spec)
            var attributes = try Self.expressionAttributes(sub)
            let projection = try Self.projection(sub, &attributes)
            try Self.checkExpressionsUsed(sub, attributes, expressions: ["ProjectionExpression"])
            var seen = Set<StoredKey>()
            var found: [JSON] = []
            for keyJSON in spec["Keys"]?.arrayValue ?? [] {
                let key = try table.schema.storedKey(ofKey: try ItemWire.decode(keyJSON))
                if !seen.insert(key).inserted { throw AWSError.validation("Provided list of item keys contains duplicates") }
                if let bytes = try await items.item(space: table.schema.space, partition: key.partition, sort: key.sort) {
                    let item = try Self.decode(bytes)
                    found.append(ItemWire.encode(projection?.project(item) ?? item))
                }
            }
            responses[name] = .array(found)
        }
        return ["Responses": .object(responses), "UnprocessedKeys": [:]]
    }

    // MARK: - Transactions

    /// `TransactWriteItems`: every condition is checked first, against the items as they are; if any
    /// fails nothing is written and the answer lists a reason per action.
    func transactWriteItems(_ r: Request) async throws -> JSON {
        guard let list = try r.array("TransactItems") else { throw AWSError.missing("transactItems") }
        if list.isEmpty || list.count > 100 {
            throw AWSError.constraint(
                "'[...]'", at: "transactItems",
                list.isEmpty ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 100")
        }
        enum Action { case check(ConditionExpression, Bool), put(Put), delete(Delete), update(Update) }
        var actions: [(Table, StoredKey, Action)] = []
        var seen = Set<String>()
        for entry in list {
            guard case .object(let o) = entry, o.count == 1, let (kind, body) = o.first(where: { _ in true }) else {
                throw AWSError.validation("TransactItems can only contain one of Check, Put, Update or Delete")
            }
            let sub = try Request(body)
            let table = try await requestTable(sub)
            let action: Action
            let key: StoredKey
            switch kind {
            case "Put":
                guard let item = sub.present("Item") else { throw AWSError.missing("transactItems.member.put.item") }
                let p = try putRequest(sub, item: item, table: table, allowedReturns: ["NONE"])
                (action, key) = (.put(p), p.key)
            case "Delete":
                let d = try deleteRequest(sub, table: table)
                (action, key) = (.delete(d), d.key)
            case "Update":
                guard sub.present("UpdateExpression") != nil else { throw AWSError.missing("transactItems.member.update.updateExpression") }
                let u = try updateRequest(sub, table: table, allowedReturns: ["NONE"])
                (action, key) = (.update(u), u.key)
            case "ConditionCheck":
                guard let keyJSON = sub.present("Key") else { throw AWSError.missing("transactItems.member.conditionCheck.key") }
                guard let text = try sub.string("ConditionExpression") else {
                    throw AWSError.missing("transactItems.member.conditionCheck.conditionExpression")
                }
                key = try table.schema.storedKey(ofKey: try ItemWire.decode(keyJSON))
                var attributes = try Self.expressionAttributes(sub)
                let condition = try ConditionExpression.parse(text, kind: .condition, attributes: &attributes)
                try attributes.checkAllUsed()
                action = .check(condition, try Self.returnOnFailure(sub))
            default:
                throw AWSError.validation("TransactItems can only contain one of Check, Put, Update or Delete")
            }
            let id =
                table.schema.name + "\u{0}" + key.partition.map { String($0) }.joined(separator: ",") + "|"
                + key.sort.map { String($0) }.joined(separator: ",")
            if !seen.insert(id).inserted {
                throw AWSError.validation("Transaction request cannot include multiple operations on one item")
            }
            actions.append((table, key, action))
        }
        let checked = actions
        return try await writer.perform { batch in
            var olds: [Item?] = []
            var reasons: [JSONObject] = []
            var news: [Item?] = []
            var failed = false
            for (table, key, action) in checked {
                let old = try await self.current(table, key, in: batch)
                olds.append(old)
                var reason: JSONObject = ["Code": "None"]
                var new: Item? = old
                do {
                    switch action {
                    case .check(let condition, let returnOld):
                        try self.check(condition, old, returnOnFailure: returnOld)
                    case .put(let p):
                        try self.check(p.condition, old, returnOnFailure: p.returnOnFailure)
                        new = p.item
                    case .delete(let d):
                        try self.check(d.condition, old, returnOnFailure: d.returnOnFailure)
                        new = nil
                    case .update(let u):
                        try self.check(u.condition, old, returnOnFailure: u.returnOnFailure)
                        new = try self.applyUpdate(u, to: old)
                        _ = try table.schema.indexEntries(of: new!)
                    }
                } catch let e as AWSError where e.type == "ConditionalCheckFailedException" {
                    reason = ["Code": "ConditionalCheckFailed", "Message": .string(e.message)]
                    if let item = e.fields["Item"] { reason["Item"] = item }
                    failed = true
                } catch let e as AWSError {
                    reason = ["Code": "ValidationError", "Message": .string(e.message)]
                    failed = true
                } catch let e as TableError {
                    reason = ["Code": "ValidationError", "Message": .string(e.message)]
                    failed = true
                }
                reasons.append(reason)
                news.append(new)
            }
            if failed {
                let codes = reasons.map { $0["Code"]?.stringValue ?? "None" }.joined(separator: ", ")
                var e = AWSError(
                    "TransactionCanceledException",
                    "Transaction cancelled, please refer cancellation reasons for specific reasons [\(codes)]")
                e.fields["CancellationReasons"] = .array(reasons.map { .object($0) })
                throw e
            }
            for (i, (table, key, action)) in checked.enumerated() {
                if case .check = action { continue }
                if olds[i] == nil && news[i] == nil { continue }
                try await self.stage(table, key: key, old: olds[i], new: news[i], in: batch)
            }
            return [:]
        }
    }

    func transactGetItems(_ r: Request) async throws -> JSON {
        guard let list = try r.array("TransactItems") else { throw AWSError.missing("transactItems") }
        if list.isEmpty || list.count > 100 {
            throw AWSError.constraint(
                "'[...]'", at: "transactItems",
                list.isEmpty ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 100")
        }
        var responses: [JSON] = []
        for entry in list {
            guard let get = entry["Get"] else { throw AWSError.missing("transactItems.member.get") }
            let sub = try Request(get)
            let table = try await requestTable(sub)
            guard let keyJSON = sub.present("Key") else { throw AWSError.missing("transactItems.member.get.key") }
            let key = try table.schema.storedKey(ofKey: try ItemWire.decode(keyJSON))
            var attributes = try Self.expressionAttributes(sub)
            let projection = try Self.projection(sub, &attributes)
            try Self.checkExpressionsUsed(sub, attributes, expressions: ["ProjectionExpression"])
            if let bytes = try await items.item(space: table.schema.space, partition: key.partition, sort: key.sort) {
                let item = try Self.decode(bytes)
                responses.append(["Item": ItemWire.encode(projection?.project(item) ?? item)])
            } else {
                responses.append([:])
            }
        }
        return ["Responses": .array(responses)]
    }
}
