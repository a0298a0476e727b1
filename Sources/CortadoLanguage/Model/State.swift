import CortadoJSON

/// The query language of a definition or a state.
public enum QueryLanguage: String, Sendable, Hashable {
    case jsonPath = "JSONPath"
    case jsonata = "JSONata"
}

/// A path field that may also be `null` (`InputPath`, `OutputPath`).
public enum OptionalPath: Sendable, Hashable {
    /// Absent: `$`, the whole value.
    case whole
    /// Explicit `null`: an empty object.
    case empty
    case path(JSONPath)

    func select(in scope: PathScope, field: String) throws(StatesError) -> JSON {
        try select(from: scope.input, field: field) { scope }
    }

    /// Selects from `value`; the scope (variables, context) is only built when a path needs it.
    @inline(__always)
    func select(from value: JSON, field: String, scope: () -> PathScope) throws(StatesError) -> JSON {
        switch self {
        case .whole: return value
        case .empty: return .object(JSONObject())
        case .path(let p):
            do throws(JSONPathError) {
                if case .input = p.root { return try p.evaluate(value) }
                return try scope().resolve(p)
            } catch {
                throw StatesError(.runtime, "Invalid path '\(p.source)' : \(error.message)")
            }
        }
    }
}

/// How a state ends: go to `Next`, or end its state machine (or branch).
public enum StateExit: Sendable, Hashable {
    case next(String)
    case end
}

/// One state of a definition, with the fields every kind may carry.
public struct State: Sendable {
    public var name: String
    public var kind: Kind
    public var comment: String?
    public var queryLanguage: QueryLanguage
    public var inputPath: OptionalPath = .whole
    public var outputPath: OptionalPath = .whole
    public var parameters: PayloadTemplate?
    public var resultSelector: PayloadTemplate?
    public var resultPath: ResultPath = .path(.identity)
    public var assign: PayloadTemplate?
    public var exit: StateExit = .end
    /// True when some field of the state reads the context object `$$` (built only then).
    public var usesContext = false
    public var retry: [Retrier] = []
    public var catchers: [Catcher] = []
    /// A JSONata state's `Arguments`, `Output` and `Assign`; nil for a JSONPath state.
    public var jsonata: JSONataFields?
    /// The JSON of the state as written, for tools that need fields the model does not keep.
    public var raw: JSON

    public enum Kind: Sendable {
        case pass(PassState)
        case task(TaskState)
        case choice(ChoiceState)
        case wait(WaitState)
        case succeed
        case fail(FailState)
        case parallel(ParallelState)
        case map(MapState)
    }

    /// The history event types of entering and leaving this kind of state (static strings: no allocation).
    public var enteredEventType: String {
        switch kind {
        case .pass: "PassStateEntered"
        case .task: "TaskStateEntered"
        case .choice: "ChoiceStateEntered"
        case .wait: "WaitStateEntered"
        case .succeed: "SucceedStateEntered"
        case .fail: "FailStateEntered"
        case .parallel: "ParallelStateEntered"
        case .map: "MapStateEntered"
        }
    }

    public var exitedEventType: String {
        switch kind {
        case .pass: "PassStateExited"
        case .task: "TaskStateExited"
        case .choice: "ChoiceStateExited"
        case .wait: "WaitStateExited"
        case .succeed: "SucceedStateExited"
        case .fail: "FailStateExited"
        case .parallel: "ParallelStateExited"
        case .map: "MapStateExited"
        }
    }

    /// The `Type` as written, which is also the prefix of its history events (`PassStateEntered`).
    public var typeName: String {
        switch kind {
        case .pass: "Pass"
        case .task: "Task"
        case .choice: "Choice"
        case .wait: "Wait"
        case .succeed: "Succeed"
        case .fail: "Fail"
        case .parallel: "Parallel"
        case .map: "Map"
        }
    }
}

/// The data-flow fields of a JSONata state (its other `{% %}` fields live with its kind).
public struct JSONataFields: Sendable {
    /// `Arguments` (Task, Parallel): what the task or the branches receive; the state's input when absent.
    public var arguments: JSONataTemplate?
    /// `Output`: the state's output; absent, the result (Task, Parallel, Map) or the input (the others).
    public var output: JSONataTemplate?
    /// `Assign`: variables, all evaluated against the values they had when the state was entered.
    public var assign: JSONataTemplate?

    public init(arguments: JSONataTemplate? = nil, output: JSONataTemplate? = nil, assign: JSONataTemplate? = nil) {
        self.arguments = arguments
        self.output = output
        self.assign = assign
    }
}

public struct PassState: Sendable {
    public var result: JSON?
}

public struct TaskState: Sendable {
    public var resource: String
    public var timeoutSeconds: Int?
    public var timeoutSecondsPath: JSONPath?
    public var heartbeatSeconds: Int?
    public var heartbeatSecondsPath: JSONPath?
    /// JSONata: `TimeoutSeconds` / `HeartbeatSeconds` written as `{% %}`.
    public var timeoutSecondsExpression: StatesExpression?
    public var heartbeatSecondsExpression: StatesExpression?
    /// `Credentials` (`RoleArn`, `RoleArn.$` or `{% %}`), evaluated when the task is scheduled.
    public var credentials: FieldTemplate?
}

public struct ChoiceState: Sendable {
    public var choices: [ChoiceBranch]
    public var defaultNext: String?
}

public struct WaitState: Sendable {
    public enum Duration: Sendable {
        case seconds(Int)
        case secondsPath(JSONPath)
        case timestamp(String)
        case timestampPath(JSONPath)
        /// JSONata: `Seconds` or `Timestamp` written as `{% %}`.
        case secondsExpression(StatesExpression)
        case timestampExpression(StatesExpression)
    }
    public var duration: Duration
}

public struct FailState: Sendable {
    public enum Text: Sendable {
        case literal(String)
        case path(JSONPath)
        case intrinsic(IntrinsicFunction)
        /// JSONata: `Error` or `Cause` written as `{% %}`.
        case expression(StatesExpression)
    }
    public var error: Text?
    public var cause: Text?
}

public struct ParallelState: Sendable {
    public var branches: [StateMachine]
}

public struct MapState: Sendable {
    public var processor: StateMachine
    public var itemsPath: JSONPath?
    public var itemSelector: FieldTemplate?
    public var maxConcurrency: Int = 0
    public var maxConcurrencyPath: JSONPath?
    public var toleratedFailureCount: Int?
    public var toleratedFailureCountPath: JSONPath?
    public var toleratedFailurePercentage: Double?
    public var toleratedFailurePercentagePath: JSONPath?
    /// `DISTRIBUTED` maps run here like inline ones, with Map Run events.
    public var distributed: Bool = false
    public var label: String?
    public var itemReader: ItemReader?
    public var itemBatcher: ItemBatcher?
    public var resultWriter: ResultWriter?
    /// JSONata: `Items` (an array, or `{% %}` giving one; absent, the state's input) and the numeric
    /// fields written as `{% %}`.
    public var items: JSONataTemplate?
    public var maxConcurrencyExpression: StatesExpression?
    public var toleratedFailureCountExpression: StatesExpression?
    public var toleratedFailurePercentageExpression: StatesExpression?
}
