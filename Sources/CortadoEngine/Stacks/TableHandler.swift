import CortadoJSON

/// `AWS::DynamoDB::Table`: `Ref` is the table's name; `Arn` and `StreamArn` attributes. A new name or key
/// schema replaces the table; streams and time to live change in place.
struct TableHandler: ResourceHandler {
    let tables: DynamoDBService

    func create(_ logicalId: String, _ p: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        let name = try p.string("TableName", logicalId) ?? stack.physicalName(logicalId, limit: 255)
        var body: JSONObject = ["TableName": .string(name)]
        for key in [
            "AttributeDefinitions", "KeySchema", "BillingMode", "ProvisionedThroughput", "GlobalSecondaryIndexes",
            "LocalSecondaryIndexes", "StreamSpecification",
        ] {
            if let v = p[key] { body[key] = v }
        }
        if case .object(var stream)? = body["StreamSpecification"], stream["StreamEnabled"] == nil {
            // CloudFormation's StreamSpecification has only the view type; the API wants it switched on too.
            stream["StreamEnabled"] = true
            body["StreamSpecification"] = .object(stream)
        }
        if body["BillingMode"] == nil, body["ProvisionedThroughput"] == nil { body["BillingMode"] = "PAY_PER_REQUEST" }
        let answer = try await tables.handle(action: "CreateTable", body: .object(body)).answer(logicalId)
        try await timeToLive(logicalId, name, p)
        return StackResource(
            logicalId: logicalId, type: "AWS::DynamoDB::Table", physicalId: name, ref: .string(name),
            attributes: Self.attributes(answer["TableDescription"]))
    }

    func update(_ old: StackResource, from: JSONObject, to: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        guard from["TableName"] == to["TableName"], from["KeySchema"] == to["KeySchema"] else {
            return try await replace(old, from: from, to: to, stack)
        }
        var resource = old
        if from["StreamSpecification"] != to["StreamSpecification"] {
            var stream: JSONObject = ["StreamEnabled": .bool(to["StreamSpecification"] != nil)]
            if let view = to["StreamSpecification"]?["StreamViewType"] { stream["StreamViewType"] = view }
            let answer = try await tables.handle(
                action: "UpdateTable", body: ["TableName": .string(old.physicalId), "StreamSpecification": .object(stream)]
            ).answer(old.logicalId)
            resource.attributes = Self.attributes(answer["TableDescription"])
        }
        if from["TimeToLiveSpecification"] != to["TimeToLiveSpecification"] { try await timeToLive(old.logicalId, old.physicalId, to) }
        return resource
    }

    func delete(_ resource: StackResource, _ p: JSONObject, _ stack: StackContext) async throws(StackError) {
        _ = try await tables.handle(action: "DeleteTable", body: ["TableName": .string(resource.physicalId)]).answer(resource.logicalId)
    }

    func timeToLive(_ logicalId: String, _ name: String, _ p: JSONObject) async throws(StackError) {
        guard case .object(let ttl)? = p["TimeToLiveSpecification"] else { return }
        _ = try await tables.handle(
            action: "UpdateTimeToLive", body: ["TableName": .string(name), "TimeToLiveSpecification": .object(ttl)]
        ).answer(logicalId)
    }

    static func attributes(_ description: JSON?) -> [String: JSON] {
        var out: [String: JSON] = ["Arn": description?["TableArn"] ?? .null]
        if let stream = description?["LatestStreamArn"] { out["StreamArn"] = stream }
        return out
    }
}
