/// A document the API keeps beside state machines and executions: an activity, a resource's tags,
/// a state machine version or alias. The store does not parse `json`.
///
/// `(kind, arn)` identifies a record; each kind is its own namespace, so a state machine's tags and the
/// state machine itself may share an ARN.
public struct ResourceRecord: Sendable, Equatable {
    /// What the record is, as the API names it: `"activity"`, `"tags"`, `"version"`, `"alias"`.
    public var kind: String
    public var arn: String
    /// What lists sort by (then ARN).
    public var name: String
    /// The document, as the API wrote it.
    public var json: String
    /// Milliseconds since the Unix epoch.
    public var creationDate: Int64

    public init(kind: String, arn: String, name: String, json: String, creationDate: Int64) {
        self.kind = kind
        self.arn = arn
        self.name = name
        self.json = json
        self.creationDate = creationDate
    }
}

extension ResourceRecord {
    /// The record's problem, if a store must refuse it whatever it holds.
    package func validationError() -> StoreError? {
        if let error = resourceKeyError(kind: kind, arn: arn) { return error }
        if name.isEmpty { return StoreError(.invalidArgument, "a \(kind) resource needs a name (\(arn))") }
        return nil
    }
}

/// The problem with a resource's key, if its kind or ARN is empty, as every store checks it.
package func resourceKeyError(kind: String, arn: String) -> StoreError? {
    if kind.isEmpty { return StoreError(.invalidArgument, "a resource needs a kind (\(arn))") }
    if arn.isEmpty { return StoreError(.invalidArgument, "a \(kind) resource needs an ARN") }
    return nil
}

/// Checks a resource list's kind, as every store does.
package func checkResourceKind(_ kind: String) throws(StoreError) {
    if kind.isEmpty { throw StoreError(.invalidArgument, "a resource list needs a kind") }
}

/// Page tokens of resource lists carry the kind, so a token of one kind's list is refused by another's.
extension PageToken {
    package static let resourceList = "resources"

    /// The (name, arn) a resource list's token resumes after; `invalidPageToken` if it is another list's.
    package static func resourceKey(_ token: String, kind: String) throws(StoreError) -> (name: String, arn: String) {
        let key = try PageToken.key(token, list: resourceList, count: 3)
        guard key[0] == kind else {
            throw StoreError(.invalidPageToken, "the page token is not one this store issued for \(kind) resources")
        }
        return (key[1], key[2])
    }

    /// The token that resumes a resource list after `record`.
    package static func resource(_ record: ResourceRecord) -> String {
        PageToken.make(resourceList, [record.kind, record.name, record.arn])
    }

    /// A token that starts `kind`'s list just after the position (`name`, `arn`): a keyset seek, for lists
    /// whose names sort as the caller wants to read them (a time, a prefix). With `arn` empty the list
    /// starts at the first record named `name` (no record has an empty ARN).
    public static func resources(kind: String, after name: String, arn: String = "") -> String {
        PageToken.make(resourceList, [kind, name, arn])
    }
}

extension ExecutionStore {
    /// Every resource of one kind, read page by page.
    public func allResources(kind: String) async throws -> [ResourceRecord] {
        var out: [ResourceRecord] = []
        var token: String?
        repeat {
            let page = try await listResources(kind: kind, limit: 1000, pageToken: token)
            out += page.items
            token = page.nextToken
        } while token != nil
        return out
    }
}
