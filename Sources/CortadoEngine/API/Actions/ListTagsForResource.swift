import CortadoJSON

extension StepFunctionsService {
    /// `ListTagsForResource`.
    func listTagsForResource(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("resourceArn")
        try await requireTaggable(arn)
        let tags = try await tags(of: arn)
        return ["tags": .array(tags.map { ["key": .string($0.key), "value": $0.value] })]
    }
}
