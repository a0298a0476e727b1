import CortadoStore

extension StoreConformance {
    @Sendable static func stateMachineLifecycle(_ store: any ExecutionStore) async throws {
        var m = machine("Orders")
        try await store.createStateMachine(m)
        try expectEqual(try await store.stateMachine(arn: m.arn), m, "stored state machine")
        try await expectCode(.stateMachineAlreadyExists) { try await store.createStateMachine(m) }

        m.definition = #"{"StartAt":"Q","States":{"Q":{"Type":"Succeed"}}}"#
        m.revisionId = "r2"
        m.updateDate = 1_700_000_005_000
        m.description = "updated"
        m.loggingConfiguration = #"{"level":"OFF"}"#
        try await store.updateStateMachine(m)
        try expectEqual(try await store.stateMachine(arn: m.arn), m, "updated state machine")
        try await expectCode(.stateMachineDoesNotExist) { try await store.updateStateMachine(machine("Nope")) }

        try await store.deleteStateMachine(arn: m.arn)
        try expectEqual(try await store.stateMachine(arn: m.arn), nil, "deleted state machine")
        try await expectCode(.stateMachineDoesNotExist) { try await store.deleteStateMachine(arn: m.arn) }
    }

    @Sendable static func stateMachinePaging(_ store: any ExecutionStore) async throws {
        for name in ["e", "b", "d", "a", "c"] {
            try await store.createStateMachine(machine(name, type: name == "c" ? .express : .standard))
        }
        var names: [String] = []
        var token: String?
        var pages = 0
        repeat {
            let page = try await store.listStateMachines(limit: 2, pageToken: token)
            names += page.items.map(\.name)
            token = page.nextToken
            pages += 1
        } while token != nil
        try expectEqual(names, ["a", "b", "c", "d", "e"], "names in order")
        try expectEqual(pages, 3, "pages")
        try expectEqual(try await store.stateMachine(arn: machine("c").arn)?.type, .express, "type")
        let all = try await store.listStateMachines(limit: 5, pageToken: nil)
        try expectEqual(all.items.count, 5, "one full page")
        try expectEqual(all.nextToken, nil, "no token after the last page")
        try await expectCode(.invalidPageToken) { _ = try await store.listStateMachines(limit: 2, pageToken: "garbage") }
    }

    @Sendable static func insertExecution(_ store: any ExecutionStore) async throws {
        let m = machine("M")
        try await store.createStateMachine(m)
        let e = execution("e1", of: m, input: #"{"order":1}"#)
        let outcome = try await store.commit([
            .insert(
                e, events: [event(1, "ExecutionStarted"), event(2, "TaskStateEntered"), event(3, "TaskScheduled")],
                setTimers: [TimerRecord(executionArn: e.arn, timerID: 1, fireAt: 5_000)],
                outbox: [OutboxRecord(executionArn: e.arn, taskID: 1, payload: #"{"resource":"r"}"#)])
        ])
        try expectEqual(outcome, [.success(1)], "outcome")
        var expected = e
        expected.version = 1
        try expectEqual(try await store.execution(arn: e.arn), expected, "stored execution")
        let history = try await store.history(executionArn: e.arn, limit: 100, reverse: false, pageToken: nil)
        try expectEqual(history.items, [event(1, "ExecutionStarted"), event(2, "TaskStateEntered"), event(3, "TaskScheduled")], "history")
        try expectEqual(history.nextToken, nil, "history token")
        try expectEqual(
            try await store.dueTimers(until: 5_000, limit: 10), [TimerRecord(executionArn: e.arn, timerID: 1, fireAt: 5_000)], "timers")
        try expectEqual(try await store.dueTimers(until: 4_999, limit: 10), [], "timers not yet due")
        try expectEqual(
            try await store.pendingOutbox(limit: 10), [OutboxRecord(executionArn: e.arn, taskID: 1, payload: #"{"resource":"r"}"#)],
            "outbox")
        try expectEqual(try await store.execution(arn: e.arn + "x"), nil, "unknown execution")
        try expectFailure(try await store.commit([.insert(e)])[0], .executionAlreadyExists)
    }

    @Sendable static func insertNeedsStateMachine(_ store: any ExecutionStore) async throws {
        let e = execution("e1", of: machine("Missing"))
        try expectFailure(try await store.commit([.insert(e, events: [event(1)])])[0], .stateMachineDoesNotExist)
        try expectEqual(try await store.execution(arn: e.arn), nil, "nothing stored")
        try await expectCode(.stateMachineDoesNotExist) { _ = try await store.createExecution(.insert(e)) }
    }

    @Sendable static func createExecutionIdempotency(_ store: any ExecutionStore) async throws {
        let m = machine("M")
        try await store.createStateMachine(m)
        let e = execution("e1", of: m, input: #"{"a":1}"#)
        let first = try await store.createExecution(.insert(e, events: [event(1, "ExecutionStarted")]))
        try expect(first.created, "the first call creates")
        try expectEqual(first.record.version, 1, "version")

        var again = e
        again.startDate += 5_000
        let second = try await store.createExecution(.insert(again, events: [event(1, "ExecutionStarted")]))
        try expect(!second.created, "the same name and input returns the running execution")
        try expectEqual(second.record.startDate, e.startDate, "the original start date")
        try expectEqual(ids(try await store.history(executionArn: e.arn, limit: 10, reverse: false, pageToken: nil)), [1], "history")

        var other = e
        other.input = #"{"a":2}"#
        try await expectCode(.executionAlreadyExists) { _ = try await store.createExecution(.insert(other)) }

        var closed = first.record
        closed.status = .succeeded
        closed.output = "{}"
        closed.stopDate = e.startDate + 10
        try expectEqual(try await store.commit([.update(closed)]), [.success(2)], "close")
        try await expectCode(.executionAlreadyExists) { _ = try await store.createExecution(.insert(e)) }
        try await expectCode(.invalidArgument) { _ = try await store.createExecution(.update(e)) }
    }

    @Sendable static func updateVersioning(_ store: any ExecutionStore) async throws {
        let (_, e) = try await started(store)
        var next = e
        next.status = .failed
        next.error = "States.TaskFailed"
        next.cause = "boom"
        next.stopDate = e.startDate + 100
        next.output = nil
        next.redriveCount = 1
        next.redriveDate = e.startDate + 50
        next.snapshot = [1, 2, 3]
        next.input = "ignored"
        next.name = "ignored"
        try expectEqual(try await store.commit([.update(next, events: [event(3, "ExecutionFailed")])]), [.success(2)], "update")
        var expected = next
        expected.input = e.input
        expected.name = e.name
        expected.version = 2
        try expectEqual(try await store.execution(arn: e.arn), expected, "mutable columns written, others kept")

        try expectFailure(try await store.commit([.update(next, events: [event(4)])])[0], .versionConflict)
        try expectEqual(
            ids(try await store.history(executionArn: e.arn, limit: 10, reverse: false, pageToken: nil)), [1, 2, 3],
            "no event of the stale write")
        try expectEqual(try await store.execution(arn: e.arn)?.version, 2, "version unchanged by a conflict")

        var unknown = next
        unknown.arn += "-other"
        try expectFailure(try await store.commit([.update(unknown)])[0], .executionDoesNotExist)
        try expectFailure(try await store.commit([.acknowledge(executionArn: unknown.arn, delivered: [1])])[0], .executionDoesNotExist)
        try expectEqual(
            try await store.commit([
                ExecutionWrite(executionArn: e.arn, change: .none, setTimers: [TimerRecord(executionArn: "", timerID: 9, fireAt: 1)])
            ]),
            [.success(2)], "a write without a row change keeps the version")
        try expectEqual(
            try await store.dueTimers(until: 1, limit: 10), [TimerRecord(executionArn: e.arn, timerID: 9, fireAt: 1)], "its timer")
    }

    @Sendable static func partialBatch(_ store: any ExecutionStore) async throws {
        let (m, a) = try await started(store, name: "a")
        let (_, b) = try await started(store, name: "b")
        let (_, c) = try await started(store, name: "c")
        var stale = b
        stale.version = 7
        let outcomes = try await store.commit([
            .update(a, events: [event(3)], setTimers: [TimerRecord(executionArn: a.arn, timerID: 1, fireAt: 10)]),
            .update(stale, events: [event(3)], setTimers: [TimerRecord(executionArn: b.arn, timerID: 1, fireAt: 10)]),
            .insert(execution("d", of: m), events: [event(1)]),
            .update(c, events: [event(3)]),
        ])
        try expectEqual(outcomes.count, 4, "one outcome per write")
        try expectEqual(outcomes[0], .success(2), "a")
        try expectFailure(outcomes[1], .versionConflict)
        try expectEqual(outcomes[2], .success(1), "d")
        try expectEqual(outcomes[3], .success(2), "c")
        try expectEqual(
            ids(try await store.history(executionArn: a.arn, limit: 10, reverse: false, pageToken: nil)), [1, 2, 3], "a's history")
        try expectEqual(
            ids(try await store.history(executionArn: b.arn, limit: 10, reverse: false, pageToken: nil)), [1, 2], "b's history")
        try expectEqual(try await store.dueTimers(until: 10, limit: 10).map(\.executionArn), [a.arn], "only a's timer")
    }

    @Sendable static func duplicateEvent(_ store: any ExecutionStore) async throws {
        let (_, a) = try await started(store, name: "a")
        let (_, b) = try await started(store, name: "b")
        let outcomes = try await store.commit([
            .update(a, events: [event(3), event(2)], setTimers: [TimerRecord(executionArn: a.arn, timerID: 1, fireAt: 10)]),
            .update(b, events: [event(3)], outbox: [OutboxRecord(executionArn: b.arn, taskID: 1, payload: "{}")]),
        ])
        try expectFailure(outcomes[0], .eventAlreadyExists)
        try expectEqual(outcomes[1], .success(2), "b")
        try expectEqual(try await store.execution(arn: a.arn)?.version, 1, "a's version")
        try expectEqual(
            ids(try await store.history(executionArn: a.arn, limit: 10, reverse: false, pageToken: nil)), [1, 2], "a's history")
        try expectEqual(try await store.dueTimers(until: 10, limit: 10), [], "no timer of the failed write")
        try expectEqual(try await store.pendingOutbox(limit: 10).map(\.executionArn), [b.arn], "b's outbox")
        try expectFailure(try await store.commit([.update(a, events: [event(3), event(3)])])[0], .eventAlreadyExists)
    }

    @Sendable static func sameExecutionTwice(_ store: any ExecutionStore) async throws {
        let m = machine("M")
        try await store.createStateMachine(m)
        var e = execution("e", of: m)
        let insert = ExecutionWrite.insert(e, events: [event(1)], setTimers: [TimerRecord(executionArn: e.arn, timerID: 1, fireAt: 10)])
        e.version = 1
        let fired = ExecutionWrite.update(e, events: [event(2)], removeTimers: [1])
        try expectEqual(try await store.commit([insert, fired]), [.success(1), .success(2)], "outcomes")
        try expectEqual(try await store.dueTimers(until: 10, limit: 10), [], "the timer fired")
        try expectEqual(try await store.commit([]), [], "an empty commit")
    }

    @Sendable static func timers(_ store: any ExecutionStore) async throws {
        let (_, a) = try await started(store, name: "a")
        var (_, b) = try await started(store, name: "b")
        func timer(_ e: ExecutionRecord, _ id: Int, _ at: Int64) -> TimerRecord {
            TimerRecord(executionArn: e.arn, timerID: id, fireAt: at)
        }
        _ = try await store.commit([
            .update(a, setTimers: [timer(a, 1, 300), timer(a, 2, 100)]),
            .update(b, setTimers: [timer(b, 1, 100), timer(b, 2, 200)]),
        ])
        b.version = 2
        try expectEqual(
            try await store.dueTimers(until: 1_000, limit: 10), [timer(a, 2, 100), timer(b, 1, 100), timer(b, 2, 200), timer(a, 1, 300)],
            "earliest first, then the execution stored first")
        try expectEqual(try await store.dueTimers(until: 150, limit: 10), [timer(a, 2, 100), timer(b, 1, 100)], "until")
        try expectEqual(try await store.dueTimers(until: 1_000, limit: 1), [timer(a, 2, 100)], "limit")
        // Move b's timer 1 later (a heartbeat) and remove b's timer 2 in one write.
        _ = try await store.commit([.update(b, setTimers: [timer(b, 1, 400)], removeTimers: [2, 77])])
        try expectEqual(
            try await store.dueTimers(until: 1_000, limit: 10), [timer(a, 2, 100), timer(a, 1, 300), timer(b, 1, 400)], "moved and removed")
    }

    @Sendable static func outbox(_ store: any ExecutionStore) async throws {
        let (_, a) = try await started(store, name: "a")
        let (_, b) = try await started(store, name: "b")
        func task(_ e: ExecutionRecord, _ id: Int, _ payload: String = "{}") -> OutboxRecord {
            OutboxRecord(executionArn: e.arn, taskID: id, payload: payload)
        }
        _ = try await store.commit([.update(b, outbox: [task(b, 1)])])
        _ = try await store.commit([.update(a, outbox: [task(a, 1), task(a, 2)])])
        try expectEqual(try await store.pendingOutbox(limit: 10), [task(b, 1), task(a, 1), task(a, 2)], "oldest first")
        try expectEqual(try await store.pendingOutbox(limit: 2), [task(b, 1), task(a, 1)], "limit")
        try expectEqual(try await store.commit([.acknowledge(executionArn: b.arn, delivered: [1, 5])]), [.success(2)], "acknowledge")
        try expectEqual(try await store.pendingOutbox(limit: 10), [task(a, 1), task(a, 2)], "delivered rows leave")
        var a2 = a
        a2.version = 2
        _ = try await store.commit([.update(a2, outbox: [task(a, 1, #"{"again":true}"#)], delivered: [2])])
        try expectEqual(try await store.pendingOutbox(limit: 10), [task(a, 1, #"{"again":true}"#)], "a pending task gets the new payload")
    }

    @Sendable static func historyPaging(_ store: any ExecutionStore) async throws {
        let (_, e) = try await started(store)
        _ = try await store.commit([.update(e, events: (3...25).map { event($0) })])
        var forward: [Int] = []
        var token: String?
        repeat {
            let page = try await store.history(executionArn: e.arn, limit: 10, reverse: false, pageToken: token)
            forward += ids(page)
            token = page.nextToken
        } while token != nil
        try expectEqual(forward, Array(1...25), "forward")
        var backward: [Int] = []
        repeat {
            let page = try await store.history(executionArn: e.arn, limit: 7, reverse: true, pageToken: token)
            backward += ids(page)
            token = page.nextToken
        } while token != nil
        try expectEqual(backward, Array((1...25).reversed()), "reverse")
        let first = try await store.history(executionArn: e.arn, limit: 10, reverse: false, pageToken: nil)
        try await expectCode(.invalidPageToken) {
            _ = try await store.history(executionArn: e.arn, limit: 10, reverse: true, pageToken: first.nextToken)
        }
        try await expectCode(.executionDoesNotExist) {
            _ = try await store.history(executionArn: e.arn + "x", limit: 10, reverse: false, pageToken: nil)
        }
    }

    @Sendable static func executionPaging(_ store: any ExecutionStore) async throws {
        let m = machine("M")
        let other = machine("Other")
        try await store.createStateMachine(m)
        try await store.createStateMachine(other)
        // Three share a start date: the one stored later lists first.
        let dates: [(String, Int64)] = [("a", 100), ("b", 300), ("c", 200), ("d", 200), ("e", 200), ("f", 50)]
        for (name, date) in dates { _ = try await store.commit([.insert(execution(name, of: m, startDate: date))]) }
        _ = try await store.commit([.insert(execution("x", of: other, startDate: 1_000))])
        var failed = try await store.execution(arn: execution("d", of: m).arn)!
        failed.status = .failed
        _ = try await store.commit([.update(failed)])

        var names: [String] = []
        var token: String?
        repeat {
            let page = try await store.listExecutions(stateMachineArn: m.arn, status: nil, limit: 2, pageToken: token)
            names += page.items.map(\.name)
            token = page.nextToken
        } while token != nil
        try expectEqual(names, ["b", "e", "d", "c", "a", "f"], "newest first, ties by storage order")
        let running = try await store.listExecutions(stateMachineArn: m.arn, status: .running, limit: 10, pageToken: nil)
        try expectEqual(running.items.map(\.name), ["b", "e", "c", "a", "f"], "status filter")
        let failedOnly = try await store.listExecutions(stateMachineArn: m.arn, status: .failed, limit: 10, pageToken: nil)
        try expectEqual(failedOnly.items.map(\.name), ["d"], "failed")
        try expectEqual(failedOnly.items.first?.version, 2, "listed records carry their version")
        try expectEqual(
            try await store.listExecutions(stateMachineArn: machine("None").arn, status: nil, limit: 10, pageToken: nil).items, [],
            "unknown machine")
        try await expectCode(.invalidPageToken) {
            _ = try await store.listExecutions(stateMachineArn: m.arn, status: nil, limit: 10, pageToken: "00zz")
        }
    }

    @Sendable static func deleteCascades(_ store: any ExecutionStore) async throws {
        let (m, e) = try await started(store)
        let keep = machine("Keep")
        try await store.createStateMachine(keep)
        let k = execution("k", of: keep)
        _ = try await store.commit([
            .update(
                e, setTimers: [TimerRecord(executionArn: e.arn, timerID: 1, fireAt: 1)],
                outbox: [OutboxRecord(executionArn: e.arn, taskID: 1, payload: "{}")]),
            .insert(k, setTimers: [TimerRecord(executionArn: k.arn, timerID: 1, fireAt: 2)]),
        ])
        try await store.deleteStateMachine(arn: m.arn)
        try expectEqual(try await store.execution(arn: e.arn), nil, "execution removed")
        try expectEqual(try await store.dueTimers(until: 10, limit: 10).map(\.executionArn), [k.arn], "its timers removed")
        try expectEqual(try await store.pendingOutbox(limit: 10), [], "its outbox removed")
        try expect(try await store.execution(arn: k.arn) != nil, "other machines' executions stay")
    }

    @Sendable static func snapshots(_ store: any ExecutionStore) async throws {
        var (_, e) = try await started(store)
        e.snapshot = (0...255).map { UInt8($0) } + [0, 0]
        _ = try await store.commit([.update(e)])
        try expectEqual(try await store.execution(arn: e.arn)?.snapshot, e.snapshot, "binary snapshot")
        e.version = 2
        e.snapshot = nil
        _ = try await store.commit([.update(e)])
        try expectEqual(try await store.execution(arn: e.arn)?.snapshot, nil, "no snapshot")
        e.version = 3
        e.snapshot = []
        _ = try await store.commit([.update(e)])
        try expectEqual(try await store.execution(arn: e.arn)?.snapshot ?? [], [], "an empty snapshot")
    }

    @Sendable static func badArguments(_ store: any ExecutionStore) async throws {
        let (m, e) = try await started(store)
        try await expectCode(.invalidArgument) { _ = try await store.listStateMachines(limit: 0, pageToken: nil) }
        try await expectCode(.invalidArgument) {
            _ = try await store.listExecutions(stateMachineArn: m.arn, status: nil, limit: 0, pageToken: nil)
        }
        try await expectCode(.invalidArgument) {
            _ = try await store.history(executionArn: e.arn, limit: -1, reverse: false, pageToken: nil)
        }
        try await expectCode(.invalidArgument) { _ = try await store.dueTimers(until: 0, limit: 0) }
        try await expectCode(.invalidArgument) { _ = try await store.pendingOutbox(limit: 0) }
        try await expectCode(.invalidArgument) {
            try await store.createStateMachine(machine("T", type: StateMachineType(rawValue: "LAMBDA")))
        }
        var bad = e
        bad.status = ExecutionRecord.Status(rawValue: "DONE")
        try expectFailure(try await store.commit([.update(bad)])[0], .invalidArgument)
        try expectFailure(try await store.commit([ExecutionWrite(executionArn: "other", change: .update(e))])[0], .invalidArgument)
        try expectEqual(try await store.execution(arn: e.arn)?.version, 1, "nothing written")
    }
}
