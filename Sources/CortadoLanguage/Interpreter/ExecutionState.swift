import CortadoJSON

/// What the interpreter knows of the execution it runs: names and ARNs for the context object.
public struct ExecutionInfo: Sendable {
    public var executionArn: String
    public var executionName: String
    public var stateMachineArn: String
    public var stateMachineName: String
    public var roleArn: String
    public var region: String
    /// Nil for EXPRESS executions, whose context object has no `RedriveCount`.
    public var redriveCount: Int?

    public init(
        executionArn: String, executionName: String, stateMachineArn: String, stateMachineName: String,
        roleArn: String, region: String = "us-east-1", redriveCount: Int? = 0
    ) {
        self.executionArn = executionArn
        self.executionName = executionName
        self.stateMachineArn = stateMachineArn
        self.stateMachineName = stateMachineName
        self.roleArn = roleArn
        self.region = region
        self.redriveCount = redriveCount
    }
}

/// How an execution ended, or that it is still running.
public enum ExecutionStatus: Sendable, Equatable, Codable {
    case running
    case succeeded(output: JSON)
    case failed(error: String?, cause: String?)
    case timedOut(error: String?, cause: String?)
    case aborted(error: String?, cause: String?)

    /// AWS's status name: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED.
    public var name: String {
        switch self {
        case .running: "RUNNING"
        case .succeeded: "SUCCEEDED"
        case .failed: "FAILED"
        case .timedOut: "TIMED_OUT"
        case .aborted: "ABORTED"
        }
    }
}

/// Something that happened to an execution from outside; the interpreter reacts to it.
public enum ExecutionEvent: Sendable {
    case taskSucceeded(taskID: Int, output: JSON)
    case taskFailed(taskID: Int, error: String?, cause: String?)
    case taskHeartbeat(taskID: Int)
    /// A worker took an activity task (`ActivityStarted`, with the worker's name if it gave one).
    case taskStarted(taskID: Int, workerName: String?)
    /// A `.sync` task's job was submitted (`TaskSubmitted`, with the submission's answer).
    case taskSubmitted(taskID: Int, output: JSON)
    case timerFired(timerID: Int)
    case stop(error: String?, cause: String?)
}

/// A task the engine must run once the transition is committed.
public struct TaskDispatch: Sendable, Equatable {
    public var taskID: Int
    public var stateName: String
    public var resource: String
    /// The payload for the task (Parameters applied).
    public var input: JSON
    public var timeoutSeconds: Int?
    public var heartbeatSeconds: Int?
    /// The task token, for `.waitForTaskToken` integrations and activities.
    public var token: String?
    /// Which attempt (0 first) this dispatch is, for mocks with per-attempt responses.
    public var attempt: Int

    public init(
        taskID: Int, stateName: String, resource: String, input: JSON, timeoutSeconds: Int? = nil,
        heartbeatSeconds: Int? = nil, token: String? = nil, attempt: Int = 0
    ) {
        self.taskID = taskID
        self.stateName = stateName
        self.resource = resource
        self.input = input
        self.timeoutSeconds = timeoutSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.token = token
        self.attempt = attempt
    }
}

/// What the engine must do after committing a transition.
public enum Effect: Sendable, Equatable {
    case dispatch(TaskDispatch)
    case cancelTask(taskID: Int)
    /// Fire `timerID` at `at` (epoch milliseconds).
    case startTimer(timerID: Int, at: Int64)
    case cancelTimer(timerID: Int)
    case finish(ExecutionStatus)
}

/// The result of one interpreter step: events to append and effects to perform.
public struct Transition: Sendable {
    public var events: [HistoryEvent] = []
    public var effects: [Effect] = []
    /// Whether the step changed the execution's state; false when the event was ignored (a stale
    /// timer, an answer for a task no longer open). Not implied by `events` and `effects`: a
    /// distributed Map's iterations emit no events here (theirs belong to child executions), so a
    /// task answered in one can move the execution on with neither, and the new state must be kept.
    public var stateChanged = false
}

/// The whole state of one execution: a value, so that it can be stored, copied and replayed.
public struct ExecutionState: Sendable, Codable {
    public internal(set) var status: ExecutionStatus = .running
    public internal(set) var nextEventID = 1
    var frames: [Int: Frame] = [:]
    var nextFrameID = 0
    var nextTaskID = 1
    var nextTimerID = 1
    var tasks: [Int: PendingTask] = [:]
    var timers: [Int: PendingTimer] = [:]
    var input: JSON = .null
    var startTime: Int64 = 0
    var contextBase: JSON = .null
    /// Where a redrive starts: the state the execution stopped in, with its input and variables.
    var redrivePoint: RedrivePoint?

    /// Tasks waiting for an answer, for tools that list callbacks.
    public var openTaskIDs: [Int] { tasks.keys.sorted() }
    /// The earliest pending timer, for engines that sleep until it.
    public var nextTimer: (id: Int, at: Int64)? {
        timers.min { $0.value.at < $1.value.at }.map { ($0.key, $0.value.at) }
    }
}

/// The top-level state a failed execution stopped in, kept for `RedriveExecution`.
struct RedrivePoint: Sendable, Codable {
    var stateName: String
    var input: JSON
    var variables: [String: JSON]
}

extension ExecutionState {
    /// Whether `Interpreter.redrive` can restart this execution.
    public var canRedrive: Bool { status != .running && redrivePoint != nil }
}

/// Event-id bookkeeping as AWS chains `previousEventId`: a frame's `source` is the id the next
/// event points at; `lastPublished` is the newest event id it emitted.
struct EventCursor: Sendable, Codable {
    var source: Int
    var lastPublished: Int
}

/// One running state machine (the execution, a Parallel branch or a Map iteration).
struct Frame: Sendable {
    let id: Int
    let parent: Int?
    /// Branch index or item index in the parent.
    let slot: Int
    /// Shared, not copied: a frame is copied often and a machine holds several buffers.
    let machineRef: MachineRef
    var machine: StateMachine { machineRef.machine }
    /// Where `machineRef` sits in the definition; what is stored instead of the machine itself.
    let path: MachinePath
    var stateName: String
    var rawInput: JSON = .null
    var effectiveInput: JSON = .null
    var phase: Phase = .entering
    var retryCounts: [Int] = []
    var enteredEventID = 0
    var enteredTime: Int64 = 0
    var cursor: EventCursor
    var variables: [String: JSON]
    var mapItem: MapItem?
    /// Set for a distributed Map's iterations, whose events belong to child executions.
    var silent = false
    var taskToken: String?
    /// The Map Run of the distributed Map this frame is in (kept while it reads items and writes results).
    var mapRunArn: String?

    enum Phase: Sendable, Codable {
        case entering
        case running
        case waitingTask(taskID: Int)
        case waitingTimer(timerID: Int)
        case waitingRetry(timerID: Int)
        case waitingChildren(Children)
        case finished
    }

    struct Children: Sendable, Codable {
        var results: [JSON?]
        var running: Set<Int>  // frame ids
        var pending: [Int]  // item indices not yet started
        var items: [JSON]
        var workers: [EventCursor]
        var failures = 0
        var tolerated: Int  // failures tolerated (Int.max for all)
        var isMap: Bool
        var itemInputBase: JSON
        var distributed: Bool
        /// Item indices whose iteration failed within the tolerance (for the ResultWriter's FAILED file).
        var failedSlots: [Int]? = nil
        /// Items are `{"BatchInput", "Items"}` batches with the ItemSelector already applied.
        var batched: Bool? = nil
    }
}

struct PendingTask: Sendable, Codable {
    var frameID: Int
    var resource: String
    var resourceType: String
    var resourceName: String
    var kind: TaskEventKind
    var timeoutTimer: Int?
    var heartbeatTimer: Int?
    var heartbeatSeconds: Int?
}

enum TaskEventKind: Sendable, Codable {
    case task  // TaskScheduled/Started/Succeeded/Failed/TimedOut
    case lambda  // LambdaFunction*
    case activity  // Activity*
    /// A distributed Map's own S3 reads and writes: no history events, as on AWS.
    case itemReader, resultWriter
}

struct PendingTimer: Sendable, Codable {
    var at: Int64
    var purpose: Purpose
    enum Purpose: Sendable, Codable {
        case wait(frameID: Int)
        case retry(frameID: Int)
        case taskTimeout(taskID: Int)
        case heartbeat(taskID: Int)
        case executionTimeout
    }
}

/// A state machine behind one reference, so that copying a frame retains one object, not five, and
/// its states as shared nodes, so that finding the current state copies nothing.
final class MachineRef: Sendable {
    let machine: StateMachine
    let nodes: [String: StateNode]
    /// The machines of every Parallel branch and Map processor below, by path (root only).
    let descendants: [MachinePath: MachineRef]

    init(_ machine: StateMachine, path: MachinePath = MachinePath(), indexDescendants: Bool = true) {
        self.machine = machine
        var nodes: [String: StateNode] = [:]
        for (name, state) in machine.states { nodes[name] = StateNode(state) }
        self.nodes = nodes
        var below: [MachinePath: MachineRef] = [:]
        if indexDescendants {
            func walk(_ m: StateMachine, _ at: MachinePath) {
                for name in m.stateNames {
                    switch m.states[name]?.kind {
                    case .parallel(let p)?:
                        for (i, b) in p.branches.enumerated() {
                            let sub = at.appending(.branch(state: name, index: i))
                            below[sub] = MachineRef(b, path: sub, indexDescendants: false)
                            walk(b, sub)
                        }
                    case .map(let mp)?:
                        let sub = at.appending(.processor(state: name))
                        below[sub] = MachineRef(mp.processor, path: sub, indexDescendants: false)
                        walk(mp.processor, sub)
                    default: break
                    }
                }
            }
            walk(machine, path)
        }
        self.descendants = below
    }

    @inline(__always)
    func node(_ name: String) -> StateNode { nodes[name]! }
}

/// One state of a loaded machine, shared by reference.
final class StateNode: Sendable {
    let state: State
    init(_ state: State) { self.state = state }
}

/// The item a Map iteration works on, for `$$.Map.Item`.
struct MapItem: Sendable, Codable {
    var index: Int
    var value: JSON
}

/// Where a frame's state machine sits in the definition: the root, then Parallel branches and Map
/// item processors by state name. Stored in place of the machine, and resolved again on decoding.
struct MachinePath: Sendable, Codable, Hashable {
    enum Step: Sendable, Codable, Hashable {
        case branch(state: String, index: Int)
        case processor(state: String)
    }

    var steps: [Step] = []

    func appending(_ step: Step) -> MachinePath { MachinePath(steps: steps + [step]) }

    func resolve(in root: StateMachine) -> StateMachine? {
        var machine = root
        for step in steps {
            switch step {
            case .branch(let name, let index):
                guard case .parallel(let p)? = machine.states[name]?.kind, p.branches.indices.contains(index) else { return nil }
                machine = p.branches[index]
            case .processor(let name):
                guard case .map(let m)? = machine.states[name]?.kind else { return nil }
                machine = m.processor
            }
        }
        return machine
    }
}

extension ExecutionState {
    /// The `userInfo` key under which a decoder must find the execution's `StateMachine`: a stored
    /// state names its branches and processors by path, not by copy.
    public static let stateMachineKey = CodingUserInfoKey(rawValue: "cortado.stateMachine")!
}

/// A stored state that does not fit the state machine it is decoded with.
public struct ExecutionStateDecodingError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

extension Frame: Codable {
    enum CodingKeys: String, CodingKey {
        case id, parent, slot, path, stateName, rawInput, effectiveInput, phase, retryCounts, enteredEventID, enteredTime
        case cursor, variables, mapItem, silent, taskToken, mapRunArn
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let root = decoder.userInfo[ExecutionState.stateMachineKey] as? StateMachine else {
            throw ExecutionStateDecodingError(
                description: "decoding an ExecutionState needs its StateMachine in userInfo[ExecutionState.stateMachineKey]")
        }
        path = try c.decode(MachinePath.self, forKey: .path)
        guard let machine = path.resolve(in: root) else {
            throw ExecutionStateDecodingError(description: "the stored frame path \(path.steps) is not in this state machine")
        }
        machineRef = MachineRef(machine, path: path, indexDescendants: false)
        id = try c.decode(Int.self, forKey: .id)
        parent = try c.decodeIfPresent(Int.self, forKey: .parent)
        slot = try c.decode(Int.self, forKey: .slot)
        stateName = try c.decode(String.self, forKey: .stateName)
        guard machine.states[stateName] != nil else {
            throw ExecutionStateDecodingError(description: "the stored state '\(stateName)' is not in this state machine")
        }
        rawInput = try c.decode(JSON.self, forKey: .rawInput)
        effectiveInput = try c.decode(JSON.self, forKey: .effectiveInput)
        phase = try c.decode(Phase.self, forKey: .phase)
        retryCounts = try c.decode([Int].self, forKey: .retryCounts)
        enteredEventID = try c.decode(Int.self, forKey: .enteredEventID)
        enteredTime = try c.decode(Int64.self, forKey: .enteredTime)
        cursor = try c.decode(EventCursor.self, forKey: .cursor)
        variables = try c.decode([String: JSON].self, forKey: .variables)
        mapItem = try c.decodeIfPresent(MapItem.self, forKey: .mapItem)
        silent = try c.decode(Bool.self, forKey: .silent)
        taskToken = try c.decodeIfPresent(String.self, forKey: .taskToken)
        mapRunArn = try c.decodeIfPresent(String.self, forKey: .mapRunArn)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(parent, forKey: .parent)
        try c.encode(slot, forKey: .slot)
        try c.encode(path, forKey: .path)
        try c.encode(stateName, forKey: .stateName)
        try c.encode(rawInput, forKey: .rawInput)
        try c.encode(effectiveInput, forKey: .effectiveInput)
        try c.encode(phase, forKey: .phase)
        try c.encode(retryCounts, forKey: .retryCounts)
        try c.encode(enteredEventID, forKey: .enteredEventID)
        try c.encode(enteredTime, forKey: .enteredTime)
        try c.encode(cursor, forKey: .cursor)
        try c.encode(variables, forKey: .variables)
        try c.encodeIfPresent(mapItem, forKey: .mapItem)
        try c.encode(silent, forKey: .silent)
        try c.encodeIfPresent(taskToken, forKey: .taskToken)
        try c.encodeIfPresent(mapRunArn, forKey: .mapRunArn)
    }
}
