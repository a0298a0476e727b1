import CortadoJSON
import CortadoStore

extension EventBusService {
    /// `CreateEventBus`. `default` always exists and cannot be made; names are 1–256 of `[/.\-_A-Za-z0-9]`.
    func createEventBus(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("Name")
        try checkName(name, member: "name", max: 256, allowSlash: true)
        if name == "default" || buses.withLock({ $0[name] != nil }) {
            throw AWSError("ResourceAlreadyExistsException", "Event bus \(name) already exists.")
        }
        let description = try r.string("Description")
        if let description { try r.checkLength(description, "description", max: 512, min: 0) }
        let record = busRecord(name: name, description: description, now: clock.now())
        do {
            try await store.createResource(record)
        } catch let e as StoreError where e.code == .resourceAlreadyExists {
            throw AWSError("ResourceAlreadyExistsException", "Event bus \(name) already exists.")
        }
        buses.withLock { $0[name] = BusIndex() }
        if let tags = try r.array("Tags") { try await writeTags(record.arn, adding: tags) }
        var answer: JSONObject = ["EventBusArn": .string(record.arn)]
        if let description { answer["Description"] = .string(description) }
        return .object(answer)
    }

    /// `DeleteEventBus`: removes the bus with its rules; a bus that does not exist is no error (AWS).
    func deleteEventBus(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("Name")
        try checkName(name, member: "name", max: 256, allowSlash: true)
        if name == "default" { throw AWSError.validation("Cannot delete event bus default.") }
        guard let index = buses.withLock({ $0[name] }) else { return [:] }
        for rule in index.rules.values {
            if let arn = rule["Arn"]?.stringValue {
                _ = try await store.deleteResource(kind: Self.ruleKindPrefix + name, arn: arn)
            }
        }
        _ = try await store.deleteResource(kind: Self.busKind, arn: busArn(name))
        _ = try await store.deleteResource(kind: "tags", arn: busArn(name))
        buses.withLock { _ = $0.removeValue(forKey: name) }
        return [:]
    }

    /// `DescribeEventBus` (`Name` optional: the default bus).
    func describeEventBus(_ r: Request) async throws -> JSON {
        let name = try busName(r, "Name")
        _ = try requireBus(name)
        guard let record = try await store.resource(kind: Self.busKind, arn: busArn(name)) else {
            throw AWSError("ResourceNotFoundException", "Event bus \(name) does not exist.")
        }
        return try JSON(parsing: record.json)
    }

    /// `ListEventBuses` by name, with `NamePrefix`, `Limit` and `NextToken`.
    func listEventBuses(_ r: Request) async throws -> JSON {
        try await listByName(r, kind: Self.busKind, member: "EventBuses") { $0 }
    }

    /// A List action over documents of one kind by name: `NamePrefix`, `Limit` and `NextToken`, each
    /// document as `view` shows it, under `member`.
    func listByName(_ r: Request, kind: String, member: String, view: (JSON) -> JSON) async throws -> JSON {
        let prefix = try r.string("NamePrefix") ?? ""
        let (limit, token) = try page(r)
        let all = try await store.allResources(kind: kind).filter { $0.name.hasPrefix(prefix) }
        let (items, next) = try Self.slice(all.map(\.name), all, limit: limit, token: token)
        var answer: JSONObject = [member: .array(try items.map { view(try JSON(parsing: $0.json)) })]
        if let next { answer["NextToken"] = .string(next) }
        return .object(answer)
    }

    /// One page of an in-memory list sorted by key; the token is the last key returned.
    static func slice<T>(_ keys: [String], _ items: [T], limit: Int, token: String?) throws(AWSError) -> ([T], String?) {
        var start = 0
        if let token {
            guard let decoded = PageCursor.decode(token) else {
                throw AWSError("ValidationException", "The nextToken provided is invalid.")
            }
            start = keys.firstIndex { $0 > decoded } ?? keys.count
        }
        let end = min(start + limit, items.count)
        let next = end < items.count ? PageCursor.encode(keys[end - 1]) : nil
        return (Array(items[start..<end]), next)
    }
}

/// Page tokens of the event lists: the last key returned, opaque to the caller.
enum PageCursor {
    static func encode(_ key: String) -> String {
        "cortado1."
            + Array(key.utf8).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    static func decode(_ token: String) -> String? {
        guard token.hasPrefix("cortado1."), token.count % 2 == 1 else { return nil }
        let hex = Array(token.dropFirst(9).utf8)
        var bytes: [UInt8] = []
        var i = 0
        while i + 1 < hex.count {
            guard let b = UInt8(String(decoding: hex[i...i + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(b)
            i += 2
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension EventBusService {
    /// `ListDeadLetters` (a Cortado extension, docs/architecture/events.md): the events targets could not
    /// take, oldest first, with the target and the last error. `Limit` 1–100, `NextToken`.
    func listDeadLetters(_ r: Request) async throws -> JSON {
        let (limit, token) = try page(r)
        let page: Page<ResourceRecord>
        do {
            page = try await delivery.deadLetters(limit: limit, token: token)
        } catch let e as StoreError where e.code == .invalidPageToken {
            throw AWSError("ValidationException", "The nextToken provided is invalid.")
        }
        var answer: JSONObject = ["DeadLetters": .array(try page.items.map { try JSON(parsing: $0.json) })]
        if let next = page.nextToken { answer["NextToken"] = .string(next) }
        return .object(answer)
    }
}

extension EventBusService {
    /// `ListRecentDeliveries` (a Cortado extension, docs/architecture/console.md): the last deliveries to
    /// targets since the server started, newest first, of one bus (`EventBusName`) or all: the rule, the
    /// target, the event, the attempts and whether it was delivered or dead-lettered. `Limit` 1–100.
    func listRecentDeliveries(_ r: Request) async throws -> JSON {
        let (limit, _) = try page(r)
        let bus = try r.string("EventBusName") == nil ? nil : try busName(r)
        return ["Deliveries": .array(delivery.recentDeliveries(bus: bus, limit: limit))]
    }
}
