import CortadoJSON
import Foundation
import Testing

@testable import CortadoLanguage

/// What storing an `ExecutionState` costs with Foundation's coders and with Cortado's JSON value coders, the
/// work the durable engine does after every transition: encode to bytes, and decode from bytes on the next
/// event. A measurement, not a check: run in release,
/// `CORTADO_CODEC_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter ExecutionStateCodingSpeedTests`.
@Suite(.serialized) struct ExecutionStateCodingSpeedTests {
    /// A Parallel of four branches, each waiting on a Task, with an order of a few KB as the payload every
    /// frame holds (raw and effective input) and a variable.
    static let definition = """
        {"StartAt": "Fan", "States": {
          "Fan": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Price", "States": {"Price": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"Payload.$": "$"}, "Assign": {"priced": true}, "End": true}}},
            {"StartAt": "Stock", "States": {"Stock": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"Payload.$": "$.lines"}, "End": true}}},
            {"StartAt": "Ship", "States": {"Ship": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"Payload.$": "$.customer"}, "TimeoutSeconds": 300, "End": true}}},
            {"StartAt": "Notify", "States": {"Notify": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"Payload.$": "$"}, "HeartbeatSeconds": 60, "End": true}}}]}}}
        """

    static func order(lines: Int) -> JSON {
        var items: [JSON] = []
        for i in 0..<lines {
            items.append([
                "sku": .string("SKU-\(1000 + i)"), "name": .string("Item number \(i), \"quoted\" and plain"),
                "qty": .int(i % 5 + 1), "price": .double(Double(i) * 1.25 + 0.99), "tags": ["a", "b"],
            ])
        }
        return [
            "orderId": "ord-7f3a", "customer": ["id": 42, "name": "Ada", "address": ["street": "1 Main St", "city": "Springfield"]],
            "lines": .array(items), "total": 1234.5, "express": false,
        ]
    }

    static func waitingState(lines: Int = 25) throws -> (ExecutionState, StateMachine) {
        let machine = try StateMachine(definition: definition)
        let info = ExecutionInfo(
            executionArn: "arn:aws:states:us-east-1:000000000000:execution:m:e", executionName: "e",
            stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:m", stateMachineName: "m",
            roleArn: "arn:aws:iam::000000000000:role/r")
        let interpreter = Interpreter(machine: machine, info: info, random: SeededRandomSource(seed: 7))
        let (state, _) = interpreter.start(input: order(lines: lines), at: 1_700_000_000_000)
        return (state, machine)
    }

    static func foundationRoundTrip(_ state: ExecutionState, _ machine: StateMachine) throws -> (Int, ExecutionState) {
        let data = try JSONEncoder().encode(state)
        let decoder = JSONDecoder()
        decoder.userInfo[ExecutionState.stateMachineKey] = machine
        return (data.count, try decoder.decode(ExecutionState.self, from: data))
    }

    static func valueRoundTrip(_ state: ExecutionState, _ machine: StateMachine) throws -> (Int, ExecutionState) {
        var bytes: [UInt8] = []
        try JSONValueEncoder().encode(state).write(to: &bytes)
        let decoder = JSONValueDecoder(userInfo: [ExecutionState.stateMachineKey: machine])
        return (bytes.count, try decoder.decode(ExecutionState.self, from: JSON(parsing: bytes)))
    }

    /// Seconds per round trip, the best of five rounds.
    static func timePerRoundTrip(
        _ iterations: Int, lines: Int, _ body: (ExecutionState, StateMachine) throws -> (Int, ExecutionState)
    ) throws -> Double {
        let (state, machine) = try waitingState(lines: lines)
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<5 {
            var sink = 0
            let elapsed = try clock.measure {
                for _ in 0..<iterations { sink &+= try body(state, machine).1.nextEventID }
            }
            #expect(sink != 0)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            best = min(best, seconds / Double(iterations))
        }
        return best
    }

    /// Seconds per call of `body`, the best of five rounds.
    static func timePerCall(_ iterations: Int, _ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<5 {
            let elapsed = try clock.measure {
                for _ in 0..<iterations { try body() }
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            best = min(best, seconds / Double(iterations))
        }
        return best
    }

    @Test func theMeasuredStateIsRealistic() throws {
        let (state, machine) = try Self.waitingState()
        #expect(state.openTaskIDs.count == 4)
        let (valueBytes, decoded) = try Self.valueRoundTrip(state, machine)
        let (foundationBytes, _) = try Self.foundationRoundTrip(state, machine)
        #expect(decoded.openTaskIDs == state.openTaskIDs)
        #expect(valueBytes > 10_000)
        // Foundation escapes every payload inside a string.
        #expect(foundationBytes > valueBytes)
    }

    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["CORTADO_CODEC_BENCH"] == "1",
            "a speed measurement, not a check: set CORTADO_CODEC_BENCH=1 (release build) to run it"),
        arguments: [25, 2])
    func encodeAndDecodeSpeed(lines: Int) throws {
        let (state, machine) = try Self.waitingState(lines: lines)
        let (foundationSize, _) = try Self.foundationRoundTrip(state, machine)
        let (valueSize, _) = try Self.valueRoundTrip(state, machine)
        let iterations = lines > 10 ? 300 : 2_000
        let foundation = try Self.timePerRoundTrip(iterations, lines: lines, Self.foundationRoundTrip)
        let value = try Self.timePerRoundTrip(iterations, lines: lines, Self.valueRoundTrip)
        let ratio = foundation / value
        // Where the time goes, for the value coders.
        let json = try JSONValueEncoder().encode(state)
        let bytes = Array(json.text.utf8)
        let decoder = JSONValueDecoder(userInfo: [ExecutionState.stateMachineKey: machine])
        let phases = try [
            ("encode", Self.timePerCall(iterations) { _ = try JSONValueEncoder().encode(state) }),
            ("print", Self.timePerCall(iterations) { _ = json.text }),
            ("parse", Self.timePerCall(iterations) { _ = try JSON(parsing: bytes) }),
            ("decode", Self.timePerCall(iterations) { _ = try decoder.decode(ExecutionState.self, from: json) }),
        ].map { "\($0.0) \(Int($0.1 * 1e6)) µs" }.joined(separator: ", ")
        print(
            """
            ExecutionState encode+decode (Parallel of 4 waiting tasks, \(lines)-line order):
              Foundation JSONEncoder/JSONDecoder: \(Int(foundation * 1e6)) µs, \(foundationSize) bytes
              JSONValueEncoder/Decoder + text:    \(Int(value * 1e6)) µs, \(valueSize) bytes
                (\(phases))
              ratio: \(Double(Int(ratio * 10)) / 10)x
            """)
        #expect(ratio > 1)
    }
}
