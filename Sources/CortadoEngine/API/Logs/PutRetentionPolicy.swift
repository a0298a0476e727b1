import CortadoJSON
import CortadoStore

extension LogsService {
    /// The retention periods CloudWatch Logs accepts, in days.
    static let retentionDays: [Int] = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]

    /// `PutRetentionPolicy`: kept on the group and shown by DescribeLogGroups. Cortado does not expire events
    /// (docs/known-differences.md).
    func putRetentionPolicy(_ r: Request) async throws -> JSON {
        let name = try r.requiredParameter("logGroupName")
        try checkGroupName(name)
        guard let days = try r.int("retentionInDays") else { throw AWSError.parameterMissing("retentionInDays") }
        guard Self.retentionDays.contains(days) else {
            throw AWSError.invalidParameter(
                "1 validation error detected: Value '\(days)' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [\(Self.retentionDays.map(String.init).joined(separator: ", "))]"
            )
        }
        try await setRetention(name, days)
        return [:]
    }

    /// `DeleteRetentionPolicy`: the group keeps its events forever again.
    func deleteRetentionPolicy(_ r: Request) async throws -> JSON {
        let name = try r.requiredParameter("logGroupName")
        try checkGroupName(name)
        try await setRetention(name, nil)
        return [:]
    }

    private func setRetention(_ name: String, _ days: Int?) async throws {
        try await groupLocks.withLock(name) {
            let arn = groupArn(name)
            guard let record = try await store.resource(kind: LogKind.group, arn: arn) else { throw AWSError.logGroupNotFound }
            var group = LogGroupDocument(record)
            group.retentionInDays = days
            try await store.putResource(group.record(name: name, arn: arn))
        }
    }
}
