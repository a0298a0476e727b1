import CortadoJSON
import CortadoLanguage
import CortadoStore
import Foundation
import Logging
import Synchronization

/// Names and limits the engine works with.
public struct EngineConfiguration: Sendable {
    public var region: String
    public var account: String
    /// Largest input, output or task result in bytes (AWS: 256 KiB).
    public var payloadLimit: Int

    public init(region: String = "us-east-1", account: String = "000000000000", payloadLimit: Int = 262_144) {
        self.region = region
        self.account = account
        self.payloadLimit = payloadLimit
    }
}

/// Drives stored executions: applies each outside event with the interpreter, commits the transition
/// (snapshot, history, timers, outbox) in one store write, and only then performs its effects.
///
/// Nothing here assumes a particular store. Executions are loaded when an event arrives for them and
/// dropped from memory when their mailbox drains, so executions waiting on callbacks or long timers
/// cost no memory. See docs/architecture/engine.md.
public final class Engine: Sendable {
    public let store: any ExecutionStore
    public let clock: any EngineClock
    public let tokens: TaskTokens
    public let configuration: EngineConfiguration
    /// STANDARD executions are stored; EXPRESS ones run in an engine over an in-memory store.
    public let executionType: StateMachineType
    public let activities: ActivityBroker
    /// Where transitions are announced to watchers (the console's change stream).
    public let changes: ChangeFeed
    let logger: Logger
    let machines = MachineCache()
    let mailboxes = Mailboxes()
    let cache: ExecutionCache
    let finishWaiters = FinishWaiters()
    let runners = Mutex<[any TaskRunner]>([])
    let siblings = Mutex<[Engine]>([])
    /// Told the due time of every timer a transition commits (the timer service sleeps until then).
    let timerService = WeakTimerService()

    public init(
        store: any ExecutionStore, clock: any EngineClock, tokens: TaskTokens, configuration: EngineConfiguration,
        executionType: StateMachineType = .standard, activities: ActivityBroker = ActivityBroker(),
        logger: Logger = Logger(label: "cortado.engine"), cacheCapacity: Int = 4096, changes: ChangeFeed = ChangeFeed()
    ) {
        self.changes = changes
        self.store = store
        self.clock = clock
        self.tokens = tokens
        self.configuration = configuration
        self.executionType = executionType
        self.activities = activities
        self.logger = logger
        self.cache = ExecutionCache(capacity: executionType == .express ? 0 : cacheCapacity)
    }

    /// Adds a task runner; the first registered runner that accepts a resource runs its tasks.
    public func register(_ runner: any TaskRunner) {
        runners.withLock { $0.append(runner) }
    }

    // MARK: - Starting

    /// What `StartExecution` asks for, checked by the caller.
    public struct StartRequest: Sendable {
        public var stateMachine: StateMachineRecord
        public var name: String
        public var input: JSON
        /// The input exactly as sent, for the execution record.
        public var inputText: String
        /// The version run, when started through a version or alias ARN.
        public var versionArn: String?
        /// The alias started through, if any.
        public var aliasArn: String?
        var parent: ParentLink?

        public init(stateMachine: StateMachineRecord, name: String, input: JSON, inputText: String) {
            self.stateMachine = stateMachine
            self.name = name
            self.input = input
            self.inputText = inputText
        }
    }

    /// The ARN an execution of `stateMachineArn` named `name` gets.
    public func executionArn(stateMachineArn: String, name: String) -> String {
        // arn:aws:states:<region>:<account>:stateMachine:<machine>[:<qualifier>]; a qualified ARN
        // (version or alias) names the base machine's execution.
        let parts = stateMachineArn.split(separator: ":", maxSplits: 7, omittingEmptySubsequences: false)
        guard parts.count >= 7 else { return stateMachineArn + ":" + name }
        let kind = executionType == .express ? "express" : "execution"
        return "\(parts[0]):\(parts[1]):\(parts[2]):\(parts[3]):\(parts[4]):\(kind):\(parts[6]):\(name)"
    }

    /// Starts an execution, or returns the running one with the same name and input (AWS's idempotency).
    public func start(_ request: StartRequest) async throws -> CreatedExecution {
        let sm = request.stateMachine
        let arn = executionArn(stateMachineArn: sm.arn, name: request.name)
        let machine = try machines.machine(for: sm.definition)
        let header = StoredExecution.Header(
            definition: sm.definition, stateMachineName: sm.name, roleArn: sm.roleArn, parent: request.parent,
            versionArn: request.versionArn, aliasArn: request.aliasArn)
        let interpreter = makeInterpreter(machine: machine, header: header, executionArn: arn, name: request.name)
        let now = clock.now()
        let (state, transition) = interpreter.start(input: request.input, at: now)
        var record = ExecutionRecord(
            arn: arn, stateMachineArn: baseArn(sm.arn), name: request.name, input: request.inputText, startDate: now)
        let plan = Plan(transition.effects, openBefore: [])
        let stored = try StoredExecution(header: header, machine: machine, state: state)
        apply(status: state.status, to: &record, at: now)
        record.snapshot = try stored.encoded()
        var outbox = plan.outbox
        if state.status != .running, header.parent != nil { outbox.append(Self.parentNotice(arn)) }
        let write = ExecutionWrite.insert(
            record, events: transition.events.map(Self.eventRecord), setTimers: plan.setTimers, outbox: outbox)
        let created = try await store.createExecution(write)
        if created.created {
            // A child that closed at once is reported to its parent by the runner, after the parent
            // has recorded the submission (TaskSubmitted comes before TaskSucceeded).
            perform(plan, executionArn: arn, stored: stored, record: created.record, notifyParent: false)
            announce(arn, created.record, opened: true)
            if created.record.status == .running { cache.put(arn, Loaded(record: created.record, stored: stored)) }
        }
        return created
    }

    /// Starts an execution and waits until it closes (EXPRESS `StartSyncExecution`).
    public func startAndWait(_ request: StartRequest) async throws -> ExecutionRecord {
        let arn = executionArn(stateMachineArn: request.stateMachine.arn, name: request.name)
        let promise = finishWaiters.promise(for: arn)
        let created = try await start(request)
        if created.record.status != .running { return created.record }
        return await promise.value
    }

    // MARK: - Delivering events

    /// Queues an event for an execution and waits until it is committed (or refused).
    @discardableResult
    public func deliver(
        _ arn: String, _ event: ExecutionEvent?, requireOpenTask: Int? = nil, removeTimer: Int? = nil, delivered: [Int] = []
    ) async throws -> DeliveryOutcome {
        try await withCheckedThrowingContinuation { continuation in
            let item = Inbound(
                event: event, requireOpenTask: requireOpenTask, removeTimer: removeTimer, delivered: delivered,
                reply: { continuation.resume(with: $0) })
            enqueue(arn, item)
        }
    }

    func enqueue(_ arn: String, _ item: Inbound) {
        if mailboxes.enqueue(arn, item) {
            Task { await self.drive(arn) }
        }
    }

    /// Applies an execution's queued events until its mailbox is empty, keeping it loaded meanwhile;
    /// a still-running execution goes back to the bounded cache.
    func drive(_ arn: String) async {
        var loaded: Loaded? = cache.take(arn)
        while let batch = mailboxes.take(arn) {
            do {
                loaded = try await apply(batch, arn: arn, loaded: loaded)
            } catch {
                logger.error("applying events failed", metadata: ["execution": "\(arn)", "error": "\(error)"])
                for item in batch { item.reply?(.failure(error)) }
                loaded = nil
            }
        }
        if let loaded, loaded.record.status == .running { cache.put(arn, loaded) }
    }

    /// An execution as loaded for applying events.
    struct Loaded {
        var record: ExecutionRecord
        var stored: StoredExecution
    }

    /// The version and alias an execution was started through (nil, nil for the machine itself).
    public func qualifiers(of record: ExecutionRecord) -> (versionArn: String?, aliasArn: String?) {
        guard let snapshot = record.snapshot, let header = try? StoredExecution.header(snapshot) else { return (nil, nil) }
        return (header.versionArn, header.aliasArn)
    }

    func load(_ arn: String) async throws -> Loaded? {
        guard let record = try await store.execution(arn: arn) else { return nil }
        return try decode(record)
    }

    func decode(_ record: ExecutionRecord) throws -> Loaded {
        guard let snapshot = record.snapshot else { throw EngineError.corruptSnapshot("\(record.arn) has no snapshot") }
        return Loaded(record: record, stored: try StoredExecution.decode(snapshot, machines: machines))
    }

    /// The stored header of an execution: its definition, parent link, version and alias.
    func header(of record: ExecutionRecord) throws -> StoredExecution.Header {
        guard let snapshot = record.snapshot else { throw EngineError.corruptSnapshot("\(record.arn) has no snapshot") }
        return try StoredExecution.header(snapshot)
    }

    func apply(_ batch: [Inbound], arn: String, loaded cached: Loaded?) async throws -> Loaded? {
        if batch.allSatisfy({ $0.event == nil && $0.requireOpenTask == nil && !$0.redrive }) {
            // Only outbox and timer rows change: no need to load the execution.
            try await commitRows(of: batch, arn: arn)
            for item in batch { item.reply?(.success(.applied)) }
            return cached
        }
        var attempt = 0
        var cached = cached
        while true {
            attempt += 1
            var found = cached
            let fromCache = found != nil
            if found == nil {
                guard let record = try await store.execution(arn: arn) else {
                    for item in batch { item.reply?(.success(.executionMissing)) }
                    return nil
                }
                if record.status != .running, !batch.contains(where: \.redrive) {
                    try await closed(batch, arn: arn, status: record.status)
                    return nil
                }
                found = try decode(record)
            }
            guard var current = found else { return nil }
            var outcomes = [DeliveryOutcome](repeating: .applied, count: batch.count)
            if current.record.status != .running, let i = batch.firstIndex(where: \.redrive) {
                // A redrive reopens the execution; events queued with it apply after it.
                let outcome = try await redrive(&current, arn: arn)
                batch[i].reply?(.success(outcome))
                let rest = batch.enumerated().filter { $0.offset != i }.map(\.element)
                if outcome != .applied || rest.isEmpty { return nil }
                return try await apply(rest, arn: arn, loaded: current)
            }
            if current.record.status != .running {
                try await closed(batch, arn: arn, status: current.record.status)
                return nil
            }
            let interpreter = makeInterpreter(
                machine: current.stored.machine, header: current.stored.header, executionArn: arn, name: current.record.name,
                redriveCount: current.record.redriveCount)
            var state = current.stored.state
            // A cached copy can be older than the store: a driver that finished puts its copy back after
            // the mailbox went idle, and a faster driver may have committed a later transition meanwhile.
            // An answer for a task the copy does not know is then reread from the store, not dropped.
            if fromCache, batch.contains(where: { $0.requireOpenTask.map { !state.openTaskIDs.contains($0) } ?? false }) {
                cached = nil
                continue
            }
            let openBefore = state.openTaskIDs
            var events: [HistoryEvent] = []
            var effects: [Effect] = []
            var changed = false
            for (i, item) in batch.enumerated() {
                if let t = item.requireOpenTask, !state.openTaskIDs.contains(t) {
                    outcomes[i] = .taskNotOpen
                    continue
                }
                guard let event = item.event else { continue }
                let t = interpreter.step(&state, on: event, at: clock.now())
                events += t.events
                effects += t.effects
                changed = changed || t.stateChanged
            }
            let now = clock.now()
            var plan = Plan(effects, openBefore: openBefore)
            // Ask the interpreter, not the events: an answered task in a distributed Map's iteration
            // changes the state without an event or an effect, and dropping that state lost the answer.
            if !changed && plan.isEmpty && state.status == .running {
                // Nothing happened to the execution (a stale timer, a refused callback): only the rows
                // the events consumed change.
                try await commitRows(of: batch, arn: arn)
                for (item, outcome) in zip(batch, outcomes) { item.reply?(.success(outcome)) }
                return current
            }
            let rows = Self.rows(of: batch)
            plan.removeTimers = rows.removeTimers + plan.removeTimers
            plan.delivered = rows.delivered + plan.delivered
            if state.status != .running { plan.delivered += openBefore }
            var record = current.record
            apply(status: state.status, to: &record, at: now)
            var stored = current.stored
            stored.state = state
            record.snapshot = try stored.encoded()
            var outbox = plan.outbox
            if state.status != .running, stored.header.parent != nil { outbox.append(Self.parentNotice(arn)) }
            let write = ExecutionWrite.update(
                record, events: events.map(Self.eventRecord), setTimers: plan.setTimers, removeTimers: plan.removeTimers,
                outbox: outbox, delivered: plan.delivered)
            switch try await store.commit([write])[0] {
            case .success(let version):
                record.version = version
                let callbacksBefore = changes.isWatched ? Self.callbackTaskIDs(current.stored.state) : []
                current = Loaded(record: record, stored: stored)
                perform(plan, executionArn: arn, stored: stored, record: record)
                announce(
                    arn, record,
                    callbackClosed: !callbacksBefore.isEmpty
                        && (state.status != .running || !callbacksBefore.isSubset(of: state.openTaskIDs)))
                for (item, outcome) in zip(batch, outcomes) { item.reply?(.success(outcome)) }
                return state.status == .running ? current : nil
            case .failure(let error) where error.code == .versionConflict && attempt < 5:
                cached = nil  // someone else moved the execution: reload and decide again
            case .failure(let error):
                throw error
            }
        }
    }

    /// Answers events for a closed execution: nothing changes but the rows they consume.
    func closed(_ batch: [Inbound], arn: String, status: ExecutionRecord.Status) async throws {
        try await commitRows(of: batch, arn: arn)
        for item in batch {
            item.reply?(.success(item.redrive ? .notRedrivable : item.requireOpenTask == nil ? .executionClosed : .taskNotOpen))
        }
    }

    /// The timer and outbox rows a batch of events consumes.
    static func rows(of batch: [Inbound]) -> (removeTimers: [Int], delivered: [Int]) {
        (batch.compactMap(\.removeTimer), batch.flatMap(\.delivered))
    }

    /// Removes the rows a batch consumes, leaving the execution's row alone.
    func commitRows(of batch: [Inbound], arn: String) async throws {
        let rows = Self.rows(of: batch)
        if rows.removeTimers.isEmpty && rows.delivered.isEmpty { return }
        _ = try await store.commit([
            ExecutionWrite(executionArn: arn, change: .none, removeTimers: rows.removeTimers, delivered: rows.delivered)
        ])
    }

    /// Restarts a closed execution where it stopped, as one committed transition.
    func redrive(_ current: inout Loaded, arn: String) async throws -> DeliveryOutcome {
        guard current.stored.state.canRedrive else { return .notRedrivable }
        var record = current.record
        record.redriveCount += 1
        let interpreter = makeInterpreter(
            machine: current.stored.machine, header: current.stored.header, executionArn: arn, name: record.name,
            redriveCount: record.redriveCount)
        var state = current.stored.state
        let now = clock.now()
        guard let transition = interpreter.redrive(&state, at: now) else { return .notRedrivable }
        record.redriveDate = now
        (record.output, record.error, record.cause, record.stopDate) = (nil, nil, nil, nil)
        apply(status: state.status, to: &record, at: now)
        var stored = current.stored
        stored.state = state
        record.snapshot = try stored.encoded()
        let plan = Plan(transition.effects, openBefore: [])
        let write = ExecutionWrite.update(
            record, events: transition.events.map(Self.eventRecord), setTimers: plan.setTimers, removeTimers: plan.removeTimers,
            outbox: plan.outbox, delivered: plan.delivered)
        switch try await store.commit([write])[0] {
        case .success(let version):
            record.version = version
            current = Loaded(record: record, stored: stored)
            perform(plan, executionArn: arn, stored: stored, record: record)
            announce(arn, record, opened: true)
            return .applied
        case .failure(let error):
            throw error
        }
    }

    /// Queues a redrive of a closed execution and waits until it is committed.
    public func redrive(_ arn: String) async throws -> DeliveryOutcome {
        try await withCheckedThrowingContinuation { continuation in
            let item = Inbound(redrive: true, reply: { continuation.resume(with: $0) })
            enqueue(arn, item)
        }
    }

    // MARK: - Effects

    /// The store's side of a transition's effects: timers and outbox rows, net of those the same
    /// transition cancelled.
    struct Plan {
        var setTimers: [TimerRecord] = []
        var removeTimers: [Int] = []
        var outbox: [OutboxRecord] = []
        var delivered: [Int] = []
        var dispatches: [TaskDispatch] = []
        var cancelled: [Int] = []
        var finished: ExecutionStatus?

        var isEmpty: Bool { setTimers.isEmpty && removeTimers.isEmpty && outbox.isEmpty && delivered.isEmpty && finished == nil }

        init(_ effects: [Effect], openBefore: [Int]) {
            var timers: [(Int, Int64)] = []
            var tasks: [TaskDispatch] = []
            for effect in effects {
                switch effect {
                case .startTimer(let id, let at):
                    timers.removeAll { $0.0 == id }
                    timers.append((id, at))
                case .cancelTimer(let id):
                    if let i = timers.firstIndex(where: { $0.0 == id }) { timers.remove(at: i) } else { removeTimers.append(id) }
                case .dispatch(let task):
                    tasks.append(task)
                case .cancelTask(let id):
                    if let i = tasks.firstIndex(where: { $0.taskID == id }) { tasks.remove(at: i) } else { delivered.append(id) }
                    cancelled.append(id)
                case .finish(let status):
                    finished = status
                }
            }
            setTimers = timers.map { TimerRecord(executionArn: "", timerID: $0.0, fireAt: $0.1) }
            dispatches = tasks
            outbox = tasks.map { OutboxRecord(executionArn: "", taskID: $0.taskID, payload: $0.storedText) }
        }
    }

    /// Tells the change feed's watchers what a committed transition changed (docs/architecture/console.md):
    /// the execution and its machine always; the list of executions when one opened or closed; the
    /// callbacks inbox when a task waiting for a token closed (new ones announce themselves when indexed).
    func announce(_ arn: String, _ record: ExecutionRecord, opened: Bool = false, callbackClosed: Bool = false) {
        guard changes.isWatched else { return }
        changes.publish("execution:\(arn)", "state-machine:\(record.stateMachineArn)")
        if opened || record.status != .running { changes.publish("executions") }
        if callbackClosed { changes.publish("callbacks") }
    }

    /// The open tasks waiting for a task token.
    static func callbackTaskIDs(_ state: ExecutionState) -> Set<Int> {
        Set(state.openTasks.lazy.filter { $0.resource.hasSuffix(".waitForTaskToken") }.map(\.taskID))
    }

    /// Runs a committed transition's effects: dispatch tasks, wake the timer service, answer waiters.
    func perform(_ plan: Plan, executionArn arn: String, stored: StoredExecution, record: ExecutionRecord, notifyParent: Bool = true) {
        if let due = plan.setTimers.map(\.fireAt).min() { timerService.value?.note(dueAt: due) }
        for id in plan.cancelled { activities.cancel(executionArn: arn, taskID: id) }
        for task in plan.dispatches {
            Task { await self.dispatch(task, executionArn: arn) }
        }
        if plan.finished != nil || record.status != .running {
            finishWaiters.resolve(arn, with: record)
            if notifyParent, let parent = stored.header.parent {
                Task { await self.notifyParent(parent, child: record) }
            }
        }
    }

    /// Hands a committed task to its runner, or fails it if no runner takes its resource.
    func dispatch(_ task: TaskDispatch, executionArn arn: String) async {
        if executionType == .standard, task.resource.hasSuffix(".waitForTaskToken") {
            await WaitingCallbacks.note(task, executionArn: arn, in: self)
        }
        let runner = runners.withLock { list in list.first { $0.accepts(task.resource) } }
        guard let runner else {
            let (error, cause) = UnknownResource.failure(task.resource, region: configuration.region, account: configuration.account)
            _ = try? await deliver(
                arn, .taskFailed(taskID: task.taskID, error: error, cause: cause), requireOpenTask: task.taskID,
                delivered: [task.taskID])
            return
        }
        await runner.run(task, executionArn: arn, engine: self)
    }

    // MARK: - Recovery

    /// Dispatches every task that was committed but not yet delivered (after a restart, or a crash
    /// between a commit and its dispatch). Tasks are delivered at least once, as on AWS.
    public func recover() async throws {
        let pending = try await store.pendingOutbox(limit: 1_000_000)
        for row in pending {
            if row.taskID == 0 {
                // A finished child execution's answer to its parent.
                guard let record = try await store.execution(arn: row.executionArn), let parent = try header(of: record).parent else {
                    _ = try await store.commit([.acknowledge(executionArn: row.executionArn, delivered: [0])])
                    continue
                }
                Task { await self.notifyParent(parent, child: record) }
                continue
            }
            guard let task = TaskDispatch(storedText: row.payload) else {
                logger.error("dropping an unreadable outbox row", metadata: ["execution": "\(row.executionArn)"])
                _ = try await store.commit([.acknowledge(executionArn: row.executionArn, delivered: [row.taskID])])
                continue
            }
            Task { await self.dispatch(task, executionArn: row.executionArn) }
        }
    }

    // MARK: - Helpers

    func makeInterpreter(
        machine: StateMachine, header: StoredExecution.Header, executionArn arn: String, name: String, redriveCount: Int = 0
    ) -> Interpreter {
        let info = ExecutionInfo(
            executionArn: arn, executionName: name, stateMachineArn: stateMachineArn(ofExecution: arn),
            stateMachineName: header.stateMachineName, roleArn: header.roleArn, region: configuration.region,
            redriveCount: executionType == .express ? nil : redriveCount)
        var interpreter = Interpreter(machine: machine, info: info)
        interpreter.payloadLimit = configuration.payloadLimit
        let tokens = self.tokens
        interpreter.mintToken = { arn, id in tokens.mint(executionArn: arn, taskID: id) }
        let activities = self.activities
        interpreter.checkResource = { resource in
            guard ActivityRunner.isActivity(resource), !activities.exists(activityArn: resource) else { return nil }
            return "The activity \(resource) does not exist."
        }
        return interpreter
    }

    /// The state machine ARN of an execution ARN.
    public func stateMachineArn(ofExecution arn: String) -> String {
        var parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 8 else { return arn }
        parts[5] = "stateMachine"
        return parts[0..<7].joined(separator: ":")
    }

    func baseArn(_ stateMachineArn: String) -> String {
        let parts = stateMachineArn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 7 ? parts[0..<7].joined(separator: ":") : stateMachineArn
    }

    func apply(status: ExecutionStatus, to record: inout ExecutionRecord, at now: Int64) {
        switch status {
        case .running:
            record.status = .running
        case .succeeded(let output):
            record.status = .succeeded
            record.output = output.text
        case .failed(let e, let c):
            record.status = .failed
            (record.error, record.cause) = (e, c)
        case .timedOut(let e, let c):
            record.status = .timedOut
            (record.error, record.cause) = (e, c)
        case .aborted(let e, let c):
            record.status = .aborted
            (record.error, record.cause) = (e, c)
        }
        if record.status != .running { record.stopDate = now }
    }

    static func eventRecord(_ e: HistoryEvent) -> HistoryEventRecord {
        HistoryEventRecord(id: e.id, previousEventId: e.previousEventId, type: e.type, timestamp: e.timestamp, json: e.json().text)
    }

    static func parentNotice(_ arn: String) -> OutboxRecord {
        OutboxRecord(executionArn: arn, taskID: 0, payload: #"{"notify":"parent"}"#)
    }
}

/// Executions someone waits to see closed.
final class FinishWaiters: Sendable {
    private let waiting = Mutex<[String: [Promise]]>([:])

    /// A promise of the execution's closed record; register it before starting the execution.
    func promise(for arn: String) -> Promise {
        let p = Promise()
        waiting.withLock { $0[arn, default: []].append(p) }
        return p
    }

    func resolve(_ arn: String, with record: ExecutionRecord) {
        let list = waiting.withLock { $0.removeValue(forKey: arn) } ?? []
        for p in list { p.fulfil(record) }
    }

    final class Promise: Sendable {
        private let state = Mutex<(ExecutionRecord?, CheckedContinuation<ExecutionRecord, Never>?)>((nil, nil))

        func fulfil(_ record: ExecutionRecord) {
            let c = state.withLock { s -> CheckedContinuation<ExecutionRecord, Never>? in
                s.0 = record
                defer { s.1 = nil }
                return s.1
            }
            c?.resume(returning: record)
        }

        var value: ExecutionRecord {
            get async {
                await withCheckedContinuation { c in
                    let ready = state.withLock { s -> ExecutionRecord? in
                        if let r = s.0 { return r }
                        s.1 = c
                        return nil
                    }
                    if let ready { c.resume(returning: ready) }
                }
            }
        }
    }
}
