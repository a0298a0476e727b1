import CortadoJSON
import Foundation
import Logging
import Synchronization

/// What an invocation answers (`Invoke`'s response).
public struct InvocationResult: Sendable {
    public var requestId: String
    public var executedVersion: String
    /// The function's result, or its error payload when `functionError` is set.
    public var payload: [UInt8]
    /// `Unhandled` when the function failed (`X-Amz-Function-Error`).
    public var functionError: String?
    /// The last 4 KB of the invocation's log lines, base64 (`LogType: Tail`).
    public var logTail: String?
}

/// Runs functions: pools of warm processes per function version, concurrency limits, one invocation
/// at a time per process, timeouts, and the log lines of each invocation. See docs/architecture/functions.md.
public final class FunctionHost: Sendable {
    public struct Options: Sendable {
        /// Processes alive at once, across functions; past it, idle ones of other functions are stopped
        /// and then invocations wait.
        public var maxInstances: Int
        /// An idle process is stopped after this long.
        public var idleSeconds: Int
        /// `AWS_ENDPOINT_URL` for the functions: where their SDK calls go.
        public var endpoint: String

        public init(maxInstances: Int = 64, idleSeconds: Int = 300, endpoint: String = "http://127.0.0.1:8083") {
            self.maxInstances = maxInstances
            self.idleSeconds = idleSeconds
            self.endpoint = endpoint
        }
    }

    private enum Decision { case use(FunctionInstance), launch(evicting: FunctionInstance?), retry, throttled }

    private struct State {
        var idle: [String: [FunctionInstance]] = [:]
        var alive = 0
        var inUse: [String: Int] = [:]
        var waiters: [CheckedContinuation<Decision, Never>] = []
        /// Instances launched before a function's retirement are stopped when they come back.
        var launchSerial: [ObjectIdentifier: Int] = [:]
        var retiredBelow: [String: Int] = [:]
        var serial = 0
        var instances: [ObjectIdentifier: FunctionInstance] = [:]
        var stopped = false
    }

    let options: Options
    let logs: LogsService
    let clock: any EngineClock
    let configuration: EngineConfiguration
    let logger: Logger
    private let state = Mutex(State())
    private let shipper: LogShipper

    public init(options: Options, logs: LogsService, clock: any EngineClock, configuration: EngineConfiguration, logger: Logger) {
        self.options = options
        self.logs = logs
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        shipper = LogShipper(logs: logs)
    }

    /// Processes alive now (for tests and the benchmark).
    public var aliveInstances: Int { state.withLock { $0.alive } }

    /// Runs one invocation of `function` (already resolved to a version) and logs it.
    /// Throws `TooManyRequestsException` when `throttle` and the function is at its reserved concurrency.
    func invoke(
        _ function: FunctionConfiguration, payload: [UInt8], invokedArn: String, clientContext: String? = nil,
        tail: Bool = false, throttle: Bool = true
    ) async throws -> InvocationResult {
        let requestId = UUID().uuidString.lowercased()
        let instance: FunctionInstance
        do {
            instance = try await acquire(function, throttle: throttle)
        } catch let e as StartFailure {
            // The runtime could not even start: AWS answers such an invocation as a function error.
            let body =
                #"{"errorType":"Runtime.InvalidEntrypoint","errorMessage":\#(JSON.string("RequestId: \(requestId) Error: \(e.message)").text)}"#
            log(function, stream: nil, requestId: requestId, result: nil, extra: [e.message])
            return InvocationResult(
                requestId: requestId, executedVersion: function.version, payload: Array(body.utf8), functionError: "Unhandled",
                logTail: tail ? Self.tail([e.message]) : nil)
        }
        let timeoutMs = function.timeout * 1000
        let traceId =
            "Root=1-\(String(clock.now() / 1000, radix: 16))-\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(24));Parent=\(String(UInt64.random(in: 0 ... .max), radix: 16));Sampled=0"
        let result = await instance.invoke(
            InvocationRequest(
                requestId: requestId, payload: payload, invokedArn: invokedArn, clientContext: clientContext, timeoutMs: timeoutMs,
                traceId: traceId))
        release(instance, function)
        let lines = log(function, stream: instance.logStream, requestId: requestId, result: result, extra: [])
        var answer = InvocationResult(
            requestId: requestId, executedVersion: function.version, payload: [], logTail: tail ? Self.tail(lines) : nil)
        switch result.outcome {
        case .response(let body): answer.payload = body
        case .functionError(let body):
            answer.payload = body
            answer.functionError = "Unhandled"
        }
        return answer
    }

    /// Stops every process of a function (its code or configuration changed, or it was deleted).
    func retire(functionName: String) {
        let victims = state.withLock { s -> [FunctionInstance] in
            s.serial += 1
            s.retiredBelow[functionName] = s.serial
            var out: [FunctionInstance] = []
            for (key, list) in s.idle where list.first?.configuration.name == functionName {
                out += list
                s.idle[key] = nil
            }
            return out
        }
        for v in victims { v.stop() }
    }

    /// Stops processes idle longer than `idleSeconds`; called periodically by `run`.
    public func reapIdle() {
        let limit = UInt64(options.idleSeconds) * 1_000_000_000
        let now = DispatchTime.now().uptimeNanoseconds
        let victims = state.withLock { s -> [FunctionInstance] in
            var out: [FunctionInstance] = []
            for (key, list) in s.idle {
                let (old, fresh) = (list.filter { now - $0.lastUsed > limit }, list.filter { now - $0.lastUsed <= limit })
                out += old
                s.idle[key] = fresh.isEmpty ? nil : fresh
            }
            return out
        }
        for v in victims { v.stop() }
    }

    /// Reaps idle processes every few seconds until cancelled.
    public func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(5))
            reapIdle()
        }
    }

    /// Stops every process (server shutdown, end of a test).
    public func shutdown() {
        let all = state.withLock { s -> [FunctionInstance] in
            s.stopped = true
            s.idle = [:]
            let waiters = s.waiters
            s.waiters = []
            for w in waiters { w.resume(returning: .retry) }
            return Array(s.instances.values)
        }
        for i in all { i.stop() }
    }

    // MARK: - The pool

    private struct StartFailure: Error { var message: String }

    private static func poolKey(_ f: FunctionConfiguration) -> String { f.name + "\u{1F}" + f.version + "\u{1F}" + f.revisionId }

    private func acquire(_ function: FunctionConfiguration, throttle: Bool) async throws -> FunctionInstance {
        let key = Self.poolKey(function)
        while true {
            let decision = await withCheckedContinuation { (c: CheckedContinuation<Decision, Never>) in
                let now = state.withLock { s -> Decision? in
                    if s.stopped { return .throttled }
                    // Reserved concurrency counts invocations in flight, warm instances or not.
                    if let reserved = function.reservedConcurrency, s.inUse[function.name, default: 0] >= reserved {
                        if throttle { return .throttled }
                        s.waiters.append(c)
                        return nil
                    }
                    if var list = s.idle[key], let instance = list.popLast() {
                        s.idle[key] = list.isEmpty ? nil : list
                        s.inUse[function.name, default: 0] += 1
                        return .use(instance)
                    }
                    if s.alive < options.maxInstances {
                        s.alive += 1
                        s.inUse[function.name, default: 0] += 1
                        return .launch(evicting: nil)
                    }
                    if let (otherKey, list) = s.idle.first(where: { !$0.value.isEmpty }) {
                        var rest = list
                        let victim = rest.removeFirst()
                        s.idle[otherKey] = rest.isEmpty ? nil : rest
                        s.inUse[function.name, default: 0] += 1
                        // The victim's exit gives its place back; this launch takes a new one now.
                        s.alive += 1
                        return .launch(evicting: victim)
                    }
                    s.waiters.append(c)
                    return nil
                }
                if let now { c.resume(returning: now) }
            }
            switch decision {
            case .use(let instance):
                return instance
            case .retry:
                if state.withLock({ $0.stopped }) { throw AWSError.lambda("ServiceException", "The function host is shutting down.") }
                continue
            case .throttled:
                if state.withLock({ $0.stopped }) { throw AWSError.lambda("ServiceException", "The function host is shutting down.") }
                throw AWSError.lambda("TooManyRequestsException", "Rate Exceeded.")
            case .launch(let victim):
                victim?.stop()
                do {
                    return try await launch(function)
                } catch {
                    state.withLock { s in
                        s.alive -= 1
                        s.inUse[function.name, default: 1] -= 1
                        wakeAll(&s)
                    }
                    throw (error as? StartFailure) ?? StartFailure(message: "\(error)")
                }
            }
        }
    }

    private func release(_ instance: FunctionInstance, _ function: FunctionConfiguration) {
        let stop = state.withLock { s -> Bool in
            s.inUse[function.name, default: 1] -= 1
            defer { wakeAll(&s) }
            let id = ObjectIdentifier(instance)
            let retired = (s.launchSerial[id] ?? 0) < (s.retiredBelow[function.name] ?? 0)
            guard instance.phase != .dead, !s.stopped, !retired else { return instance.phase != .dead }
            s.idle[Self.poolKey(function), default: []].append(instance)
            return false
        }
        if stop { instance.stop() }
    }

    private func wakeAll(_ s: inout State) {
        let waiters = s.waiters
        s.waiters = []
        for w in waiters { w.resume(returning: .retry) }
    }

    private func exited(_ instance: FunctionInstance) {
        state.withLock { s in
            let id = ObjectIdentifier(instance)
            guard s.instances.removeValue(forKey: id) != nil else { return }
            s.launchSerial[id] = nil
            s.alive -= 1
            for (key, list) in s.idle where list.contains(where: { $0 === instance }) {
                let rest = list.filter { $0 !== instance }
                s.idle[key] = rest.isEmpty ? nil : rest
            }
            wakeAll(&s)
        }
    }

    private func launch(_ function: FunctionConfiguration) async throws -> FunctionInstance {
        let command: FunctionCommand
        do { command = try FunctionRuntimes.command(for: function) } catch { throw StartFailure(message: "\(error)") }
        let environment = FunctionRuntimes.environment(for: function, configuration: configuration, endpoint: options.endpoint)
        let instance: FunctionInstance
        do {
            instance = try await FunctionInstance.launch(
                configuration: function, command: command, environment: environment, wallClock: { [clock] in clock.now() },
                onExit: { [weak self] in self?.exited($0) })
        } catch {
            throw StartFailure(message: "Cortado could not start \(command.executable): \(error)")
        }
        let stopNow = state.withLock { s -> Bool in
            s.serial += 1
            s.launchSerial[ObjectIdentifier(instance)] = s.serial
            s.instances[ObjectIdentifier(instance)] = instance
            return s.stopped
        }
        if stopNow { instance.stop() }
        return instance
    }

    // MARK: - Logs

    /// Writes an invocation's lines, framed by AWS's platform lines, to the function's log group; returns them.
    @discardableResult
    private func log(
        _ function: FunctionConfiguration, stream: String?, requestId: String, result: InstanceResult?, extra: [String]
    ) -> [String] {
        let now = clock.now()
        var events: [(timestamp: Int64, message: String)] = []
        if let result { events += result.initLines }
        // START when the invocation began (its own lines come after it, as on AWS), END and REPORT now.
        let began = min(result?.lines.map(\.timestamp).min() ?? now, now - Int64((result?.durationMs ?? 0).rounded()))
        events.append((began, "START RequestId: \(requestId) Version: \(function.version)"))
        for line in extra { events.append((now, line)) }
        if let result {
            events += result.lines
            if result.timedOut {
                let seconds = String(format: "%.2f", Double(function.timeout))
                events.append((now, "\(LambdaTime.iso8601(now)) \(requestId) Task timed out after \(seconds) seconds"))
            }
        }
        events.append((now, "END RequestId: \(requestId)"))
        let duration = result?.durationMs ?? 0
        var report =
            "REPORT RequestId: \(requestId)\tDuration: \(String(format: "%.2f", duration)) ms\tBilled Duration: \(Int(duration.rounded(.up))) ms\tMemory Size: \(function.memorySize) MB\tMax Memory Used: \(result?.maxMemoryMB ?? 0) MB"
        if let initMs = result?.initDurationMs { report += "\tInit Duration: \(String(format: "%.2f", initMs)) ms" }
        if result?.timedOut == true { report += "\tStatus: timeout" }
        events.append((now, report + "\t"))
        let streamName = stream ?? "\(LambdaTime.streamDate(now))/[\(function.version)]cortado-start-failures"
        shipper.ship(group: function.logGroup, stream: streamName, events: events)
        return events.map(\.message)
    }

    /// `X-Amz-Log-Result`: the last 4 KB of the lines, base64.
    static func tail(_ lines: [String]) -> String {
        let text = Array(lines.map { $0 + "\n" }.joined().utf8)
        return Data(text.suffix(4096)).base64EncodedString()
    }
}

/// Writes log events in the background, in order per stream, creating groups as needed; under load,
/// the events of many invocations share one write.
final class LogShipper: Sendable {
    private struct State {
        var queue: [(group: String, stream: String, events: [(timestamp: Int64, message: String)])] = []
        var running = false
        var ensured: Set<String> = []
    }

    private let logs: LogsService
    private let state = Mutex(State())

    init(logs: LogsService) { self.logs = logs }

    func ship(group: String, stream: String, events: [(timestamp: Int64, message: String)]) {
        let start = state.withLock { s -> Bool in
            s.queue.append((group, stream, events))
            if s.running { return false }
            s.running = true
            return true
        }
        if start { Task { await drain() } }
    }

    /// Waits until everything shipped so far is written (tests).
    func flushed() async {
        while state.withLock({ $0.running || !$0.queue.isEmpty }) { try? await Task.sleep(for: .milliseconds(2)) }
    }

    /// How long the shipper gathers lines before a write: one store write (and sync) then carries many
    /// invocations' lines instead of one (CloudWatch Logs too shows lines some time after they are written).
    static let gather = Duration.milliseconds(25)

    private func drain() async {
        while true {
            try? await Task.sleep(for: Self.gather)
            let batch = state.withLock { s -> [(group: String, stream: String, events: [(timestamp: Int64, message: String)])] in
                defer { s.queue.removeAll() }
                if s.queue.isEmpty { s.running = false }
                return s.queue
            }
            if batch.isEmpty { return }
            // Merge by stream, keeping order.
            var order: [String] = []
            var merged: [String: (group: String, stream: String, events: [(timestamp: Int64, message: String)])] = [:]
            for item in batch {
                let key = item.group + "\u{1F}" + item.stream
                if merged[key] == nil {
                    order.append(key)
                    merged[key] = item
                } else {
                    merged[key]!.events += item.events
                }
            }
            for key in order {
                guard let item = merged[key] else { continue }
                await write(item.group, item.stream, item.events)
            }
        }
    }

    private func write(_ group: String, _ stream: String, _ events: [(timestamp: Int64, message: String)]) async {
        if !state.withLock({ $0.ensured.contains(group) }) {
            try? await logs.ensureGroup(group)
            state.withLock { _ = $0.ensured.insert(group) }
        }
        do {
            try await logs.append(group: group, stream: stream, events: events)
        } catch {
            // The group was deleted since: create it again, once.
            try? await logs.ensureGroup(group)
            try? await logs.append(group: group, stream: stream, events: events)
        }
    }
}
