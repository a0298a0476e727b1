import CortadoEngine
import CortadoJSON
import CortadoStore
import CortadoTesting
import Foundation
import Testing

/// The EventBridge API through `EventBusService`, as a caller sees it: errors, rules and targets,
/// delivery to state machines, and the event corpus run through TestEventPattern and PutEvents.
@Suite struct EventBusTests {
    /// A harness whose account is the corpus' (`111111111111`).
    struct Bus {
        let h: Harness
        var events: EventBusService { h.server.events }

        init() async throws {
            h = Harness(configuration: EngineConfiguration(region: "us-east-1", account: "111111111111"))
            try await h.server.recover()
        }

        @discardableResult
        func call(_ action: String, _ body: JSON) async throws -> JSON {
            try await events.handle(action: action, body: body).get()
        }

        func error(_ action: String, _ body: JSON) async -> AWSError? {
            if case .failure(let e) = await events.handle(action: action, body: body) { return e }
            return nil
        }

        /// A state machine that ends with its input: what a target received.
        func sink(_ name: String) async throws -> String {
            try await h.createMachine(name, #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#)
        }

        func waitForDelivery() async throws {
            let deadline = ContinuousClock.now + .seconds(30)
            while events.delivering, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(2)) }
        }

        /// The inputs of the executions a sink received.
        func received(_ machine: String) async throws -> [String] {
            let list = try await h.call("ListExecutions", ["stateMachineArn": .string(machine)])
            var inputs: [String] = []
            for e in list["executions"]?.arrayValue ?? [] {
                let d = try await h.describe(e["executionArn"]!.stringValue!)
                inputs.append(d["input"]?.stringValue ?? "")
            }
            return inputs
        }
    }

    static func fixture(_ file: String) throws -> [(String, JSON)] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../CortadoEventsTests/Fixtures/\(file)")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { (String($0), try JSON(parsing: String($0))) }
    }

    // MARK: - The corpus

    @Test func recordedPatternsThroughTestEventPattern() async throws {
        let bus = try await Bus()
        var passed = 0
        var total = 0
        var failures: [String] = []
        for (line, c) in try Self.fixture("patterns.jsonl") where c["api"] == "TestEventPattern" {
            total += 1
            let pattern = c["pattern_raw"]?.stringValue ?? RawJSON.member(line, "pattern") ?? ""
            let event = c["event_raw"]?.stringValue ?? c["event"].map { $0 == .null ? "" : $0.text } ?? ""
            let result = await bus.events.handle(
                action: "TestEventPattern", body: ["EventPattern": .string(pattern), "Event": .string(event)])
            let name = c["name"]?.stringValue ?? "?"
            switch result {
            case .success(let answer):
                if answer["Result"]?.boolValue == c["matches"]?.boolValue {
                    passed += 1
                } else {
                    failures.append("\(name): \(answer.text)")
                }
            case .failure(let e):
                var expected = c["error_raw"]?.stringValue ?? c["error"]?.stringValue ?? ""
                if expected.contains("<partition>") {
                    expected = expected.replacingOccurrences(of: "arn:<partition>:events:<region>:", with: "arn:aws:events:us-east-1:")
                }
                if e.type == c["error_code"]?.stringValue && e.message == expected { passed += 1 } else { failures.append("\(name): \(e)") }
            }
        }
        print("patterns.jsonl through TestEventPattern: \(passed)/\(total)")
        #expect(Double(passed) >= 0.99 * Double(total), "\(failures.joined(separator: "\n"))")
    }

    @Test func eventRulerCasesThroughTestEventPattern() async throws {
        let bus = try await Bus()
        var passed = 0
        var total = 0
        for (line, c) in try Self.fixture("ruler_cases.jsonl") {
            guard let expected = c["matches"]?.boolValue, case .object(var event)? = c["event"] else { continue }
            total += 1
            // TestEventPattern wants an envelope; the cases' own events are bare, so the missing fields
            // are added with values no case's pattern names.
            for key in ["id", "account", "source", "time", "region", "detail-type"] where event[key] == nil {
                event[key] = .string("cortado-\(key)")
            }
            let pattern = c["pattern_raw"]?.stringValue ?? RawJSON.member(line, "pattern") ?? ""
            let answer = try? await bus.call(
                "TestEventPattern", ["EventPattern": .string(pattern), "Event": .string(JSON.object(event).text)])
            if answer?["Result"]?.boolValue == expected { passed += 1 }
        }
        print("ruler_cases.jsonl matches through TestEventPattern: \(passed)/\(total)")
        #expect(Double(passed) >= 0.97 * Double(total))
    }

    /// The recorded PutEvents→rule cases: a rule on a custom bus, a target, and whether AWS delivered.
    @Test func recordedPatternsThroughPutEvents() async throws {
        let bus = try await Bus()
        let sink = try await bus.sink("sink")
        var passed = 0
        var total = 0
        for (index, (line, c)) in try Self.fixture("patterns.jsonl").enumerated() where c["api"] == "PutEvents+Rule" {
            total += 1
            let busName = "bus-\(index)"
            try await bus.call("CreateEventBus", ["Name": .string(busName)])
            let pattern = c["pattern_raw"]?.stringValue ?? RawJSON.member(line, "pattern") ?? ""
            try await bus.call("PutRule", ["Name": "r", "EventBusName": .string(busName), "EventPattern": .string(pattern)])
            try await bus.call(
                "PutTargets", ["Rule": "r", "EventBusName": .string(busName), "Targets": [["Id": "t", "Arn": .string(sink)]]])
            let event = c["event"]!
            let before = try await bus.received(sink).count
            let answer = try await bus.call(
                "PutEvents",
                [
                    "Entries": [
                        [
                            "EventBusName": .string(busName), "Source": event["source"] ?? .null,
                            "DetailType": event["detail-type"] ?? .null,
                            "Detail": .string(event["detail"]?.text ?? "{}"), "Resources": event["resources"] ?? [],
                        ]
                    ]
                ])
            #expect(answer["FailedEntryCount"] == 0)
            try await bus.waitForDelivery()
            let delivered = try await bus.received(sink).count > before
            if delivered == c["matches"]?.boolValue { passed += 1 } else { Issue.record("\(c["name"]!.text): delivered \(delivered)") }
        }
        print("patterns.jsonl through PutEvents: \(passed)/\(total)")
        #expect(total > 10)
    }

    /// The recorded transformer cases, delivered to a state machine whose input is the body.
    @Test func recordedTransformersThroughPutEvents() async throws {
        let bus = try await Bus()
        try await bus.call("CreateEventBus", ["Name": "bus"])
        var passed = 0
        var total = 0
        for (index, (_, c)) in try Self.fixture("transformers.jsonl").enumerated() {
            total += 1
            let ruleName = "rule-\(index)"
            let sink = try await bus.sink("sink-\(index)")
            try await bus.call(
                "PutRule", ["Name": .string(ruleName), "EventBusName": "bus", "EventPattern": .string(c["pattern"]!.text)])
            var target = c["target"]?.objectValue ?? [:]
            target["Id"] = "t"
            target["Arn"] = .string(sink)
            let expected = c["expected"]!
            let put = await bus.events.handle(
                action: "PutTargets", body: ["Rule": .string(ruleName), "EventBusName": "bus", "Targets": [.object(target)]])
            if expected["api"] == "PutTargets" {
                let wanted = expected["error"]!.stringValue!.replacingOccurrences(of: "<target-id>", with: "t")
                if case .failure(let e) = put, e.type == expected["error_code"]?.stringValue, e.message == wanted {
                    passed += 1
                } else {
                    Issue.record("\(c["name"]!.text): \(put)")
                }
                continue
            }
            _ = try put.get()
            let event = c["event"]!
            try await bus.call(
                "PutEvents",
                [
                    "Entries": [
                        [
                            "EventBusName": "bus", "Source": event["source"]!, "DetailType": event["detail-type"]!,
                            "Detail": .string(event["detail"]!.text),
                        ]
                    ]
                ])
            try await bus.waitForDelivery()
            let new = try await bus.received(sink)
            try await bus.call("RemoveTargets", ["Rule": .string(ruleName), "EventBusName": "bus", "Ids": ["t"]])
            try await bus.call("DeleteRule", ["Name": .string(ruleName), "EventBusName": "bus"])
            if expected["delivered"] == false {
                if new.isEmpty { passed += 1 } else { Issue.record("\(c["name"]!.text): delivered \(new)") }
                continue
            }
            guard let body = new.first, new.count == 1 else {
                Issue.record("\(c["name"]!.text): \(new.count) deliveries")
                continue
            }
            // The recordings' placeholders for what differs between runs.
            let delivered = try JSON(parsing: body)
            let normalized = Self.placeholders(delivered, ruleName: ruleName)
            let wanted = try expected["body_json"] ?? JSON(parsing: expected["body_text"]!.stringValue!)
            if normalized == Self.placeholders(wanted, ruleName: ruleName) {
                passed += 1
            } else {
                Issue.record("\(c["name"]!.text):\n  got  \(normalized.text)\n  want \(wanted.text)")
            }
        }
        print("transformers.jsonl through PutTargets and PutEvents: \(passed)/\(total)")
        #expect(passed == total)
    }

    /// Replaces what changes from run to run by the recordings' placeholders.
    static func placeholders(_ value: JSON, ruleName: String) -> JSON {
        switch value {
        case .string(let s):
            var t = s
            if UUID(uuidString: t) != nil { t = "<uuid>" }
            if t == "<ingestion-time>" { t = "date" }
            t = t.replacing(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, with: "date")
            t = t.replacingOccurrences(of: "arn:aws:events:us-east-1:", with: "arn:<partition>:events:<region>:")
            t = t.replacingOccurrences(of: "rule/bus/\(ruleName)", with: "rule/<bus-name>/<rule-name>")
            t = t.replacingOccurrences(of: ruleName, with: "<rule-name>")
            t = t.replacingOccurrences(of: "us-east-1", with: "<region>")
            return .string(t)
        case .array(let a): return .array(a.map { placeholders($0, ruleName: ruleName) })
        case .object(let o):
            var out = JSONObject()
            for (k, v) in o { out.append(k, placeholders(v, ruleName: ruleName)) }
            return .object(out)
        default: return value
        }
    }
}
