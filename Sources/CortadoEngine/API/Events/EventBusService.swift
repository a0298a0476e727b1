import CortadoEvents
import CortadoJSON
import CortadoStore
import Foundation
import Synchronization

/// EventBridge's API (`X-Amz-Target: AWSEvents.<Action>`), transport-free like `StepFunctionsService`:
/// buses, rules, targets, PutEvents and TestEventPattern. Buses and rules are store documents; each bus's
/// enabled rules are also kept compiled in memory (`RuleMachine`), rebuilt when a rule changes. One
/// file per group of actions beside this one; delivery is `EventDelivery` (docs/architecture/events.md).
public final class EventBusService: Sendable {
    public let store: any ExecutionStore
    public let clock: any EngineClock
    public let configuration: EngineConfiguration
    let delivery: EventDelivery
    /// Each bus's rules by name and its compiled matcher, by bus name. Single node (DESIGN §7).
    let buses = Mutex<[String: BusIndex]>([:])

    public static let ruleKindPrefix = "event-rule:"
    public static let busKind = "event-bus"

    public init(
        store: any ExecutionStore, clock: any EngineClock, configuration: EngineConfiguration, stepFunctions: StepFunctionsService,
        logs: LogsService, lambda: LambdaService? = nil
    ) {
        self.store = store
        self.clock = clock
        self.configuration = configuration
        delivery = EventDelivery(store: store, clock: clock, stepFunctions: stepFunctions, logs: logs, lambda: lambda)
        delivery.attach(WeakBus(self))
    }

    static let actions: ActionTable<EventBusService> = [
        "CreateEventBus": { try await $0.createEventBus($1) },
        "DeleteEventBus": { try await $0.deleteEventBus($1) },
        "DescribeEventBus": { try await $0.describeEventBus($1) },
        "ListEventBuses": { try await $0.listEventBuses($1) },
        "PutRule": { try await $0.putRule($1) },
        "DeleteRule": { try await $0.deleteRule($1) },
        "DescribeRule": { try await $0.describeRule($1) },
        "ListRules": { try await $0.listRules($1) },
        "EnableRule": { try await $0.setRuleState($1, enabled: true) },
        "DisableRule": { try await $0.setRuleState($1, enabled: false) },
        "ListRuleNamesByTarget": { try await $0.listRuleNamesByTarget($1) },
        "PutTargets": { try await $0.putTargets($1) },
        "RemoveTargets": { try await $0.removeTargets($1) },
        "ListTargetsByRule": { try await $0.listTargetsByRule($1) },
        "PutEvents": { try await $0.putEvents($1) },
        "TestEventPattern": { try await $0.testEventPattern($1) },
        "TagResource": { try await $0.tagResource($1) },
        "UntagResource": { try await $0.untagResource($1) },
        "ListTagsForResource": { try await $0.listTagsForResource($1) },
        "ListDeadLetters": { try await $0.listDeadLetters($1) },
        "ListRecentDeliveries": { try await $0.listRecentDeliveries($1) },
        "CreateConnection": { try await $0.createConnection($1) },
        "DescribeConnection": { try await $0.describeConnection($1) },
        "DeleteConnection": { try await $0.deleteConnection($1) },
        "ListConnections": { try await $0.listConnections($1) },
        "CreateApiDestination": { try await $0.createApiDestination($1) },
        "DescribeApiDestination": { try await $0.describeApiDestination($1) },
        "DeleteApiDestination": { try await $0.deleteApiDestination($1) },
        "ListApiDestinations": { try await $0.listApiDestinations($1) },
    ]

    public static var actionNames: [String] { actions.keys.sorted() }

    /// Runs one action. Every error comes back as an `AWSError`.
    public func handle(action: String, body: JSON) async -> Result<JSON, AWSError> {
        await runAction(action, body: body, on: self, in: Self.actions)
    }

    /// Loads every bus's rules into memory, makes sure the default bus exists, and redelivers what a
    /// crash left undelivered. Call once before serving.
    public func recover() async throws {
        if try await store.resource(kind: Self.busKind, arn: busArn("default")) == nil {
            try? await store.createResource(busRecord(name: "default", description: nil, now: clock.now()))
        }
        for bus in try await store.allResources(kind: Self.busKind) {
            var index = BusIndex()
            for record in try await store.allResources(kind: Self.ruleKindPrefix + bus.name) {
                if let rule = try? JSON(parsing: record.json) { index.rules[record.name] = rule }
            }
            index.rebuild()
            buses.withLock { $0[bus.name] = index }
        }
        try await delivery.recover()
        delivery.startSchedules()
    }

    // MARK: - Names and ARNs

    var arnPrefix: String { "arn:aws:events:\(configuration.region):\(configuration.account):" }
    func busArn(_ name: String) -> String { arnPrefix + "event-bus/" + name }
    func ruleArn(_ name: String, bus: String) -> String {
        bus == "default" ? arnPrefix + "rule/" + name : arnPrefix + "rule/\(bus)/\(name)"
    }

    /// A bus named by name or ARN (`EventBusName` accepts both), default when absent.
    func busName(_ r: Request, _ key: String = "EventBusName") throws(AWSError) -> String {
        guard let value = try r.string(key) else { return "default" }
        if value.hasPrefix("arn:") {
            guard let range = value.range(of: ":event-bus/") else {
                throw .validation("Parameter \(key) is not valid. Reason: Provided Arn is not in correct format.")
            }
            return String(value[range.upperBound...])
        }
        try r.checkLength(value, key, max: 1600)
        return value
    }

    /// AWS's rule for bus and rule names.
    func checkName(_ name: String, member: String, max: Int = 64, allowSlash: Bool = false) throws(AWSError) {
        if name.isEmpty || name.count > max {
            throw .constraint(
                "'\(name)'", at: member,
                name.isEmpty ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to \(max)"
            )
        }
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-"
                || $0 == "_" || (allowSlash && $0 == "/")
        }
        if !allowed {
            let pattern = allowSlash ? "[/\\.\\-_A-Za-z0-9]+" : "[\\.\\-_A-Za-z0-9]+"
            throw .constraint("'\(name)'", at: member, "Member must satisfy regular expression pattern: \(pattern)")
        }
    }

    func requireBus(_ name: String) throws(AWSError) -> BusIndex {
        guard let index = buses.withLock({ $0[name] }) else {
            throw AWSError("ResourceNotFoundException", "Event bus \(name) does not exist.")
        }
        return index
    }

    func requireRule(_ name: String, bus: String) throws(AWSError) -> JSON {
        let index = try requireBus(bus)
        guard let rule = index.rules[name] else {
            throw AWSError("ResourceNotFoundException", "Rule \(name) does not exist on EventBus \(bus).")
        }
        return rule
    }

    /// Stores a rule document and refreshes the bus's matcher.
    func saveRule(_ rule: JSON, bus: String) async throws {
        let name = rule["Name"]?.stringValue ?? ""
        let arn = rule["Arn"]?.stringValue ?? ""
        let created = Int64((rule["CreationTime"]?.doubleValue ?? 0) * 1000)
        try await store.putResource(
            ResourceRecord(kind: Self.ruleKindPrefix + bus, arn: arn, name: name, json: rule.text, creationDate: created))
        buses.withLock {
            $0[bus, default: BusIndex()].rules[name] = rule
            $0[bus]?.rebuild()
        }
    }

    func busRecord(name: String, description: String?, now: Int64) -> ResourceRecord {
        var doc: JSONObject = [
            "Name": .string(name), "Arn": .string(busArn(name)), "CreationTime": Self.date(now),
            "LastModifiedTime": Self.date(now),
        ]
        if let description { doc["Description"] = .string(description) }
        return ResourceRecord(kind: Self.busKind, arn: busArn(name), name: name, json: JSON.object(doc).text, creationDate: now)
    }

    static func date(_ ms: Int64) -> JSON { .double(Double(ms) / 1000) }

    /// `Limit` and `NextToken` of the list actions: 1...100, the store's page token.
    func page(_ r: Request) throws(AWSError) -> (limit: Int, token: String?) {
        let limit = try r.int("Limit") ?? 100
        if limit < 1 || limit > 100 {
            throw .constraint(
                "'\(limit)'", at: "limit",
                "Member must have value \(limit < 1 ? "greater than or equal to 1" : "less than or equal to 100")")
        }
        return (limit, try r.string("NextToken"))
    }
}

/// One bus in memory: its rules (as DescribeRule documents with their `Targets`) and the matcher of the
/// enabled ones that have a pattern.
struct BusIndex: Sendable {
    var rules: [String: JSON] = [:]
    var machine = RuleMachine<String>([])
    var patterns: [String: EventPattern] = [:]

    mutating func rebuild() {
        var compiled: [(String, EventPattern)] = []
        for name in rules.keys.sorted() {
            let rule = rules[name]!
            guard rule["State"]?.stringValue != "DISABLED", let text = rule["EventPattern"]?.stringValue else { continue }
            let pattern = patterns[name].flatMap { $0.text == text ? $0 : nil } ?? (try? EventPattern(parsing: text))
            guard let pattern else { continue }
            patterns[name] = pattern
            compiled.append((name, pattern))
        }
        machine = RuleMachine(compiled)
    }
}

/// The service as the delivery component sees it, without a reference cycle.
final class WeakBus: Sendable {
    private let ref: Mutex<WeakRef>
    struct WeakRef: @unchecked Sendable { weak var value: EventBusService? }
    init(_ service: EventBusService) { ref = Mutex(WeakRef(value: service)) }
    var service: EventBusService? { ref.withLock { $0.value } }
}

extension EventBusService {
    /// Stops the schedule loop (deliveries in flight finish on their own).
    public func shutdown() { delivery.stopSchedules() }

    /// Whether accepted events are still being delivered (tests wait on this).
    public var delivering: Bool { delivery.busy }
}
