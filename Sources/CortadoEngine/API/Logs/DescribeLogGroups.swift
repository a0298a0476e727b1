import CortadoJSON
import CortadoStore

extension LogsService {
    /// `DescribeLogGroups`: by name (ASCII order), filtered by `logGroupNamePrefix` (read from the store
    /// at the prefix) or `logGroupNamePattern` (a case-sensitive substring), and `logGroupClass`.
    func describeLogGroups(_ r: Request) async throws -> JSON {
        let prefix = try r.string("logGroupNamePrefix")
        if let prefix {
            try r.checkParameterLength(prefix, "logGroupNamePrefix", max: 512)
            try checkGroupNamePattern(prefix, member: "logGroupNamePrefix", empty: false)
        }
        let pattern = try r.string("logGroupNamePattern")
        if let pattern {
            try r.checkParameterLength(pattern, "logGroupNamePattern", max: 512, min: 0)
            try checkGroupNamePattern(pattern, member: "logGroupNamePattern", empty: true)
        }
        if prefix != nil, pattern != nil {
            throw AWSError.invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.")
        }
        let logClass = try r.string("logGroupClass")
        if let logClass, !Self.groupClasses.contains(logClass) {
            throw AWSError.parameterConstraint(
                "'\(logClass)'", at: "logGroupClass", "Member must satisfy enum value set: [\(Self.groupClasses.joined(separator: ", "))]")
        }
        let limit = try r.parameterLimit(1...50, default: 50)
        let token = try r.logsToken()
        _ = try r.bool("includeLinkedAccounts")

        let start = token ?? prefix.map { PageToken.resources(kind: LogKind.group, after: $0) }
        let page = try await collect(
            kind: LogKind.group, from: start, limit: limit,
            keep: { record in
                (pattern.map { record.name.contains($0) } ?? true)
                    && (logClass.map { LogGroupDocument(record).logGroupClass == $0 } ?? true)
            },
            past: { record in prefix.map { !record.name.hasPrefix($0) } ?? false })
        var o: JSONObject = ["logGroups": .array(page.items.map { describedGroup($0, brief: pattern != nil) })]
        if let next = page.nextToken { o["nextToken"] = .string(next) }
        return .object(o)
    }

    /// A group as DescribeLogGroups shows it; with a name pattern AWS leaves out the stored bytes, the
    /// key and the deletion protection.
    func describedGroup(_ record: ResourceRecord, brief: Bool) -> JSON {
        let group = LogGroupDocument(record)
        var o: JSONObject = [
            "logGroupName": .string(record.name), "creationTime": .int(Int(group.creationTime)), "metricFilterCount": 0,
            "arn": .string(record.arn + ":*"), "logGroupClass": .string(group.logGroupClass), "logGroupArn": .string(record.arn),
        ]
        if let days = group.retentionInDays { o["retentionInDays"] = .int(days) }
        if !brief {
            // AWS updates it hours after ingestion; Cortado does not count (docs/known-differences.md).
            o["storedBytes"] = 0
            o["deletionProtectionEnabled"] = .bool(group.deletionProtection)
            if let key = group.kmsKeyId { o["kmsKeyId"] = .string(key) }
        }
        return .object(o)
    }

    func checkGroupNamePattern(_ value: String, member: String, empty: Bool) throws(AWSError) {
        if !value.unicodeScalars.allSatisfy(Self.isGroupNameScalar) {
            throw AWSError.parameterConstraint(
                "'\(value)'", at: member, #"Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]"# + (empty ? "*" : "+"))
        }
    }
}
