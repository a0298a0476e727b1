import CortadoJSON

extension Run {
    /// Map: select the items, read the concurrency and tolerance fields, start the first iterations.
    mutating func startMap(_ id: Int, _ s: State, _ m: MapState) throws(StatesError) {
        let raw = state.frames[id]!.rawInput
        for field in ["ItemReader", "ItemBatcher", "ResultWriter"] where s.raw[field] != nil {
            // These need an object store and batching that Cortado does not have yet: fail loudly
            // rather than run the Map over the wrong items.
            let name: ErrorName = field == "ResultWriter" ? .resultWriterFailed : (field == "ItemReader" ? .itemReaderFailed : .runtime)
            throw StatesError(name, "Cortado does not support the Map field '\(field)' yet.")
        }
        let effective = try s.inputPath.select(from: raw, field: "InputPath") { scope(id, input: raw) }
        let sc = scope(id, input: effective)
        var itemsValue = effective
        if let p = m.itemsPath {
            do throws(JSONPathError) { itemsValue = try sc.resolve(p) } catch {
                throw StatesError(.runtime, "Invalid path '\(p.source)' : \(error.message)")
            }
        }
        guard case .array(let items) = itemsValue else {
            throw StatesError(.runtime, "Map state input must be an array but was: \(itemsValue.text)")
        }
        var maxConcurrency = m.maxConcurrency
        if let p = m.maxConcurrencyPath {
            let v = try value(at: p, in: sc)
            guard let i = v.intValue, v.isNumber, i >= 0 else {
                throw StatesError(
                    .runtime,
                    "The MaxConcurrencyPath field refers to value \"\(v.stringValue ?? v.text)\" which is not a valid integer: \(p.source)")
            }
            maxConcurrency = i
        }
        // AWS reads the tolerance fields after MapStateStarted (MaxConcurrencyPath before it).
        emit(frame: id, "MapStateStarted", "mapStateStartedEventDetails", [("length", .int(items.count))])
        var toleratedCount = m.toleratedFailureCount
        if let p = m.toleratedFailureCountPath {
            let v = try value(at: p, in: sc)
            guard let i = v.intValue, v.isNumber else {
                throw StatesError(
                    .runtime,
                    "The ToleratedFailureCountPath field refers to value \"\(v.stringValue ?? v.text)\" which is not a valid integer: \(p.source)"
                )
            }
            toleratedCount = i
        }
        if let c = toleratedCount, c < 0 { throw StatesError(.runtime, "ToleratedFailureCount cannot be negative.") }
        var toleratedPercentage = m.toleratedFailurePercentage
        if let p = m.toleratedFailurePercentagePath {
            let v = try value(at: p, in: sc)
            guard let d = v.doubleValue else {
                throw StatesError(
                    .runtime,
                    "The ToleratedFailurePercentagePath field refers to value \"\(v.stringValue ?? v.text)\" which is not a valid float: \(p.source)"
                )
            }
            toleratedPercentage = d
        }
        if let p = toleratedPercentage, p < 0 || p > 100 {
            throw StatesError(.runtime, "ToleratedFailurePercentage must be between 0 and 100.")
        }
        var tolerated = 0
        if let c = toleratedCount { tolerated = c }
        if let p = toleratedPercentage {
            let byPercent = Int((p / 100 * Double(items.count)).rounded(.down))
            tolerated = toleratedCount == nil ? byPercent : max(tolerated, byPercent)
        }

        if m.distributed {
            let run = interpreter.random.uuid()
            let label = m.label ?? String(interpreter.random.uuid().prefix(8))
            let arn =
                "arn:aws:states:\(info.region):\(Self.account(of: info.stateMachineArn)):mapRun:\(info.stateMachineName)/\(label):\(run)"
            emit(frame: id, "MapRunStarted", "mapRunStartedEventDetails", [("mapRunArn", .string(arn))])
        }
        let parent = state.frames[id]!
        let workerCount = items.isEmpty ? 0 : (maxConcurrency == 0 ? items.count : min(maxConcurrency, items.count))
        var children = Frame.Children(
            results: Array(repeating: nil, count: items.count), running: [], pending: Array(workerCount..<items.count),
            items: items, workers: Array(repeating: parent.cursor, count: workerCount), tolerated: tolerated, isMap: true,
            itemInputBase: effective, distributed: m.distributed)
        if items.isEmpty {
            children.workers = []
            state.frames[id]!.phase = .running
            if m.distributed { emit(frame: id, "MapRunSucceeded") }
            emit(frame: id, "MapStateSucceeded", updateSource: false)
            let results = JSON.array([])
            let selected = try s.resultSelector?.evaluate(in: scope(id, input: results)) ?? results
            try finishState(id, s, result: selected)
            return
        }
        state.frames[id]!.phase = .waitingChildren(children)
        // Start one iteration per worker; run them in index order.
        // Start one item per worker in index order (their MapIterationStarted events come in that
        // order), then run them in index order: `ready` is a stack, so reverse what was pushed.
        let mark = ready.count
        for w in 0..<workerCount { startIteration(id, index: w, worker: w) }
        ready[mark...].reverse()
    }

    static func account(of arn: String) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 4 ? String(parts[4]) : "000000000000"
    }

    func value(at p: JSONPath, in sc: PathScope) throws(StatesError) -> JSON {
        do throws(JSONPathError) { return try sc.resolve(p) } catch {
            throw StatesError(.runtime, "Invalid path '\(p.source)' : \(error.message)")
        }
    }

    /// Starts item `index` on `worker`: `MapIterationStarted`, the item selector, a new frame.
    mutating func startIteration(_ mapID: Int, index: Int, worker: Int) {
        guard var parent = state.frames[mapID], case .waitingChildren(var children) = parent.phase else { return }
        let s = parent.machineRef.node(parent.stateName).state
        guard case .map(let m) = s.kind else { return }
        var cursor = children.workers[worker]
        if !children.distributed && !parent.silent {
            emit(&cursor, "MapIterationStarted", "mapIterationStartedEventDetails", [("index", .int(index)), ("name", .string(s.name))])
            children.workers[worker] = cursor
        }
        let item = children.items[index]
        var input = item
        if let selector = m.itemSelector {
            do throws(StatesError) {
                input = try selector.evaluate(in: scope(mapID, input: children.itemInputBase, mapItem: MapItem(index: index, value: item)))
            } catch {
                parent.phase = .waitingChildren(children)
                state.frames[mapID] = parent
                let failure = runtime(error, frame: mapID)
                parent.phase = .running
                state.frames[mapID] = parent
                fail(frame: mapID, failure)
                ready.append(mapID)
                return
            }
        }
        let cid = newFrame(
            parent: parent, slot: index, machine: m.processor, step: .processor(state: s.name), input: input,
            cursor: cursor,
            mapItem: nil, silent: children.distributed)
        children.running.insert(cid)
        parent.phase = .waitingChildren(children)
        state.frames[mapID] = parent
        ready.append(cid)
    }
}
