import CortadoEngine
import CortadoJSON
import CortadoStore
import Testing

/// The table service called without HTTP: concurrency, transactions and streams as a user sees them.
@Suite struct DynamoDBServiceTests {
    let harness = Harness()
    var tables: DynamoDBService { harness.server.tables }

    @discardableResult
    func call(_ action: String, _ body: JSON) async throws -> JSON {
        try await tables.handle(action: action, body: body).get()
    }

    func createTable(_ name: String, stream: Bool = false) async throws {
        var body: JSONObject = [
            "TableName": .string(name), "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [["AttributeName": "PK", "AttributeType": "S"]],
            "KeySchema": [["AttributeName": "PK", "KeyType": "HASH"]],
        ]
        if stream { body["StreamSpecification"] = ["StreamEnabled": true, "StreamViewType": "NEW_IMAGE"] }
        try await call("CreateTable", .object(body))
    }

    @Test func concurrentConditionalIncrementsLoseNothing() async throws {
        try await createTable("counters")
        try await call("PutItem", ["TableName": "counters", "Item": ["PK": ["S": "c"], "n": ["N": "0"]]])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    try await call(
                        "UpdateItem",
                        [
                            "TableName": "counters", "Key": ["PK": ["S": "c"]], "UpdateExpression": "SET n = n + :one",
                            "ConditionExpression": "attribute_exists(PK)", "ExpressionAttributeValues": [":one": ["N": "1"]],
                        ])
                }
            }
            try await group.waitForAll()
        }
        let item = try await call("GetItem", ["TableName": "counters", "Key": ["PK": ["S": "c"]]])
        #expect(item["Item"]?["n"] == ["N": "200"])
    }

    @Test func putIfAbsentRacesHaveOneWinner() async throws {
        try await createTable("claims")
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<20 {
                group.addTask {
                    let answer = await tables.handle(
                        action: "PutItem",
                        body: [
                            "TableName": "claims", "Item": ["PK": ["S": "order-1"], "barista": .object(["S": .string("b\(i)")])],
                            "ConditionExpression": "attribute_not_exists(PK)",
                        ])
                    if case .failure(let e) = answer {
                        #expect(e.type == "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException")
                        return false
                    }
                    return true
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
    }

    @Test func aCanceledTransactionWritesNothing() async throws {
        try await createTable("stock")
        try await call("PutItem", ["TableName": "stock", "Item": ["PK": ["S": "beans"], "kg": ["N": "0"]]])
        let answer = await tables.handle(
            action: "TransactWriteItems",
            body: [
                "TransactItems": [
                    ["Put": ["TableName": "stock", "Item": ["PK": ["S": "order"]]]],
                    [
                        "Update": [
                            "TableName": "stock", "Key": ["PK": ["S": "beans"]], "UpdateExpression": "SET kg = kg - :one",
                            "ConditionExpression": "kg > :zero", "ExpressionAttributeValues": [":one": ["N": "1"], ":zero": ["N": "0"]],
                        ]
                    ],
                ]
            ])
        guard case .failure(let e) = answer else {
            Issue.record("the transaction should have been canceled")
            return
        }
        #expect(e.type == "com.amazonaws.dynamodb.v20120810#TransactionCanceledException")
        #expect(
            e.fields["CancellationReasons"] == [
                ["Code": "None"], ["Code": "ConditionalCheckFailed", "Message": "The conditional request failed"],
            ])
        let order = try await call("GetItem", ["TableName": "stock", "Key": ["PK": ["S": "order"]]])
        #expect(order["Item"] == nil)
    }

    @Test func streamRecordsFollowCommits() async throws {
        try await createTable("events", stream: true)
        for i in 0..<3 {
            try await call("PutItem", ["TableName": "events", "Item": ["PK": .object(["S": .string("k\(i)")])]])
        }
        try await call("DeleteItem", ["TableName": "events", "Key": ["PK": ["S": "k1"]]])
        let records = try await tables.streamRecords(table: "events", after: 0, limit: 10)
        #expect(records.map(\.0) == [1, 2, 3, 4])
        #expect(records.map { $0.1["eventName"]?.stringValue } == ["INSERT", "INSERT", "INSERT", "REMOVE"])
        #expect(records[0].1["dynamodb"]?["NewImage"] == ["PK": ["S": "k0"]])
        #expect(records[3].1["dynamodb"]?["NewImage"] == nil)
    }
}
