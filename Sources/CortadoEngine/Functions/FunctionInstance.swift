import CortadoJSON
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// One invocation as the host hands it to an instance.
struct InvocationRequest: Sendable {
    var requestId: String
    var payload: [UInt8]
    var invokedArn: String
    var clientContext: String?
    var timeoutMs: Int
    var traceId: String
}

/// How an invocation ended. A function error's payload is AWS-shaped JSON (`errorType`, `errorMessage`, ...).
enum InvocationOutcome: Sendable, Equatable {
    case response([UInt8])
    case functionError([UInt8])
}

/// What the host needs to answer and to log one invocation.
struct InstanceResult: Sendable {
    var outcome: InvocationOutcome
    /// Lines printed while the process started (before its first `next`): logged before `START`.
    var initLines: [(timestamp: Int64, message: String)] = []
    var lines: [(timestamp: Int64, message: String)] = []
    var durationMs: Double = 0
    /// Set on the invocation that started the process.
    var initDurationMs: Double?
    var maxMemoryMB = 0
    var timedOut = false
}

/// One running function process (one "sandbox"): its Runtime API endpoint, its output, and the
/// invocation it serves. An instance serves one invocation at a time; the host's pool decides which.
final class FunctionInstance: Sendable {
    /// How long a process may take to reach its first `next` (AWS's init limit).
    static let initLimitMs = 10_000

    enum Phase: Sendable { case initializing, idle, busy, dead }

    private struct Pending {
        var request: InvocationRequest
        var continuation: CheckedContinuation<InstanceResult, Never>
        var deliveredAt: UInt64?
        var watchdog: Task<Void, Never>?
    }

    private struct State {
        var phase = Phase.initializing
        var parked: RuntimeAPIResponder?
        var pending: Pending?
        var process: Process?
        var server: RuntimeAPIServer?
        var output: FunctionOutput?
        var launchedAt: UInt64 = 0
        var initDurationMs: Double?
        var initReported = false
        var initError: [UInt8]?
        var exitReason: String?
        var lastUsed: UInt64 = 0
        /// The last reading of the process's peak memory, and when (readings cost a /proc read and a parse).
        var memoryMB = 0
        var memoryReadAt: UInt64 = 0
    }

    let id: String
    let configuration: FunctionConfiguration
    let logStream: String
    private let state = Mutex(State())
    private let wallClock: @Sendable () -> Int64
    private let onExit: @Sendable (FunctionInstance) -> Void

    private init(
        configuration: FunctionConfiguration, id: String, logStream: String, wallClock: @escaping @Sendable () -> Int64,
        onExit: @escaping @Sendable (FunctionInstance) -> Void
    ) {
        self.configuration = configuration
        self.id = id
        self.logStream = logStream
        self.wallClock = wallClock
        self.onExit = onExit
    }

    var phase: Phase { state.withLock { $0.phase } }
    /// Monotonic nanoseconds of the last invocation's end (or the launch).
    var lastUsed: UInt64 { state.withLock { $0.lastUsed } }

    /// Binds the instance's Runtime API listener and starts its process.
    static func launch(
        configuration: FunctionConfiguration, command: FunctionCommand, environment: [String: String],
        wallClock: @escaping @Sendable () -> Int64, onExit: @escaping @Sendable (FunctionInstance) -> Void
    ) async throws -> FunctionInstance {
        var id = ""
        for _ in 0..<4 { id += String(format: "%08x", UInt32.random(in: .min ... .max)) }
        let stream = "\(LambdaTime.streamDate(wallClock()))/[\(configuration.version)]\(id)"
        let instance = FunctionInstance(configuration: configuration, id: id, logStream: stream, wallClock: wallClock, onExit: onExit)
        let server = try await RuntimeAPIServer.start { [weak instance] request, responder in
            guard let instance else {
                responder.respond(.gone, json: #"{"errorMessage":"The sandbox is gone.","errorType":"Runtime.Gone"}"#)
                return
            }
            instance.handle(request, responder)
        }
        var env = environment
        env["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:\(server.port)"
        env["AWS_LAMBDA_LOG_STREAM_NAME"] = stream

        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        process.environment = env
        process.currentDirectoryURL = URL(fileURLWithPath: configuration.codeDirectory, isDirectory: true)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { [weak instance] p in
            let reason =
                p.terminationReason == .uncaughtSignal
                ? "signal: \(Self.signalName(p.terminationStatus))" : "exit status \(p.terminationStatus)"
            instance?.exited(reason: reason)
        }
        let output = FunctionOutput(fileDescriptor: dup(pipe.fileHandleForReading.fileDescriptor), clock: wallClock)
        instance.state.withLock {
            $0.server = server
            $0.output = output
            $0.process = process
            $0.launchedAt = DispatchTime.now().uptimeNanoseconds
            $0.lastUsed = $0.launchedAt
        }
        do {
            try process.run()
        } catch {
            output.finish()
            server.close()
            instance.state.withLock { $0.phase = .dead }
            throw error
        }
        try? pipe.fileHandleForReading.close()
        try? pipe.fileHandleForWriting.close()
        Task { [weak instance] in
            try? await Task.sleep(for: .milliseconds(initLimitMs))
            instance?.initTimedOut()
        }
        return instance
    }

    /// Runs one invocation on this instance; always answers (a dead process is a function error).
    func invoke(_ request: InvocationRequest) async -> InstanceResult {
        await withCheckedContinuation { (continuation: CheckedContinuation<InstanceResult, Never>) in
            enum Next { case deliver(RuntimeAPIResponder), wait, fail(InstanceResult) }
            let next = state.withLock { s -> Next in
                if s.phase == .dead {
                    return .fail(InstanceResult(outcome: .functionError(exitError(request.requestId, s.exitReason ?? "exit status 1"))))
                }
                if let initError = s.initError {
                    return .fail(InstanceResult(outcome: .functionError(initError)))
                }
                s.pending = Pending(request: request, continuation: continuation)
                if s.phase == .idle { s.phase = .busy }
                if let parked = s.parked {
                    s.parked = nil
                    return .deliver(parked)
                }
                return .wait
            }
            switch next {
            case .deliver(let responder): deliver(to: responder)
            case .wait: break
            case .fail(let result): continuation.resume(returning: result)
            }
        }
    }

    /// Kills the process (idle reaping, shutdown, a retired version).
    func stop() {
        let process = state.withLock { s -> Process? in
            if s.phase != .dead { s.exitReason = s.exitReason ?? "signal: killed" }
            return s.process
        }
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    // MARK: - The Runtime API

    private func handle(_ request: RuntimeAPIRequest, _ responder: RuntimeAPIResponder) {
        let path = request.path
        let prefix = "/2018-06-01/runtime/"
        guard path.hasPrefix(prefix) else {
            responder.respond(.notFound, json: #"{"errorMessage":"Not found","errorType":"NotFound"}"#)
            return
        }
        let rest = path.dropFirst(prefix.count)
        if request.method == .GET, rest == "invocation/next" {
            next(responder)
        } else if request.method == .POST, rest == "init/error" {
            initError(request.body, responder)
        } else if request.method == .POST, rest.hasPrefix("invocation/") {
            let parts = rest.split(separator: "/")
            guard parts.count == 3, parts[2] == "response" || parts[2] == "error" else {
                responder.respond(.notFound, json: #"{"errorMessage":"Not found","errorType":"NotFound"}"#)
                return
            }
            let body = Array(request.body.readableBytesView)
            let outcome: InvocationOutcome
            if request.tooLarge {
                // Lambda refuses the runtime's answer and fails the invocation at once.
                let error =
                    #"{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","#
                    + #""errorType":"Function.ResponseSizeTooLarge"}"#
                finish(requestId: String(parts[1]), .functionError(Array(error.utf8)))
                responder.respond(.payloadTooLarge, json: error)
                return
            } else if parts[2] == "response" {
                outcome = .response(body)
            } else {
                let type = request.headers.first(name: "Lambda-Runtime-Function-Error-Type")
                outcome = .functionError(Self.errorPayload(body, type: type))
            }
            if finish(requestId: String(parts[1]), outcome) {
                responder.respond(.accepted, json: #"{"status":"OK"}"#)
            } else {
                responder.respond(
                    .badRequest, json: #"{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}"#)
            }
        } else {
            responder.respond(.notFound, json: #"{"errorMessage":"Not found","errorType":"NotFound"}"#)
        }
    }

    /// A runtime asks for work: an invocation waiting for it is delivered, or the request is parked.
    private func next(_ responder: RuntimeAPIResponder) {
        let deliverNow = state.withLock { s -> Bool in
            if s.phase == .initializing {
                s.phase = s.pending == nil ? .idle : .busy
                s.initDurationMs = Double(DispatchTime.now().uptimeNanoseconds - s.launchedAt) / 1e6
            }
            if let pending = s.pending, pending.deliveredAt == nil {
                return true
            }
            s.parked = responder
            return false
        }
        if deliverNow { deliver(to: responder) }
    }

    private func deliver(to responder: RuntimeAPIResponder) {
        let request = state.withLock { s -> InvocationRequest? in
            guard var pending = s.pending else { return nil }
            pending.deliveredAt = DispatchTime.now().uptimeNanoseconds
            let id = pending.request.requestId
            let timeout = pending.request.timeoutMs
            pending.watchdog = Task { [weak self] in
                try? await Task.sleep(for: .milliseconds(timeout))
                if !Task.isCancelled { self?.timedOut(requestId: id) }
            }
            s.pending = pending
            return pending.request
        }
        guard let request else { return }
        var headers: [(String, String)] = [
            ("Lambda-Runtime-Aws-Request-Id", request.requestId),
            ("Lambda-Runtime-Deadline-Ms", String(wallClock() + Int64(request.timeoutMs))),
            ("Lambda-Runtime-Invoked-Function-Arn", request.invokedArn),
            ("Lambda-Runtime-Trace-Id", request.traceId),
        ]
        if let context = request.clientContext { headers.append(("Lambda-Runtime-Client-Context", context)) }
        responder.respond(.ok, headers: headers, body: ByteBuffer(bytes: request.payload))
    }

    private func initError(_ body: ByteBuffer, _ responder: RuntimeAPIResponder) {
        let payload = Self.errorPayload(Array(body.readableBytesView), type: nil)
        state.withLock { s in
            s.initError = payload
            s.exitReason = s.exitReason ?? "init error"
        }
        responder.respond(.accepted, json: #"{"status":"OK"}"#)
        if let pending = state.withLock({ $0.pending }) {
            _ = finish(requestId: pending.request.requestId, .functionError(payload))
        }
    }

    /// Ends the current invocation with `outcome`, once; false if `requestId` is not the current one.
    @discardableResult
    private func finish(requestId: String, _ outcome: InvocationOutcome, timedOut: Bool = false) -> Bool {
        let output = state.withLock { $0.output }
        output?.pump()
        let taken = state.withLock { s -> (Pending, Double?, Bool)? in
            guard let pending = s.pending, pending.request.requestId == requestId else { return nil }
            s.pending = nil
            s.lastUsed = DispatchTime.now().uptimeNanoseconds
            if s.phase == .busy { s.phase = .idle }
            let first = !s.initReported
            s.initReported = true
            return (pending, first ? s.initDurationMs : nil, first)
        }
        guard let (pending, initDuration, first) = taken else { return false }
        pending.watchdog?.cancel()
        let lines = output?.take() ?? []
        var result = InstanceResult(outcome: outcome)
        // Lines printed before the runtime took the invocation belong to the init phase.
        if let delivered = pending.deliveredAt, first {
            let cut = wallClock() - Int64((DispatchTime.now().uptimeNanoseconds - delivered) / 1_000_000)
            result.initLines = lines.filter { $0.timestamp < cut }
            result.lines = lines.filter { $0.timestamp >= cut }
        } else {
            result.lines = lines
        }
        let end = DispatchTime.now().uptimeNanoseconds
        result.durationMs = Double(end - (pending.deliveredAt ?? end)) / 1e6
        result.initDurationMs = initDuration
        result.maxMemoryMB = maxMemoryMB()
        result.timedOut = timedOut
        pending.continuation.resume(returning: result)
        return true
    }

    private func timedOut(requestId: String) {
        let current = state.withLock { s -> InvocationRequest? in
            guard let pending = s.pending, pending.request.requestId == requestId else { return nil }
            s.exitReason = "signal: killed"
            return pending.request
        }
        guard let current else { return }
        let seconds = String(format: "%.2f", Double(current.timeoutMs) / 1000)
        let body =
            #"{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: \#(requestId) Error: Task timed out after \#(seconds) seconds"}"#
        finish(requestId: requestId, .functionError(Array(body.utf8)), timedOut: true)
        stop()
    }

    private func initTimedOut() {
        let stillStarting = state.withLock { s -> Bool in
            guard s.phase == .initializing else { return false }
            s.initError = Array(
                #"{"errorType":"Sandbox.Timedout","errorMessage":"INIT_REPORT Init Duration: \#(Self.initLimitMs).00 ms Phase: init Status: timeout"}"#
                    .utf8)
            return true
        }
        guard stillStarting else { return }
        if let pending = state.withLock({ $0.pending }), let payload = state.withLock({ $0.initError }) {
            finish(requestId: pending.request.requestId, .functionError(payload))
        }
        stop()
    }

    /// The process ended: the invocation it was serving (if any) fails with Lambda's `Runtime.ExitError`.
    private func exited(reason: String) {
        let output = state.withLock { $0.output }
        output?.finish()
        let (pending, initError, known) = state.withLock { s -> (Pending?, [UInt8]?, String?) in
            let known = s.exitReason
            s.exitReason = s.exitReason ?? reason
            s.phase = .dead
            if let parked = s.parked {
                parked.respond(.gone, json: #"{"errorMessage":"The sandbox is shutting down.","errorType":"Runtime.Gone"}"#)
                s.parked = nil
            }
            return (s.pending, s.initError, known)
        }
        if let pending {
            let payload = initError ?? exitError(pending.request.requestId, known ?? reason)
            finish(requestId: pending.request.requestId, .functionError(payload))
        }
        state.withLock { s in
            s.server?.close()
            s.server = nil
            s.process = nil
        }
        onExit(self)
    }

    private func exitError(_ requestId: String, _ reason: String) -> [UInt8] {
        let message = JSON.string("RequestId: \(requestId) Error: Runtime exited with error: \(reason)").text
        return Array(#"{"errorType":"Runtime.ExitError","errorMessage":\#(message)}"#.utf8)
    }

    /// A runtime's error body, with `errorType` from the header when the body has none.
    static func errorPayload(_ body: [UInt8], type: String?) -> [UInt8] {
        if !body.isEmpty { return body }
        let name = JSON.string(type ?? "Unhandled").text
        return Array(#"{"errorType":\#(name),"errorMessage":""}"#.utf8)
    }

    /// The process's peak resident memory, as `REPORT` lines give it; read at most once a second.
    private func maxMemoryMB() -> Int {
        let now = DispatchTime.now().uptimeNanoseconds
        let (pid, cached) = state.withLock { s -> (Int32?, Int?) in
            if s.memoryReadAt != 0, now - s.memoryReadAt < 1_000_000_000 { return (nil, s.memoryMB) }
            s.memoryReadAt = now
            return (s.process?.processIdentifier, nil)
        }
        if let cached { return cached }
        guard let pid, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        let kb = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        let mb = max(1, kb / 1024)
        state.withLock { $0.memoryMB = mb }
        return mb
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: "killed"
        case SIGTERM: "terminated"
        case SIGSEGV: "segmentation fault"
        case SIGABRT: "aborted"
        default: "signal \(signal)"
        }
    }
}

/// The program a runtime starts: an interpreter with a bootstrap, or the function's own `bootstrap`.
struct FunctionCommand: Sendable {
    var executable: String
    var arguments: [String]
}
