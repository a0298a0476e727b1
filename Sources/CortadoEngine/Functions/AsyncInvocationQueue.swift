import CortadoJSON
import CortadoStore
import Logging
import Synchronization

/// The durable queue behind asynchronous invocations (`InvocationType: Event`, event-bus targets): an
/// event is a store document before it is acknowledged, runs with Lambda's two retries of a function
/// error (one and two minutes later, on the engine's clock), and is deleted when done. After a restart
/// the documents left are run again: at least once, as on AWS.
final class AsyncInvocationQueue: Sendable {
    struct Item: Sendable {
        var id: String
        var function: String
        var qualifier: String?
        var payload: String
        var attempt: Int

        var document: JSON {
            var o: JSONObject = ["function": .string(function), "payload": .string(payload), "attempt": .int(attempt)]
            if let qualifier { o["qualifier"] = .string(qualifier) }
            return .object(o)
        }

        init(id: String, function: String, qualifier: String?, payload: String, attempt: Int) {
            self.id = id
            self.function = function
            self.qualifier = qualifier
            self.payload = payload
            self.attempt = attempt
        }

        init?(record: ResourceRecord) {
            guard let json = try? JSON(parsing: record.json), case .string(let function)? = json["function"],
                case .string(let payload)? = json["payload"]
            else { return nil }
            self.init(
                id: record.arn, function: function, qualifier: json["qualifier"]?.stringValue, payload: payload,
                attempt: json["attempt"]?.intValue ?? 0)
        }
    }

    /// Events run at once; the rest wait their turn in memory (they are already durable).
    static let concurrency = 16
    /// Lambda retries a function error twice.
    static let retries = 2

    private struct State {
        var running = 0
        var backlog: [Item] = []
        var stopped = false
    }

    private let store: any ExecutionStore
    private let batcher: ResourceBatcher
    private let clock: any EngineClock
    private let logger: Logger
    private let state = Mutex(State())

    init(store: any ExecutionStore, clock: any EngineClock, logger: Logger) {
        batcher = ResourceBatcher(store: store)
        self.clock = clock
        self.logger = logger
        self.store = store
    }

    /// Stores the event (returns once durable) and schedules it.
    func enqueue(_ item: Item, service: LambdaService) async throws {
        try await batcher.put([record(item)])
        schedule(item, service: service)
    }

    func recover(service: LambdaService) async {
        guard let records = try? await store.allResources(kind: LambdaService.eventKind) else { return }
        for r in records.sorted(by: { $0.creationDate < $1.creationDate }) {
            if let item = Item(record: r) { schedule(item, service: service) }
        }
    }

    func stop() {
        state.withLock {
            $0.stopped = true
            $0.backlog = []
        }
    }

    /// Events queued or running (tests).
    var pending: Int { state.withLock { $0.running + $0.backlog.count } }

    private func record(_ item: Item) -> ResourceRecord {
        ResourceRecord(kind: LambdaService.eventKind, arn: item.id, name: item.id, json: item.document.text, creationDate: clock.now())
    }

    private func schedule(_ item: Item, service: LambdaService) {
        let start = state.withLock { s -> Bool in
            if s.stopped { return false }
            if s.running < Self.concurrency {
                s.running += 1
                return true
            }
            s.backlog.append(item)
            return false
        }
        if start { Task { await self.loop(first: item, service: service) } }
    }

    private func loop(first: Item, service: LambdaService) async {
        var next: Item? = first
        while let item = next {
            await run(item, service: service)
            next = state.withLock { s -> Item? in
                if !s.stopped, !s.backlog.isEmpty { return s.backlog.removeFirst() }
                s.running -= 1
                return nil
            }
        }
    }

    private func run(_ item: Item, service: LambdaService) async {
        var item = item
        while true {
            let failed: Bool
            do {
                let function = try service.resolve(FunctionReference(name: item.function, qualifier: item.qualifier))
                let result = try await service.host.invoke(
                    function, payload: Array(item.payload.utf8),
                    invokedArn: service.functionArn(item.function) + (item.qualifier.map { ":" + $0 } ?? ""), throttle: false)
                failed = result.functionError != nil
            } catch let e as AWSError where e.type == "ResourceNotFoundException" {
                logger.warning("an asynchronous invocation's function is gone", metadata: ["function.name": "\(item.function)"])
                failed = false
            } catch {
                if state.withLock({ $0.stopped }) { return }
                failed = true
            }
            if !failed || item.attempt >= Self.retries || state.withLock({ $0.stopped }) { break }
            item.attempt += 1
            try? await batcher.put([record(item)])
            try? await clock.sleep(until: clock.now() + Int64(item.attempt) * 60_000)
            if state.withLock({ $0.stopped }) { return }
        }
        try? await batcher.delete(kind: LambdaService.eventKind, arn: item.id)
    }
}
