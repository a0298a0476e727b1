import CortadoJSON

/// Runs an ASL state machine one event at a time: a pure function of the execution's state, the
/// event and the time. It decides; the engine stores the events and performs the effects.
///
/// `start` and `step` run every synchronous state (Pass, Choice, Succeed, Fail, branch starts)
/// until the execution blocks on something outside (a task, a timer) or finishes.
public struct Interpreter: Sendable {
    public let machine: StateMachine
    public let info: ExecutionInfo
    public var random: any RandomSource
    /// Largest payload, in bytes of JSON text (AWS: 256 KiB).
    public var payloadLimit = 262_144
    /// Makes the task token for a task id (the engine signs it; the default is opaque but unsigned).
    public var mintToken: @Sendable (_ executionArn: String, _ taskID: Int) -> String = { arn, id in
        Array("\(arn)#\(id)".utf8).map { String($0, radix: 16) }.joined()
    }

    /// Says why a Task's resource cannot be used (an activity that does not exist), or nil. The engine
    /// answers from what it knows; the failure is the state's `States.Runtime` error, as on AWS.
    public var checkResource: @Sendable (_ resource: String) -> String? = { _ in nil }

    let machineRef: MachineRef

    public init(machine: StateMachine, info: ExecutionInfo, random: any RandomSource = SystemRandomSource()) {
        self.machine = machine
        self.machineRef = MachineRef(machine)
        self.info = info
        self.random = random
    }

    /// A reference to a branch or item processor; a fresh one each time is cheap (one allocation per
    /// branch or iteration start) and keeps the interpreter free of shared mutable caches.
    func reference(to machine: StateMachine, at path: MachinePath) -> MachineRef {
        machineRef.descendants[path] ?? MachineRef(machine, path: path, indexDescendants: false)
    }

    /// Starts an execution: `ExecutionStarted`, then every state until the first wait. `variables` are
    /// the workflow variables the first state sees (TestState's `variables`; none for an execution).
    public func start(input: JSON, at now: Int64, variables: [String: JSON] = [:]) -> (ExecutionState, Transition) {
        var state = ExecutionState()
        state.input = input
        state.startTime = now
        var run = Run(interpreter: self, state: state, now: now)
        run.begin(input: input, variables: variables)
        return (run.state, run.transition)
    }

    /// Redrives a failed, timed-out or aborted execution: `ExecutionRedriven`, then the state it
    /// stopped in runs again with the input it had (a Parallel or Map state runs again whole). Nil if
    /// the execution cannot be redriven. `info.redriveCount` must already count this redrive.
    public func redrive(_ state: inout ExecutionState, at now: Int64) -> Transition? {
        guard state.status != .running, let point = state.redrivePoint, machine.states[point.stateName] != nil else { return nil }
        var run = Run(interpreter: self, state: state, now: now)
        run.resume(from: point)
        state = run.state
        return run.transition
    }

    /// Applies one outside event.
    public func step(_ state: inout ExecutionState, on event: ExecutionEvent, at now: Int64) -> Transition {
        guard case .running = state.status else { return Transition() }
        var run = Run(interpreter: self, state: state, now: now)
        run.handle(event)
        if !run.transition.events.isEmpty { run.transition.stateChanged = true }
        state = run.state
        return run.transition
    }
}

/// A failure on its way up: optional error and cause, as a Fail state may leave either out.
struct Failure: Sendable {
    var error: String?
    var cause: String?
    /// Set when a missed heartbeat caused this States.Timeout.
    var heartbeat = false
    /// How a Catcher's output shows a missing error or cause: left out (a Fail state), `""` (a task
    /// timeout: recorded `{"Error": "States.Timeout", "Cause": ""}`), or `null` (a task failed by its
    /// worker or callback without them: recorded `{"Error": null, "Cause": null}`).
    var missing: Missing = .omitted
    /// Set when the task failed (its runner's answer, or a result over the payload limit), not the
    /// state's own data processing: `States.DataLimitExceeded` is then a task failure `States.ALL` catches,
    /// as AWS records it.
    var reportedByTask = false

    enum Missing: Sendable { case omitted, empty, null }

    /// Whether a Retrier's or Catcher's `ErrorEquals` entry matches this failure.
    func isMatched(by pattern: ErrorName) -> Bool {
        if heartbeat && pattern == .heartbeatTimeout { return true }
        if reportedByTask, errorName == .dataLimitExceeded, pattern == .all { return true }
        return errorName.isMatched(by: pattern)
    }

    var errorName: ErrorName { ErrorName(rawValue: error ?? "") }

    /// The `{"Error", "Cause"}` object a Catcher passes on.
    var output: JSON {
        var o = JSONObject(minimumCapacity: 2)
        for (key, value) in [("Error", error), ("Cause", cause)] {
            if let value {
                o.append(key, .string(value))
            } else {
                switch missing {
                case .omitted: break
                case .empty: o.append(key, "")
                case .null: o.append(key, .null)
                }
            }
        }
        return .object(o)
    }
}

/// The mutable work of one step.
struct Run {
    let interpreter: Interpreter
    var state: ExecutionState
    let now: Int64
    var transition = Transition()
    /// Frames ready to advance; the last is run first, so branches run in order.
    var ready: [Int] = []

    init(interpreter: Interpreter, state: ExecutionState, now: Int64) {
        self.interpreter = interpreter
        self.state = state
        self.now = now
    }

    var info: ExecutionInfo { interpreter.info }

    // MARK: - Events

    @discardableResult
    mutating func emit(
        _ cursor: inout EventCursor, _ type: String, _ key: String? = nil,
        _ details: [(String, HistoryEvent.Detail)] = [], updateSource: Bool = true
    ) -> Int {
        let id = state.nextEventID
        state.nextEventID += 1
        transition.events.append(
            HistoryEvent(
                id: id, previousEventId: cursor.source, type: type, timestamp: now,
                detailsKey: key, details: details))
        cursor.lastPublished = id
        if updateSource { cursor.source = id }
        return id
    }

    @discardableResult
    mutating func emit(
        frame id: Int, _ type: String, _ key: String? = nil,
        _ details: [(String, HistoryEvent.Detail)] = [], updateSource: Bool = true
    ) -> Int {
        let eventID = state.nextEventID
        // One in-place access to the frame: reading it through the dictionary would copy it.
        let previous: Int? = update(id) { f in
            // A distributed Map's iterations are child executions: their events are not in this history.
            if f.silent { return nil }
            let p = f.cursor.source
            f.cursor.lastPublished = eventID
            if updateSource { f.cursor.source = eventID }
            return p
        }
        guard let previous else { return 0 }
        state.nextEventID += 1
        transition.events.append(
            HistoryEvent(
                id: eventID, previousEventId: previous, type: type, timestamp: now,
                detailsKey: key, details: details))
        return eventID
    }

    /// Mutates a frame in place.
    @inline(__always)
    mutating func update<R>(_ id: Int, _ body: (inout Frame) -> R) -> R { body(&state.frames[id]!) }

    /// Reads (or mutates) a frame in place if it exists: a plain dictionary read would copy the frame.
    @inline(__always)
    mutating func inspect<R>(_ id: Int, _ body: (inout Frame) -> R) -> R? {
        guard let i = state.frames.index(forKey: id) else { return nil }
        return body(&state.frames.values[i])
    }

    // MARK: - Entry points

    mutating func begin(input: JSON, variables: [String: JSON]) {
        state.contextBase = makeContextBase(input: input)
        let root = Frame(
            id: 0, parent: nil, slot: 0, machineRef: interpreter.machineRef, path: MachinePath(),
            stateName: interpreter.machine.startAt,
            rawInput: input, cursor: EventCursor(source: 0, lastPublished: 0), variables: variables)
        state.frames[0] = root
        state.nextFrameID = 1
        emit(
            frame: 0, "ExecutionStarted", "executionStartedEventDetails",
            [("input", .payload(input)), ("roleArn", .string(info.roleArn))], updateSource: false)
        if let t = interpreter.machine.timeoutSeconds {
            let id = addTimer(at: now + Int64(t) * 1000, .executionTimeout)
            transition.effects.append(.startTimer(timerID: id, at: state.timers[id]!.at))
        }
        ready.append(0)
        drain()
    }

    mutating func resume(from point: RedrivePoint) {
        state.status = .running
        state.redrivePoint = nil
        let redriveCount = info.redriveCount ?? 1
        if case .object(var base) = state.contextBase, case .object(var execution)? = base["Execution"] {
            execution["RedriveCount"] = .int(redriveCount)
            execution["RedriveTime"] = .string(Timestamp(epochMilliseconds: now).formatted())
            base["Execution"] = .object(execution)
            state.contextBase = .object(base)
        }
        let last = state.nextEventID - 1
        state.frames[0] = Frame(
            id: 0, parent: nil, slot: 0, machineRef: interpreter.machineRef, path: MachinePath(), stateName: point.stateName,
            rawInput: point.input, cursor: EventCursor(source: last, lastPublished: last), variables: point.variables)
        state.nextFrameID = max(state.nextFrameID, 1)
        emit(frame: 0, "ExecutionRedriven", "executionRedrivenEventDetails", [("redriveCount", .int(redriveCount))])
        ready.append(0)
        drain()
    }

    mutating func handle(_ event: ExecutionEvent) {
        switch event {
        case .taskSucceeded(let taskID, let output):
            guard let task = state.tasks.removeValue(forKey: taskID) else { return }
            transition.stateChanged = true
            cancelTaskTimers(task)
            if task.kind == .itemReader || task.kind == .resultWriter {
                mapIOAnswered(task, .success(output))
            } else {
                taskSucceeded(task, output: output)
            }
        case .taskFailed(let taskID, let error, let cause):
            guard let task = state.tasks.removeValue(forKey: taskID) else { return }
            transition.stateChanged = true
            cancelTaskTimers(task)
            if task.kind == .itemReader || task.kind == .resultWriter {
                mapIOAnswered(task, .failure(Failure(error: error, cause: cause)))
                break
            }
            var details: [(String, HistoryEvent.Detail)] = []
            if let error { details.append(("error", .string(error))) }
            if let cause { details.append(("cause", .string(cause))) }
            emitTaskEvent(task, outcome: "Failed", details)
            fail(
                frame: task.frameID,
                Failure(error: error, cause: cause, missing: error == nil && cause == nil ? .null : .omitted, reportedByTask: true))
        case .taskHeartbeat(let taskID):
            guard var task = state.tasks[taskID], let seconds = task.heartbeatSeconds else { return }
            transition.stateChanged = true
            if let old = task.heartbeatTimer {
                state.timers[old] = nil
                transition.effects.append(.cancelTimer(timerID: old))
            }
            let id = addTimer(at: now + Int64(seconds) * 1000, .heartbeat(taskID: taskID))
            transition.effects.append(.startTimer(timerID: id, at: state.timers[id]!.at))
            task.heartbeatTimer = id
            state.tasks[taskID] = task
        case .taskStarted(let taskID, let workerName):
            guard let task = state.tasks[taskID], task.kind == .activity, state.frames[task.frameID] != nil else { return }
            var details: [(String, HistoryEvent.Detail)] = []
            if let workerName { details.append(("workerName", .string(workerName))) }
            emit(frame: task.frameID, "ActivityStarted", "activityStartedEventDetails", details)
        case .taskSubmitted(let taskID, let output):
            guard let task = state.tasks[taskID] else { return }
            emitTaskEvent(task, outcome: "Submitted", [("output", .payload(output))])
        case .timerFired(let timerID):
            guard let timer = state.timers.removeValue(forKey: timerID) else { return }
            transition.stateChanged = true
            timerFired(timer)
        case .stop(let error, let cause):
            transition.stateChanged = true
            var details: [(String, HistoryEvent.Detail)] = []
            if let error { details.append(("error", .string(error))) }
            if let cause { details.append(("cause", .string(cause))) }
            abortEverything()
            // AWS points ExecutionAborted at event 0, whatever ran before it.
            var cursor = EventCursor(source: 0, lastPublished: 0)
            emit(&cursor, "ExecutionAborted", "executionAbortedEventDetails", details)
            finish(.aborted(error: error, cause: cause))
        }
        drain()
    }

    mutating func timerFired(_ timer: PendingTimer) {
        switch timer.purpose {
        case .wait(let frameID):
            guard var frame = state.frames[frameID], case .waitingTimer = frame.phase else { return }
            frame.phase = .running
            state.frames[frameID] = frame
            let s = frame.machineRef.node(frame.stateName).state
            do throws(StatesError) {
                if let fields = s.jsonata {
                    let sc = jsonataScope(frameID)
                    try leave(frameID, s, fields, scope: sc, defaultOutput: sc.input)
                } else {
                    let output = try s.outputPath.select(from: frame.effectiveInput, field: "OutputPath") {
                        scope(frameID, input: frame.effectiveInput)
                    }
                    try exit(frame: frameID, state: s, output: output, assignInput: frame.effectiveInput)
                }
            } catch {
                failEvaluation(frameID, error)
            }
            ready.append(frameID)
        case .retry(let frameID):
            guard var frame = state.frames[frameID], case .waitingRetry = frame.phase else { return }
            frame.phase = .running
            state.frames[frameID] = frame
            ready.append(frameID)
        case .taskTimeout(let taskID), .heartbeat(let taskID):
            guard let task = state.tasks.removeValue(forKey: taskID) else { return }
            cancelTaskTimers(task)
            transition.effects.append(.cancelTask(taskID: taskID))
            // A missed heartbeat is reported as States.Timeout, as AWS documents it; a Retrier or
            // Catcher may still single it out with States.HeartbeatTimeout.
            var heartbeat = false
            if case .heartbeat = timer.purpose { heartbeat = true }
            emitTaskEvent(task, outcome: "TimedOut", [("error", .string(ErrorName.timeout.rawValue))])
            fail(frame: task.frameID, Failure(error: ErrorName.timeout.rawValue, cause: nil, heartbeat: heartbeat, missing: .empty))
        case .executionTimeout:
            abortEverything()
            var cursor = state.frames[0]?.cursor ?? EventCursor(source: state.nextEventID - 1, lastPublished: 0)
            // AWS records an execution timeout with neither error nor cause.
            emit(&cursor, "ExecutionTimedOut", "executionTimedOutEventDetails")
            finish(.timedOut(error: nil, cause: nil))
        }
    }

    // MARK: - The loop

    mutating func drain() {
        while let id = ready.popLast() {
            guard case .running = state.status else { return }
            advance(id)
        }
    }

    /// Runs one frame's states until it blocks, ends or fails.
    mutating func advance(_ id: Int) {
        enum Next { case enter, run(StateNode), stop }
        while true {
            let next: Next =
                inspect(id) { frame in
                    switch frame.phase {
                    case .entering: .enter
                    case .running: .run(frame.machineRef.node(frame.stateName))
                    default: .stop
                    }
                } ?? .stop
            switch next {
            case .enter:
                enter(id)
            case .run(let node):
                do throws(StatesError) {
                    try execute(id, node.state)
                } catch {
                    if state.frames[id] != nil { failEvaluation(id, error) }
                }
            default:
                return
            }
        }
    }

    mutating func enter(_ id: Int) {
        let now = self.now
        let (node, input): (StateNode, JSON) = update(id) { frame in
            let node = frame.machineRef.node(frame.stateName)
            frame.phase = .running
            let retriers = node.state.retry.count
            frame.retryCounts = retriers == 0 ? [] : Array(repeating: 0, count: retriers)
            frame.enteredTime = now
            return (node, frame.rawInput)
        }
        let eventID = emit(
            frame: id, node.state.enteredEventType, "stateEnteredEventDetails",
            [("name", .string(node.state.name)), ("input", .payload(input))])
        update(id) { $0.enteredEventID = eventID }
    }

    /// Turns an evaluator's error into the failure AWS reports, with the state prefix.
    func runtime(_ error: StatesError, frame id: Int) -> Failure {
        guard error.prefixed, let frame = state.frames[id] else { return Failure(error: error.name.rawValue, cause: error.cause) }
        return Failure(
            error: error.name.rawValue,
            cause:
                "An error occurred while executing the state '\(frame.stateName)' (entered at the event id #\(frame.enteredEventID)). \(error.cause)"
        )
    }

    // MARK: - Scopes and the context object

    func makeContextBase(input: JSON) -> JSON {
        var execution: JSONObject = [
            "Id": .string(info.executionArn),
            "Input": input,
            "StartTime": .string(Timestamp(epochMilliseconds: state.startTime).formatted()),
            "Name": .string(info.executionName),
            "RoleArn": .string(info.roleArn),
        ]
        if let r = info.redriveCount { execution["RedriveCount"] = .int(r) }
        return [
            "Execution": .object(execution),
            "StateMachine": ["Id": .string(info.stateMachineArn), "Name": .string(info.stateMachineName)],
        ]
    }

    func context(_ frame: Frame, _ s: State, mapItem: MapItem? = nil) -> JSON {
        guard case .object(var o) = state.contextBase else { return .null }
        var st: JSONObject = ["Name": .string(s.name), "EnteredTime": .string(Timestamp(epochMilliseconds: frame.enteredTime).formatted())]
        switch s.kind {
        case .task, .parallel, .map: st["RetryCount"] = .int(frame.retryCounts.reduce(0, +))
        default: break
        }
        o["State"] = .object(st)
        if let token = frame.taskToken { o["Task"] = ["Token": .string(token)] }
        if let item = mapItem ?? frame.mapItem {
            o["Map"] = ["Item": ["Index": .int(item.index), "Value": item.value]]
        }
        return .object(o)
    }

    func scope(_ id: Int, input: JSON, mapItem: MapItem? = nil) -> PathScope {
        let i = state.frames.index(forKey: id)!
        // Borrow the frame where it is: a copy of a whole frame costs a dozen reference counts.
        let values = state.frames.values
        let node = values[i].machineRef.node(values[i].stateName)
        let ctx: JSON = node.state.usesContext ? context(values[i], node.state, mapItem: mapItem) : .null
        var sc = PathScope(input: input, context: ctx, variables: values[i].variables, random: interpreter.random)
        sc.now = now
        return sc
    }

    // MARK: - States

    mutating func execute(_ id: Int, _ s: State) throws(StatesError) {
        switch s.kind {
        // The states with a task or children share one path; where the languages differ they ask `s.jsonata`.
        case .task(let t): return try startTask(id, s, t)
        case .parallel(let p): return try startParallel(id, s, p)
        case .map(let m): return try startMap(id, s, m)
        default: if let fields = s.jsonata { return try executeJSONata(id, s, fields) }
        }
        let raw = inspect(id) { $0.rawInput }!
        switch s.kind {
        case .pass(let pass):
            let effective = try s.inputPath.select(from: raw, field: "InputPath") { scope(id, input: raw) }
            let result: JSON
            if let r = pass.result {
                result = r
            } else if let p = s.parameters {
                result = try p.evaluate(in: scope(id, input: effective))
            } else {
                result = effective
            }
            try finishState(id, s, result: result)

        case .succeed:
            let effective = try s.inputPath.select(from: raw, field: "InputPath") { scope(id, input: raw) }
            let output = try s.outputPath.select(from: effective, field: "OutputPath") { scope(id, input: effective) }
            emit(frame: id, "SucceedStateExited", "stateExitedEventDetails", [("name", .string(s.name)), ("output", .payload(output))])
            complete(frame: id, output: output)

        case .fail(let f):
            let sc = scope(id, input: raw)
            func text(_ t: FailState.Text?, _ field: String) throws(StatesError) -> String? {
                switch t {
                case nil: return nil
                case .literal(let v): return v
                case .expression(let e): return try e.string(in: sc, field: field)
                case .intrinsic(let fn):
                    let v = try fn.evaluate(in: sc)
                    return v.stringValue ?? v.text
                case .path(let p):
                    do throws(JSONPathError) {
                        let v = try sc.resolve(p)
                        return v.stringValue ?? v.text
                    } catch {
                        throw StatesError(
                            .runtime,
                            "The JSONPath '\(p.source)' specified for the field '\(field)' could not be found in the input '\(raw.text)'")
                    }
                }
            }
            let error = try text(f.error, "ErrorPath")
            let cause = try text(f.cause, "CausePath")
            fail(frame: id, Failure(error: error, cause: cause), fromFailState: true)

        case .choice(let c):
            let effective = try s.inputPath.select(from: raw, field: "InputPath") { scope(id, input: raw) }
            let sc = scope(id, input: effective)
            var target: String?
            var ruleAssign: PayloadTemplate?
            for branch in c.choices where try branch.rule.evaluate(in: sc) {
                target = branch.next
                ruleAssign = branch.compiledAssign
                break
            }
            let matched = target != nil
            if target == nil { target = c.defaultNext }
            guard let next = target else {
                throw StatesError(.noChoiceMatched, "No Choice Rules matched and no Default was specified.", prefixed: false)
            }
            let output = try s.outputPath.select(in: sc, field: "OutputPath")
            // A matched rule assigns its own variables; the state's Assign applies only when no rule
            // matched and Default was taken (as the recorded executions and LocalStack's AWS-validated
            // tests show).
            var vars: [(String, JSON)] = []
            if matched {
                if let a = ruleAssign { vars = try evaluateAssign(a, scope: sc) }
            } else if let a = s.assign {
                vars = try evaluateAssign(a, scope: sc)
            }
            try leave(frame: id, state: s, output: output, assigned: vars.isEmpty ? nil : vars, next: next)

        case .wait(let w):
            let effective = try s.inputPath.select(from: raw, field: "InputPath") { scope(id, input: raw) }
            let sc = scope(id, input: effective)
            let until = try waitUntil(w, scope: sc)
            if until <= now {
                let output = try s.outputPath.select(in: sc, field: "OutputPath")
                try exit(frame: id, state: s, output: output, assignInput: effective)
            } else {
                wait(id, until: until, input: effective)
            }

        case .task, .parallel, .map:
            break  // started above
        }
    }

    /// A Wait that is not over yet: its timer, and the input it leaves with when the timer fires.
    mutating func wait(_ id: Int, until: Int64, input: JSON) {
        let timer = addTimer(at: until, .wait(frameID: id))
        state.frames[id]!.effectiveInput = input
        state.frames[id]!.phase = .waitingTimer(timerID: timer)
        transition.effects.append(.startTimer(timerID: timer, at: until))
    }

    /// Parallel: the branches' input (`Parameters` or JSONata's `Arguments`), then every branch starts.
    mutating func startParallel(_ id: Int, _ s: State, _ p: ParallelState) throws(StatesError) {
        let raw = inspect(id) { $0.rawInput }!
        let branchInput: JSON
        if let fields = s.jsonata {
            branchInput = try fields.arguments?.evaluate(in: jsonataScope(id), field: "Arguments") ?? raw
        } else {
            let effective = try s.inputPath.select(from: raw, field: "InputPath") { scope(id, input: raw) }
            branchInput = try s.parameters?.evaluate(in: scope(id, input: effective)) ?? effective
        }
        emit(frame: id, "ParallelStateStarted")
        let parent = state.frames[id]!
        var children = Frame.Children(
            results: Array(repeating: nil, count: p.branches.count), running: [], pending: [],
            items: [], workers: [], tolerated: 0, isMap: false, itemInputBase: .null,
            distributed: false)
        var ids: [Int] = []
        for (i, b) in p.branches.enumerated() {
            let cid = newFrame(
                parent: parent, slot: i, machine: b, step: .branch(state: s.name, index: i), input: branchInput,
                cursor: parent.cursor)
            children.running.insert(cid)
            ids.append(cid)
        }
        state.frames[id]!.phase = .waitingChildren(children)
        ready.append(contentsOf: ids.reversed())
    }

    /// Pass and Task results: ResultSelector is the caller's; here ResultPath, OutputPath, Assign, exit.
    mutating func finishState(_ id: Int, _ s: State, result: JSON) throws(StatesError) {
        if let fields = s.jsonata { return try finishJSONata(id, s, fields, result: result) }
        let raw = inspect(id) { $0.rawInput }!
        let combined = try s.resultPath.apply(result, to: raw)
        let output = try s.outputPath.select(from: combined, field: "OutputPath") { scope(id, input: combined) }
        try exit(frame: id, state: s, output: output, assignInput: result)
    }

    /// Emits `…StateExited` (with assigned variables) and moves on.
    mutating func exit(frame id: Int, state s: State, output: JSON, assignInput: JSON) throws(StatesError) {
        try checkSize(output, s)
        var vars: [(String, JSON)]?
        if let assign = s.assign {
            vars = try evaluateAssign(assign, scope: scope(id, input: assignInput))
            if vars?.isEmpty == true { vars = nil }
        }
        try leave(frame: id, state: s, output: output, assigned: vars)
    }

    /// Emits `…StateExited` with the variables assigned (nil: no `Assign`), sets them, and moves on: to `next`
    /// (a Choice's pick) or as the state's `Next`/`End` says. The caller has checked the output's size.
    mutating func leave(
        frame id: Int, state s: State, output: JSON, assigned vars: [(String, JSON)]?, next: String? = nil
    ) throws(StatesError) {
        var details: [(String, HistoryEvent.Detail)] = [("name", .string(s.name)), ("output", .payload(output))]
        if let vars {
            details.append(("assignedVariables", .variables(vars)))
            for (k, v) in vars { state.frames[id]!.variables[k] = v }
        }
        emit(frame: id, s.exitedEventType, "stateExitedEventDetails", details)
        if let next { return goTo(id, next, input: output) }
        switch s.exit {
        case .next(let n): goTo(id, n, input: output)
        case .end: complete(frame: id, output: output)
        }
    }

    func evaluateAssign(_ t: PayloadTemplate, scope: PathScope) throws(StatesError) -> [(String, JSON)] {
        guard case .object(let o) = try t.evaluate(in: scope) else { return [] }
        let vars = o.map { ($0.key, $0.value) }
        try checkVariables(vars)
        return vars
    }

    mutating func goTo(_ id: Int, _ next: String, input: JSON) {
        update(id) { f in
            f.stateName = next
            f.rawInput = input
            f.phase = .entering
            f.taskToken = nil
        }
    }

    // MARK: - Wait

    func waitUntil(_ w: WaitState, scope sc: PathScope) throws(StatesError) -> Int64 {
        switch w.duration {
        case .seconds(let s):
            return now + Int64(s) * 1000
        case .secondsExpression(let e):
            return try checkDelay(now + Int64(try e.integer(in: sc, field: "Seconds", range: 0...99_999_999)) * 1000)
        case .timestampExpression(let e):
            let text = try e.string(in: sc, field: "Timestamp")
            guard let t = Timestamp.parse(text) else {
                throw sc.queryError(
                    "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: \(text)", "Timestamp")
            }
            return try checkDelay(t.epochMilliseconds)
        case .secondsPath(let p):
            guard let v = try? sc.resolve(p) else {
                throw StatesError(.runtime, "The SecondsPath parameter does not reference an input value: \(p.source)")
            }
            guard case .int(let seconds) = v else {
                throw StatesError(
                    .runtime, "The SecondsPath parameter cannot be parsed as a long value: \(p.source) == \(v.stringValue ?? v.text)")
            }
            guard seconds >= 0 else {
                throw StatesError(.runtime, "The SecondsPath parameter references a negative value: \(p.source) == \(seconds)")
            }
            return try checkDelay(now + Int64(seconds) * 1000)
        case .timestamp(let text):
            guard let t = Timestamp.parse(text) else {
                throw StatesError(
                    .runtime, "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: \(text)")
            }
            return try checkDelay(t.epochMilliseconds)
        case .timestampPath(let p):
            guard let v = try? sc.resolve(p) else {
                throw StatesError(.runtime, "The TimestampPath parameter does not reference an input value: \(p.source)")
            }
            guard let text = v.stringValue, let t = Timestamp.parse(text) else {
                throw StatesError(
                    .runtime,
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \(p.source) == \(v.stringValue ?? v.text)"
                )
            }
            return try checkDelay(t.epochMilliseconds)
        }
    }

    /// A Wait's delay must fit a signed 32-bit count of seconds (about 68 years), as on AWS.
    func checkDelay(_ until: Int64) throws(StatesError) -> Int64 {
        if (until - now) / 1000 > Int64(Int32.max) { throw StatesError(.runtime, "Wait state delay is too long.") }
        return until
    }

    // MARK: - Tasks

    static func describe(resource: String) -> (kind: TaskEventKind, type: String, name: String) {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 7, parts[2] == "lambda", parts[5] == "function" { return (.lambda, "lambda", resource) }
        if parts.count >= 7, parts[2] == "states", parts[5] == "activity" { return (.activity, "activity", resource) }
        if parts.count >= 6, parts[2] == "states", parts[3].isEmpty, parts[4].isEmpty {
            // arn:aws:states:::service:action[.pattern] or arn:aws:states:::aws-sdk:service:action
            let rest = Array(parts[5...])
            if rest.first == "aws-sdk", rest.count >= 3 { return (.task, "aws-sdk:" + rest[1], rest[2...].joined(separator: ":")) }
            if rest.count >= 2 { return (.task, rest[0], rest[1...].joined(separator: ":")) }
        }
        return (.task, "unknown", resource)
    }

    mutating func startTask(_ id: Int, _ s: State, _ t: TaskState) throws(StatesError) {
        let raw = inspect(id) { $0.rawInput }!
        if let why = interpreter.checkResource(t.resource) { throw StatesError(.runtime, why) }
        let (kind, resourceType, resourceName) = Self.describe(resource: t.resource)
        let taskID = state.nextTaskID
        state.nextTaskID += 1
        if t.resource.hasSuffix(".waitForTaskToken") || kind == .activity {
            state.frames[id]!.taskToken = interpreter.mintToken(info.executionArn, taskID)
        }
        let effective = try s.inputPath.select(from: raw, field: "InputPath") { scope(id, input: raw) }
        let sc = scope(id, input: effective)
        let parameters: JSON
        if let fields = s.jsonata {
            parameters = try fields.arguments?.evaluate(in: sc, field: "Arguments") ?? effective
        } else {
            parameters = try s.parameters?.evaluate(in: sc) ?? effective
        }
        var timeout = t.timeoutSeconds
        var heartbeat = t.heartbeatSeconds
        if let e = t.timeoutSecondsExpression { timeout = try e.integer(in: sc, field: "TimeoutSeconds", range: 1...99_999_999) }
        if let e = t.heartbeatSecondsExpression {
            heartbeat = try e.integer(in: sc, field: "HeartbeatSeconds", range: 1...99_999_999)
        }
        if let p = t.timeoutSecondsPath {
            timeout = try positiveInteger(at: p, in: sc, field: "TimeoutSecondsPath")
        }
        if let p = t.heartbeatSecondsPath {
            heartbeat = try positiveInteger(at: p, in: sc, field: "HeartbeatSecondsPath")
        }
        var task = PendingTask(
            frameID: id, resource: t.resource, resourceType: resourceType, resourceName: resourceName,
            kind: kind, heartbeatSeconds: heartbeat)
        switch kind {
        case .lambda:
            var d: [(String, HistoryEvent.Detail)] = [("resource", .string(t.resource)), ("input", .payload(parameters))]
            if let timeout { d.append(("timeoutInSeconds", .int(timeout))) }
            if let role = try t.credentials?.evaluate(in: sc)["RoleArn"] { d.append(("taskCredentials", .value(["roleArn": role]))) }
            emit(frame: id, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", d)
        case .activity:
            var d: [(String, HistoryEvent.Detail)] = [("resource", .string(t.resource)), ("input", .payload(parameters))]
            if let timeout { d.append(("timeoutInSeconds", .int(timeout))) }
            if let heartbeat { d.append(("heartbeatInSeconds", .int(heartbeat))) }
            emit(frame: id, "ActivityScheduled", "activityScheduledEventDetails", d)
        case .task, .itemReader, .resultWriter:  // a Task state is always .task
            var d: [(String, HistoryEvent.Detail)] = [
                ("resourceType", .string(resourceType)), ("resource", .string(resourceName)),
                ("region", .string(info.region)), ("parameters", .text(parameters)),
            ]
            if let timeout { d.append(("timeoutInSeconds", .int(timeout))) }
            if let heartbeat { d.append(("heartbeatInSeconds", .int(heartbeat))) }
            if let role = try t.credentials?.evaluate(in: sc)["RoleArn"] { d.append(("taskCredentials", .value(["roleArn": role]))) }
            emit(frame: id, "TaskScheduled", "taskScheduledEventDetails", d)
        }
        if let timeout {
            let tid = addTimer(at: now + Int64(timeout) * 1000, .taskTimeout(taskID: taskID))
            task.timeoutTimer = tid
            transition.effects.append(.startTimer(timerID: tid, at: state.timers[tid]!.at))
        }
        if let heartbeat {
            let tid = addTimer(at: now + Int64(heartbeat) * 1000, .heartbeat(taskID: taskID))
            task.heartbeatTimer = tid
            transition.effects.append(.startTimer(timerID: tid, at: state.timers[tid]!.at))
        }
        state.tasks[taskID] = task
        state.frames[id]!.phase = .waitingTask(taskID: taskID)
        let attempt = state.frames[id]!.retryCounts.reduce(0, +)
        transition.effects.append(
            .dispatch(
                TaskDispatch(
                    taskID: taskID, stateName: s.name, resource: t.resource, input: parameters, timeoutSeconds: timeout,
                    heartbeatSeconds: heartbeat, token: state.frames[id]!.taskToken, attempt: attempt)))
        switch kind {
        case .lambda: emit(frame: id, "LambdaFunctionStarted")
        case .activity: break  // ActivityStarted comes when a worker takes the task.
        case .task, .itemReader, .resultWriter:  // a Task state is always .task
            emit(
                frame: id, "TaskStarted", "taskStartedEventDetails",
                [("resourceType", .string(resourceType)), ("resource", .string(resourceName))])
        }
    }

    func positiveInteger(at p: JSONPath, in sc: PathScope, field: String) throws(StatesError) -> Int {
        let v: JSON
        do throws(JSONPathError) { v = try sc.resolve(p) } catch {
            throw StatesError(.runtime, "Invalid path '\(p.source)' : \(error.message)")
        }
        guard case .int(let i) = v, i > 0 else {
            throw StatesError(
                .runtime, "The \(field) parameter must reference a positive integer: \(p.source) == \(v.stringValue ?? v.text)")
        }
        return i
    }

    mutating func emitTaskEvent(_ task: PendingTask, outcome: String, _ extra: [(String, HistoryEvent.Detail)]) {
        guard state.frames[task.frameID] != nil else { return }
        switch task.kind {
        case .itemReader, .resultWriter:
            return
        case .lambda:
            emit(frame: task.frameID, "LambdaFunction" + outcome, "lambdaFunction\(outcome)EventDetails", extra)
        case .activity:
            emit(frame: task.frameID, "Activity" + outcome, "activity\(outcome)EventDetails", extra)
        case .task:
            emit(
                frame: task.frameID, "Task" + outcome, "task\(outcome)EventDetails",
                extra + [("resourceType", .string(task.resourceType)), ("resource", .string(task.resourceName))])
        }
    }

    mutating func taskSucceeded(_ task: PendingTask, output: JSON) {
        let id = task.frameID
        guard let frame = state.frames[id] else { return }
        let s = frame.machineRef.node(frame.stateName).state
        if output.encodedSizeExceeds(interpreter.payloadLimit) {
            // A result over the limit fails the task, as AWS records it (`TaskFailed`, which `States.ALL`
            // catches); the cause names an optimized integration by its service, anything else by its ARN.
            let name = task.resource.hasPrefix("arn:aws:states:::") ? task.resourceType : task.resource
            let failure = Failure(
                error: ErrorName.dataLimitExceeded.rawValue,
                cause: "The state/task '\(name)' returned a result with a size exceeding the maximum number of bytes service limit.",
                reportedByTask: true)
            emitTaskEvent(task, outcome: "Failed", [("error", .string(failure.error!)), ("cause", .string(failure.cause!))])
            fail(frame: id, failure)
            return
        }
        emitTaskEvent(task, outcome: "Succeeded", [("output", .payload(output))])
        state.frames[id]!.phase = .running
        do throws(StatesError) {
            let selected = try s.resultSelector?.evaluate(in: scope(id, input: output)) ?? output
            try finishState(id, s, result: selected)
        } catch  where s.jsonata != nil {
            failEvaluation(id, error)
        } catch {
            // A path that fails on the task's result ends the execution: AWS's recording shows even an
            // explicit `States.Runtime` catcher passed over.
            fail(frame: id, runtime(error, frame: id), fromFailState: error.name == .runtime)
        }
        ready.append(id)
    }

    mutating func cancelTaskTimers(_ task: PendingTask) {
        for t in [task.timeoutTimer, task.heartbeatTimer].compactMap({ $0 }) where state.timers[t] != nil {
            state.timers[t] = nil
            transition.effects.append(.cancelTimer(timerID: t))
        }
    }

    mutating func addTimer(at: Int64, _ purpose: PendingTimer.Purpose) -> Int {
        let id = state.nextTimerID
        state.nextTimerID += 1
        state.timers[id] = PendingTimer(at: at, purpose: purpose)
        return id
    }

    // MARK: - Frames

    mutating func newFrame(
        parent: Frame, slot: Int, machine: StateMachine, step: MachinePath.Step, input: JSON, cursor: EventCursor,
        mapItem: MapItem? = nil, silent: Bool = false
    ) -> Int {
        let id = state.nextFrameID
        state.nextFrameID += 1
        state.frames[id] = Frame(
            id: id, parent: parent.id, slot: slot, machineRef: interpreter.reference(to: machine, at: parent.path.appending(step)),
            path: parent.path.appending(step), stateName: machine.startAt,
            rawInput: input, cursor: cursor, variables: parent.variables, mapItem: mapItem,
            silent: parent.silent || silent)
        return id
    }

    /// A frame reached an End: the execution succeeds, or the parent collects the branch.
    mutating func complete(frame id: Int, output: JSON) {
        guard let frame = state.frames.removeValue(forKey: id) else { return }
        guard let parentID = frame.parent else {
            var cursor = frame.cursor
            emit(&cursor, "ExecutionSucceeded", "executionSucceededEventDetails", [("output", .payload(output))])
            finish(.succeeded(output: output))
            return
        }
        childFinished(parentID, child: frame, result: .success(output))
    }

    /// Handles an error in the frame's current state: Retry, Catch, or pass it up.
    mutating func fail(frame id: Int, _ failure: Failure, fromFailState: Bool = false, failedEvent: String? = nil) {
        guard var frame = state.frames[id] else { return }
        let s = frame.machineRef.node(frame.stateName).state
        if !fromFailState {
            if let r = s.retry.firstIndex(where: { $0.errorEquals.contains(where: failure.isMatched(by:)) }) {
                let retrier = s.retry[r]
                if frame.retryCounts[r] < retrier.maxAttempts {
                    var delay = retrier.delay(forAttempt: frame.retryCounts[r])
                    if retrier.jitterStrategy == .full { delay = Double(interpreter.random.int(in: 0..<(Int(delay * 1000) + 1))) / 1000 }
                    frame.retryCounts[r] += 1
                    let timer = addTimer(at: now + Int64(delay * 1000), .retry(frameID: id))
                    frame.phase = .waitingRetry(timerID: timer)
                    state.frames[id] = frame
                    transition.effects.append(.startTimer(timerID: timer, at: state.timers[timer]!.at))
                    return
                }
            }
            if let failedEvent {
                emit(frame: id, failedEvent)
                frame = state.frames[id]!
            }
            if let catcher = s.catchers.first(where: { $0.errorEquals.contains(where: failure.isMatched(by:)) }) {
                do throws(StatesError) {
                    let errorOutput = failure.output
                    let output: JSON
                    var vars: [(String, JSON)]?
                    if s.jsonata != nil {
                        (output, vars) = try catchJSONata(id, s, catcher, errorOutput: errorOutput)
                    } else {
                        output = try catcher.resultPath.apply(errorOutput, to: frame.rawInput)
                        vars = try catcher.assign.map { a throws(StatesError) in try evaluateAssign(a, scope: scope(id, input: errorOutput))
                        }
                    }
                    var details: [(String, HistoryEvent.Detail)] = [("name", .string(s.name)), ("output", .payload(output))]
                    if let vars {
                        details.append(("assignedVariables", .variables(vars)))
                        for (k, v) in vars { state.frames[id]!.variables[k] = v }
                    }
                    emit(frame: id, s.exitedEventType, "stateExitedEventDetails", details)
                    goTo(id, catcher.next, input: output)
                    ready.append(id)
                    return
                } catch {
                    return failEvaluation(id, error, fromFailState: true)
                }
            }
        }
        // Not handled: the frame fails.
        if fromFailState, let failedEvent {
            emit(frame: id, failedEvent)
            frame = state.frames[id]!
        }
        state.frames[id] = nil
        abortChildren(of: frame)
        guard let parentID = frame.parent else {
            var cursor = frame.cursor
            var details: [(String, HistoryEvent.Detail)] = []
            if let e = failure.error { details.append(("error", .string(e))) }
            if let c = failure.cause { details.append(("cause", .string(c))) }
            emit(&cursor, "ExecutionFailed", "executionFailedEventDetails", details)
            finish(.failed(error: failure.error, cause: failure.cause))
            state.redrivePoint = RedrivePoint(stateName: frame.stateName, input: frame.rawInput, variables: frame.variables)
            return
        }
        childFinished(parentID, child: frame, result: .failure(failure))
    }

    enum ChildResult {
        case success(JSON)
        case failure(Failure)
    }

    mutating func childFinished(_ parentID: Int, child: Frame, result: ChildResult) {
        guard var parent = state.frames[parentID], case .waitingChildren(var children) = parent.phase else { return }
        let s = parent.machineRef.node(parent.stateName).state
        children.running.remove(child.id)
        var childCursor = child.cursor
        let worker = children.isMap ? workerIndex(child, children) : 0
        let quiet = children.distributed || child.silent
        switch result {
        case .success(let output):
            if children.isMap && quiet {
                children.workers[worker] = childCursor
            } else if children.isMap {
                emit(
                    &childCursor, "MapIterationSucceeded", "mapIterationSucceededEventDetails",
                    [("index", .int(child.slot)), ("name", .string(s.name))], updateSource: false)
                children.workers[worker] = childCursor
            } else {
                children.workers.append(childCursor)
            }
            children.results[child.slot] = output
        case .failure(let failure):
            if !children.isMap, case .task = child.machineRef.node(child.stateName).state.kind {
                // AWS records the branch's Task state as aborted when its failure fails the Parallel state;
                // the Parallel state's next event follows the failure, not this one.
                var c = childCursor
                emit(&c, "TaskStateAborted", updateSource: false)
            }
            if children.isMap {
                if !quiet {
                    emit(
                        &childCursor, "MapIterationFailed", "mapIterationFailedEventDetails",
                        [("index", .int(child.slot)), ("name", .string(s.name))], updateSource: false)
                }
                children.workers[worker] = childCursor
                children.failures += 1
                if children.failures <= children.tolerated {
                    children.results[child.slot] = failure.output
                    children.failedSlots = (children.failedSlots ?? []) + [child.slot]
                    break
                }
            }
            // The state fails: abort the other branches or iterations.
            for other in children.running.sorted() {
                if let f = state.frames.removeValue(forKey: other) {
                    abortChildren(of: f)
                    if children.isMap && !quiet {
                        var c = f.cursor
                        emit(
                            &c, "MapIterationAborted", "mapIterationAbortedEventDetails",
                            [("index", .int(f.slot)), ("name", .string(s.name))], updateSource: false)
                    }
                }
            }
            parent.cursor.source = child.cursor.source
            parent.phase = .running
            state.frames[parentID] = parent
            var reported = failure
            if children.isMap, children.tolerated > 0 || isToleranceSet(s) {
                reported = Failure(
                    error: ErrorName.exceedToleratedFailureThreshold.rawValue,
                    cause: "The specified tolerated failure threshold was exceeded")
            }
            if children.distributed {
                var details: [(String, HistoryEvent.Detail)] = []
                if let e = reported.error { details.append(("error", .string(e))) }
                if let c = reported.cause { details.append(("cause", .string(c))) }
                emit(frame: parentID, "MapRunFailed", "mapRunFailedEventDetails", details)
            }
            fail(frame: parentID, reported, failedEvent: s.typeName + "StateFailed")
            ready.append(parentID)
            return
        }
        // Start the next item on the worker that just freed up.
        if children.isMap, !children.pending.isEmpty {
            let next = children.pending.removeFirst()
            parent.phase = .waitingChildren(children)
            state.frames[parentID] = parent
            startIteration(parentID, index: next, worker: worker)
            return
        }
        if children.running.isEmpty && children.pending.isEmpty {
            let last = children.workers.map(\.lastPublished).max() ?? parent.cursor.source
            parent.cursor.source = max(parent.cursor.source, last)
            parent.phase = .running
            state.frames[parentID] = parent
            if case .map(let m) = s.kind, let writer = m.resultWriter {
                do throws(StatesError) { try writeResults(parentID, s, writer, children) } catch {
                    failMapRun(parentID, s, Failure(error: ErrorName.resultWriterFailed.rawValue, cause: error.cause))
                }
                return
            }
            finishMapRun(parentID, s, results: JSON.array(children.results.map { $0 ?? .null }))
            ready.append(parentID)
            return
        }
        parent.phase = .waitingChildren(children)
        state.frames[parentID] = parent
    }

    /// Whether the frame's current state was entered straight after ExecutionStarted.
    func transitionFirstEntered(_ frame: Frame) -> Bool {
        frame.parent == nil && frame.stateName == frame.machine.startAt && frame.enteredEventID == 2
    }

    func isToleranceSet(_ s: State) -> Bool {
        guard case .map(let m) = s.kind else { return false }
        return m.toleratedFailureCount != nil || m.toleratedFailurePercentage != nil
            || m.toleratedFailureCountPath != nil || m.toleratedFailurePercentagePath != nil
    }

    func workerIndex(_ child: Frame, _ children: Frame.Children) -> Int {
        children.workers.isEmpty ? 0 : child.slot % children.workers.count
    }

    /// Removes every descendant of a frame, cancelling their tasks and timers.
    mutating func abortChildren(of frame: Frame) {
        let descendants = state.frames.values.filter { $0.parent == frame.id }.map(\.id)
        for d in descendants {
            if let f = state.frames.removeValue(forKey: d) { abortChildren(of: f) }
        }
        for (taskID, task) in state.tasks where task.frameID == frame.id || descendants.contains(task.frameID) {
            state.tasks[taskID] = nil
            cancelTaskTimers(task)
            transition.effects.append(.cancelTask(taskID: taskID))
        }
        for (timerID, timer) in state.timers {
            switch timer.purpose {
            case .wait(let f), .retry(let f):
                if f == frame.id || descendants.contains(f) {
                    state.timers[timerID] = nil
                    transition.effects.append(.cancelTimer(timerID: timerID))
                }
            default: break
            }
        }
    }

    mutating func abortEverything() {
        if let root = state.frames[0] { abortChildren(of: root) }
        for (taskID, task) in state.tasks {
            cancelTaskTimers(task)
            transition.effects.append(.cancelTask(taskID: taskID))
        }
        state.tasks = [:]
        for timerID in state.timers.keys { transition.effects.append(.cancelTimer(timerID: timerID)) }
        state.timers = [:]
    }

    mutating func finish(_ status: ExecutionStatus) {
        switch status {
        case .failed, .timedOut, .aborted:
            if let root = state.frames[0] {
                state.redrivePoint = RedrivePoint(stateName: root.stateName, input: root.rawInput, variables: root.variables)
            }
        default: break
        }
        for timerID in state.timers.keys.sorted() { transition.effects.append(.cancelTimer(timerID: timerID)) }
        state.timers = [:]
        state.status = status
        state.frames = [:]
        ready = []
        transition.effects.append(.finish(status))
    }
}
