import CortadoEvents
import CortadoJSON
import CortadoStore
import Foundation

extension EventBusService {
    /// Largest PutEvents request, counted as AWS counts entry sizes (256 KiB).
    static let putEventsLimit = 262_144

    /// `PutEvents`: up to 10 entries; each is matched against its bus's rules, and the events with the
    /// targets they reach are stored before the answer, then delivered (at least once).
    func putEvents(_ r: Request) async throws -> JSON {
        guard let entries = try r.array("Entries") else { throw AWSError.missing("entries") }
        return try await putEvents(entries)
    }

    /// The answer to PutEvents for `entries` (the task integration calls this directly), with
    /// `extraResources` appended to every entry's `Resources`.
    public func putEvents(_ entries: [JSON], extraResources: [String] = []) async throws -> JSON {
        if entries.isEmpty || entries.count > 10 {
            throw AWSError.constraint(
                "'\(JSON.array(entries).text)'", at: "entries",
                entries.isEmpty ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 10")
        }
        let size = entries.reduce(0) { $0 + Self.entrySize($1) }
        if size > Self.putEventsLimit {
            throw AWSError.validation("Total size of the entries in the request is over the limit.")
        }
        let now = clock.now()
        var answers: [JSON] = []
        var failed = 0
        var accepted: [JSON] = []
        var buses: Set<String> = []
        for entry in entries {
            switch makeEvent(entry, now: now, extraResources: extraResources) {
            case .failure(let error):
                failed += 1
                answers.append(["ErrorCode": .string(error.type), "ErrorMessage": .string(error.message)])
            case .success(let (bus, event)):
                answers.append(["EventId": event["id"] ?? .null])
                buses.insert(bus)
                if let routed = route(event, bus: bus) { accepted.append(routed) }
            }
        }
        if !accepted.isEmpty { try await delivery.accept(accepted, now: now) }
        let changes = delivery.logs.changes
        if changes.isWatched { for bus in buses { changes.publish("bus:\(bus)") } }
        return ["Entries": .array(answers), "FailedEntryCount": .int(failed)]
    }

    /// An entry's size as AWS counts it: the UTF-8 bytes of Source, DetailType, Detail and Resources, plus
    /// 14 bytes for a Time.
    static func entrySize(_ entry: JSON) -> Int {
        var n = 0
        for key in ["Source", "DetailType", "Detail"] { n += entry[key]?.stringValue?.utf8.count ?? 0 }
        for resource in entry["Resources"]?.arrayValue ?? [] { n += resource.stringValue?.utf8.count ?? 0 }
        if entry["Time"] != nil { n += 14 }
        return n
    }

    /// The event EventBridge makes of one entry, or the entry's error.
    func makeEvent(_ entry: JSON, now: Int64, extraResources: [String]) -> Result<(String, JSON), AWSError> {
        func invalid(_ member: String) -> Result<(String, JSON), AWSError> {
            .failure(AWSError("InvalidArgument", "Parameter \(member) is not valid. Reason: \(member) is a required argument."))
        }
        guard let source = entry["Source"]?.stringValue, !source.isEmpty else { return invalid("Source") }
        guard let detailType = entry["DetailType"]?.stringValue, !detailType.isEmpty else { return invalid("DetailType") }
        guard let detailText = entry["Detail"]?.stringValue, !detailText.isEmpty else { return invalid("Detail") }
        guard let detail = try? JSON(parsing: detailText), case .object = detail else {
            return .failure(AWSError("MalformedDetail", "Detail is malformed."))
        }
        if source.hasPrefix("aws.") {
            return .failure(AWSError("NotAuthorizedForSourceException", "Not authorized for the source."))
        }
        var bus = "default"
        if let name = entry["EventBusName"]?.stringValue, !name.isEmpty {
            bus = name.range(of: ":event-bus/").map { String(name[$0.upperBound...]) } ?? name
        }
        var time = now
        if let seconds = entry["Time"]?.doubleValue { time = Int64(seconds * 1000) }
        let resources = (entry["Resources"]?.arrayValue ?? []) + extraResources.map { JSON.string($0) }
        let event: JSON = [
            "version": "0", "id": .string(UUID().uuidString.lowercased()), "detail-type": .string(detailType),
            "source": .string(source), "account": .string(configuration.account), "time": .string(Self.eventTime(time)),
            "region": .string(configuration.region), "resources": .array(resources), "detail": detail,
        ]
        return .success((bus, event))
    }

    /// An event's `time`: ISO 8601 in UTC to the second, as EventBridge writes it.
    static func eventTime(_ ms: Int64) -> String { CortadoEvents.eventTime(milliseconds: ms) }

    /// The outbox entry for an event on `bus`: the event with every (rule, target) its enabled rules
    /// reach, or nil if it reaches none (or the bus does not exist: AWS accepts and drops those).
    func route(_ event: JSON, bus: String) -> JSON? {
        guard let index = buses.withLock({ $0[bus] }) else { return nil }
        let rules = index.machine.matches(event, using: index.machine.makeScratch())
        var deliveries: [JSON] = []
        for name in rules {
            guard let rule = index.rules[name] else { continue }
            for target in rule["Targets"]?.arrayValue ?? [] {
                deliveries.append([
                    "RuleArn": rule["Arn"] ?? .null, "RuleName": .string(name), "EventBusName": .string(bus), "Target": target,
                ])
            }
        }
        if deliveries.isEmpty { return nil }
        return ["Event": event, "Deliveries": .array(deliveries)]
    }

    /// `TestEventPattern`: whether `Event` matches `EventPattern`, with AWS's validation of both.
    func testEventPattern(_ r: Request) async throws -> JSON {
        let patternText = try r.requiredString("EventPattern")
        let eventText = try r.requiredString("Event")
        let pattern: EventPattern
        do {
            pattern = try EventPattern(parsing: patternText)
        } catch {
            throw AWSError("InvalidEventPatternException", "Event pattern is not valid. Reason: \(error.message)")
        }
        guard let event = try? JSON(parsing: eventText), let object = event.objectValue,
            ["id", "account", "source", "time", "region", "detail-type"].allSatisfy({ object[$0] != nil })
        else {
            throw AWSError.validation("Parameter Event is not valid.")
        }
        let machine = RuleMachine([(0, pattern)])
        return ["Result": .bool(!machine.matches(event, using: machine.makeScratch()).isEmpty)]
    }
}
