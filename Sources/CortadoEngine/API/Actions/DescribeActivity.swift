import CortadoJSON

extension StepFunctionsService {
    /// `DescribeActivity`.
    func describeActivity(_ r: Request) async throws -> JSON {
        let record = try await requireActivity(try r.requiredString("activityArn"))
        return ["activityArn": .string(record.arn), "name": .string(record.name), "creationDate": Self.date(record.creationDate)]
    }
}
