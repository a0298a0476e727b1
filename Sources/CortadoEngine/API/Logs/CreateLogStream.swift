import CortadoJSON
import CortadoStore

extension LogsService {
    /// `CreateLogStream`: `ResourceAlreadyExistsException` for a name in use in the group.
    func createLogStream(_ r: Request) async throws -> JSON {
        let group = try r.requiredParameter("logGroupName")
        try checkGroupName(group)
        let name = try r.requiredParameter("logStreamName")
        try checkStreamName(name)
        _ = try await requireGroup(group)
        try await streamLocks.withLock(streamLockKey(group: group, stream: name)) {
            let record = LogStreamDocument(creationTime: clock.now())
                .record(group: group, name: name, arn: streamArn(group: group, stream: name))
            do {
                try await store.createResource(record)
            } catch let e as StoreError where e.code == .resourceAlreadyExists {
                throw AWSError.logStreamExists
            }
        }
        return [:]
    }
}
