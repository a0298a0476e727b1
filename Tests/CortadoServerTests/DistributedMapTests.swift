import CortadoJSON
import Testing

/// Task states inside a DISTRIBUTED Map's item processor, run by activity workers through the API.
/// The iterations emit no events in the parent's history, so an answered task moves the execution
/// on with no event: these ran until RUNNING forever while the engine took that for "nothing happened".
@Suite struct DistributedMapTests {
    /// A distributed Map over `{"jobs": [1, 2, 3]}` whose iterations run `T`, an activity task with
    /// the `task` fields added, and `states` beside it.
    func machine(_ h: Harness, activity: String, task: String = "", states: String = "") async throws -> String {
        try await h.createMachine(
            "dmap",
            #"{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.jobs","ItemSelector":{"job.$":"$$.Map.Item.Value"},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"T","States":{"T":{"Type":"Task","Resource":"\#(activity)",\#(task)"End":true}\#(states)}},"End":true}}}"#
        )
    }

    /// Takes `count` tasks of the activity as a worker would and answers each `{"done": job}`, or fails
    /// it with `Boom` if its job is in `failing`; returns the jobs taken, in order.
    @discardableResult
    func work(_ h: Harness, _ activity: String, tasks count: Int, failing: Set<Int> = []) async throws -> [Int] {
        var jobs: [Int] = []
        for _ in 0..<count {
            let task = try await h.call("GetActivityTask", ["activityArn": .string(activity), "workerName": "w"])
            let input = try JSON(parsing: try #require(task["input"]?.stringValue))
            let job = try #require(input["job"]?.intValue)
            jobs.append(job)
            if failing.contains(job) {
                try await h.call("SendTaskFailure", ["taskToken": task["taskToken"]!, "error": "Boom", "cause": .string("job \(job)")])
            } else {
                try await h.call("SendTaskSuccess", ["taskToken": task["taskToken"]!, "output": .string(#"{"done":\#(job)}"#)])
            }
        }
        return jobs
    }

    static let parentHistory = [
        "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded",
        "MapStateExited", "ExecutionSucceeded",
    ]

    @Test func answeredTasksCompleteTheMap() async throws {
        let h = Harness()
        let activity = try await h.call("CreateActivity", ["name": "work"])["activityArn"]!.stringValue!
        let e = try await h.start(try await machine(h, activity: activity), name: "ok", input: #"{"jobs":[1,2,3]}"#)
        try await work(h, activity, tasks: 3)
        let d = try await h.waitUntilClosed(e, timeout: .seconds(5))
        #expect(d["status"] == "SUCCEEDED")
        #expect(d["output"] == #"[{"done":1},{"done":2},{"done":3}]"#)
        #expect(try await h.history(e).map { $0["type"]!.stringValue! } == Self.parentHistory)
    }

    @Test func failedTaskIsCaughtInsideItsIteration() async throws {
        let h = Harness()
        let activity = try await h.call("CreateActivity", ["name": "work"])["activityArn"]!.stringValue!
        let m = try await machine(
            h, activity: activity, task: #""Catch":[{"ErrorEquals":["Boom"],"ResultPath":"$.error","Next":"Caught"}],"#,
            states: #","Caught":{"Type":"Pass","End":true}"#)
        let e = try await h.start(m, name: "caught", input: #"{"jobs":[1,2,3]}"#)
        try await work(h, activity, tasks: 3, failing: [2])
        let d = try await h.waitUntilClosed(e, timeout: .seconds(5))
        #expect(d["status"] == "SUCCEEDED")
        #expect(d["output"] == #"[{"done":1},{"job":2,"error":{"Error":"Boom","Cause":"job 2"}},{"done":3}]"#)
        #expect(try await h.history(e).map { $0["type"]!.stringValue! } == Self.parentHistory)
    }

    @Test func failedTaskIsRetriedInsideItsIteration() async throws {
        let h = Harness()
        let activity = try await h.call("CreateActivity", ["name": "work"])["activityArn"]!.stringValue!
        let m = try await machine(h, activity: activity, task: #""Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":5,"MaxAttempts":1}],"#)
        let e = try await h.start(m, name: "retried", input: #"{"jobs":[1,2,3]}"#)
        try await work(h, activity, tasks: 3, failing: [2])
        #expect(try await h.describe(e)["status"] == "RUNNING")
        h.clock.advance(seconds: 5)
        await h.server.fireDueTimers()
        #expect(try await work(h, activity, tasks: 1) == [2])
        let d = try await h.waitUntilClosed(e, timeout: .seconds(5))
        #expect(d["status"] == "SUCCEEDED")
        #expect(d["output"] == #"[{"done":1},{"done":2},{"done":3}]"#)
        #expect(try await h.history(e).map { $0["type"]!.stringValue! } == Self.parentHistory)
    }
}
