import CortadoJSON
import CortadoStore

extension StepFunctionsService {
    /// `UntagResource`.
    func untagResource(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("resourceArn")
        guard let keys = try r.array("tagKeys") else { throw AWSError.missing("tagKeys") }
        try await requireTaggable(arn)
        var tags = try await tags(of: arn)
        for k in keys { if case .string(let key) = k { tags[key] = nil } }
        try await store.putResource(
            ResourceRecord(kind: "tags", arn: arn, name: arn, json: JSON.object(tags).text, creationDate: engine.clock.now()))
        return [:]
    }
}
