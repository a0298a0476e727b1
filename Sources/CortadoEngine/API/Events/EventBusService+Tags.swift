import CortadoJSON
import CortadoStore

extension EventBusService {
    /// Tags are `[{Key, Value}]` on EventBridge; kept in the `tags` documents the Step Functions API uses.
    func writeTags(_ arn: String, adding tags: [JSON], removing keys: [String] = []) async throws {
        var current = try await readTags(arn)
        for tag in tags {
            guard let key = tag["Key"]?.stringValue, let value = tag["Value"]?.stringValue else {
                throw AWSError.validation("Tags must have a Key and a Value.")
            }
            current[key] = value
        }
        for key in keys { current.removeValue(forKey: key) }
        var object = JSONObject()
        for (key, value) in current.sorted(by: { $0.key < $1.key }) { object.append(key, .string(value)) }
        let doc = JSON.object(object)
        try await store.putResource(ResourceRecord(kind: "tags", arn: arn, name: arn, json: doc.text, creationDate: clock.now()))
    }

    func readTags(_ arn: String) async throws -> [String: String] {
        guard let record = try await store.resource(kind: "tags", arn: arn), let doc = try? JSON(parsing: record.json) else {
            return [:]
        }
        var out: [String: String] = [:]
        for (key, value) in doc.objectValue ?? [:] { out[key] = value.stringValue }
        return out
    }

    /// The bus or rule an ARN names, or `ResourceNotFoundException`.
    func requireTaggable(_ arn: String) throws(AWSError) {
        guard arn.hasPrefix(arnPrefix) else {
            throw AWSError("ResourceNotFoundException", "Resource \(arn) does not exist.")
        }
        let rest = arn.dropFirst(arnPrefix.count)
        if rest.hasPrefix("event-bus/") {
            _ = try requireBus(String(rest.dropFirst("event-bus/".count)))
            return
        }
        if rest.hasPrefix("rule/") {
            let parts = rest.dropFirst("rule/".count).split(separator: "/", maxSplits: 1).map(String.init)
            let (bus, name) = parts.count == 2 ? (parts[0], parts[1]) : ("default", parts[0])
            _ = try requireRule(name, bus: bus)
            return
        }
        throw AWSError("ResourceNotFoundException", "Resource \(arn) does not exist.")
    }

    func tagResource(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("ResourceARN")
        try requireTaggable(arn)
        try await writeTags(arn, adding: try r.array("Tags") ?? [])
        return [:]
    }

    func untagResource(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("ResourceARN")
        try requireTaggable(arn)
        let keys = (try r.array("TagKeys") ?? []).compactMap(\.stringValue)
        try await writeTags(arn, adding: [], removing: keys)
        return [:]
    }

    func listTagsForResource(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("ResourceARN")
        try requireTaggable(arn)
        let tags = try await readTags(arn).sorted { $0.key < $1.key }
        return ["Tags": .array(tags.map { ["Key": .string($0.key), "Value": .string($0.value)] })]
    }
}
