import CortadoJSON
import CortadoStore

/// A log group as the store keeps it (kind `log-group`, named after the group).
struct LogGroupDocument: Sendable, Equatable {
    var creationTime: Int64
    var logGroupClass = "STANDARD"
    var kmsKeyId: String?
    var deletionProtection = false
    /// `PutRetentionPolicy`'s days, shown and kept; events are not expired.
    var retentionInDays: Int?
    /// Tags given at creation, kept for when the tagging actions come.
    var tags: JSONObject = [:]

    init(creationTime: Int64) {
        self.creationTime = creationTime
    }

    init(_ record: ResourceRecord) {
        let o = (try? JSON(parsing: record.json))?.objectValue ?? [:]
        creationTime = record.creationDate
        logGroupClass = o["logGroupClass"]?.stringValue ?? "STANDARD"
        kmsKeyId = o["kmsKeyId"]?.stringValue
        deletionProtection = o["deletionProtectionEnabled"]?.boolValue ?? false
        retentionInDays = o["retentionInDays"]?.intValue
        tags = o["tags"]?.objectValue ?? [:]
    }

    func record(name: String, arn: String) -> ResourceRecord {
        var o: JSONObject = ["logGroupClass": .string(logGroupClass), "deletionProtectionEnabled": .bool(deletionProtection)]
        if let kmsKeyId { o["kmsKeyId"] = .string(kmsKeyId) }
        if let retentionInDays { o["retentionInDays"] = .int(retentionInDays) }
        if !tags.isEmpty { o["tags"] = .object(tags) }
        return ResourceRecord(kind: LogKind.group, arn: arn, name: name, json: JSON.object(o).text, creationDate: creationTime)
    }
}
