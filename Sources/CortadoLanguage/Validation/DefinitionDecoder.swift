import CortadoJSON

/// Turns definition JSON into typed values, one small check at a time, each reporting a location.
enum DefinitionDecoder {
    static let commonFields: Set<String> = ["Type", "Comment", "QueryLanguage"]
    static let fieldsByType: [String: Set<String>] = [
        "Pass": ["Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "Result", "Assign", "Output"],
        "Task": [
            "Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector", "Resource",
            "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Retry", "Catch",
            "Credentials", "Assign", "Arguments", "Output",
        ],
        "Choice": ["InputPath", "OutputPath", "Choices", "Default", "Assign", "Output"],
        "Wait": ["Next", "End", "InputPath", "OutputPath", "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "Assign", "Output"],
        "Succeed": ["InputPath", "OutputPath", "Output"],
        "Fail": ["Error", "ErrorPath", "Cause", "CausePath"],
        "Parallel": [
            "Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector", "Branches",
            "Retry", "Catch", "Assign", "Arguments", "Output",
        ],
        "Map": [
            "Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector", "ItemsPath",
            "ItemSelector", "ItemProcessor", "Iterator", "MaxConcurrency", "MaxConcurrencyPath", "Retry", "Catch",
            "ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath", "ItemReader", "ItemBatcher", "ResultWriter", "Label", "Assign",
            "Items", "Arguments", "Output",
        ],
    ]

    static func decodeMachine(
        _ json: JSON, at location: String, inherited: QueryLanguage, topLevel: Bool,
        into sink: inout DiagnosticSink
    ) -> StateMachine? {
        guard case .object(let o) = json else {
            sink.error(
                "SCHEMA_VALIDATION_FAILED", "The state machine definition must be a JSON object", at: location.isEmpty ? "/" : location)
            return nil
        }
        var allowed: Set<String> = ["StartAt", "States", "Comment"]
        if topLevel { allowed.formUnion(["TimeoutSeconds", "Version", "QueryLanguage"]) } else { allowed.insert("ProcessorConfig") }
        for k in o.keys where !allowed.contains(k) {
            sink.error("SCHEMA_VALIDATION_FAILED", "The field '\(k)' is not supported by Step Functions", at: location + "/" + k)
        }
        var queryLanguage = inherited
        if let q = o["QueryLanguage"] {
            if let s = q.stringValue, let ql = QueryLanguage(rawValue: s) {
                queryLanguage = ql
            } else {
                sink.error("SCHEMA_VALIDATION_FAILED", "QueryLanguage must be 'JSONPath' or 'JSONata'", at: location + "/QueryLanguage")
            }
        }
        let comment = string(o, "Comment", location, &sink)
        let version = string(o, "Version", location, &sink)
        var timeoutSeconds: Int?
        if o["TimeoutSeconds"] != nil { timeoutSeconds = positiveInt(o, "TimeoutSeconds", location, &sink, allowZero: false) }
        if o["StartAt"] == nil, o["States"] == nil {
            // AWS names both missing fields in one diagnostic.
            sink.error("SCHEMA_VALIDATION_FAILED", "These fields are required: [States, StartAt]", at: location.isEmpty ? "/" : location)
            return nil
        }
        guard let startAt = string(o, "StartAt", location, &sink) else {
            if o["StartAt"] == nil {
                sink.error("SCHEMA_VALIDATION_FAILED", "These fields are required: [StartAt]", at: location.isEmpty ? "/" : location)
            }
            _ = decodeStates(o["States"], at: location, queryLanguage: queryLanguage, into: &sink)
            return nil
        }
        guard let (states, names) = decodeStates(o["States"], at: location, queryLanguage: queryLanguage, into: &sink) else { return nil }
        if !names.contains(startAt) {
            sink.error("MISSING_TRANSITION_TARGET", "Missing 'Next' target: \(startAt)", at: location + "/StartAt")
        }
        let machine = StateMachine(
            comment: comment, startAt: startAt, states: states, stateNames: names,
            timeoutSeconds: timeoutSeconds, queryLanguage: queryLanguage, version: version)
        checkGraph(machine, at: location, into: &sink)
        return machine
    }

    static func decodeStates(
        _ json: JSON?, at location: String, queryLanguage: QueryLanguage,
        into sink: inout DiagnosticSink
    ) -> ([String: State], [String])? {
        guard let json else {
            sink.error("SCHEMA_VALIDATION_FAILED", "These fields are required: [States]", at: location.isEmpty ? "/" : location)
            return nil
        }
        guard case .object(let o) = json, !o.isEmpty else {
            sink.error("SCHEMA_VALIDATION_FAILED", "States must be a non-empty object", at: location + "/States")
            return nil
        }
        var states: [String: State] = [:]
        for (name, body) in o {
            let here = location + "/States/" + name
            if name.isEmpty || name.count > 80 {
                sink.error("SCHEMA_VALIDATION_FAILED", "State names must be 1 to 80 characters long", at: here)
            }
            if let s = decodeState(name, body, at: here, inherited: queryLanguage, into: &sink) { states[name] = s }
        }
        return (states, Array(o.keys))
    }

    /// Next targets exist, every state is reachable, and every path can end.
    static func checkGraph(_ m: StateMachine, at location: String, into sink: inout DiagnosticSink) {
        // A state that failed to load still exists: its own problem is reported where it is.
        let known = Set(m.stateNames)
        var targets: [String: [(String, String)]] = [:]  // state -> [(target, location)]
        for name in m.stateNames {
            guard let s = m.states[name] else { continue }
            let here = location + "/States/" + name
            var out: [(String, String)] = []
            if case .next(let n) = s.exit { out.append((n, here + "/Next")) }
            for (i, c) in s.catchers.enumerated() { out.append((c.next, here + "/Catch/\(i)/Next")) }
            if case .choice(let c) = s.kind {
                for (i, b) in c.choices.enumerated() { out.append((b.next, here + "/Choices/\(i)/Next")) }
                if let d = c.defaultNext { out.append((d, here + "/Default")) }
            }
            for (t, loc) in out where !known.contains(t) {
                sink.error("MISSING_TRANSITION_TARGET", "Missing 'Next' target: \(t)", at: loc)
            }
            targets[name] = out
        }
        guard known.contains(m.startAt) else { return }
        var seen: Set<String> = [m.startAt]
        var stack = [m.startAt]
        while let n = stack.popLast() {
            for (t, _) in targets[n] ?? [] where known.contains(t) && !seen.contains(t) {
                seen.insert(t)
                stack.append(t)
            }
        }
        for name in m.stateNames where !seen.contains(name) && m.states[name] != nil {
            sink.error("SCHEMA_VALIDATION_FAILED", "State '\(name)' is not reachable", at: location + "/States/" + name)
        }
        let terminal = m.stateNames.contains { n in
            guard let s = m.states[n] else { return false }
            switch s.kind {
            case .succeed, .fail: return true
            default: if case .end = s.exit, !isChoice(s) { return true }
            }
            return false
        }
        // Only judged when every state loaded: a broken state may well be the terminal one.
        if !terminal && m.states.count == m.stateNames.count {
            sink.error(
                "SCHEMA_VALIDATION_FAILED", "No terminal state: at least one state must be a Succeed or Fail state or have \"End\": true",
                at: location.isEmpty ? "/States" : location + "/States")
        }
    }

    static func isChoice(_ s: State) -> Bool { if case .choice = s.kind { true } else { false } }

    static func decodeState(
        _ name: String, _ json: JSON, at here: String, inherited: QueryLanguage,
        into sink: inout DiagnosticSink
    ) -> State? {
        guard case .object(let o) = json else {
            sink.error("SCHEMA_VALIDATION_FAILED", "A state must be a JSON object", at: here)
            return nil
        }
        guard let type = o["Type"]?.stringValue else {
            sink.error(
                "SCHEMA_VALIDATION_FAILED", o["Type"] == nil ? "These fields are required: [Type]" : "Type must be a string",
                at: here + (o["Type"] == nil ? "" : "/Type"))
            return nil
        }
        guard let allowed = fieldsByType[type] else {
            sink.error(
                "SCHEMA_VALIDATION_FAILED",
                "'\(type)' is not a valid state type; expected one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map",
                at: here + "/Type")
            return nil
        }
        for k in o.keys where !commonFields.contains(k) && !allowed.contains(k) {
            sink.error("SCHEMA_VALIDATION_FAILED", "Field '\(k)' is not supported by a \(type) state", at: here + "/" + k)
        }
        var ql = inherited
        if let q = o["QueryLanguage"] {
            if let s = q.stringValue, let v = QueryLanguage(rawValue: s) {
                ql = v
            } else {
                sink.error("SCHEMA_VALIDATION_FAILED", "QueryLanguage must be 'JSONPath' or 'JSONata'", at: here + "/QueryLanguage")
            }
        }
        var state = State(name: name, kind: .succeed, comment: string(o, "Comment", here, &sink), queryLanguage: ql, raw: json)
        if ql == .jsonata {
            state.usesContext = mentionsStatesContext(json)
            for k in o.keys where jsonPathOnlyFields.contains(k) {
                sink.error(
                    "SCHEMA_VALIDATION_FAILED", "The field '\(k)' is not supported with the JSONata query language", at: here + "/" + k)
            }
            var fields = JSONataFields()
            if let a = o["Arguments"] { fields.arguments = JSONataTemplate.compile(a, at: here + "/Arguments", into: &sink) }
            if let out = o["Output"] { fields.output = JSONataTemplate.compile(out, at: here + "/Output", into: &sink) }
            if let a = o["Assign"] { fields.assign = jsonataAssign(a, here + "/Assign", &sink) }
            state.jsonata = fields
        } else {
            state.usesContext = mentionsContext(json)
            for k in o.keys where jsonataOnlyFields.contains(k) {
                sink.error(
                    "SCHEMA_VALIDATION_FAILED", "The field '\(k)' is not supported with the JSONPath query language", at: here + "/" + k)
            }
        }
        if o["InputPath"] != nil { state.inputPath = optionalPath(o, "InputPath", here, &sink) }
        if o["OutputPath"] != nil { state.outputPath = optionalPath(o, "OutputPath", here, &sink) }
        if let p = o["Parameters"] { state.parameters = template(p, here + "/Parameters", &sink) }
        if let p = o["ResultSelector"] { state.resultSelector = template(p, here + "/ResultSelector", &sink) }
        if let p = o["Assign"], ql == .jsonPath {
            if case .object = p {
                state.assign = PayloadTemplate.compile(p, at: here + "/Assign", into: &sink)
            } else {
                sink.error("SCHEMA_VALIDATION_FAILED", "Assign must be a JSON object", at: here + "/Assign")
            }
        }
        if o["ResultPath"] != nil { state.resultPath = resultPath(o["ResultPath"]!, here + "/ResultPath", &sink) }

        let terminalKind = type == "Succeed" || type == "Fail" || type == "Choice"
        if !terminalKind {
            let next = o["Next"]
            let end = o["End"]
            if let next, end?.boolValue == true {
                _ = next
                sink.error("SCHEMA_VALIDATION_FAILED", "A state cannot have both 'Next' and 'End': true", at: here)
            } else if let next {
                if let n = next.stringValue {
                    state.exit = .next(n)
                } else {
                    sink.error("SCHEMA_VALIDATION_FAILED", "Next must be a string", at: here + "/Next")
                }
            } else if let end {
                if end.boolValue != true {
                    sink.error("SCHEMA_VALIDATION_FAILED", "End must be true when present without Next", at: here + "/End")
                }
            } else {
                sink.error("SCHEMA_VALIDATION_FAILED", "This state must have either a 'Next' field or \"End\": true", at: here)
            }
        }

        if ["Task", "Parallel", "Map"].contains(type) {
            state.retry = retriers(o["Retry"], here + "/Retry", &sink)
            state.catchers = catchers(o["Catch"], here + "/Catch", ql, &sink)
        }

        switch type {
        case "Pass":
            state.kind = .pass(PassState(result: o["Result"]))
        case "Succeed":
            state.kind = .succeed
        case "Fail":
            state.kind = .fail(
                FailState(error: failText(o, "Error", here, ql, &sink), cause: failText(o, "Cause", here, ql, &sink)))
        case "Task":
            guard let resource = string(o, "Resource", here, &sink) else {
                if o["Resource"] == nil {
                    sink.error("SCHEMA_VALIDATION_FAILED", "These fields are required: [Resource]", at: here)
                }
                return nil
            }
            var t = TaskState(resource: resource)
            if let e = expression(o, "TimeoutSeconds", here, ql, &sink) {
                t.timeoutSecondsExpression = e
            } else if o["TimeoutSeconds"] != nil {
                t.timeoutSeconds = positiveInt(o, "TimeoutSeconds", here, &sink, allowZero: false)
            }
            if let e = expression(o, "HeartbeatSeconds", here, ql, &sink) {
                t.heartbeatSecondsExpression = e
            } else if o["HeartbeatSeconds"] != nil {
                t.heartbeatSeconds = positiveInt(o, "HeartbeatSeconds", here, &sink, allowZero: false)
            }
            t.timeoutSecondsPath = path(o, "TimeoutSecondsPath", here, &sink)
            t.heartbeatSecondsPath = path(o, "HeartbeatSecondsPath", here, &sink)
            if t.timeoutSeconds != nil && t.timeoutSecondsPath != nil {
                sink.error("SCHEMA_VALIDATION_FAILED", "TimeoutSeconds and TimeoutSecondsPath cannot both be set", at: here)
            }
            if let h = t.heartbeatSeconds, let to = t.timeoutSeconds, h >= to {
                sink.error(
                    "SCHEMA_VALIDATION_FAILED", "HeartbeatSeconds must be smaller than TimeoutSeconds", at: here + "/HeartbeatSeconds")
            }
            t.credentials = o["Credentials"].map {
                FieldTemplate.compile($0, ql, field: "Credentials", at: here + "/Credentials", into: &sink)
            }
            state.kind = .task(t)
        case "Choice":
            var branches: [ChoiceBranch] = []
            if case .array(let a)? = o["Choices"], !a.isEmpty {
                for (i, c) in a.enumerated() {
                    let at = here + "/Choices/\(i)"
                    let branch =
                        ql == .jsonata
                        ? ChoiceBranch.decodeJSONata(c, at: at, into: &sink) : ChoiceBranch.decode(c, at: at, into: &sink)
                    if let branch { branches.append(branch) }
                }
            } else {
                sink.error("SCHEMA_VALIDATION_FAILED", "Choices must be a non-empty array", at: here + "/Choices")
            }
            state.kind = .choice(ChoiceState(choices: branches, defaultNext: string(o, "Default", here, &sink)))
        case "Wait":
            var found: [WaitState.Duration] = []
            if let e = expression(o, "Seconds", here, ql, &sink) {
                found.append(.secondsExpression(e))
            } else if o["Seconds"] != nil, let s = positiveInt(o, "Seconds", here, &sink, allowZero: true) {
                found.append(.seconds(s))
            }
            if let p = path(o, "SecondsPath", here, &sink) { found.append(.secondsPath(p)) }
            if let e = expression(o, "Timestamp", here, ql, &sink) {
                found.append(.timestampExpression(e))
            } else if let t = o["Timestamp"] {
                if let s = t.stringValue {
                    if Timestamp.parse(s) == nil {
                        sink.error(
                            "SCHEMA_VALIDATION_FAILED",
                            "The value of the field 'Timestamp' must be an ISO-8601 extended offset date-time format string",
                            at: here + "/Timestamp")
                    }
                    found.append(.timestamp(s))
                } else {
                    sink.error("SCHEMA_VALIDATION_FAILED", "Timestamp must be a string", at: here + "/Timestamp")
                }
            }
            if let p = path(o, "TimestampPath", here, &sink) { found.append(.timestampPath(p)) }
            if found.count != 1 {
                sink.error(
                    "SCHEMA_VALIDATION_FAILED", "A Wait state must have exactly one of Seconds, SecondsPath, Timestamp or TimestampPath",
                    at: here)
                return nil
            }
            guard let d = found.first else { return nil }
            state.kind = .wait(WaitState(duration: d))
        case "Parallel":
            var branches: [StateMachine] = []
            if case .array(let a)? = o["Branches"], !a.isEmpty {
                for (i, b) in a.enumerated() {
                    if let m = decodeMachine(b, at: here + "/Branches/\(i)", inherited: ql, topLevel: false, into: &sink) {
                        branches.append(m)
                    }
                }
            } else {
                sink.error("SCHEMA_VALIDATION_FAILED", "Branches must be a non-empty array", at: here + "/Branches")
            }
            state.kind = .parallel(ParallelState(branches: branches))
        case "Map":
            let procKey = o["ItemProcessor"] != nil ? "ItemProcessor" : "Iterator"
            guard let procJSON = o[procKey] else {
                sink.error("SCHEMA_VALIDATION_FAILED", "These fields are required: [ItemProcessor]", at: here)
                return nil
            }
            guard let processor = decodeMachine(procJSON, at: here + "/" + procKey, inherited: ql, topLevel: false, into: &sink) else {
                return nil
            }
            var m = MapState(processor: processor)
            if case .object(let pc)? = procJSON["ProcessorConfig"], pc["Mode"]?.stringValue == "DISTRIBUTED" { m.distributed = true }
            m.itemsPath = path(o, "ItemsPath", here, &sink)
            if let s = o["ItemSelector"] {
                m.itemSelector = FieldTemplate.compile(s, ql, field: "ItemSelector", at: here + "/ItemSelector", into: &sink)
            }
            if m.itemSelector == nil, let p = state.parameters {
                // Legacy: a Map's Parameters select each item.
                m.itemSelector = .jsonPath(p)
                state.parameters = nil
            }
            if let items = o["Items"] {
                if items.arrayValue != nil || items.stringValue.map({ StatesExpression.body(of: $0) != nil }) == true {
                    m.items = JSONataTemplate.compile(items, at: here + "/Items", into: &sink)
                } else {
                    sink.error(
                        "SCHEMA_VALIDATION_FAILED", "The value for the field 'Items' must be an array or a JSONata expression",
                        at: here + "/Items")
                }
            }
            if let e = expression(o, "MaxConcurrency", here, ql, &sink) {
                m.maxConcurrencyExpression = e
            } else if o["MaxConcurrency"] != nil {
                m.maxConcurrency = positiveInt(o, "MaxConcurrency", here, &sink, allowZero: true) ?? 0
            }
            m.maxConcurrencyPath = path(o, "MaxConcurrencyPath", here, &sink)
            if let e = expression(o, "ToleratedFailureCount", here, ql, &sink) {
                m.toleratedFailureCountExpression = e
            } else {
                m.toleratedFailureCount = integer(o, "ToleratedFailureCount", here, &sink)
            }
            m.toleratedFailureCountPath = path(o, "ToleratedFailureCountPath", here, &sink)
            if let e = expression(o, "ToleratedFailurePercentage", here, ql, &sink) {
                m.toleratedFailurePercentageExpression = e
            } else if let v = o["ToleratedFailurePercentage"] {
                if let d = v.doubleValue {
                    m.toleratedFailurePercentage = d
                } else {
                    sink.error(
                        "SCHEMA_VALIDATION_FAILED", "ToleratedFailurePercentage must be a number", at: here + "/ToleratedFailurePercentage")
                }
            }
            m.toleratedFailurePercentagePath = path(o, "ToleratedFailurePercentagePath", here, &sink)
            m.label = o["Label"]?.stringValue
            if let r = o["ItemReader"] { m.itemReader = itemReader(r, here + "/ItemReader", ql, &sink) }
            if let b = o["ItemBatcher"] { m.itemBatcher = itemBatcher(b, here + "/ItemBatcher", ql, &sink) }
            if let w = o["ResultWriter"] { m.resultWriter = resultWriter(w, here + "/ResultWriter", ql, &sink) }
            state.kind = .map(m)
        default:
            return nil
        }
        return state
    }

    /// Whether any string in the state (outside nested branches) starts a context path.
    static func mentionsContext(_ v: JSON) -> Bool {
        switch v {
        case .string(let s): return s.contains("$$")
        case .array(let a): return a.contains(where: mentionsContext)
        case .object(let o): return o.values.contains(where: mentionsContext)
        default: return false
        }
    }

    // MARK: distributed Map fields

    static func itemReader(_ v: JSON, _ here: String, _ ql: QueryLanguage, _ sink: inout DiagnosticSink) -> ItemReader? {
        guard case .object(let o) = v else {
            sink.error("SCHEMA_VALIDATION_FAILED", "ItemReader must be an object", at: here)
            return nil
        }
        guard let resource = string(o, "Resource", here, &sink) else {
            sink.error("SCHEMA_VALIDATION_FAILED", "These fields are required: [Resource]", at: here)
            return nil
        }
        guard resource == ItemReader.getObject || resource == ItemReader.listObjectsV2 else {
            sink.error("SCHEMA_VALIDATION_FAILED", "Cortado's ItemReader reads s3:getObject and s3:listObjectsV2", at: here + "/Resource")
            return nil
        }
        var r = ItemReader(resource: resource)
        let argumentsKey = ql == .jsonata ? "Arguments" : "Parameters"
        if let p = o[argumentsKey] {
            r.parameters = FieldTemplate.compile(
                p, ql, field: "ItemReader/" + argumentsKey, at: here + "/" + argumentsKey, into: &sink)
        }
        guard case .object(let c)? = o["ReaderConfig"] else { return r }
        let at = here + "/ReaderConfig"
        if let t = string(c, "InputType", at, &sink) {
            if let type = ItemReader.InputType(rawValue: t) {
                r.inputType = type
            } else {
                sink.error(
                    "SCHEMA_VALIDATION_FAILED", "Cortado's ItemReader reads the InputTypes JSON, JSONL and CSV", at: at + "/InputType")
            }
        }
        if let l = string(c, "CSVHeaderLocation", at, &sink) {
            if let location = ItemReader.CSVHeaderLocation(rawValue: l) {
                r.csvHeaderLocation = location
            } else {
                sink.error("SCHEMA_VALIDATION_FAILED", "CSVHeaderLocation must be FIRST_ROW or GIVEN", at: at + "/CSVHeaderLocation")
            }
        }
        if let h = c["CSVHeaders"] {
            if let headers = h.arrayValue?.compactMap(\.stringValue), headers.count == h.arrayValue?.count {
                r.csvHeaders = headers
            } else {
                sink.error("SCHEMA_VALIDATION_FAILED", "CSVHeaders must be an array of strings", at: at + "/CSVHeaders")
            }
        }
        if r.csvHeaderLocation == .given && r.csvHeaders.isEmpty && r.inputType == .csv {
            sink.error("SCHEMA_VALIDATION_FAILED", "CSVHeaders is required when CSVHeaderLocation is GIVEN", at: at)
        }
        if let d = string(c, "CSVDelimiter", at, &sink) {
            if let delimiter = ItemReader.delimiters[d] {
                r.csvDelimiter = delimiter
            } else {
                sink.error(
                    "SCHEMA_VALIDATION_FAILED", "CSVDelimiter must be COMMA, PIPE, SEMICOLON, SPACE or TAB", at: at + "/CSVDelimiter")
            }
        }
        if let e = expression(c, "MaxItems", at, ql, &sink) {
            r.maxItemsExpression = e
        } else {
            // Negative values fail the Map Run when it starts, as AWS records it.
            r.maxItems = integer(c, "MaxItems", at, &sink)
        }
        r.maxItemsPath = path(c, "MaxItemsPath", at, &sink)
        return r
    }

    static func itemBatcher(_ v: JSON, _ here: String, _ ql: QueryLanguage, _ sink: inout DiagnosticSink) -> ItemBatcher? {
        guard case .object(let o) = v else {
            sink.error("SCHEMA_VALIDATION_FAILED", "ItemBatcher must be an object", at: here)
            return nil
        }
        var b = ItemBatcher()
        b.maxItemsPerBatchExpression = expression(o, "MaxItemsPerBatch", here, ql, &sink)
        if b.maxItemsPerBatchExpression == nil {
            b.maxItemsPerBatch = positiveInt(o, "MaxItemsPerBatch", here, &sink, allowZero: false)
        }
        b.maxItemsPerBatchPath = path(o, "MaxItemsPerBatchPath", here, &sink)
        b.maxInputBytesPerBatchExpression = expression(o, "MaxInputBytesPerBatch", here, ql, &sink)
        if b.maxInputBytesPerBatchExpression == nil {
            b.maxInputBytesPerBatch = positiveInt(o, "MaxInputBytesPerBatch", here, &sink, allowZero: false)
        }
        b.maxInputBytesPerBatchPath = path(o, "MaxInputBytesPerBatchPath", here, &sink)
        if let t = o["BatchInput"] {
            b.batchInput = FieldTemplate.compile(t, ql, field: "ItemBatcher/BatchInput", at: here + "/BatchInput", into: &sink)
        }
        return b
    }

    static func resultWriter(_ v: JSON, _ here: String, _ ql: QueryLanguage, _ sink: inout DiagnosticSink) -> ResultWriter? {
        guard case .object(let o) = v else {
            sink.error("SCHEMA_VALIDATION_FAILED", "ResultWriter must be an object", at: here)
            return nil
        }
        guard let resource = string(o, "Resource", here, &sink), resource == ResultWriter.putObject else {
            sink.error(
                "SCHEMA_VALIDATION_FAILED", "Cortado's ResultWriter writes with arn:aws:states:::s3:putObject", at: here + "/Resource")
            return nil
        }
        var w = ResultWriter(resource: resource)
        let argumentsKey = ql == .jsonata ? "Arguments" : "Parameters"
        if let p = o[argumentsKey] {
            w.parameters = FieldTemplate.compile(
                p, ql, field: "ResultWriter/" + argumentsKey, at: here + "/" + argumentsKey, into: &sink)
        }
        return w
    }

    // MARK: JSONata fields

    /// Fields only JSONPath states have.
    static let jsonPathOnlyFields: Set<String> = [
        "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "ItemsPath", "Result", "TimeoutSecondsPath",
        "HeartbeatSecondsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath", "MaxConcurrencyPath",
        "ToleratedFailureCountPath", "ToleratedFailurePercentagePath",
    ]
    /// Fields only JSONata states have.
    static let jsonataOnlyFields: Set<String> = ["Arguments", "Output", "Items"]

    /// A field written as `{% %}` in a JSONata state, compiled; nil when it is absent or written otherwise.
    static func expression(
        _ o: JSONObject, _ key: String, _ here: String, _ ql: QueryLanguage, _ sink: inout DiagnosticSink
    ) -> StatesExpression? {
        guard ql == .jsonata, case .string(let text)? = o[key], StatesExpression.body(of: text) != nil else { return nil }
        guard case .expression(let e) = JSONataTemplate.compile(.string(text), at: here + "/" + key, into: &sink) else { return nil }
        return e
    }

    /// A JSONata `Assign`: an object whose keys are variable names.
    static func jsonataAssign(_ v: JSON, _ here: String, _ sink: inout DiagnosticSink) -> JSONataTemplate? {
        guard case .object(let o) = v else {
            sink.error("SCHEMA_VALIDATION_FAILED", "Assign must be a JSON object", at: here)
            return nil
        }
        for k in o.keys where !isVariableName(k) {
            sink.error(
                "SCHEMA_VALIDATION_FAILED",
                "The variable name '\(k)' is not valid: it must start with a letter or '_', go on with letters, digits or '_', "
                    + "and must not be 'states'",
                at: here + "/" + k)
        }
        return JSONataTemplate.compile(v, at: here, into: &sink)
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name != "states", name.utf8.count <= 80 else { return false }
        let letter: (Unicode.Scalar) -> Bool = { $0.properties.isAlphabetic || $0 == "_" }
        return letter(first) && name.unicodeScalars.dropFirst().allSatisfy { letter($0) || $0.properties.numericType != nil }
    }

    /// Whether a JSONata state reads `$states.context` (or all of `$states`), so the context object must be built.
    static func mentionsStatesContext(_ v: JSON) -> Bool {
        switch v {
        case .string(let s):
            var rest = Substring(s)
            while let r = rest.firstRange(of: "$states") {
                let after = rest[r.upperBound...]
                if !(after.hasPrefix(".input") || after.hasPrefix(".result") || after.hasPrefix(".errorOutput")) { return true }
                rest = after
            }
            return false
        case .array(let a): return a.contains(where: mentionsStatesContext)
        case .object(let o): return o.values.contains(where: mentionsStatesContext)
        default: return false
        }
    }

    // MARK: small field readers, each reporting a location

    static func string(_ o: JSONObject, _ key: String, _ here: String, _ sink: inout DiagnosticSink) -> String? {
        guard let v = o[key] else { return nil }
        guard case .string(let s) = v else {
            sink.error("SCHEMA_VALIDATION_FAILED", "\(key) must be a string", at: here + "/" + key)
            return nil
        }
        return s
    }

    /// Any integer (negative ones are judged when the state runs).
    static func integer(_ o: JSONObject, _ key: String, _ here: String, _ sink: inout DiagnosticSink) -> Int? {
        guard let v = o[key] else { return nil }
        guard let i = v.intValue, v.isNumber else {
            sink.error("SCHEMA_VALIDATION_FAILED", "\(key) must be an integer", at: here + "/" + key)
            return nil
        }
        return i
    }

    static func positiveInt(_ o: JSONObject, _ key: String, _ here: String, _ sink: inout DiagnosticSink, allowZero: Bool) -> Int? {
        guard let v = o[key] else { return nil }
        guard case .int(let i) = v, i > 0 || (allowZero && i == 0) else {
            sink.error(
                "SCHEMA_VALIDATION_FAILED", "\(key) must be a \(allowZero ? "non-negative" : "positive") integer", at: here + "/" + key)
            return nil
        }
        return i
    }

    static func path(_ o: JSONObject, _ key: String, _ here: String, _ sink: inout DiagnosticSink) -> JSONPath? {
        guard let s = string(o, key, here, &sink) else { return nil }
        do throws(JSONPathError) { return try JSONPath(s) } catch {
            sink.error("SCHEMA_VALIDATION_FAILED", "The value for the field '\(key)' must be a valid JSONPath", at: here + "/" + key)
            return nil
        }
    }

    static func optionalPath(_ o: JSONObject, _ key: String, _ here: String, _ sink: inout DiagnosticSink) -> OptionalPath {
        if o[key]?.isNull == true { return .empty }
        guard let p = path(o, key, here, &sink) else { return .whole }
        return .path(p)
    }

    static func resultPath(_ v: JSON, _ here: String, _ sink: inout DiagnosticSink) -> ResultPath {
        if v.isNull { return .discard }
        guard let s = v.stringValue, let p = ReferencePath(s) else {
            sink.error("SCHEMA_VALIDATION_FAILED", "The value for the field 'ResultPath' must be a valid ReferencePath", at: here)
            return .path(.identity)
        }
        return .path(p)
    }

    static func template(_ v: JSON, _ here: String, _ sink: inout DiagnosticSink) -> PayloadTemplate {
        PayloadTemplate.compile(v, at: here, into: &sink)
    }

    static func failText(
        _ o: JSONObject, _ key: String, _ here: String, _ ql: QueryLanguage, _ sink: inout DiagnosticSink
    ) -> FailState.Text? {
        if let e = expression(o, key, here, ql, &sink) { return .expression(e) }
        let literal = string(o, key, here, &sink)
        let pathKey = key + "Path"
        if literal != nil, o[pathKey] != nil {
            sink.error("SCHEMA_VALIDATION_FAILED", "\(key) and \(pathKey) cannot both be set", at: here)
        }
        if let literal { return .literal(literal) }
        guard let expr = string(o, pathKey, here, &sink) else { return nil }
        if IntrinsicFunction.looksLikeCall(expr) {
            do throws(IntrinsicSyntaxError) { return .intrinsic(try IntrinsicFunction(parsing: expr)) } catch {
                sink.error(
                    "SCHEMA_VALIDATION_FAILED",
                    "The value for the field '\(pathKey)' must be a valid JSONPath or intrinsic function: \(error.message)",
                    at: here + "/" + pathKey)
                return nil
            }
        }
        do throws(JSONPathError) { return .path(try JSONPath(expr)) } catch {
            sink.error(
                "SCHEMA_VALIDATION_FAILED", "The value for the field '\(pathKey)' must be a valid JSONPath", at: here + "/" + pathKey)
            return nil
        }
    }

    static func errorNames(_ v: JSON?, _ here: String, _ sink: inout DiagnosticSink) -> [ErrorName] {
        guard case .array(let a)? = v, !a.isEmpty, a.allSatisfy({ $0.stringValue != nil }) else {
            sink.error("SCHEMA_VALIDATION_FAILED", "ErrorEquals must be a non-empty array of strings", at: here + "/ErrorEquals")
            return []
        }
        let names = a.compactMap(\.stringValue).map(ErrorName.init(rawValue:))
        if names.contains(.all) && names.count > 1 {
            sink.error("SCHEMA_VALIDATION_FAILED", "States.ALL must appear alone in ErrorEquals", at: here + "/ErrorEquals")
        }
        return names
    }

    /// AWS's rule: a Retrier or Catcher naming `States.ALL` must be the last one.
    static func checkAllIsLast(_ lists: [[ErrorName]], _ here: String, _ what: String, _ sink: inout DiagnosticSink) {
        for (i, names) in lists.enumerated() where names.contains(.all) && i != lists.count - 1 {
            sink.error("SCHEMA_VALIDATION_FAILED", "A \(what) with States.ALL must be the last one", at: here + "/\(i)/ErrorEquals")
        }
    }

    static func retriers(_ v: JSON?, _ here: String, _ sink: inout DiagnosticSink) -> [Retrier] {
        guard let v else { return [] }
        guard case .array(let a) = v else {
            sink.error("SCHEMA_VALIDATION_FAILED", "Retry must be an array", at: here)
            return []
        }
        var out: [Retrier] = []
        for (i, r) in a.enumerated() {
            let loc = here + "/\(i)"
            guard case .object(let o) = r else {
                sink.error("SCHEMA_VALIDATION_FAILED", "A Retrier must be an object", at: loc)
                continue
            }
            for k in o.keys
            where !["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"]
                .contains(k)
            {
                sink.error("SCHEMA_VALIDATION_FAILED", "Field '\(k)' is not supported in a Retrier", at: loc + "/" + k)
            }
            var retrier = Retrier(errorEquals: errorNames(o["ErrorEquals"], loc, &sink))
            if o["IntervalSeconds"] != nil, let x = positiveInt(o, "IntervalSeconds", loc, &sink, allowZero: false) {
                retrier.intervalSeconds = x
            }
            if o["MaxAttempts"] != nil, let x = positiveInt(o, "MaxAttempts", loc, &sink, allowZero: true) { retrier.maxAttempts = x }
            if let b = o["BackoffRate"] {
                if let d = b.doubleValue, d >= 1.0 {
                    retrier.backoffRate = d
                } else {
                    sink.error("SCHEMA_VALIDATION_FAILED", "BackoffRate must be a number not less than 1.0", at: loc + "/BackoffRate")
                }
            }
            if o["MaxDelaySeconds"] != nil { retrier.maxDelaySeconds = positiveInt(o, "MaxDelaySeconds", loc, &sink, allowZero: false) }
            if let j = o["JitterStrategy"] {
                if let s = j.stringValue, let js = Retrier.JitterStrategy(rawValue: s) {
                    retrier.jitterStrategy = js
                } else {
                    sink.error("SCHEMA_VALIDATION_FAILED", "JitterStrategy must be FULL or NONE", at: loc + "/JitterStrategy")
                }
            }
            out.append(retrier)
        }
        checkAllIsLast(out.map(\.errorEquals), here, "Retrier", &sink)
        return out
    }

    static func catchers(_ v: JSON?, _ here: String, _ ql: QueryLanguage, _ sink: inout DiagnosticSink) -> [Catcher] {
        guard let v else { return [] }
        guard case .array(let a) = v else {
            sink.error("SCHEMA_VALIDATION_FAILED", "Catch must be an array", at: here)
            return []
        }
        var out: [Catcher] = []
        for (i, c) in a.enumerated() {
            let loc = here + "/\(i)"
            guard case .object(let o) = c else {
                sink.error("SCHEMA_VALIDATION_FAILED", "A Catcher must be an object", at: loc)
                continue
            }
            for k in o.keys where !["ErrorEquals", "Next", "ResultPath", "Assign", "Output", "Comment"].contains(k) {
                sink.error("SCHEMA_VALIDATION_FAILED", "Field '\(k)' is not supported in a Catcher", at: loc + "/" + k)
            }
            let names = errorNames(o["ErrorEquals"], loc, &sink)
            guard let next = string(o, "Next", loc, &sink) else {
                if o["Next"] == nil { sink.error("SCHEMA_VALIDATION_FAILED", "These fields are required: [Next]", at: loc) }
                continue
            }
            var catcher = Catcher(errorEquals: names, next: next)
            if ql == .jsonata {
                if o["ResultPath"] != nil {
                    sink.error(
                        "SCHEMA_VALIDATION_FAILED", "The field 'ResultPath' is not supported with the JSONata query language",
                        at: loc + "/ResultPath")
                }
                if let out = o["Output"] { catcher.output = JSONataTemplate.compile(out, at: loc + "/Output", into: &sink) }
                if let a = o["Assign"] { catcher.jsonataAssign = jsonataAssign(a, loc + "/Assign", &sink) }
            } else {
                if o["Output"] != nil {
                    sink.error(
                        "SCHEMA_VALIDATION_FAILED", "The field 'Output' is not supported with the JSONPath query language",
                        at: loc + "/Output")
                }
                if let rp = o["ResultPath"] { catcher.resultPath = resultPath(rp, loc + "/ResultPath", &sink) }
                if let a = o["Assign"] { catcher.assign = PayloadTemplate.compile(a, at: loc + "/Assign", into: &sink) }
            }
            out.append(catcher)
        }
        checkAllIsLast(out.map(\.errorEquals), here, "Catcher", &sink)
        return out
    }
}
