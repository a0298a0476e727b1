import CortadoEngine
import CortadoJSON
import CortadoStore
import CortadoStoreSQLite
import Foundation
import Testing

/// EventBridge actions one by one: what a caller gets for good and bad requests.
@Suite struct EventBusAPITests {
    typealias Bus = EventBusTests.Bus

    @Test func busesAreCreatedListedDescribedAndDeleted() async throws {
        let bus = try await Bus()
        let created = try await bus.call("CreateEventBus", ["Name": "orders", "Description": "the orders"])
        #expect(created["EventBusArn"] == "arn:aws:events:us-east-1:111111111111:event-bus/orders")
        let described = try await bus.call("DescribeEventBus", ["Name": "orders"])
        #expect(described["Name"] == "orders")
        #expect(described["Description"] == "the orders")
        #expect(described["CreationTime"]?.doubleValue != nil)
        let byArn = try await bus.call("DescribeEventBus", ["Name": "arn:aws:events:us-east-1:111111111111:event-bus/orders"])
        #expect(byArn["Name"] == "orders")
        #expect(try await bus.call("DescribeEventBus", [:])["Name"] == "default")
        let listed = try await bus.call("ListEventBuses", [:])["EventBuses"]!.arrayValue!.compactMap { $0["Name"]?.stringValue }
        #expect(listed == ["default", "orders"])
        let page = try await bus.call("ListEventBuses", ["Limit": 1])
        #expect(page["EventBuses"]?.arrayValue?.count == 1)
        let rest = try await bus.call("ListEventBuses", ["Limit": 1, "NextToken": page["NextToken"]!])
        #expect(rest["EventBuses"]?.arrayValue?.first?["Name"] == "orders")
        #expect(rest["NextToken"] == nil)
        #expect(try await bus.call("ListEventBuses", ["NamePrefix": "ord"])["EventBuses"]?.arrayValue?.count == 1)

        let again = await bus.error("CreateEventBus", ["Name": "orders"])
        #expect(again == AWSError("ResourceAlreadyExistsException", "Event bus orders already exists."))
        #expect(await bus.error("CreateEventBus", ["Name": "default"])?.type == "ResourceAlreadyExistsException")
        #expect(await bus.error("CreateEventBus", ["Name": "bad name"])?.type == "ValidationException")
        #expect(await bus.error("DeleteEventBus", ["Name": "default"]) == .validation("Cannot delete event bus default."))

        try await bus.call("DeleteEventBus", ["Name": "orders"])
        try await bus.call("DeleteEventBus", ["Name": "orders"])  // gone already: no error, as on AWS
        let missing = await bus.error("DescribeEventBus", ["Name": "orders"])
        #expect(missing == AWSError("ResourceNotFoundException", "Event bus orders does not exist."))
    }

    @Test func rulesAreValidatedStoredAndSwitched() async throws {
        let bus = try await Bus()
        let arn = try await bus.call("PutRule", ["Name": "r", "EventPattern": #"{"source":["a"]}"#])["RuleArn"]
        #expect(arn == "arn:aws:events:us-east-1:111111111111:rule/r")
        try await bus.call("CreateEventBus", ["Name": "custom"])
        let custom = try await bus.call("PutRule", ["Name": "r", "EventBusName": "custom", "EventPattern": #"{"source":["a"]}"#])
        #expect(custom["RuleArn"] == "arn:aws:events:us-east-1:111111111111:rule/custom/r")

        let described = try await bus.call("DescribeRule", ["Name": "r"])
        #expect(described["State"] == "ENABLED")
        #expect(described["EventBusName"] == "default")
        #expect(described["EventPattern"] == #"{"source":["a"]}"#)
        #expect(described["Targets"] == nil)

        try await bus.call("DisableRule", ["Name": "r"])
        #expect(try await bus.call("DescribeRule", ["Name": "r"])["State"] == "DISABLED")
        try await bus.call("EnableRule", ["Name": "r"])
        #expect(try await bus.call("ListRules", [:])["Rules"]?.arrayValue?.count == 1)
        #expect(try await bus.call("ListRules", ["EventBusName": "custom"])["Rules"]?.arrayValue?.count == 1)

        let bad = await bus.error("PutRule", ["Name": "x", "EventPattern": #"{"source":"a"}"#])
        #expect(bad?.type == "InvalidEventPatternException")
        #expect(bad?.message.hasPrefix(#"Event pattern is not valid. Reason: "source" must be an object or an array"#) == true)
        #expect(
            await bus.error("PutRule", ["Name": "x"]) == .validation("Parameter(s) EventPattern or ScheduleExpression must be specified."))
        #expect(
            await bus.error("PutRule", ["Name": "x", "EventBusName": "custom", "ScheduleExpression": "rate(5 minutes)"])
                == .validation("ScheduleExpression is supported only on the default event bus."))
        #expect(
            await bus.error("PutRule", ["Name": "x", "ScheduleExpression": "rate(5 minute)"])
                == .validation("Parameter ScheduleExpression is not valid."))
        #expect(
            await bus.error("PutRule", ["Name": "x", "EventBusName": "nope", "EventPattern": "{}"])?.type == "ResourceNotFoundException")
        #expect(
            await bus.error("DescribeRule", ["Name": "missing"])
                == AWSError("ResourceNotFoundException", "Rule missing does not exist on EventBus default."))
        // Nothing half-stored: the refused rules are not there.
        #expect(try await bus.call("ListRules", [:])["Rules"]?.arrayValue?.count == 1)
    }

    @Test func targetsAreAddedReplacedListedAndRemoved() async throws {
        let bus = try await Bus()
        try await bus.call("PutRule", ["Name": "r", "EventPattern": #"{"source":["a"]}"#])
        let sink = try await bus.sink("sink")
        try await bus.call(
            "PutTargets", ["Rule": "r", "Targets": [["Id": "1", "Arn": .string(sink)], ["Id": "2", "Arn": .string(sink)]]])
        try await bus.call("PutTargets", ["Rule": "r", "Targets": [["Id": "1", "Arn": .string(sink), "Input": #"{"x":1}"#]]])
        let targets = try await bus.call("ListTargetsByRule", ["Rule": "r"])["Targets"]!.arrayValue!
        #expect(targets.map { $0["Id"] } == ["1", "2"])
        #expect(targets[0]["Input"] == #"{"x":1}"#)
        #expect(try await bus.call("ListRuleNamesByTarget", ["TargetArn": .string(sink)])["RuleNames"] == ["r"])

        #expect(await bus.error("DeleteRule", ["Name": "r"]) == .validation("Rule can't be deleted since it has targets."))
        let six: [JSON] = (1...6).map { .object(["Id": .string("t\($0)"), "Arn": .string(sink)]) }
        #expect(await bus.error("PutTargets", ["Rule": "r", "Targets": .array(six)])?.type == "LimitExceededException")
        let both = await bus.error(
            "PutTargets", ["Rule": "r", "Targets": [["Id": "3", "Arn": .string(sink), "Input": "{}", "InputPath": "$.detail"]]])
        #expect(both == .validation("Only one of Input, InputPath, or InputTransformer must be provided for target 3."))
        #expect(try await bus.call("ListTargetsByRule", ["Rule": "r"])["Targets"]?.arrayValue?.count == 2)

        let removed = try await bus.call("RemoveTargets", ["Rule": "r", "Ids": ["1", "2", "9"]])
        #expect(removed["FailedEntryCount"] == 1)
        #expect(removed["FailedEntries"]?.arrayValue?.first?["TargetId"] == "9")
        try await bus.call("DeleteRule", ["Name": "r"])
        #expect(try await bus.call("ListRules", [:])["Rules"]?.arrayValue?.isEmpty == true)
    }

    @Test func putEventsReportsEachBadEntryAndDeliversTheGoodOnes() async throws {
        let bus = try await Bus()
        let sink = try await bus.sink("sink")
        try await bus.call("PutRule", ["Name": "r", "EventPattern": #"{"source":["shop"],"detail":{"n":[{"numeric":[">",1]}]}}"#])
        try await bus.call("PutTargets", ["Rule": "r", "Targets": [["Id": "t", "Arn": .string(sink)]]])
        let answer = try await bus.call(
            "PutEvents",
            [
                "Entries": [
                    ["Source": "shop", "DetailType": "order", "Detail": #"{"n":2}"#],
                    ["Source": "shop", "DetailType": "order", "Detail": #"{"n":1}"#],
                    ["DetailType": "order", "Detail": "{}"],
                    ["Source": "shop", "DetailType": "order", "Detail": "[1]"],
                    ["Source": "shop", "DetailType": "order"],
                ]
            ])
        #expect(answer["FailedEntryCount"] == 3)
        let entries = answer["Entries"]!.arrayValue!
        #expect(entries[0]["EventId"]?.stringValue?.count == 36)
        #expect(entries[2]["ErrorCode"] == "InvalidArgument")
        #expect(entries[2]["ErrorMessage"] == "Parameter Source is not valid. Reason: Source is a required argument.")
        #expect(entries[3]["ErrorCode"] == "MalformedDetail")
        #expect(entries[4]["ErrorMessage"] == "Parameter Detail is not valid. Reason: Detail is a required argument.")
        try await bus.waitForDelivery()
        let received = try await bus.received(sink)
        #expect(received.count == 1)
        let event = try JSON(parsing: received[0])
        #expect(event["detail"] == ["n": 2])
        #expect(event["source"] == "shop")
        #expect(event["detail-type"] == "order")
        #expect(event["account"] == "111111111111")
        #expect(event["version"] == "0")
        #expect(event["id"] == entries[0]["EventId"])

        let eleven: [JSON] = (0..<11).map { _ in .object(["Source": "s", "DetailType": "d", "Detail": "{}"]) }
        #expect(await bus.error("PutEvents", ["Entries": .array(eleven)])?.type == "ValidationException")
        let huge = String(repeating: "x", count: 262_144)
        #expect(
            await bus.error("PutEvents", ["Entries": [["Source": "s", "DetailType": "d", "Detail": .string(#"{"x":"\#(huge)"}"#)]]])
                == .validation("Total size of the entries in the request is over the limit."))
        // An unknown bus takes the event and drops it, as AWS does.
        let dropped = try await bus.call(
            "PutEvents", ["Entries": [["Source": "s", "DetailType": "d", "Detail": "{}", "EventBusName": "nope"]]])
        #expect(dropped["FailedEntryCount"] == 0)
    }

    @Test func anEventForwardedToAnotherBusReachesThatBusesTargets() async throws {
        let bus = try await Bus()
        let sink = try await bus.sink("sink")
        let second = try await bus.call("CreateEventBus", ["Name": "second"])["EventBusArn"]!
        try await bus.call("PutRule", ["Name": "forward", "EventPattern": #"{"source":["shop"]}"#])
        try await bus.call("PutTargets", ["Rule": "forward", "Targets": [["Id": "bus", "Arn": second]]])
        try await bus.call("PutRule", ["Name": "land", "EventBusName": "second", "EventPattern": #"{"detail-type":["order"]}"#])
        try await bus.call("PutTargets", ["Rule": "land", "EventBusName": "second", "Targets": [["Id": "t", "Arn": .string(sink)]]])
        let id = try await bus.call("PutEvents", ["Entries": [["Source": "shop", "DetailType": "order", "Detail": "{}"]]])["Entries"]?
            .arrayValue?.first?["EventId"]
        var received: [String] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while received.isEmpty, ContinuousClock.now < deadline {
            try await bus.waitForDelivery()
            received = try await bus.received(sink)
        }
        #expect(received.count == 1)
        #expect(try JSON(parsing: received.first ?? "{}")["id"] == id)
    }

    @Test func aLogGroupTargetWritesEachEventInItsOwnStream() async throws {
        let bus = try await Bus()
        _ = try await bus.h.server.logs.handle(action: "CreateLogGroup", body: ["logGroupName": "/aws/events/all"]).get()
        try await bus.call("PutRule", ["Name": "all", "EventPattern": #"{"account":["111111111111"]}"#])
        let group = "arn:aws:logs:us-east-1:111111111111:log-group:/aws/events/all"
        try await bus.call("PutTargets", ["Rule": "all", "Targets": [["Id": "log", "Arn": .string(group)]]])
        let ids = try await bus.call(
            "PutEvents",
            ["Entries": [["Source": "a", "DetailType": "one", "Detail": "{}"], ["Source": "b", "DetailType": "two", "Detail": "{}"]]]
        )["Entries"]!.arrayValue!.compactMap { $0["EventId"]?.stringValue }
        try await bus.waitForDelivery()
        let streams = try await bus.h.server.logs.handle(action: "DescribeLogStreams", body: ["logGroupName": "/aws/events/all"]).get()
        #expect(Set(streams["logStreams"]!.arrayValue!.compactMap { $0["logStreamName"]?.stringValue }) == Set(ids))
        let events = try await bus.h.server.logs.handle(
            action: "GetLogEvents", body: ["logGroupName": "/aws/events/all", "logStreamName": .string(ids[0])]
        ).get()
        let message = try JSON(parsing: events["events"]!.arrayValue![0]["message"]!.stringValue!)
        #expect(message["detail-type"] == "one")
    }

    @Test func aTargetThatCannotTakeTheEventIsDeadLettered() async throws {
        let bus = try await Bus()
        try await bus.call("PutRule", ["Name": "r", "EventPattern": #"{"source":["shop"]}"#])
        let missing = "arn:aws:states:us-east-1:111111111111:stateMachine:gone"
        try await bus.call(
            "PutTargets",
            [
                "Rule": "r",
                "Targets": [["Id": "t", "Arn": .string(missing), "DeadLetterConfig": ["Arn": "arn:aws:sqs:us-east-1:111111111111:dlq"]]],
            ])
        try await bus.call("PutEvents", ["Entries": [["Source": "shop", "DetailType": "d", "Detail": "{}"]]])
        try await bus.waitForDelivery()
        let letters = try await bus.call("ListDeadLetters", [:])["DeadLetters"]!.arrayValue!
        #expect(letters.count == 1)
        #expect(letters[0]["ErrorCode"] == "StateMachineDoesNotExist")
        #expect(letters[0]["TargetId"] == "t")
        #expect(letters[0]["DeadLetterQueue"] == "arn:aws:sqs:us-east-1:111111111111:dlq")
        #expect(letters[0]["Event"]?["source"] == "shop")
    }

    @Test func aScheduledRuleFiresOnTheEngineClock() async throws {
        let bus = try await Bus()
        let sink = try await bus.sink("sink")
        try await bus.call("PutRule", ["Name": "tick", "ScheduleExpression": "rate(1 minute)"])
        try await bus.call("PutTargets", ["Rule": "tick", "Targets": [["Id": "t", "Arn": .string(sink)]]])
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await bus.received(sink).isEmpty)
        bus.h.clock.advance(seconds: 61)
        let deadline = ContinuousClock.now + .seconds(20)
        var received: [String] = []
        while received.isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            try await bus.waitForDelivery()
            received = try await bus.received(sink)
        }
        #expect(received.count == 1)
        let event = try JSON(parsing: received.first ?? "{}")
        #expect(event["detail-type"] == "Scheduled Event")
        #expect(event["source"] == "aws.events")
        #expect(event["resources"] == ["arn:aws:events:us-east-1:111111111111:rule/tick"])
        bus.events.shutdown()
    }

    @Test func testEventPatternChecksTheEvent() async throws {
        let bus = try await Bus()
        let event = #"{"id":"1","account":"1","source":"s","time":"2024-01-01T00:00:00Z","region":"r","detail-type":"d"}"#
        #expect(try await bus.call("TestEventPattern", ["EventPattern": #"{"source":["s"]}"#, "Event": .string(event)])["Result"] == true)
        #expect(
            await bus.error("TestEventPattern", ["EventPattern": #"{"source":["s"]}"#, "Event": #"{"source":"s"}"#])
                == .validation("Parameter Event is not valid."))
    }

    @Test func busesAndRulesAreTagged() async throws {
        let bus = try await Bus()
        let arn = try await bus.call("CreateEventBus", ["Name": "b", "Tags": [["Key": "team", "Value": "coffee"]]])["EventBusArn"]!
        try await bus.call("TagResource", ["ResourceARN": arn, "Tags": [["Key": "env", "Value": "dev"]]])
        let tags = try await bus.call("ListTagsForResource", ["ResourceARN": arn])["Tags"]
        #expect(tags == [["Key": "env", "Value": "dev"], ["Key": "team", "Value": "coffee"]])
        try await bus.call("UntagResource", ["ResourceARN": arn, "TagKeys": ["env"]])
        #expect(try await bus.call("ListTagsForResource", ["ResourceARN": arn])["Tags"]?.arrayValue?.count == 1)
        let missing = "arn:aws:events:us-east-1:111111111111:event-bus/nope"
        #expect(await bus.error("ListTagsForResource", ["ResourceARN": .string(missing)])?.type == "ResourceNotFoundException")
    }

    @Test func rulesAndUndeliveredEventsSurviveARestart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cortado-bus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let configuration = EngineConfiguration(account: "111111111111")
        var sink = ""
        do {
            let h = Harness(store: try SQLiteStore(directory: dir.path), configuration: configuration)
            try await h.server.recover()
            sink = try await h.createMachine("sink", #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#)
            _ = try await h.server.events.handle(action: "CreateEventBus", body: ["Name": "b"]).get()
            _ = try await h.server.events.handle(
                action: "PutRule", body: ["Name": "r", "EventBusName": "b", "EventPattern": #"{"source":["s"]}"#]
            ).get()
            // What a crash between PutEvents' answer and the delivery leaves: an outbox document.
            let event: JSON = ["version": "0", "id": "e-1", "source": "s", "detail-type": "d", "detail": [:]]
            let delivery: JSON = ["RuleArn": "arn:r", "RuleName": "r", "EventBusName": "b", "Target": ["Id": "t", "Arn": .string(sink)]]
            let doc: JSON = ["Events": [["Event": event, "Deliveries": [delivery]]], "Accepted": 1]
            try await h.store.putResource(
                ResourceRecord(
                    kind: "event-outbox", arn: "0000000000000001-00000001", name: "0000000000000001-00000001", json: doc.text,
                    creationDate: 1))
            h.server.events.shutdown()
        }
        let h = Harness(store: try SQLiteStore(directory: dir.path), configuration: configuration)
        try await h.server.recover()
        let rule = try await h.server.events.handle(action: "DescribeRule", body: ["Name": "r", "EventBusName": "b"]).get()
        #expect(rule["EventPattern"] == #"{"source":["s"]}"#)
        let deadline = ContinuousClock.now + .seconds(20)
        while h.server.events.delivering, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        let executions = try await h.call("ListExecutions", ["stateMachineArn": .string(sink)])["executions"]!.arrayValue!
        #expect(executions.count == 1)
        #expect(try await h.store.listResources(kind: "event-outbox", limit: 10, pageToken: nil).items.isEmpty)
        h.server.events.shutdown()
    }
}
