import CortadoEngine
import CortadoJSON
import CortadoServer
import CortadoStore
import Testing

/// The durable engine through the Step Functions API, on the in-memory reference store.
@Suite struct EngineTests {
    static let callback = """
        {"StartAt":"Wait for it","States":{
          "Wait for it":{"Type":"Task","Resource":"arn:aws:states:::events:putEvents.waitForTaskToken","HeartbeatSeconds":900,
            "Parameters":{"Entries":[{"Detail":{"TaskToken.$":"$$.Task.Token"},"DetailType":"d","Source":"s"}]},
            "ResultPath":"$.answer","Catch":[{"ErrorEquals":["States.Timeout"],"ResultPath":"$.error","Next":"Timed out"}],"Next":"Done"},
          "Done":{"Type":"Pass","End":true},
          "Timed out":{"Type":"Pass","Result":"timed out","ResultPath":"$.cause","End":true}}}
        """

    @Test func passMachineSucceedsAndIsStoredWithItsHistory() async throws {
        let h = Harness()
        let m = try await h.createMachine("pass", #"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$.x"},"End":true}}}"#)
        let e = try await h.start(m, name: "one", input: #"{"x":42}"#)
        let d = try await h.describe(e)
        #expect(d["status"] == "SUCCEEDED")
        #expect(d["output"] == #"{"v":42}"#)
        let types = try await h.history(e).map { $0["type"]!.stringValue! }
        #expect(types == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
    }

    @Test func callbackResumesOnceAndThenTheTokenIsClosed() async throws {
        let h = Harness()
        let m = try await h.createMachine("cb", Self.callback)
        let e = try await h.start(m, name: "one", input: #"{"order":1}"#)
        let token = try await h.token(e)
        try await h.call("SendTaskHeartbeat", ["taskToken": .string(token)])
        try await h.call("SendTaskSuccess", ["taskToken": .string(token), "output": #"{"orderId":1}"#])
        let d = try await h.waitUntilClosed(e)
        #expect(d["status"] == "SUCCEEDED")
        #expect(d["output"] == #"{"order":1,"answer":{"orderId":1}}"#)
        await #expect(throws: AWSError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'")) {
            try await h.call("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"])
        }
    }

    @Test func forgedAndMalformedTokensAreInvalid() async throws {
        let h = Harness()
        let m = try await h.createMachine("cb", Self.callback)
        let e = try await h.start(m, name: "one")
        let forged = TaskTokens(key: [UInt8](repeating: 9, count: 32)).mint(executionArn: e, taskID: 1)
        for token in [forged, "not-a-token", String(repeating: "A", count: 300)] {
            await #expect(throws: AWSError("InvalidToken", "Invalid Token: 'Invalid token'")) {
                try await h.call("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"])
            }
        }
        #expect(try await h.describe(e)["status"] == "RUNNING")
    }

    @Test func missedHeartbeatIsCaughtAsStatesTimeout() async throws {
        let h = Harness()
        let m = try await h.createMachine("cb", Self.callback)
        let e = try await h.start(m, name: "late")
        _ = try await h.token(e)
        h.clock.advance(seconds: 899)
        await h.server.fireDueTimers()
        #expect(try await h.describe(e)["status"] == "RUNNING")
        h.clock.advance(seconds: 1)
        await h.server.fireDueTimers()
        let d = try await h.waitUntilClosed(e)
        #expect(d["status"] == "SUCCEEDED")
        #expect(d["output"] == #"{"error":{"Error":"States.Timeout","Cause":""},"cause":"timed out"}"#)
        let types = try await h.history(e).map { $0["type"]!.stringValue! }
        #expect(types.contains("TaskTimedOut"))
    }

    @Test func waitStateFiresOnItsTimerOnly() async throws {
        let h = Harness()
        let m = try await h.createMachine(
            "wait", #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"Next":"P"},"P":{"Type":"Pass","End":true}}}"#)
        let e = try await h.start(m, name: "w")
        await h.server.fireDueTimers()
        #expect(try await h.describe(e)["status"] == "RUNNING")
        h.clock.advance(seconds: 60)
        await h.server.fireDueTimers()
        #expect(try await h.waitUntilClosed(e)["status"] == "SUCCEEDED")
    }

    @Test func sameNameAndInputIsIdempotentAndOtherInputIsRefused() async throws {
        let h = Harness()
        let m = try await h.createMachine("cb", Self.callback)
        let first = try await h.start(m, name: "n", input: #"{"a":1}"#)
        let again = try await h.start(m, name: "n", input: #"{"a":1}"#)
        #expect(first == again)
        await #expect(throws: AWSError("ExecutionAlreadyExists", "Execution Already Exists: '\(first)'")) {
            try await h.start(m, name: "n", input: #"{"a":2}"#)
        }
    }

    @Test func activityTaskGoesToAWorkerAndRecordsItsName() async throws {
        let h = Harness()
        let activity = try await h.call("CreateActivity", ["name": "work"])["activityArn"]!.stringValue!
        let m = try await h.createMachine(
            "act", #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"\#(activity)","End":true}}}"#)
        let e = try await h.start(m, name: "a", input: #"{"job":7}"#)
        let task = try await h.call("GetActivityTask", ["activityArn": .string(activity), "workerName": "w1"])
        #expect(task["input"] == #"{"job":7}"#)
        try await h.call("SendTaskSuccess", ["taskToken": task["taskToken"]!, "output": #"{"done":true}"#])
        #expect(try await h.waitUntilClosed(e)["output"] == #"{"done":true}"#)
        let started = try await h.history(e).first { $0["type"] == "ActivityStarted" }
        #expect(started?["activityStartedEventDetails"]?["workerName"] == "w1")
    }

    @Test func undeliveredTasksAreDispatchedAgainAfterARestart() async throws {
        let store = InMemoryStore()
        let first = Harness(store: store)
        let activity = try await first.call("CreateActivity", ["name": "work"])["activityArn"]!.stringValue!
        let m = try await first.createMachine(
            "act", #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"\#(activity)","End":true}}}"#)
        let e = try await first.start(m, name: "a", input: #"{"job":1}"#)
        // A second server on the same store stands for the restarted process: its broker starts empty.
        let second = Harness(store: store)
        try await second.server.recover()
        let task = try await second.call("GetActivityTask", ["activityArn": .string(activity), "workerName": "after"])
        #expect(task["input"] == #"{"job":1}"#)
        try await second.call("SendTaskSuccess", ["taskToken": task["taskToken"]!, "output": "{}"])
        #expect(try await second.waitUntilClosed(e)["status"] == "SUCCEEDED")
    }

    @Test func syncChildAnswersItsParentWithItsDescription() async throws {
        let h = Harness()
        let child = try await h.createMachine(
            "child", #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"Arg1":"argument1"},"End":true}}}"#)
        let parent = try await h.createMachine(
            "parent",
            #"{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Parameters":{"StateMachineArn":"\#(child)","Input":{"k":1},"Name":"kid"},"End":true}}}"#
        )
        let e = try await h.start(parent, name: "p")
        let d = try await h.waitUntilClosed(e)
        try #require(d["status"] == "SUCCEEDED")
        let output = try JSON(parsing: try #require(d["output"]?.stringValue))
        #expect(output["Output"] == ["Arg1": "argument1"])
        #expect(output["Input"] == ["k": 1])
        #expect(output["Status"] == "SUCCEEDED")
        let types = try await h.history(e).map { $0["type"]!.stringValue! }
        #expect(types.contains("TaskSubmitted"))
    }

    @Test func stopAbortsAndClosesOpenTokens() async throws {
        let h = Harness()
        let m = try await h.createMachine("cb", Self.callback)
        let e = try await h.start(m, name: "s")
        let token = try await h.token(e)
        try await h.call("StopExecution", ["executionArn": .string(e), "error": "E", "cause": "C"])
        let d = try await h.describe(e)
        #expect(d["status"] == "ABORTED")
        #expect(d["error"] == "E")
        await #expect(throws: AWSError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'")) {
            try await h.call("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"])
        }
    }

    @Test func expressRunsSynchronously() async throws {
        let h = Harness()
        let m = try await h.createMachine(
            "ex", #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"hi","End":true}}}"#, type: "EXPRESS")
        let answer = try await h.call("StartSyncExecution", ["stateMachineArn": .string(m), "input": "{}"])
        #expect(answer["status"] == "SUCCEEDED")
        #expect(answer["output"] == #""hi""#)
        #expect(answer["executionArn"]?.stringValue?.contains(":express:ex:") == true)
    }

    @Test func badRequestsChangeNothing() async throws {
        let h = Harness()
        let m = try await h.createMachine("cb", Self.callback)
        let long = String(repeating: "n", count: 81)
        await #expect(
            throws: AWSError.constraint("'\(long)'", at: "name", "Member must have length less than or equal to 80")
        ) { try await h.start(m, name: long) }
        await #expect(throws: AWSError("InvalidName", "Invalid Name: 'a b'")) { try await h.start(m, name: "a b") }
        let big = "\"" + String(repeating: "x", count: 262_144) + "\""
        do {
            _ = try await h.start(m, name: "big", input: big)
            Issue.record("a 256 KiB input was accepted")
        } catch let e as AWSError {
            #expect(e.type == "ValidationException")
            #expect(e.message.contains("'input'"))
        }
        let listed = try await h.call("ListExecutions", ["stateMachineArn": .string(m)])
        #expect(listed["executions"] == [])
    }
}

@Suite struct RedriveTests {
    @Test func failedExecutionRedrivesFromTheStateItStoppedIn() async throws {
        let h = Harness()
        let m = try await h.createMachine(
            "redo",
            #"{"StartAt":"First","States":{"First":{"Type":"Pass","Result":1,"ResultPath":"$.first","Next":"Wait for it"},"Wait for it":{"Type":"Task","Resource":"arn:aws:states:::events:putEvents.waitForTaskToken","Parameters":{"Entries":[{"Detail":{"TaskToken.$":"$$.Task.Token"},"DetailType":"d","Source":"s"}]},"ResultPath":"$.answer","End":true}}}"#
        )
        let e = try await h.start(m, name: "r", input: #"{"n":1}"#)
        try await h.call("SendTaskFailure", ["taskToken": .string(try await h.token(e)), "error": "Nope"])
        #expect(try await h.waitUntilClosed(e)["status"] == "FAILED")
        #expect(try await h.describe(e)["redriveStatus"] == "REDRIVABLE")
        try await h.call("RedriveExecution", ["executionArn": .string(e)])
        let reopened = try await h.describe(e)
        #expect(reopened["status"] == "RUNNING")
        #expect(reopened["redriveCount"] == 1)
        try await h.call("SendTaskSuccess", ["taskToken": .string(try await h.token(e)), "output": #"{"ok":true}"#])
        let d = try await h.waitUntilClosed(e)
        #expect(d["status"] == "SUCCEEDED")
        #expect(d["output"] == #"{"n":1,"first":1,"answer":{"ok":true}}"#)
        let history = try await h.history(e)
        let types = history.map { $0["type"]!.stringValue! }
        // The succeeded Pass state does not run again.
        #expect(types.filter { $0 == "PassStateEntered" }.count == 1)
        let redriven = try #require(history.first { $0["type"] == "ExecutionRedriven" })
        #expect(redriven["executionRedrivenEventDetails"]?["redriveCount"] == 1)
        #expect(history.map { $0["id"]!.intValue! } == Array(1...history.count))
        await #expect(throws: AWSError("ExecutionNotRedrivable", "Execution is SUCCEEDED and cannot be redriven")) {
            try await h.call("RedriveExecution", ["executionArn": .string(e)])
        }
    }
}

@Suite struct VersionTests {
    @Test func aliasRoutesToItsVersionAndTheExecutionSaysWhich() async throws {
        let h = Harness()
        let created = try await h.call(
            "CreateStateMachine",
            [
                "name": "v", "roleArn": "arn:aws:iam::000000000000:role/test", "publish": true,
                "definition": #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":1,"End":true}}}"#,
            ])
        let machine = created["stateMachineArn"]!.stringValue!
        let v1 = created["stateMachineVersionArn"]!.stringValue!
        #expect(v1 == machine + ":1")
        try await h.call(
            "UpdateStateMachine",
            ["stateMachineArn": .string(machine), "definition": #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":2,"End":true}}}"#])
        let alias = try await h.call(
            "CreateStateMachineAlias",
            ["name": "prod", "routingConfiguration": [["stateMachineVersionArn": .string(v1), "weight": 100]]])["stateMachineAliasArn"]!
        let e = try await h.start(alias.stringValue!, name: "through-alias")
        #expect(e.hasSuffix(":execution:v:through-alias"))
        let d = try await h.describe(e)
        #expect(d["output"] == "1")
        #expect(d["stateMachineVersionArn"] == .string(v1))
        #expect(d["stateMachineAliasArn"] == alias)
        let latest = try await h.describe(try await h.start(machine, name: "latest"))
        #expect(latest["output"] == "2")
        #expect(latest["stateMachineVersionArn"] == nil)
        do {
            try await h.call("DeleteStateMachineVersion", ["stateMachineVersionArn": .string(v1)])
            Issue.record("a version an alias routes to was deleted")
        } catch let e as AWSError {
            #expect(e.type == "ConflictException")
            #expect(e.message.contains("[prod]"))
        }
    }
}
