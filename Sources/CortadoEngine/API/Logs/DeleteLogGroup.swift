import CortadoJSON

extension LogsService {
    /// `DeleteLogGroup`: the group, its streams and their events.
    func deleteLogGroup(_ r: Request) async throws -> JSON {
        let name = try r.requiredParameter("logGroupName")
        try checkGroupName(name)
        try await groupLocks.withLock(name) {
            let group = try await requireGroup(name)
            if group.deletionProtection {
                throw AWSError.validation("Log group \(name) has deletion protection enabled and cannot be deleted.")
            }
            // The group goes first, so appends stop finding it; what they still write is cleared when a
            // group of this name is created again.
            _ = try await store.deleteResource(kind: LogKind.group, arn: groupArn(name))
            _ = try await store.deleteResources(kind: LogKind.events(name))
            _ = try await store.deleteResources(kind: LogKind.streams(name))
        }
        return [:]
    }
}
