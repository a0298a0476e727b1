import CortadoJSON

extension StepFunctionsService {
    /// `DeleteActivity`: answers even if the activity is unknown, as AWS does.
    func deleteActivity(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("activityArn")
        _ = try parseArn(arn, member: "activityArn", types: ["activity"])
        _ = try await store.deleteResource(kind: "activity", arn: arn)
        engine.activities.unregister(activityArn: arn)
        _ = try await store.deleteResource(kind: "tags", arn: arn)
        return [:]
    }
}
