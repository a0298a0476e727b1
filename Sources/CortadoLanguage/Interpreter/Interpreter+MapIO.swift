import CortadoJSON

/// A distributed Map's S3 work: reading items (`ItemReader`), batching them (`ItemBatcher`) and
/// writing the results (`ResultWriter`). The interpreter does no I/O: it dispatches a task with the
/// reader's or writer's own `Resource`, which the engine answers without any Task* history event
/// (AWS's histories show none), and parses or lays out the bytes itself.
extension Run {
    /// Dispatches the Map's own S3 read or write and waits for it.
    mutating func dispatchMapIO(_ id: Int, _ s: State, resource: String, kind: TaskEventKind, input: JSON) {
        let taskID = state.nextTaskID
        state.nextTaskID += 1
        state.tasks[taskID] = PendingTask(frameID: id, resource: resource, resourceType: "s3", resourceName: resource, kind: kind)
        state.frames[id]!.phase = .waitingTask(taskID: taskID)
        transition.effects.append(.dispatch(TaskDispatch(taskID: taskID, stateName: s.name, resource: resource, input: input)))
    }

    /// The Map Run fails before or after its iterations: MapRunFailed, then the state fails (Retry and
    /// Catch apply).
    mutating func failMapRun(_ id: Int, _ s: State, _ failure: Failure) {
        guard state.frames[id] != nil else { return }
        if state.frames[id]!.mapRunArn != nil, case .map(let m) = s.kind, m.distributed {
            var details: [(String, HistoryEvent.Detail)] = []
            if let e = failure.error { details.append(("error", .string(e))) }
            if let c = failure.cause { details.append(("cause", .string(c))) }
            emit(frame: id, "MapRunFailed", "mapRunFailedEventDetails", details)
        }
        state.frames[id]!.phase = .running
        fail(frame: id, failure, failedEvent: s.typeName + "StateFailed")
        ready.append(id)
    }

    /// The engine answered the Map's read or write.
    mutating func mapIOAnswered(_ task: PendingTask, _ result: ChildResult) {
        let id = task.frameID
        guard let frame = state.frames[id] else { return }
        let s = frame.machineRef.node(frame.stateName).state
        guard case .map(let m) = s.kind else { return }
        switch (task.kind, result) {
        case (.itemReader, .success(let fetched)):
            state.frames[id]!.phase = .running
            do throws(StatesError) {
                guard let reader = m.itemReader else { return }
                var items = try reader.items(from: fetched)
                let raw = frame.rawInput
                let effective = try s.inputPath.select(from: raw, field: "InputPath") { scope(id, input: raw) }
                let limit = try maxItems(reader, in: scope(id, input: effective))
                if limit > 0 && items.count > limit { items = Array(items.prefix(limit)) }
                try startMap(id, s, m, read: items)
            } catch {
                failMapRun(id, s, runtime(error, frame: id))
            }
            ready.append(id)
        case (.itemReader, .failure(let f)):
            failMapRun(id, s, Failure(error: ErrorName.itemReaderFailed.rawValue, cause: f.cause))
        case (_, .success(let details)):
            state.frames[id]!.phase = .running
            let output: JSON = ["MapRunArn": .string(frame.mapRunArn ?? ""), "ResultWriterDetails": details]
            finishMapRun(id, s, results: output)
            ready.append(id)
        case (_, .failure(let f)):
            failMapRun(id, s, Failure(error: ErrorName.resultWriterFailed.rawValue, cause: f.cause))
        }
    }

    /// MapRunSucceeded, MapStateSucceeded, then the Map's result through ResultSelector and the rest.
    mutating func finishMapRun(_ id: Int, _ s: State, results: JSON) {
        let runStarted = state.frames[id]!.cursor.source
        let distributed: Bool = if case .map(let m) = s.kind { m.distributed } else { false }
        if distributed { emit(frame: id, "MapRunSucceeded") }
        emit(frame: id, s.typeName + "StateSucceeded", updateSource: false)
        if distributed && (s.jsonata != nil || !transitionFirstEntered(state.frames[id]!)) {
            // Observed on AWS: MapStateExited follows MapRunSucceeded when the Map is the first
            // state of its execution, and MapRunStarted otherwise (every JSONPath recording agrees);
            // a JSONata Map's always follows MapRunStarted (both JSONata recordings).
            state.frames[id]!.cursor.source = runStarted
        }
        do throws(StatesError) {
            let selected = try s.resultSelector?.evaluate(in: scope(id, input: results)) ?? results
            try finishState(id, s, result: selected)
        } catch {
            fail(frame: id, runtime(error, frame: id))
        }
    }

    /// `MaxItems` or the value at `MaxItemsPath` (a number or a numeric string); 0 means all.
    func maxItems(_ reader: ItemReader, in sc: PathScope) throws(StatesError) -> Int {
        var n = reader.maxItems
        if let e = reader.maxItemsExpression {
            n = try e.integer(in: sc, field: "ItemReader/ReaderConfig/MaxItems", range: 0...100_000_000)
        }
        if let p = reader.maxItemsPath {
            let v = try value(at: p, in: sc)
            guard let i = Self.count(v) else {
                throw StatesError(.itemReaderFailed, "field MaxItems must be an integer", prefixed: false)
            }
            n = i
        }
        if let n, n < 0 { throw StatesError(.itemReaderFailed, "field MaxItems must be positive", prefixed: false) }
        return n ?? 0
    }

    /// An integer, or a string holding one (AWS takes `"2"` from a variable).
    static func count(_ v: JSON) -> Int? {
        if let s = v.stringValue { return Int(s) }
        guard v.isNumber, let d = v.doubleValue, d == d.rounded(), let i = v.intValue else { return nil }
        return i
    }

    /// The Map's items grouped as ItemBatcher says, each item through ItemSelector first.
    mutating func batches(
        _ id: Int, _ b: ItemBatcher, _ m: MapState, items: [JSON], effective: JSON, scope sc: PathScope
    ) throws(StatesError) -> [JSON] {
        func limit(_ fixed: Int?, _ path: JSONPath?, _ field: String, _ e: StatesExpression?) throws(StatesError) -> Int? {
            if let e { return try e.integer(in: sc, field: "ItemBatcher/" + field, range: 1...Int(Int32.max)) }
            guard let path else { return fixed }
            let v = try value(at: path, in: sc)
            guard let i = Self.count(v), i > 0 else {
                throw StatesError(
                    .runtime, "The \(field)Path field refers to value \(v.text) which is not a positive integer: \(path.source)")
            }
            return i
        }
        let maxItems = try limit(b.maxItemsPerBatch, b.maxItemsPerBatchPath, "MaxItemsPerBatch", b.maxItemsPerBatchExpression)
        let maxBytes = try limit(
            b.maxInputBytesPerBatch, b.maxInputBytesPerBatchPath, "MaxInputBytesPerBatch", b.maxInputBytesPerBatchExpression)
        let batchInput = try b.batchInput?.evaluate(in: sc)
        var selected = items
        if let selector = m.itemSelector {
            for (i, item) in items.enumerated() {
                selected[i] = try selector.evaluate(in: scope(id, input: effective, mapItem: MapItem(index: i, value: item)))
            }
        }
        return ItemBatcher.batches(of: selected, maxItems: maxItems, maxBytes: maxBytes, batchInput: batchInput)
    }

    /// Lays out the results as AWS does (`<Prefix>/<MapRunId>/SUCCEEDED_0.json`, `FAILED_0.json`
    /// when there are any, then `manifest.json`) and dispatches the write.
    mutating func writeResults(_ id: Int, _ s: State, _ writer: ResultWriter, _ children: Frame.Children) throws(StatesError) {
        let frame = state.frames[id]!
        let parameters = try writer.parameters?.evaluate(in: scope(id, input: children.itemInputBase)) ?? .object([:])
        let bucket = parameters["Bucket"]?.stringValue ?? ""
        let prefix = parameters["Prefix"]?.stringValue ?? ""
        let runArn = frame.mapRunArn ?? ""
        let runParts = runArn.split(separator: ":", omittingEmptySubsequences: false)
        let runID = runParts.last.map(String.init) ?? ""
        // arn:…:mapRun:<machine>/<label>:<id> → the iterations' executions and their state machine.
        let machine = runParts.count > 6 ? String(runParts[6]) : info.stateMachineName
        let account = Self.account(of: info.stateMachineArn)
        let base = (prefix.isEmpty ? "" : (prefix.hasSuffix("/") ? prefix : prefix + "/")) + runID + "/"
        let failedSlots = Set(children.failedSlots ?? [])
        var succeeded: [JSON] = []
        var failed: [JSON] = []
        let started = Timestamp(epochMilliseconds: frame.enteredTime).formatted()
        let stopped = Timestamp(epochMilliseconds: now).formatted()
        for (slot, result) in children.results.enumerated() {
            let name = interpreter.random.uuid()
            let status = failedSlots.contains(slot) ? "FAILED" : "SUCCEEDED"
            var o = JSONObject(minimumCapacity: 16)
            o.append("ExecutionArn", .string("arn:aws:states:\(info.region):\(account):execution:\(machine):\(name)"))
            o.append("Input", .string(children.items[slot].text))
            o.append("InputDetails", ["Included": true])
            o.append("Name", .string(name))
            if status == "FAILED" {
                o.append("Error", result?["Error"] ?? .null)
                o.append("Cause", result?["Cause"] ?? .null)
            } else {
                o.append("Output", .string((result ?? .null).text))
                o.append("OutputDetails", ["Included": true])
            }
            o.append("RedriveCount", 0)
            o.append("RedriveStatus", "NOT_REDRIVABLE")
            o.append("RedriveStatusReason", .string("Execution is \(status) and cannot be redriven"))
            o.append("StartDate", .string(started))
            o.append("StateMachineArn", .string("arn:aws:states:\(info.region):\(account):stateMachine:\(machine)"))
            o.append("Status", .string(status))
            o.append("StopDate", .string(stopped))
            if status == "FAILED" { failed.append(.object(o)) } else { succeeded.append(.object(o)) }
        }
        var objects: [JSON] = []
        var files: JSONObject = ["FAILED": [], "PENDING": [], "SUCCEEDED": []]
        for (status, entries) in [("SUCCEEDED", succeeded), ("FAILED", failed)] where !entries.isEmpty {
            let key = base + status + "_0.json"
            let body = JSON.array(entries).text
            objects.append(["Key": .string(key), "Body": .string(body)])
            files[status] = [["Key": .string(key), "Size": .int(body.utf8.count)]]
        }
        let manifestKey = base + "manifest.json"
        let manifest: JSON = ["DestinationBucket": .string(bucket), "MapRunArn": .string(runArn), "ResultFiles": .object(files)]
        objects.append(["Key": .string(manifestKey), "Body": .string(manifest.text)])
        let input: JSON = [
            "Bucket": .string(bucket), "Objects": .array(objects),
            "ResultWriterDetails": ["Bucket": .string(bucket), "Key": .string(manifestKey)],
        ]
        dispatchMapIO(id, s, resource: writer.resource, kind: .resultWriter, input: input)
    }
}

extension ItemBatcher {
    /// Groups items greedily: a batch closes when it holds `maxItems` items or one more item would
    /// make `{"BatchInput", "Items"}` longer than `maxBytes` (an item over the limit alone is a batch).
    public static func batches(of items: [JSON], maxItems: Int?, maxBytes: Int?, batchInput: JSON?) -> [JSON] {
        func batch(_ members: [JSON]) -> JSON {
            var o = JSONObject(minimumCapacity: 2)
            if let batchInput { o.append("BatchInput", batchInput) }
            o.append("Items", .array(members))
            return .object(o)
        }
        let empty = batch([]).encodedSize
        var out: [JSON] = []
        var current: [JSON] = []
        var size = empty
        for item in items {
            let itemSize = item.encodedSize + (current.isEmpty ? 0 : 1)
            let full = maxItems.map { current.count >= $0 } ?? false
            let tooBig = maxBytes.map { !current.isEmpty && size + itemSize > $0 } ?? false
            if full || tooBig {
                out.append(batch(current))
                current = []
                size = empty
            }
            size += item.encodedSize + (current.isEmpty ? 0 : 1)
            current.append(item)
        }
        if !current.isEmpty { out.append(batch(current)) }
        return out
    }
}
