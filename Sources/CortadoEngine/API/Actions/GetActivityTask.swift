import CortadoJSON

extension StepFunctionsService {
    /// How long `GetActivityTask` waits for a task (AWS: 60 s).
    static let activityPollTimeout = Duration.seconds(60)

    /// `GetActivityTask`: long-polls for a task of the activity; `{}` if none came in time.
    func getActivityTask(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("activityArn")
        let workerName = try r.string("workerName")
        if let workerName { try r.checkLength(workerName, "workerName", max: 80) }
        _ = try await requireActivity(arn)
        let deadline = ContinuousClock.now + Self.activityPollTimeout
        while ContinuousClock.now < deadline {
            guard let offer = await engine.activities.take(activityArn: arn, timeout: deadline - ContinuousClock.now) else { break }
            let target = engine.owner(of: offer.executionArn)
            let outcome = try await target.deliver(
                offer.executionArn, .taskStarted(taskID: offer.taskID, workerName: workerName), requireOpenTask: offer.taskID,
                delivered: [offer.taskID])
            if outcome == .applied {
                return ["taskToken": .string(offer.token), "input": .string(offer.input.text)]
            }
        }
        return [:]
    }
}
