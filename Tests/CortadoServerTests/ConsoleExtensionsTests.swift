import CortadoEngine
import CortadoJSON
import CortadoStore
import Foundation
import Testing

/// The Cortado extensions the console calls (docs/architecture/console.md): the graph of a definition,
/// the callbacks inbox, execution search, recent deliveries and the change feed.
@Suite struct ConsoleExtensionsTests {
    @Test func theGraphOfADefinitionIsTheSVGCortadoGraphDraws() async throws {
        let h = Harness()
        let answer = try await h.call(
            "DescribeStateMachineGraph",
            ["definition": .string(#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B & C"},"B & C":{"Type":"Succeed"}}}"#)])
        let svg = try #require(answer["svg"]?.stringValue)
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains(#"data-state="A""#))
        #expect(svg.contains(#"data-state="B &amp; C""#))
        #expect(answer["layout"]?["nodes"]?.arrayValue?.isEmpty == false)

        let notJSON = await h.service.handle(action: "DescribeStateMachineGraph", body: ["definition": "{\"StartAt\":"])
        #expect(notJSON.failure?.type == "InvalidDefinition")
        #expect(notJSON.failure?.message.contains("not JSON") == true)
        let notObject = await h.service.handle(action: "DescribeStateMachineGraph", body: ["definition": "[1]"])
        #expect(notObject.failure?.message.contains("a definition is a JSON object, not array") == true)
        let missing = await h.service.handle(action: "DescribeStateMachineGraph", body: [:])
        #expect(missing.failure?.type == "ValidationException")
    }

    @Test func waitingCallbacksAreListedOldestFirstAndAnsweredOnesLeaveTheList() async throws {
        let h = Harness()
        let m = try await h.createMachine("callbacks", EngineTests.callback)
        let first = try await h.start(m, name: "first")
        h.clock.advance(seconds: 5)
        let second = try await h.start(m, name: "second")
        let listed = try await waitForCallbacks(h, count: 2)
        #expect(listed.map { $0["executionName"] } == ["first", "second"])
        #expect(listed[0]["stateName"] == "Wait for it")
        #expect(listed[0]["resource"] == "arn:aws:states:::events:putEvents.waitForTaskToken")
        #expect(listed[0]["heartbeatSeconds"] == 900)
        #expect(listed[0]["stateMachineArn"]?.stringValue == m)
        #expect(listed[0]["taskToken"]?.stringValue == (try await h.token(first)))

        // One execution's own callbacks come from its state.
        let own = try await h.call("ListWaitingCallbacks", ["executionArn": .string(second)])["callbacks"]!.arrayValue!
        #expect(own.map { $0["executionName"] } == ["second"])

        // Answering a token takes it off the list, and the stale index record is removed as it is read.
        try await h.call("SendTaskSuccess", ["taskToken": listed[0]["taskToken"]!, "output": "{}"])
        _ = try await h.waitUntilClosed(first)
        let after = try await h.call("ListWaitingCallbacks", [:])["callbacks"]!.arrayValue!
        #expect(after.map { $0["executionName"] } == ["second"])
        #expect(try await h.store.listResources(kind: "callback", limit: 10, pageToken: nil).items.count == 1)
        #expect(try await h.call("ListWaitingCallbacks", ["executionArn": .string(first)])["callbacks"] == [])

        // Paging: one at a time.
        let third = try await h.start(m, name: "third")
        _ = third
        _ = try await waitForCallbacks(h, count: 2)
        let page = try await h.call("ListWaitingCallbacks", ["maxResults": 1])
        #expect(page["callbacks"]?.arrayValue?.map { $0["executionName"] } == ["second"])
        let next = try await h.call("ListWaitingCallbacks", ["maxResults": 1, "nextToken": page["nextToken"]!])
        #expect(next["callbacks"]?.arrayValue?.map { $0["executionName"] } == ["third"])

        let unknown = await h.service.handle(
            action: "ListWaitingCallbacks",
            body: ["executionArn": "arn:aws:states:us-east-1:000000000000:execution:callbacks:nobody"])
        #expect(unknown.failure?.type == "ExecutionDoesNotExist")
    }

    func waitForCallbacks(_ h: Harness, count: Int) async throws -> [JSON] {
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let list = try await h.call("ListWaitingCallbacks", [:])["callbacks"]!.arrayValue!
            if list.count == count || ContinuousClock.now > deadline { return list }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test func searchReadsABoundedNumberOfExecutionsPerCallAndGoesOnWithAToken() async throws {
        let h = Harness()
        let m = try await h.createMachine("search", #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#)
        for i in 0..<1_205 {
            h.clock.advance(seconds: 1)
            _ = try await h.start(m, name: "run-\(i)", input: i % 400 == 7 ? #"{"customer":"Ada Lovelace"}"# : #"{"n":\#(i)}"#)
        }
        let first = try await h.call("SearchExecutions", ["stateMachineArn": .string(m), "text": "lovelace"])
        // Newest first: 1,000 read, two found (807 and 407), more to read.
        #expect(first["scanned"] == 1000)
        #expect(first["executions"]?.arrayValue?.map { $0["name"] } == ["run-807", "run-407"])
        let token = try #require(first["nextToken"])
        let rest = try await h.call("SearchExecutions", ["stateMachineArn": .string(m), "text": "LOVELACE", "nextToken": token])
        #expect(rest["scanned"] == 205)
        #expect(rest["executions"]?.arrayValue?.map { $0["name"] } == ["run-7"])
        #expect(rest["nextToken"] == nil)

        let byName = try await h.call("SearchExecutions", ["stateMachineArn": .string(m), "name": "run-120", "maxResults": 5])
        #expect(byName["executions"]?.arrayValue?.map { $0["name"] }.contains("run-1200") == true)

        // A time window: started after the 1,200th second, newest first, and nothing read past it.
        let start = Double(1_795_275_379_000 + 1_200_000) / 1000
        let recent = try await h.call("SearchExecutions", ["stateMachineArn": .string(m), "startedAfter": .double(start)])
        #expect(
            recent["executions"]?.arrayValue?.map { $0["name"] } == [
                "run-1204", "run-1203", "run-1202", "run-1201", "run-1200", "run-1199",
            ])
        #expect(recent["nextToken"] == nil)

        let badStatus = await h.service.handle(action: "SearchExecutions", body: ["stateMachineArn": .string(m), "statusFilter": "DONE"])
        #expect(badStatus.failure?.type == "ValidationException")
        let badTime = await h.service.handle(action: "SearchExecutions", body: ["stateMachineArn": .string(m), "startedAfter": "today"])
        #expect(badTime.failure?.type == "SerializationException")
    }

    @Test func theFeedTellsOnlyItsSubscribersAndForgetsThemWhenTheyGo() async throws {
        let feed = ChangeFeed()
        #expect(!feed.isWatched)
        feed.publish("executions")  // nobody listens: nothing to do
        var watching: AsyncStream<String>? = feed.subscribe(["execution:a", "logs:g"])
        #expect(feed.isWatched)
        feed.publish("execution:b", "logs:g")
        feed.publish("execution:a")
        var iterator = watching!.makeAsyncIterator()
        #expect(await iterator.next() == "logs:g")
        #expect(await iterator.next() == "execution:a")
        watching = nil
        iterator = AsyncStream<String> { $0.finish() }.makeAsyncIterator()
        let deadline = ContinuousClock.now + .seconds(5)
        while feed.isWatched, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(!feed.isWatched)
    }

    @Test func anExecutionsTransitionsAreAnnouncedOnItsTopics() async throws {
        let h = Harness()
        let m = try await h.createMachine("announced", #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#)
        let arn = h.service.engine.executionArn(stateMachineArn: m, name: "one")
        var topics = h.server.changes.subscribe(["execution:\(arn)", "state-machine:\(m)", "executions"]).makeAsyncIterator()
        _ = try await h.start(m, name: "one")
        var seen: Set<String> = []
        while seen.count < 3, let topic = await topics.next() { seen.insert(topic) }
        #expect(seen == ["execution:\(arn)", "state-machine:\(m)", "executions"])
    }
}

extension Result {
    fileprivate var failure: AWSError? {
        if case .failure(let e) = self { return e as? AWSError }
        return nil
    }
}
