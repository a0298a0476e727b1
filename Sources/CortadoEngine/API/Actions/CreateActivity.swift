import CortadoJSON
import CortadoStore

extension StepFunctionsService {
    /// `CreateActivity`: idempotent for the same name, as on AWS.
    func createActivity(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("name")
        try checkName(name)
        let arn = arnPrefix + "activity:" + name
        let now = engine.clock.now()
        engine.activities.register(activityArn: arn)
        if let existing = try await store.resource(kind: "activity", arn: arn) {
            return ["activityArn": .string(arn), "creationDate": Self.date(existing.creationDate)]
        }
        try await store.putResource(ResourceRecord(kind: "activity", arn: arn, name: name, json: "{}", creationDate: now))
        if let tags = try r.array("tags") { try await storeTags(arn: arn, adding: tags) }
        return ["activityArn": .string(arn), "creationDate": Self.date(now)]
    }

    func requireActivity(_ arn: String) async throws -> ResourceRecord {
        _ = try parseArn(arn, member: "activityArn", types: ["activity"])
        guard let record = try await store.resource(kind: "activity", arn: arn) else {
            throw AWSError("ActivityDoesNotExist", "Activity Does Not Exist: '\(arn)'")
        }
        return record
    }
}
