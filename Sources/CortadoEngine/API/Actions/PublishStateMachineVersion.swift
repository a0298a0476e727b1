import CortadoJSON

extension StepFunctionsService {
    /// `PublishStateMachineVersion`.
    func publishStateMachineVersion(_ r: Request) async throws -> JSON {
        let machine = try await requireStateMachine(try r.requiredString("stateMachineArn"))
        if let expected = try r.string("revisionId"), expected != machine.revisionId {
            throw AWSError(
                "ConflictException",
                "Failed to publish the State Machine version for revision \(expected). The current State Machine revision is \(machine.revisionId)."
            )
        }
        let description = try r.string("description")
        if let description { try r.checkLength(description, "description", max: 256, min: 0) }
        let (arn, created) = try await publishVersion(of: machine, description: description)
        return ["creationDate": Self.date(created), "stateMachineVersionArn": .string(arn)]
    }
}
