import CortadoJSON

/// JSONata states: `$states.input` is the state's raw input (there is no InputPath), `Arguments` replaces
/// Parameters, `Output` replaces ResultSelector, ResultPath and OutputPath, and `Assign` and `Output` are
/// evaluated against the variables as they were when the state was entered.
extension Run {
    /// A JSONata state's scope: `$states.input` is the raw input; `result` and `errorOutput` where given.
    func jsonataScope(_ id: Int, result: JSON? = nil, errorOutput: JSON? = nil, mapItem: MapItem? = nil) -> PathScope {
        var sc = scope(id, input: state.frames[id]!.rawInput, mapItem: mapItem)
        sc.result = result
        sc.errorOutput = errorOutput
        return sc
    }

    /// The states with no task or children: Pass, Succeed, Fail, Choice and Wait.
    mutating func executeJSONata(_ id: Int, _ s: State, _ fields: JSONataFields) throws(StatesError) {
        switch s.kind {
        case .pass:
            let sc = jsonataScope(id)
            try leave(id, s, fields, scope: sc, defaultOutput: sc.input)

        case .succeed:
            let sc = jsonataScope(id)
            // A Succeed state has no Assign, and ends its machine or branch.
            let output = try fields.output?.evaluate(in: sc, field: "Output") ?? sc.input
            try checkSize(output, s)
            try leave(frame: id, state: s, output: output, assigned: nil)

        case .fail(let f):
            let sc = jsonataScope(id)
            func text(_ t: FailState.Text?, _ field: String) throws(StatesError) -> String? {
                switch t {
                case nil: return nil
                case .literal(let v): return v
                case .expression(let e): return try e.string(in: sc, field: field)
                case .path, .intrinsic: return nil  // JSONPath forms are refused when the definition loads
                }
            }
            let error = try text(f.error, "Error")
            let cause = try text(f.cause, "Cause")
            fail(frame: id, Failure(error: error, cause: cause), fromFailState: true)

        case .choice(let c):
            let sc = jsonataScope(id)
            var matched: ChoiceBranch?
            for branch in c.choices where try branch.rule.evaluate(in: sc) {
                matched = branch
                break
            }
            guard let next = matched?.next ?? c.defaultNext else {
                throw StatesError(.noChoiceMatched, "No Choice Rules matched and no Default was specified.", prefixed: false)
            }
            // A matched rule brings its own Output and Assign; the state's apply when Default is taken.
            let rule = JSONataFields(
                output: matched == nil ? fields.output : matched?.output, assign: matched == nil ? fields.assign : matched?.jsonataAssign)
            try leave(id, s, rule, scope: sc, defaultOutput: sc.input, next: next)

        case .wait(let w):
            let sc = jsonataScope(id)
            let until = try waitUntil(w, scope: sc)
            if until <= now {
                try leave(id, s, fields, scope: sc, defaultOutput: sc.input)
            } else {
                wait(id, until: until, input: sc.input)
            }

        case .task, .parallel, .map:
            break  // `execute` starts them on the path both languages share
        }
    }

    /// `Assign`, then `Output` (or `defaultOutput`), both against the variables before the state; then exit
    /// (to `next` when a Choice picked it).
    mutating func leave(
        _ id: Int, _ s: State, _ fields: JSONataFields, scope sc: PathScope, defaultOutput: JSON, next: String? = nil
    ) throws(StatesError) {
        let vars = try fields.assign.map { t throws(StatesError) in try assignments(t, sc) }
        let output = try fields.output?.evaluate(in: sc, field: "Output") ?? defaultOutput
        try checkSize(output, s)
        try leave(frame: id, state: s, output: output, assigned: vars, next: next)
    }

    /// The variables an `Assign` sets, in the order written, within AWS's size limits.
    func assignments(_ t: JSONataTemplate, _ sc: PathScope) throws(StatesError) -> [(String, JSON)] {
        guard case .object(let o) = try t.evaluate(in: sc, field: "Assign") else { return [] }
        let vars = o.map { ($0.key, $0.value) }
        try checkVariables(vars)
        return vars
    }

    /// AWS's limits: 256 KiB for one variable and for all the variables of one `Assign`.
    func checkVariables(_ vars: [(String, JSON)]) throws(StatesError) {
        let limit = interpreter.payloadLimit
        var total = 0
        for (name, value) in vars {
            // Counted without printing: this runs on every Assign.
            guard let size = value.encodedSize(notOver: limit - name.utf8.count) else {
                throw StatesError(.runtime, "The variable '\(name)' has a size exceeding the maximum number of bytes service limit.")
            }
            total += size + name.utf8.count
        }
        if total > limit {
            throw StatesError(.runtime, "The assigned variables have a size exceeding the maximum number of bytes service limit.")
        }
    }

    /// The output of a state must fit the payload limit.
    func checkSize(_ output: JSON, _ s: State) throws(StatesError) {
        if output.encodedSizeExceeds(interpreter.payloadLimit) {
            throw StatesError(
                .dataLimitExceeded,
                "The state/task '\(s.name)' returned a result with a size exceeding the maximum number of bytes service limit.",
                prefixed: false)
        }
    }

    /// A JSONata Task's, Parallel's or Map's result: `$states.result` for `Assign` and `Output` (default: the result).
    mutating func finishJSONata(_ id: Int, _ s: State, _ fields: JSONataFields, result: JSON) throws(StatesError) {
        try leave(id, s, fields, scope: jsonataScope(id, result: result), defaultOutput: result)
    }

    /// A Catcher of a JSONata state: `$states.errorOutput` for its `Assign` and `Output` (default: the error output).
    mutating func catchJSONata(_ id: Int, _ s: State, _ catcher: Catcher, errorOutput: JSON) throws(StatesError) -> (
        JSON, [(String, JSON)]?
    ) {
        let sc = jsonataScope(id, errorOutput: errorOutput)
        let vars = try catcher.jsonataAssign.map { t throws(StatesError) in try assignments(t, sc) }
        let output = try catcher.output?.evaluate(in: sc, field: "Output") ?? errorOutput
        return (output, vars)
    }

    /// Records AWS's `EvaluationFailed` event for a JSONata state's query failure, then fails the state.
    ///
    /// AWS links the event to the event before the state was entered when the state was entered in the
    /// same step (a Wait's timestamp is the exception: it follows WaitStateEntered).
    mutating func evaluationFailed(_ id: Int, _ s: State, _ error: StatesError, fromFailState: Bool = false) {
        let failure = runtime(error, frame: id)
        guard let frame = state.frames[id] else { return }
        if case .wait = s.kind {
        } else if let entered = transition.events.last(where: { $0.id == frame.enteredEventID }) {
            state.frames[id]!.cursor.source = entered.previousEventId
        }
        var details: [(String, HistoryEvent.Detail)] = []
        if let c = failure.cause { details.append(("cause", .string(c))) }
        details.append(("error", .string(error.name.rawValue)))
        if let location = error.location { details.append(("location", .string(location))) }
        details.append(("state", .string(s.name)))
        emit(frame: id, "EvaluationFailed", "evaluationFailedEventDetails", details)
        let failedEvent: String? = if case .map = s.kind { "MapStateFailed" } else { nil }
        fail(frame: id, failure, fromFailState: fromFailState, failedEvent: failedEvent)
    }

    /// Fails a state for an error its own evaluation raised: JSONata query failures get `EvaluationFailed`.
    mutating func failEvaluation(_ id: Int, _ error: StatesError, fromFailState: Bool = false) {
        if error.name == .queryEvaluationError, let frame = state.frames[id] {
            let s = frame.machineRef.node(frame.stateName).state
            if s.jsonata != nil { return evaluationFailed(id, s, error, fromFailState: fromFailState) }
        }
        fail(frame: id, runtime(error, frame: id), fromFailState: fromFailState)
    }
}
