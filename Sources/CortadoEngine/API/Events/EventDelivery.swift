import CortadoEvents
import CortadoJSON
import CortadoLanguage
import CortadoStore
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Delivers accepted events to their targets: the durable outbox (one `event-outbox` document per
/// PutEvents call, deleted once every delivery in it is done), retry with backoff as the target's
/// `RetryPolicy` allows, dead letters, and scheduled rules (docs/architecture/events.md).
final class EventDelivery: Sendable {
    let store: any ExecutionStore
    let clock: any EngineClock
    let stepFunctions: StepFunctionsService
    let logs: LogsService
    /// Function targets are queued on Lambda's asynchronous queue.
    let lambda: LambdaService?
    private let bus = Mutex<WeakBus?>(nil)
    private let sequence = Atomic<Int>(0)
    private let schedules = Mutex<ScheduleState>(ScheduleState())
    /// Deliveries in flight, so tests and shutdown can wait for them.
    private let inFlight = Atomic<Int>(0)
    private let writer: ResourceBatcher
    /// Target calls in flight at once (each waits for its turn; retries wait outside it).
    private let limiter = DeliveryLimiter(limit: 256)
    /// The last deliveries' outcomes, newest last (the Cortado extension `ListRecentDeliveries`; memory only).
    private let recent = Mutex<[Outcome]>([])
    static let recentLimit = 200

    static let outboxKind = "event-outbox"
    static let deadLetterKind = "event-dead-letter"
    static let deadLetterGroup = "/cortado/events/dead-letters"
    /// The first retry waits this long; each later one twice as long, up to `maxBackoff`.
    let firstBackoff: Duration
    static let maxBackoff = Duration.seconds(300)

    init(
        store: any ExecutionStore, clock: any EngineClock, stepFunctions: StepFunctionsService, logs: LogsService,
        lambda: LambdaService?, firstBackoff: Duration = .seconds(1)
    ) {
        self.lambda = lambda
        self.store = store
        self.clock = clock
        self.stepFunctions = stepFunctions
        self.logs = logs
        self.firstBackoff = firstBackoff
        writer = ResourceBatcher(store: store)
    }

    func attach(_ service: WeakBus) { bus.withLock { $0 = service } }
    var service: EventBusService? { bus.withLock { $0?.service } }

    /// Whether deliveries are still running.
    var busy: Bool { inFlight.load(ordering: .acquiring) > 0 }

    // MARK: - Outbox

    /// Stores routed events (see `EventBusService.route`) durably, then delivers them in the background.
    func accept(_ routed: [JSON], now: Int64) async throws {
        let seq = sequence.wrappingAdd(1, ordering: .relaxed).newValue
        let key = String(format: "%016lld-%08d", now, seq % 100_000_000)
        let doc: JSON = ["Events": .array(routed), "Accepted": .int(Int(now))]
        try await writer.put([ResourceRecord(kind: Self.outboxKind, arn: key, name: key, json: doc.text, creationDate: now)])
        start(key: key, doc: doc)
    }

    /// Redelivers every outbox document a crash left.
    func recover() async throws {
        for record in try await store.allResources(kind: Self.outboxKind) {
            guard let doc = try? JSON(parsing: record.json) else { continue }
            start(key: record.arn, doc: doc)
        }
    }

    private func start(key: String, doc: JSON) {
        inFlight.wrappingAdd(1, ordering: .relaxed)
        Task {
            let ingested = Int64(doc["Accepted"]?.intValue ?? Int(clock.now()))
            await withTaskGroup(of: Void.self) { group in
                for item in doc["Events"]?.arrayValue ?? [] {
                    guard let event = item["Event"] else { continue }
                    for delivery in item["Deliveries"]?.arrayValue ?? [] {
                        group.addTask { await self.deliver(event, delivery, ingested: ingested) }
                    }
                }
            }
            try? await writer.delete(kind: Self.outboxKind, arn: key)
            inFlight.wrappingSubtract(1, ordering: .releasing)
        }
    }

    // MARK: - One delivery

    /// Why a delivery failed, and whether trying again can help.
    struct Failure: Error {
        var code: String
        var message: String
        var retryable: Bool
    }

    /// Delivers one event to one target, retrying as its policy allows, dead-lettering what is left.
    func deliver(_ event: JSON, _ delivery: JSON, ingested: Int64) async {
        let target = delivery["Target"] ?? [:]
        let policy = target["RetryPolicy"]
        let maxAttempts = 1 + (policy?["MaximumRetryAttempts"]?.intValue ?? 185)
        let maxAgeMs = Int64(policy?["MaximumEventAgeInSeconds"]?.intValue ?? 86_400) * 1000
        let born = Self.eventTimeMs(event) ?? clock.now()
        var attempt = 0
        var backoff = firstBackoff
        while true {
            attempt += 1
            do {
                try await limiter.run { try await send(event, delivery, ingested: ingested) }
                note(event, delivery, attempts: attempt, failure: nil)
                return
            } catch let failure as Failure {
                let expired = clock.now() - born > maxAgeMs
                if !failure.retryable || attempt >= maxAttempts || expired {
                    await deadLetter(event, delivery, failure, attempts: attempt)
                    return
                }
            } catch {
                await deadLetter(event, delivery, Failure(code: "InternalError", message: "\(error)", retryable: false), attempts: attempt)
                return
            }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, Self.maxBackoff)
        }
    }

    static func eventTimeMs(_ event: JSON) -> Int64? {
        guard let text = event["time"]?.stringValue else { return nil }
        return Timestamp.parse(text)?.epochMilliseconds
    }

    /// The body a target receives: `Input`, the `InputPath` selection, the `InputTransformer` output, or
    /// the whole event; nil if the transformer's output is not valid JSON (AWS drops those silently).
    func body(_ event: JSON, _ delivery: JSON, ingested: Int64) -> String? {
        let target = delivery["Target"] ?? [:]
        guard let input = try? EventBusService.targetInput(target) else { return event.text }
        let context = TransformContext(
            ruleARN: delivery["RuleArn"]?.stringValue ?? "", ruleName: delivery["RuleName"]?.stringValue ?? "",
            ingestionTime: ingested)
        return input.body(for: event, context: context)
    }

    private func send(_ event: JSON, _ delivery: JSON, ingested: Int64) async throws {
        let target = delivery["Target"] ?? [:]
        let arn = target["Arn"]?.stringValue ?? ""
        guard let body = body(event, delivery, ingested: ingested) else { return }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6 else { throw Failure(code: "InvalidTarget", message: "Target ARN \(arn) is not valid.", retryable: false) }
        switch (parts[2], parts[5]) {
        case ("states", let resource) where resource.hasPrefix("stateMachine:"):
            try await startExecution(arn, body: body, event: event, delivery: delivery)
        case ("logs", let resource) where resource.hasPrefix("log-group:"):
            var group = String(resource.dropFirst("log-group:".count))
            if group.hasSuffix(":*") { group.removeLast(2) }
            do {
                try await logs.append(
                    group: group, stream: event["id"]?.stringValue ?? UUID().uuidString.lowercased(),
                    events: [(timestamp: Self.eventTimeMs(event) ?? clock.now(), message: body)])
            } catch let e as AWSError {
                throw Failure(code: e.type, message: e.message, retryable: e.type != "ResourceNotFoundException")
            }
        case ("events", let resource) where resource.hasPrefix("event-bus/"):
            guard let service else { throw Failure(code: "InternalError", message: "The event bus is shut down.", retryable: true) }
            let name = String(resource.dropFirst("event-bus/".count))
            guard let forwarded = try? JSON(parsing: body), let routed = service.route(forwarded, bus: name) else { return }
            try await accept([routed], now: clock.now())
        case ("events", let resource) where resource.hasPrefix("api-destination/"):
            try await callApiDestination(resource, body: body, target: target)
        case ("lambda", let resource) where resource.hasPrefix("function:"):
            // As on AWS, the bus hands the event to Lambda's asynchronous queue; Lambda retries the function.
            guard let lambda else { throw Failure(code: "InternalError", message: "The function host is not running.", retryable: true) }
            do {
                try await lambda.enqueue(function: arn, payload: Array(body.utf8))
            } catch let e as AWSError {
                throw Failure(code: e.type, message: e.message, retryable: e.status == 429 || e.status >= 500)
            }
        default:
            throw Failure(
                code: "UnsupportedTarget", message: "Cortado cannot deliver to \(parts[2]) targets (\(arn)).", retryable: false)
        }
    }

    /// Calls an API destination's endpoint with the body, the connection's authorization and parameters,
    /// and the target's `HttpParameters`. 401, 407, 409, 429 and 5xx answers are retried, as AWS retries them.
    private func callApiDestination(_ resource: String, body: String, target: JSON) async throws {
        guard let service else { throw Failure(code: "InternalError", message: "The event bus is shut down.", retryable: true) }
        let name = resource.dropFirst("api-destination/".count).split(separator: "/").first.map(String.init) ?? ""
        guard let destination = try? await service.apiDestination(named: name) else {
            throw Failure(code: "ResourceNotFoundException", message: "API destination \(name) does not exist.", retryable: false)
        }
        let connectionName = destination["ConnectionArn"]?.stringValue?.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        guard let connection = try? await service.connection(named: connectionName) else {
            throw Failure(code: "ResourceNotFoundException", message: "Connection \(connectionName) does not exist.", retryable: false)
        }
        let parameters = target["HttpParameters"]
        var endpoint = destination["InvocationEndpoint"]?.stringValue ?? ""
        for value in parameters?["PathParameterValues"]?.arrayValue ?? [] {
            guard let star = endpoint.firstIndex(of: "*") else { break }
            endpoint.replaceSubrange(star...star, with: value.stringValue ?? "")
        }
        guard var components = URLComponents(string: endpoint) else {
            throw Failure(code: "InvalidEndpoint", message: "\(endpoint) is not a URL.", retryable: false)
        }
        let auth = connection["AuthParameters"]
        var query = components.queryItems ?? []
        var headers: [(String, String)] = [
            ("Content-Type", "application/json; charset=utf-8"), ("User-Agent", "Amazon/EventBridge/ApiDestinations"),
        ]
        for parameter in auth?["InvocationHttpParameters"]?["QueryStringParameters"]?.arrayValue ?? [] {
            query.append(URLQueryItem(name: parameter["Key"]?.stringValue ?? "", value: parameter["Value"]?.stringValue))
        }
        for parameter in auth?["InvocationHttpParameters"]?["HeaderParameters"]?.arrayValue ?? [] {
            headers.append((parameter["Key"]?.stringValue ?? "", parameter["Value"]?.stringValue ?? ""))
        }
        for (key, value) in parameters?["QueryStringParameters"]?.objectValue ?? [:] {
            query.append(URLQueryItem(name: key, value: value.stringValue))
        }
        for (key, value) in parameters?["HeaderParameters"]?.objectValue ?? [:] { headers.append((key, value.stringValue ?? "")) }
        switch connection["AuthorizationType"]?.stringValue {
        case "BASIC":
            let user = auth?["BasicAuthParameters"]?["Username"]?.stringValue ?? ""
            let password = auth?["BasicAuthParameters"]?["Password"]?.stringValue ?? ""
            headers.append(("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()))
        case "API_KEY":
            headers.append(
                (
                    auth?["ApiKeyAuthParameters"]?["ApiKeyName"]?.stringValue ?? "x-api-key",
                    auth?["ApiKeyAuthParameters"]?["ApiKeyValue"]?.stringValue ?? ""
                ))
        default:
            throw Failure(
                code: "UnsupportedAuthorization", message: "Cortado does not fetch OAuth tokens for connections yet.", retryable: false)
        }
        components.queryItems = query.isEmpty ? nil : query
        guard let url = components.url else {
            throw Failure(code: "InvalidEndpoint", message: "\(endpoint) is not a URL.", retryable: false)
        }
        var request = URLRequest(url: url, timeoutInterval: 5)
        let method = destination["HttpMethod"]?.stringValue ?? "POST"
        request.httpMethod = method
        for (key, value) in headers { request.setValue(value, forHTTPHeaderField: key) }
        if method != "GET" && method != "HEAD" { request.httpBody = Data(body.utf8) }
        let status: Int
        do {
            let (_, response) = try await URLSession.shared.data(for: request)
            status = (response as? HTTPURLResponse)?.statusCode ?? 0
        } catch {
            throw Failure(code: "ConnectionFailure", message: "\(url): \(error.localizedDescription)", retryable: true)
        }
        if (200..<300).contains(status) { return }
        let retryable = [401, 407, 409, 429].contains(status) || status >= 500
        throw Failure(code: "HttpError", message: "\(method) \(url) answered \(status).", retryable: retryable)
    }

    /// Starts the target state machine with a name derived from the event and target, so that delivering
    /// again after a crash finds the execution already started.
    private func startExecution(_ arn: String, body: String, event: JSON, delivery: JSON) async throws {
        let seed =
            (event["id"]?.stringValue ?? "") + "|" + (delivery["RuleArn"]?.stringValue ?? "") + "|"
            + (delivery["Target"]?["Id"]?.stringValue ?? "")
        let name = Self.uuidName(seed)
        let request: JSON = ["stateMachineArn": .string(arn), "name": .string(name), "input": .string(body)]
        switch await stepFunctions.handle(action: "StartExecution", body: request) {
        case .success: return
        case .failure(let e) where e.type == "ExecutionAlreadyExists": return
        case .failure(let e):
            let retryable = e.status >= 500 || e.type == "ThrottlingException"
            throw Failure(code: e.type, message: e.message, retryable: retryable)
        }
    }

    /// A UUID-shaped name from a hash of `seed` (FNV-1a, 128 bits from two 64-bit lanes).
    static func uuidName(_ seed: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in seed.utf8 {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte) ^ (a >> 29)) &* 0x100_0000_01b3
        }
        let hex = String(format: "%016llx%016llx", a, b)
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-"
            + String(c[20..<32])
    }

    // MARK: - Dead letters

    private func deadLetter(_ event: JSON, _ delivery: JSON, _ failure: Failure, attempts: Int) async {
        defer { note(event, delivery, attempts: attempts, failure: failure) }
        let now = clock.now()
        let id = UUID().uuidString.lowercased()
        var doc: JSONObject = [
            "Id": .string(id), "Time": .double(Double(now) / 1000), "EventBusName": delivery["EventBusName"] ?? .null,
            "RuleArn": delivery["RuleArn"] ?? .null, "TargetId": delivery["Target"]?["Id"] ?? .null,
            "TargetArn": delivery["Target"]?["Arn"] ?? .null, "ErrorCode": .string(failure.code),
            "ErrorMessage": .string(failure.message), "Attempts": .int(attempts), "Event": event,
        ]
        if let queue = delivery["Target"]?["DeadLetterConfig"]?["Arn"] { doc["DeadLetterQueue"] = queue }
        let text = JSON.object(doc).text
        let name = String(format: "%016lld-", now) + id
        try? await store.putResource(ResourceRecord(kind: Self.deadLetterKind, arn: id, name: name, json: text, creationDate: now))
        try? await logs.ensureGroup(Self.deadLetterGroup)
        try? await logs.append(
            group: Self.deadLetterGroup, stream: delivery["RuleName"]?.stringValue ?? "rule", events: [(timestamp: now, message: text)])
    }

    // MARK: - Recent deliveries

    /// A finished delivery, kept as it was (its answer is built only when someone asks).
    struct Outcome {
        var time: Int64
        var event: JSON
        var delivery: JSON
        var attempts: Int
        var failure: Failure?
    }

    /// Keeps a finished delivery's outcome for `ListRecentDeliveries` and tells the bus's watchers.
    private func note(_ event: JSON, _ delivery: JSON, attempts: Int, failure: Failure?) {
        let outcome = Outcome(time: clock.now(), event: event, delivery: delivery, attempts: attempts, failure: failure)
        recent.withLock { list in
            list.append(outcome)
            if list.count > Self.recentLimit { list.removeFirst(list.count - Self.recentLimit) }
        }
        if logs.changes.isWatched, let bus = delivery["EventBusName"]?.stringValue { logs.changes.publish("bus:\(bus)") }
    }

    /// The last deliveries' outcomes, newest first, of one bus or all.
    func recentDeliveries(bus: String?, limit: Int) -> [JSON] {
        let outcomes = recent.withLock { list in
            Array(list.reversed().lazy.filter { bus == nil || $0.delivery["EventBusName"]?.stringValue == bus }.prefix(limit))
        }
        return outcomes.map { o in
            var answer: JSONObject = [
                "Time": .double(Double(o.time) / 1000), "EventBusName": o.delivery["EventBusName"] ?? .null,
                "RuleName": o.delivery["RuleName"] ?? .null, "TargetId": o.delivery["Target"]?["Id"] ?? .null,
                "TargetArn": o.delivery["Target"]?["Arn"] ?? .null, "EventId": o.event["id"] ?? .null,
                "Source": o.event["source"] ?? .null, "DetailType": o.event["detail-type"] ?? .null, "Attempts": .int(o.attempts),
                "Status": .string(o.failure == nil ? "DELIVERED" : "DEAD_LETTERED"),
            ]
            if let failure = o.failure {
                answer["ErrorCode"] = .string(failure.code)
                answer["ErrorMessage"] = .string(failure.message)
            }
            return .object(answer)
        }
    }

    /// Dead letters, oldest first (the Cortado extension `ListDeadLetters`).
    func deadLetters(limit: Int, token: String?) async throws -> Page<ResourceRecord> {
        try await store.listResources(kind: Self.deadLetterKind, limit: limit, pageToken: token)
    }

    // MARK: - Schedules

    struct ScheduleState: Sendable {
        var task: Task<Void, Never>?
        var generation = 0
    }

    /// Starts the loop that fires scheduled rules on the engine's clock.
    func startSchedules() {
        schedules.withLock { state in
            state.task?.cancel()
            state.generation += 1
            state.task = Task { [weak self] in await self?.runSchedules() }
        }
    }

    /// A rule's schedule or state changed: recompute the next fire times.
    func schedulesChanged() {
        schedules.withLock { $0.generation += 1 }
    }

    func stopSchedules() {
        schedules.withLock { $0.task?.cancel() }
    }

    private func runSchedules() async {
        var next: [String: Int64] = [:]
        var seen = -1
        while !Task.isCancelled {
            let generation = schedules.withLock { $0.generation }
            let rules = service?.buses.withLock { $0["default"]?.rules } ?? [:]
            let now = clock.now()
            if generation != seen {
                seen = generation
                var fresh: [String: Int64] = [:]
                for (_, rule) in rules where rule["State"]?.stringValue != "DISABLED" {
                    guard let text = rule["ScheduleExpression"]?.stringValue, let arn = rule["Arn"]?.stringValue,
                        let schedule = try? ScheduleExpression(parsing: text)
                    else { continue }
                    let start = Int64((rule["CreationTime"]?.doubleValue ?? 0) * 1000)
                    fresh[arn] = next[arn] ?? schedule.next(after: now, start: start)
                }
                next = fresh.compactMapValues { $0 }
            }
            for (arn, due) in next where due <= now {
                guard let rule = rules.values.first(where: { $0["Arn"]?.stringValue == arn }),
                    let schedule = try? ScheduleExpression(parsing: rule["ScheduleExpression"]?.stringValue ?? "")
                else { continue }
                await fire(rule, at: due)
                let start = Int64((rule["CreationTime"]?.doubleValue ?? 0) * 1000)
                next[arn] = schedule.next(after: max(due, now), start: start)
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    /// The event AWS sends a scheduled rule's targets.
    private func fire(_ rule: JSON, at ms: Int64) async {
        guard let service, let targets = rule["Targets"]?.arrayValue, !targets.isEmpty else { return }
        let event: JSON = [
            "version": "0", "id": .string(UUID().uuidString.lowercased()), "detail-type": "Scheduled Event",
            "source": "aws.events", "account": .string(service.configuration.account),
            "time": .string(EventBusService.eventTime(ms)), "region": .string(service.configuration.region),
            "resources": [rule["Arn"] ?? .null], "detail": [:],
        ]
        let deliveries = targets.map { target -> JSON in
            ["RuleArn": rule["Arn"] ?? .null, "RuleName": rule["Name"] ?? .null, "EventBusName": "default", "Target": target]
        }
        try? await accept([["Event": event, "Deliveries": .array(deliveries)]], now: clock.now())
    }
}
