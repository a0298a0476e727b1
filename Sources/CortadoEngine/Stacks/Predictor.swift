import CortadoJSON
import CortadoTemplates

/// What a resource not made yet will answer to `Ref` and `Fn::GetAtt`, from its type and its name property (or the
/// shape of a generated name), so definitions and outputs can be checked before anything is made. Values only
/// need the right shape: a Lambda ARN where a Task's `Resource` names a function, say.
struct Predictor: Sendable {
    let types: [String: (type: String, name: String)]
    let region: String
    let account: String

    init(plan: DeploymentPlan, context: StackContext) {
        var types: [String: (type: String, name: String)] = [:]
        for resource in plan.resources {
            let key = Self.nameProperty[resource.type] ?? ""
            let name = resource.properties[key]?.stringValue ?? "\(context.stackName)-\(resource.logicalId)-PREDICTED0000"
            types[resource.logicalId] = (resource.type, name)
        }
        self.types = types
        region = context.region
        account = context.account
    }

    static let nameProperty: [String: String] = [
        "AWS::StepFunctions::StateMachine": "StateMachineName", "AWS::Lambda::Function": "FunctionName", "AWS::Events::EventBus": "Name",
        "AWS::Events::Rule": "Name", "AWS::Logs::LogGroup": "LogGroupName", "AWS::DynamoDB::Table": "TableName",
        "AWS::S3::Bucket": "BucketName", "AWS::IAM::Role": "RoleName",
    ]

    func value(_ resource: String, _ attribute: String?) -> JSON? {
        guard let (type, name) = types[resource] else { return nil }
        let arn: String
        switch type {
        case "AWS::StepFunctions::StateMachine":
            arn = "arn:aws:states:\(region):\(account):stateMachine:\(name)"
            if attribute == nil { return .string(arn) }
        case "AWS::Lambda::Function": arn = "arn:aws:lambda:\(region):\(account):function:\(name)"
        case "AWS::Events::EventBus": arn = "arn:aws:events:\(region):\(account):event-bus/\(name)"
        case "AWS::Events::Rule": arn = "arn:aws:events:\(region):\(account):rule/\(name)"
        case "AWS::Logs::LogGroup": arn = "arn:aws:logs:\(region):\(account):log-group:\(name):*"
        case "AWS::DynamoDB::Table":
            arn = "arn:aws:dynamodb:\(region):\(account):table/\(name)"
            if attribute == "StreamArn" { return .string(arn + "/stream/1970-01-01T00:00:00.000") }
        case "AWS::S3::Bucket": arn = "arn:aws:s3:::\(name)"
        case "AWS::IAM::Role": arn = "arn:aws:iam::\(account):role/\(name)"
        default: arn = "arn:aws:cortado:\(region):\(account):\(resource)"
        }
        switch attribute {
        case nil: return .string(name)
        case "Arn": return .string(arn)
        case "Name": return .string(name)
        default: return .string("\(arn)/\(attribute!)")
        }
    }
}
