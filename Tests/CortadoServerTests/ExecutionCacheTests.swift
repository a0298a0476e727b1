import CortadoJSON
import Testing

@testable import CortadoEngine

/// Two drivers of one execution can finish out of order (the first puts its copy back after the
/// mailbox went idle and a faster driver committed). In-process tasks that answer within microseconds
/// made that happen: the next answer met a copy that did not know its task and was dropped.
@Suite struct ExecutionCacheTests {
    static let twoActivities =
        #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"ACT","Next":"B"},"B":{"Type":"Task","Resource":"ACT","End":true}}}"#

    @Test func anOlderCopyDoesNotReplaceANewerOne() async throws {
        let h = Harness()
        let activity = try await h.call("CreateActivity", ["name": "work"])["activityArn"]!.stringValue!
        let machine = try await h.createMachine("two", Self.twoActivities.replacingOccurrences(of: "ACT", with: activity))
        let execution = try await h.start(machine, name: "e")
        let first = try await h.call("GetActivityTask", ["activityArn": .string(activity), "workerName": "w"])
        let engine = h.service.engine
        let older = try #require(try await engine.load(execution))
        try await h.call("SendTaskSuccess", ["taskToken": first["taskToken"]!, "output": "{}"])
        _ = try await h.waitForHistory(execution) { $0.filter { $0["type"] == "ActivityScheduled" }.count == 2 }
        let newer = try #require(try await engine.load(execution))
        engine.cache.put(execution, newer)
        engine.cache.put(execution, older)
        #expect(engine.cache.take(execution)?.record.version == newer.record.version)
    }

    @Test func anAnswerForATaskAStaleCopyDoesNotKnowIsNotDropped() async throws {
        let h = Harness()
        let activity = try await h.call("CreateActivity", ["name": "work"])["activityArn"]!.stringValue!
        let machine = try await h.createMachine("two", Self.twoActivities.replacingOccurrences(of: "ACT", with: activity))
        let execution = try await h.start(machine, name: "e")
        let first = try await h.call("GetActivityTask", ["activityArn": .string(activity), "workerName": "w"])
        let engine = h.service.engine
        let stale = try #require(try await engine.load(execution))  // task A open, B not yet scheduled
        try await h.call("SendTaskSuccess", ["taskToken": first["taskToken"]!, "output": "{}"])
        let second = try await h.call("GetActivityTask", ["activityArn": .string(activity), "workerName": "w"])
        // The late driver's copy, put back where nothing newer is held.
        _ = engine.cache.take(execution)
        engine.cache.put(execution, stale)
        try await h.call("SendTaskSuccess", ["taskToken": second["taskToken"]!, "output": #"{"done":true}"#])
        let closed = try await h.waitUntilClosed(execution)
        #expect(closed["status"] == "SUCCEEDED")
        #expect(closed["output"] == #"{"done":true}"#)
    }
}
