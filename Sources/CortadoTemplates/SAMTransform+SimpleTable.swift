import CortadoJSON

extension SAMTransform {
    mutating func expandSimpleTable(_ source: SAMResource) throws(TemplateError) {
        var name: JSON = "id"
        var type = "S"
        if let key = source.properties["PrimaryKey"] {
            guard case .object(let members) = key, let keyName = members["Name"] else {
                throw TemplateError(location: source.property("PrimaryKey"), message: "must be {Name, Type}")
            }
            name = keyName
            switch members["Type"] {
            case .string("String")?: type = "S"
            case .string("Number")?: type = "N"
            case .string("Binary")?: type = "B"
            case let other?:
                throw TemplateError(
                    location: source.property("PrimaryKey/Type"), message: "must be String, Number or Binary, not \(other.text)")
            case nil:
                throw TemplateError(location: source.property("PrimaryKey/Type"), message: "a primary key needs a Type")
            }
        }
        var table: JSONObject = [
            "AttributeDefinitions": [["AttributeName": name, "AttributeType": .string(type)]],
            "KeySchema": [["AttributeName": name, "KeyType": "HASH"]],
        ]
        if let throughput = source.properties["ProvisionedThroughput"] {
            table["ProvisionedThroughput"] = throughput
        } else {
            table["BillingMode"] = "PAY_PER_REQUEST"
        }
        if let tableName = source.properties["TableName"] { table["TableName"] = tableName }
        if let tags = Self.tagList(source.properties["Tags"]) { table["Tags"] = tags }
        ignore(["SSESpecification", "PointInTimeRecoverySpecification"], of: source)
        warnUnknown(
            source,
            known: ["PrimaryKey", "ProvisionedThroughput", "TableName", "Tags", "SSESpecification", "PointInTimeRecoverySpecification"])
        try emit(source.id, type: "AWS::DynamoDB::Table", properties: table, from: source, primary: true)
    }
}
