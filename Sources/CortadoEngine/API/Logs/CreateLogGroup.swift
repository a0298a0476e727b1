import CortadoJSON
import CortadoStore

extension LogsService {
    static let groupClasses = ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"]

    /// `CreateLogGroup`: `ResourceAlreadyExistsException` for a name in use.
    func createLogGroup(_ r: Request) async throws -> JSON {
        let name = try r.requiredParameter("logGroupName")
        try checkGroupName(name)
        var group = LogGroupDocument(creationTime: clock.now())
        if let key = try r.string("kmsKeyId") {
            try r.checkParameterLength(key, "kmsKeyId", max: 256, min: 0)
            group.kmsKeyId = key
        }
        if let logClass = try r.string("logGroupClass") {
            guard Self.groupClasses.contains(logClass) else {
                throw AWSError.parameterConstraint(
                    "'\(logClass)'", at: "logGroupClass",
                    "Member must satisfy enum value set: [\(Self.groupClasses.joined(separator: ", "))]")
            }
            group.logGroupClass = logClass
        }
        group.deletionProtection = try r.bool("deletionProtectionEnabled") ?? false
        if let tags = try r.object("tags") {
            if tags.isEmpty || tags.count > 50 {
                throw AWSError.parameterConstraint(
                    "'{}'", at: "tags",
                    "Member must have length \(tags.isEmpty ? "greater than or equal to 1" : "less than or equal to 50")")
            }
            for (key, value) in tags where value.stringValue == nil {
                throw AWSError.serialization("Unexpected value for 'tags.\(key)': expected a string, got \(value.typeName)")
            }
            group.tags = tags
        }
        try await createGroup(name, group)
        return [:]
    }

    /// Stores a new group. Create and delete of one name run one at a time, and a new group starts
    /// empty: streams or events an append wrote while the group was being deleted are cleared first.
    func createGroup(_ name: String, _ group: LogGroupDocument) async throws {
        try await groupLocks.withLock(name) {
            let arn = groupArn(name)
            if try await store.resource(kind: LogKind.group, arn: arn) != nil { throw AWSError.logGroupExists }
            for kind in [LogKind.events(name), LogKind.streams(name)] {
                if try await store.listResources(kind: kind, limit: 1, pageToken: nil).items.isEmpty { continue }
                _ = try await store.deleteResources(kind: kind)
            }
            do {
                try await store.createResource(group.record(name: name, arn: arn))
            } catch let e as StoreError where e.code == .resourceAlreadyExists {
                throw AWSError.logGroupExists
            }
        }
    }

    /// Creates the group unless it exists (for the event bus's dead letters and, later, functions).
    public func ensureGroup(_ name: String) async throws {
        try checkGroupName(name)
        if try await group(name) != nil { return }
        do {
            try await createGroup(name, LogGroupDocument(creationTime: clock.now()))
        } catch let e as AWSError where e == .logGroupExists {}
    }
}
