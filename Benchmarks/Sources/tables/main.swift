// DynamoDB item actions per second, in-process (DynamoDBService without HTTP), on the in-memory item
// store and on SQLite (durable: every acknowledged write is synced). For each store and operation,
// `--tasks` concurrent callers send requests back to back for `--seconds`.
//
//   Benchmarks/tables.sh [--seconds 3] [--tasks 16]

import CortadoEngine
import CortadoJSON
import CortadoStore
import CortadoStoreSQLite
import Foundation

struct Options {
    var seconds = 3.0
    var tasks = 16

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "--seconds": seconds = Double(arguments[i + 1]) ?? seconds; i += 1
            case "--tasks": tasks = Int(arguments[i + 1]) ?? tasks; i += 1
            default: break
            }
            i += 1
        }
    }
}

final class WallClock: EngineClock {
    func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
    func sleep(until time: Int64) async throws {
        try await Task.sleep(for: .milliseconds(max(0, time - now())))
    }
}

let partitions = 200

func request(_ op: String, _ task: Int, _ i: Int) -> (String, JSON) {
    let p = Int.random(in: 0..<partitions)
    let k = Int.random(in: 0..<10)
    switch op {
    case "put":
        return (
            "PutItem",
            [
                "TableName": "bench",
                "Item": [
                    "PK": .object(["S": .string("w\(task)")]), "SK": .object(["S": .string("put-\(i)")]), "n": .object(["N": .string(String(i))]),
                    "payload": .object(["S": .string(String(repeating: "x", count: 150))]), "tags": ["SS": ["a", "b"]],
                ],
            ]
        )
    case "get":
        return ("GetItem", ["TableName": "bench", "Key": ["PK": .object(["S": .string("p\(p)")]), "SK": .object(["S": .string("item-\(k)")])]])
    case "update":
        return (
            "UpdateItem",
            [
                "TableName": "bench", "Key": ["PK": .object(["S": .string("p\(p)")]), "SK": .object(["S": .string("item-\(k)")])],
                "UpdateExpression": "SET n = n + :one", "ConditionExpression": "attribute_exists(PK)",
                "ExpressionAttributeValues": [":one": ["N": "1"]], "ReturnValues": "UPDATED_NEW",
            ]
        )
    default:
        return (
            "Query",
            [
                "TableName": "bench", "KeyConditionExpression": "PK = :p AND begins_with(SK, :s)",
                "ExpressionAttributeValues": [":p": .object(["S": .string("p\(p)")]), ":s": ["S": "item-"]],
            ]
        )
    }
}

func seed(_ tables: DynamoDBService) async throws {
    _ = try await tables.handle(
        action: "CreateTable",
        body: [
            "TableName": "bench", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [["AttributeName": "PK", "AttributeType": "S"], ["AttributeName": "SK", "AttributeType": "S"]],
            "KeySchema": [["AttributeName": "PK", "KeyType": "HASH"], ["AttributeName": "SK", "KeyType": "RANGE"]],
        ]
    ).get()
    for p in 0..<partitions {
        let requests: [JSON] = (0..<10).map { j in
            [
                "PutRequest": [
                    "Item": [
                        "PK": .object(["S": .string("p\(p)")]), "SK": .object(["S": .string("item-\(j)")]), "n": ["N": "0"],
                        "payload": .object(["S": .string(String(repeating: "y", count: 150))]),
                    ]
                ]
            ]
        }
        _ = try await tables.handle(action: "BatchWriteItem", body: ["RequestItems": ["bench": .array(requests)]]).get()
    }
}

func measure(_ tables: DynamoDBService, _ op: String, _ options: Options) async throws -> Double {
    let start = ContinuousClock.now
    let deadline = start + .milliseconds(Int(options.seconds * 1000))
    let count = try await withThrowingTaskGroup(of: Int.self) { group in
        for task in 0..<options.tasks {
            group.addTask {
                var i = 0
                while ContinuousClock.now < deadline {
                    let (action, body) = request(op, task, i)
                    _ = try await tables.handle(action: action, body: body).get()
                    i += 1
                }
                return i
            }
        }
        return try await group.reduce(0, +)
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Double(count) / seconds
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let cores = ProcessInfo.processInfo.activeProcessorCount
print("DynamoDB item actions in-process, \(options.tasks) concurrent callers x \(options.seconds) s; \(cores) cores")
print("store    " + ["put", "get", "update", "query"].map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined())
for storeName in ["memory", "sqlite"] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cortado-tables-bench-\(UUID().uuidString)")
    let store: any ExecutionStore
    let items: any ItemStore
    if storeName == "sqlite" {
        let sqlite = try SQLiteStore(directory: directory.path)
        (store, items) = (sqlite, sqlite)
    } else {
        (store, items) = (InMemoryStore(), InMemoryItemStore())
    }
    let tables = DynamoDBService(store: store, items: items, clock: WallClock(), configuration: EngineConfiguration())
    try await seed(tables)
    var row = storeName.padding(toLength: 9, withPad: " ", startingAt: 0)
    for op in ["put", "get", "update", "query"] {
        let rate = try await measure(tables, op, options)
        row += String(format: "%-10.0f", rate)
    }
    print(row + "ops/s")
    try? FileManager.default.removeItem(at: directory)
}
