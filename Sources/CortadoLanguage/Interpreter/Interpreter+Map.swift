import CortadoJSON

extension Run {
    /// Map: select the items, read the concurrency and tolerance fields, start the first iterations.
    /// With an `ItemReader` the items come from S3: this first pass emits MapStateStarted (length 0,
    /// as AWS records it) and MapRunStarted and dispatches the read; the answer calls it again with
    /// `read` set, and the Map starts its iterations with no further events.
    mutating func startMap(_ id: Int, _ s: State, _ m: MapState, read: [JSON]? = nil) throws(StatesError) {
        let raw = state.frames[id]!.rawInput
        let jsonata = s.jsonata != nil
        let effective = jsonata ? raw : try s.inputPath.select(from: raw, field: "InputPath") { scope(id, input: raw) }
        let sc = scope(id, input: effective)
        var items: [JSON] = read ?? []
        if m.itemReader == nil, jsonata {
            items = try jsonataItems(m, sc)
        } else if m.itemReader == nil {
            // With an ItemReader, AWS ignores ItemsPath (a path that selects nothing included).
            var itemsValue = effective
            if let p = m.itemsPath {
                do throws(JSONPathError) { itemsValue = try sc.resolve(p) } catch {
                    throw StatesError(.runtime, "Invalid path '\(p.source)' : \(error.message)")
                }
            }
            guard case .array(let selected) = itemsValue else {
                throw StatesError(.runtime, "Map state input must be an array but was: \(itemsValue.text)")
            }
            items = selected
        }
        let resuming = read != nil
        let reading = m.itemReader != nil && !resuming
        var maxConcurrency = m.maxConcurrency
        if let e = m.maxConcurrencyExpression {
            maxConcurrency = try e.integer(in: sc, field: "MaxConcurrency", range: 0...Int(Int32.max))
        }
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
        if !resuming {
            emit(frame: id, "MapStateStarted", "mapStateStartedEventDetails", [("length", .int(items.count))])
        }
        var toleratedCount = m.toleratedFailureCount
        if let e = m.toleratedFailureCountExpression {
            toleratedCount = try e.integer(in: sc, field: "ToleratedFailureCount", range: 0...Int(Int32.max))
        }
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
        if let e = m.toleratedFailurePercentageExpression {
            toleratedPercentage = try e.number(in: sc, field: "ToleratedFailurePercentage")
        }
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
        var batched = false
        if let b = m.itemBatcher, !reading {
            items = try batches(id, b, m, items: items, effective: effective, scope: sc)
            batched = true
        }
        var tolerated = 0
        if let c = toleratedCount { tolerated = c }
        if let p = toleratedPercentage {
            let byPercent = Int((p / 100 * Double(items.count)).rounded(.down))
            tolerated = toleratedCount == nil ? byPercent : max(tolerated, byPercent)
        }

        if m.distributed && !resuming {
            let run = interpreter.random.uuid()
            let label = m.label ?? String(interpreter.random.uuid().prefix(8))
            let arn =
                "arn:aws:states:\(info.region):\(Self.account(of: info.stateMachineArn)):mapRun:\(info.stateMachineName)/\(label):\(run)"
            emit(frame: id, "MapRunStarted", "mapRunStartedEventDetails", [("mapRunArn", .string(arn))])
            state.frames[id]!.mapRunArn = arn
        }
        if reading, let reader = m.itemReader {
            do throws(StatesError) {
                _ = try maxItems(reader, in: sc)
                let parameters = try reader.parameters?.evaluate(in: sc) ?? .object([:])
                dispatchMapIO(id, s, resource: reader.resource, kind: .itemReader, input: parameters)
            } catch {
                failMapRun(id, s, runtime(error, frame: id))
            }
            return
        }
        let parent = state.frames[id]!
        let workerCount = items.isEmpty ? 0 : (maxConcurrency == 0 ? items.count : min(maxConcurrency, items.count))
        var children = Frame.Children(
            results: Array(repeating: nil, count: items.count), running: [], pending: Array(workerCount..<items.count),
            items: items, workers: Array(repeating: parent.cursor, count: workerCount), tolerated: tolerated, isMap: true,
            itemInputBase: effective, distributed: m.distributed)
        if batched { children.batched = true }
        if items.isEmpty {
            children.workers = []
            state.frames[id]!.phase = .running
            if let writer = m.resultWriter {
                try writeResults(id, s, writer, children)
                return
            }
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

    /// A JSONata Map's items: `Items` (an array, or `{% %}` that must give one), else the state's input.
    func jsonataItems(_ m: MapState, _ sc: PathScope) throws(StatesError) -> [JSON] {
        guard let t = m.items else {
            guard case .array(let a) = sc.input else {
                throw StatesError(.queryEvaluationError, "Map state input must be an array but was: \(sc.input.text)")
            }
            return a
        }
        let value = try t.evaluate(in: sc, field: "Items")
        guard case .array(let a) = value else {
            throw sc.unexpectedType(value, expected: "array", source: t.wholeExpression?.source ?? value.text, field: "Items")
        }
        return a
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
        if let selector = m.itemSelector, children.batched != true {
            do throws(StatesError) {
                input = try selector.evaluate(in: scope(mapID, input: children.itemInputBase, mapItem: MapItem(index: index, value: item)))
            } catch {
                parent.phase = .waitingChildren(children)
                state.frames[mapID] = parent
                parent.phase = .running
                state.frames[mapID] = parent
                failEvaluation(mapID, error)
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
