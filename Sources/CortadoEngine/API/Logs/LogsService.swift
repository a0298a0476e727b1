import CortadoJSON
import CortadoStore

/// The slice of CloudWatch Logs (`X-Amz-Target: Logs_20140328.<Action>`, AWS JSON 1.1) that reads what
/// targets and functions write: log groups, streams and events, kept as store documents
/// (docs/architecture/events.md). Transport-free like `StepFunctionsService`; one file per action or
/// small group of actions beside this one.
public final class LogsService: Sendable {
    public let store: any ExecutionStore
    public let clock: any EngineClock
    public let configuration: EngineConfiguration
    /// Appends to one stream run one at a time: each takes the stream's next sequence numbers and
    /// rewrites its document.
    let streamLocks = KeyedLock()
    /// Creating and deleting one group run one at a time.
    let groupLocks = KeyedLock()

    /// Appends from concurrent writers (one stream each) share transactions.
    let batcher: ResourceBatcher
    /// Where writes to a group are announced (`logs:<group>`), for the console's live tail.
    public let changes: ChangeFeed

    public init(
        store: any ExecutionStore, clock: any EngineClock, configuration: EngineConfiguration, changes: ChangeFeed = ChangeFeed()
    ) {
        self.changes = changes
        self.store = store
        self.clock = clock
        self.configuration = configuration
        batcher = ResourceBatcher(store: store)
    }

    static let actions: ActionTable<LogsService> = [
        "CreateLogGroup": { try await $0.createLogGroup($1) },
        "DeleteLogGroup": { try await $0.deleteLogGroup($1) },
        "DescribeLogGroups": { try await $0.describeLogGroups($1) },
        "PutRetentionPolicy": { try await $0.putRetentionPolicy($1) },
        "DeleteRetentionPolicy": { try await $0.deleteRetentionPolicy($1) },
        "CreateLogStream": { try await $0.createLogStream($1) },
        "DeleteLogStream": { try await $0.deleteLogStream($1) },
        "DescribeLogStreams": { try await $0.describeLogStreams($1) },
        "PutLogEvents": { try await $0.putLogEvents($1) },
        "GetLogEvents": { try await $0.getLogEvents($1) },
        "FilterLogEvents": { try await $0.filterLogEvents($1) },
    ]

    /// The names of the actions this service answers.
    public static var actionNames: [String] { actions.keys.sorted() }

    /// Runs one action. Every error comes back as an `AWSError`.
    public func handle(action: String, body: JSON) async -> Result<JSON, AWSError> {
        await runAction(
            action, body: body, on: self, in: Self.actions,
            storeError: { $0.code == .invalidPageToken ? .invalidNextToken : .internalFailure($0.message) })
    }

    // MARK: - Names and ARNs

    var arnPrefix: String { "arn:aws:logs:\(configuration.region):\(configuration.account):" }

    /// The group's ARN without the trailing `:*` (AWS's `logGroupArn`; `arn` adds it).
    func groupArn(_ group: String) -> String { arnPrefix + "log-group:" + group }

    func streamArn(group: String, stream: String) -> String { groupArn(group) + ":log-stream:" + stream }

    /// The group a request names, by `logGroupName` or by `logGroupIdentifier` (a name or an ARN, with or
    /// without `:*`), never both.
    func groupName(_ r: Request) throws(AWSError) -> String {
        let name = try r.string("logGroupName")
        let identifier = try r.string("logGroupIdentifier")
        if name != nil, identifier != nil {
            throw .validation("LogGroup name and LogGroup ARN are mutually exclusive parameters.")
        }
        if let name {
            try checkGroupName(name)
            return name
        }
        guard var identifier else { throw .parameterMissing("logGroupName") }
        try r.checkParameterLength(identifier, "logGroupIdentifier", max: 2048)
        if identifier.hasPrefix("arn:"), let range = identifier.range(of: ":log-group:") {
            identifier = String(identifier[range.upperBound...])
            if identifier.hasSuffix(":*") { identifier.removeLast(2) }
        }
        try checkGroupName(identifier, member: "logGroupIdentifier")
        return identifier
    }

    /// AWS's rules for a log group name: 1 to 512 of `[.-_/#A-Za-z0-9]`.
    func checkGroupName(_ name: String, member: String = "logGroupName") throws(AWSError) {
        if name.isEmpty { throw .parameterConstraint("''", at: member, "Member must have length greater than or equal to 1") }
        if name.unicodeScalars.count > 512 { throw .nameTooLong }
        if !name.unicodeScalars.allSatisfy(Self.isGroupNameScalar) {
            throw .parameterConstraint(
                "'\(name)'", at: member, #"Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+"#)
        }
    }

    /// AWS's rules for a log stream name: 1 to 512 characters, no `:` or `*`.
    func checkStreamName(_ name: String, member: String = "logStreamName") throws(AWSError) {
        if name.isEmpty { throw .parameterConstraint("''", at: member, "Member must have length greater than or equal to 1") }
        if name.unicodeScalars.count > 512 { throw .nameTooLong }
        if name.contains(":") || name.contains("*") {
            throw .parameterConstraint("'\(name)'", at: member, "Member must satisfy regular expression pattern: [^:*]*")
        }
    }

    static func isGroupNameScalar(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_", "/", "#": true
        default: false
        }
    }

    // MARK: - Reading documents

    func group(_ name: String) async throws -> LogGroupDocument? {
        guard let record = try await store.resource(kind: LogKind.group, arn: groupArn(name)) else { return nil }
        return LogGroupDocument(record)
    }

    func requireGroup(_ name: String) async throws -> LogGroupDocument {
        guard let group = try await group(name) else { throw AWSError.logGroupNotFound }
        return group
    }

    func stream(group: String, name: String) async throws -> LogStreamDocument? {
        let record = try await store.resource(kind: LogKind.streams(group), arn: streamArn(group: group, stream: name))
        return record.map(LogStreamDocument.init)
    }

    func requireStream(group: String, name: String) async throws -> LogStreamDocument {
        guard let stream = try await stream(group: group, name: name) else { throw AWSError.logStreamNotFound }
        return stream
    }

    /// Reads `kind` from `start` (a page token, or nil for the beginning), keeping what `keep` accepts, until
    /// `limit` are kept or `past` says no later record can be kept. The token resumes after the last kept
    /// record when more may follow.
    func collect(
        kind: String, from start: String?, limit: Int, keep: (ResourceRecord) -> Bool,
        past: (ResourceRecord) -> Bool = { _ in false }
    ) async throws -> Page<ResourceRecord> {
        var kept: [ResourceRecord] = []
        var cursor = start
        while true {
            let page = try await store.listResources(kind: kind, limit: max(limit, 100), pageToken: cursor)
            for (i, record) in page.items.enumerated() {
                if past(record) { return Page(items: kept, nextToken: nil) }
                guard keep(record) else { continue }
                kept.append(record)
                if kept.count == limit {
                    let next = i + 1 < page.items.count ? page.items[i + 1] : nil
                    let more = next.map { !past($0) } ?? (page.nextToken != nil)
                    let token = PageToken.resources(kind: kind, after: record.name, arn: record.arn)
                    return Page(items: kept, nextToken: more ? token : nil)
                }
            }
            guard let next = page.nextToken else { return Page(items: kept, nextToken: nil) }
            cursor = next
        }
    }
}

/// The store kinds of the Logs documents (docs/architecture/events.md, Storage).
enum LogKind {
    static let group = "log-group"
    static func streams(_ group: String) -> String { "log-stream:" + group }
    static func events(_ group: String) -> String { "log-events:" + group }
}

extension AWSError {
    static let logGroupNotFound = AWSError("ResourceNotFoundException", "The specified log group does not exist.")
    static let logStreamNotFound = AWSError("ResourceNotFoundException", "The specified log stream does not exist.")
    static let logGroupExists = AWSError("ResourceAlreadyExistsException", "The specified log group already exists")
    static let logStreamExists = AWSError("ResourceAlreadyExistsException", "The specified log stream already exists")
    static let invalidNextToken = AWSError("InvalidParameterException", "The specified nextToken is invalid.")
    /// What AWS answers for a group or stream name past 512 characters (recorded for CreateLogGroup).
    static let nameTooLong = AWSError(
        "InvalidParameterException", "Invalid LogGroup or LogStream, both must have length less than or equal to 512.")

    static func invalidParameter(_ message: String) -> AWSError { AWSError("InvalidParameterException", message) }

    /// CloudWatch Logs reports a member constraint as an `InvalidParameterException` with the usual
    /// "1 validation error detected" text (recorded: `limit` past 10000, a stream name with a colon).
    static func parameterConstraint(_ value: String, at member: String, _ constraint: String) -> AWSError {
        invalidParameter("1 validation error detected: Value \(value) at '\(member)' failed to satisfy constraint: \(constraint)")
    }

    static func parameterMissing(_ member: String) -> AWSError {
        parameterConstraint("null", at: member, "Member must not be null")
    }
}

extension Request {
    /// A required string member of a Logs request.
    func requiredParameter(_ key: String) throws(AWSError) -> String {
        guard let s = try string(key) else { throw .parameterMissing(key) }
        return s
    }

    func checkParameterLength(_ value: String, _ key: String, max: Int, min: Int = 1) throws(AWSError) {
        let n = value.unicodeScalars.count
        if n < min { throw .parameterConstraint("'\(value)'", at: key, "Member must have length greater than or equal to \(min)") }
        if n > max { throw .parameterConstraint("'\(value)'", at: key, "Member must have length less than or equal to \(max)") }
    }

    /// `limit`: `range` bounds it, `fallback` when absent.
    func parameterLimit(_ range: ClosedRange<Int>, default fallback: Int) throws(AWSError) -> Int {
        guard let n = try int("limit") else { return fallback }
        if n < range.lowerBound {
            throw .parameterConstraint("'\(n)'", at: "limit", "Member must have value greater than or equal to \(range.lowerBound)")
        }
        if n > range.upperBound {
            throw .parameterConstraint("'\(n)'", at: "limit", "Member must have value less than or equal to \(range.upperBound)")
        }
        return n
    }

    /// A timestamp member (epoch milliseconds, at least 0).
    func timestamp(_ key: String) throws(AWSError) -> Int64? {
        guard let n = try int(key) else { return nil }
        if n < 0 { throw .parameterConstraint("'\(n)'", at: key, "Member must have value greater than or equal to 0") }
        return Int64(n)
    }

    /// `nextToken` of a Logs request (at least one character).
    func logsToken() throws(AWSError) -> String? {
        guard let token = try string("nextToken") else { return nil }
        if token.isEmpty { throw .parameterConstraint("''", at: "nextToken", "Member must have length greater than or equal to 1") }
        return token
    }
}
