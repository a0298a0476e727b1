import CortadoEngine
import CortadoJSON
import CortadoServer
import CortadoStore
import Foundation
import Synchronization

/// A clock the test moves by hand; sleeping is not supported (the timer service is driven with
/// `fireDue`).
final class ManualClock: EngineClock {
    private let time: Mutex<Int64>
    init(_ start: Int64 = 1_795_275_379_000) { time = Mutex(start) }
    func now() -> Int64 { time.withLock { $0 } }
    func advance(seconds: Int64) { time.withLock { $0 += seconds * 1000 } }
    func sleep(until time: Int64) async throws { try await Task.sleep(for: .milliseconds(1)) }
}

/// A server composition on an in-memory store and a manual clock, called without HTTP.
struct Harness {
    let clock = ManualClock()
    let store: any ExecutionStore
    let server: Runtime
    var service: StepFunctionsService { server.service }
    static let tokenKey = [UInt8](repeating: 7, count: 32)

    init(store: any ExecutionStore = InMemoryStore(), configuration: EngineConfiguration = EngineConfiguration()) {
        self.store = store
        server = Runtime(store: store, clock: clock, tokens: TaskTokens(key: Self.tokenKey), configuration: configuration)
    }

    /// Calls an action; returns the answer or throws its `AWSError`.
    @discardableResult
    func call(_ action: String, _ body: JSON) async throws -> JSON {
        try await service.handle(action: action, body: body).get()
    }

    func createMachine(_ name: String, _ definition: String, type: String = "STANDARD") async throws -> String {
        let answer = try await call(
            "CreateStateMachine",
            [
                "name": .string(name), "definition": .string(definition), "roleArn": "arn:aws:iam::000000000000:role/test",
                "type": .string(type),
            ])
        return answer["stateMachineArn"]!.stringValue!
    }

    func start(_ machine: String, name: String, input: String = "{}") async throws -> String {
        let answer = try await call(
            "StartExecution", ["stateMachineArn": .string(machine), "name": .string(name), "input": .string(input)])
        return answer["executionArn"]!.stringValue!
    }

    func describe(_ execution: String) async throws -> JSON {
        try await call("DescribeExecution", ["executionArn": .string(execution)])
    }

    func history(_ execution: String) async throws -> [JSON] {
        try await call("GetExecutionHistory", ["executionArn": .string(execution), "maxResults": 1000])["events"]!.arrayValue!
    }

    /// The token in the newest TaskScheduled event's parameters (`$$.Task.Token` put at `path`).
    func token(_ execution: String, key: String = "TaskToken") async throws -> String {
        let events = try await history(execution).filter { $0["type"] == "TaskScheduled" }
        let parameters = try JSON(parsing: events.last!["taskScheduledEventDetails"]!["parameters"]!.stringValue!)
        return findString(key, in: parameters)!
    }

    /// Polls until the execution is no longer RUNNING (the engine applies events asynchronously).
    func waitUntilClosed(_ execution: String, timeout: Duration = .seconds(30)) async throws -> JSON {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let d = try await describe(execution)
            if d["status"] != "RUNNING" { return d }
            try await Task.sleep(for: .milliseconds(5))
        }
        return try await describe(execution)
    }

    /// Polls until `condition` holds for the execution's history.
    func waitForHistory(_ execution: String, _ condition: ([JSON]) -> Bool) async throws -> [JSON] {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let h = try await history(execution)
            if condition(h) { return h }
            try await Task.sleep(for: .milliseconds(5))
        }
        return try await history(execution)
    }
}

func findString(_ key: String, in value: JSON) -> String? {
    switch value {
    case .object(let o):
        for (k, v) in o {
            if k == key, case .string(let s) = v { return s }
            if let found = findString(key, in: v) { return found }
        }
        return nil
    case .array(let a):
        for v in a { if let found = findString(key, in: v) { return found } }
        return nil
    default: return nil
    }
}

extension AWSError {
    static func code(of error: any Error) -> String? { (error as? AWSError)?.type }
}
