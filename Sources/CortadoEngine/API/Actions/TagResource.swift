import CortadoJSON
import CortadoStore

extension StepFunctionsService {
    /// `TagResource`: adds or replaces tags of a state machine or activity (at most 50).
    func tagResource(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("resourceArn")
        guard let tags = try r.array("tags") else { throw AWSError.missing("tags") }
        try await requireTaggable(arn)
        try await storeTags(arn: arn, adding: tags)
        return [:]
    }

    func requireTaggable(_ arn: String) async throws {
        let parts = try parseArn(arn, member: "resourceArn", types: ["stateMachine", "activity"])
        let exists: Bool
        if parts[5] == "activity" {
            exists = try await store.resource(kind: "activity", arn: arn) != nil
        } else {
            exists = try await store.stateMachine(arn: arn) != nil
        }
        if !exists { throw AWSError("ResourceNotFound", "Resource not found: '\(arn)'") }
    }

    /// The tags of a resource, in the order they were first set.
    func tags(of arn: String) async throws -> JSONObject {
        guard let record = try await store.resource(kind: "tags", arn: arn), case .object(let o) = try JSON(parsing: record.json)
        else { return [:] }
        return o
    }

    func storeTags(arn: String, adding list: [JSON]) async throws {
        var tags = try await tags(of: arn)
        for (i, item) in list.enumerated() {
            guard case .object(let tag) = item, case .string(let key)? = tag["key"] else {
                throw AWSError.missing("tags.\(i + 1).member.key")
            }
            let value = tag["value"]?.stringValue ?? ""
            if key.isEmpty || key.count > 128 {
                throw AWSError.constraint("'\(key)'", at: "tags.\(i + 1).member.key", "Member must have length between 1 and 128")
            }
            if value.count > 256 {
                throw AWSError.constraint(
                    "'\(value)'", at: "tags.\(i + 1).member.value", "Member must have length less than or equal to 256")
            }
            tags[key] = .string(value)
        }
        if tags.count > 50 {
            throw AWSError("TooManyTags", "Too many tags: '\(arn)' may have at most 50 tags")
        }
        try await store.putResource(
            ResourceRecord(kind: "tags", arn: arn, name: arn, json: JSON.object(tags).text, creationDate: engine.clock.now()))
    }
}
