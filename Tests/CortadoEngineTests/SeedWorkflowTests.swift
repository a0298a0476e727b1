import CortadoJSON
import Foundation
import Testing

/// The bookstore order flow of seed 003 ("AWS Step Functions - Simple Order Flow"), run with `cortado run`
/// exactly as a reader would, its Lambda tasks answered by `examples/bookstore/mocks.json`.
@Suite(.serialized) struct SeedWorkflowTests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/bookstore")

    func run(_ testCase: String, input: String) throws -> CortadoCLI.Output {
        try CortadoCLI.run([
            "run", Self.examples.appendingPathComponent("order-flow.asl.json").path, "--input", input,
            "--mock-config", Self.examples.appendingPathComponent("mocks.json").path, "--test-case", testCase,
            "--json", "--history",
        ])
    }

    func states(_ result: JSON) -> [String] {
        (result["history"]?.arrayValue ?? []).compactMap { $0["stateEnteredEventDetails"]?["name"]?.stringValue }
    }

    @Test func bookInStockGoesStraightToTheParallelBranches() throws {
        let r = try run("InStock", input: #"{"orderId": "123", "bookId": "343222"}"#)
        #expect(r.status == 0)
        let result = try r.json()
        #expect(result["status"] == "SUCCEEDED")
        #expect(result["output"] == [["discountCode": "NEXT10"], ["points": 120], ["shipmentId": "S-1"], ["recommendations": "updated"]])
        let entered = states(result)
        #expect(entered.prefix(4) == ["Order Handling", "CheckInventory", "Choice", "Pass"])
        #expect(!entered.contains("OrderPrint"))
        #expect(entered.last == "Order Handled")
    }

    @Test func bookWithoutStockIsPrintedAfterARetriedThrottle() throws {
        let r = try run("NeedsPrinting", input: #"{"orderId": "124", "bookId": "343122"}"#)
        #expect(r.status == 0)
        let result = try r.json()
        #expect(result["status"] == "SUCCEEDED")
        let entered = states(result)
        #expect(entered.prefix(4) == ["Order Handling", "CheckInventory", "Choice", "OrderPrint"])
        let history = result["history"]?.arrayValue ?? []
        // The first CheckInventory attempt failed with Lambda.ServiceException and was retried 2 s later.
        let failed = history.filter { $0["type"] == "TaskFailed" }
        #expect(failed.count == 1)
        #expect(failed.first?["taskFailedEventDetails"]?["error"] == "Lambda.ServiceException")
        let scheduled = history.filter { $0["type"] == "TaskScheduled" }.compactMap { $0["timestamp"]?.doubleValue }
        #expect(scheduled.count >= 2)
        if scheduled.count >= 2 { #expect(abs(scheduled[1] - scheduled[0] - 2) < 0.001) }
    }

    /// The seed's comment thread: a reader whose function answered without the `lambda:invoke` wrapper got
    /// exactly this error from AWS.
    @Test func unwrappedFunctionOutputFailsAsOnAWS() throws {
        let r = try run("FunctionArnOutput", input: #"{"orderId": "123", "bookId": "343222"}"#)
        #expect(r.status == 1)
        let result = try r.json()
        #expect(result["status"] == "FAILED")
        #expect(result["error"] == "States.Runtime")
        #expect(
            result["cause"]
                == "An error occurred while executing the state 'CheckInventory' (entered at the event id #4). Invalid path '$.Payload' : No results for path: $['Payload']"
        )
    }
}
